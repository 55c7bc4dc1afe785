"""Writing generated files without disturbing watchers and incremental builds."""

from __future__ import annotations

import os
from pathlib import Path


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write *data* to *path* unless it already holds exactly that; True if written.

    An unchanged file keeps its modification time, so neither Sphinx nor
    sphinx-autobuild sees a change; the write is atomic, so a watcher never reads
    a half-written file.
    """
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return True
