"""How the domain's data is stored in the pickled build environment.

Most of that data is episode and term text (titles, summaries, definitions) that
previews, listings and the export need when pages are written. Text compresses
two to three times, so the data is kept zlib-compressed inside the pickle; in
memory it is an ordinary dict.

A parallel reader (a process Sphinx forks to read a chunk of pages) hands its whole
environment back through a pipe, and the main process unpickles it only to merge
that chunk's part. So there the data pickles as its ``handback`` instead: what the
merge reads, uncompressed.
"""

from __future__ import annotations

import os
import pickle
import zlib
from collections.abc import Callable
from typing import Any

#: zlib's fastest level: compressing a 5,000-episode review takes about 30 ms.
_LEVEL = 1


class PackedData(dict[str, Any]):
    """A dict that pickles as one compressed blob (one pickle memo for all of it,
    so strings shared between its tables are still stored once)."""

    __slots__ = ("handback",)

    #: Returns what a parallel reader sends back (set by the domain; never pickled).
    handback: Callable[[], dict[str, Any]]

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        if os.getpid() != _MAIN_PID:
            # Once per chunk of pages, through a pipe: compressing only costs time.
            handback = getattr(self, "handback", None)
            return (PackedData, (handback() if handback else dict(self),))
        payload = pickle.dumps(dict(self), pickle.HIGHEST_PROTOCOL)
        return (_unpack, (zlib.compress(payload, _LEVEL),))


#: The process that writes the pickle file: the one in which reading began (Sphinx
#: forks parallel readers after that). Not the one that imported the extension: a
#: forking test or task runner imports it, then builds in a child.
_MAIN_PID = os.getpid()


def note_reading_process() -> None:
    """Called as reading begins, before any parallel reader is forked."""
    global _MAIN_PID
    _MAIN_PID = os.getpid()


def _unpack(blob: bytes) -> PackedData:
    return PackedData(pickle.loads(zlib.decompress(blob)))
