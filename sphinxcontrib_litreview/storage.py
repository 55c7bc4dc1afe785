"""How the domain's data is stored in the pickled build environment.

Most of that data is episode and term text (titles, summaries, definitions) that
previews, listings and the export need when pages are written. Text compresses
two to three times, so the data is kept zlib-compressed inside the pickle; in
memory it is an ordinary dict.
"""

from __future__ import annotations

import os
import pickle
import zlib
from typing import Any

#: zlib's fastest level: compressing a 5,000-episode review takes about 30 ms.
_LEVEL = 1


class PackedData(dict[str, Any]):
    """A dict that pickles as one compressed blob (one pickle memo for all of it,
    so strings shared between its tables are still stored once)."""

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        if os.getpid() != _MAIN_PID:
            # A parallel reader (a forked process) hands its environment back through
            # a pipe, once per chunk of pages: compressing that only costs time.
            return (PackedData, (dict(self),))
        payload = pickle.dumps(dict(self), pickle.HIGHEST_PROTOCOL)
        return (_unpack, (zlib.compress(payload, _LEVEL),))


#: The process that imported the extension: Sphinx's, which writes the pickle file.
_MAIN_PID = os.getpid()


def _unpack(blob: bytes) -> PackedData:
    return PackedData(pickle.loads(zlib.decompress(blob)))
