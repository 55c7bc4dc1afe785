"""How the domain's data is stored in the pickled build environment.

Most of that data is episode and term text (titles, summaries, definitions) that
previews, listings and the export need when pages are written. Text compresses
two to three times, so the data is kept zlib-compressed inside the pickle; in
memory it is an ordinary dict.

A parallel reader (a process Sphinx forks to read a chunk of pages) hands its whole
environment back through a pipe, and the main process unpickles it only to merge
that chunk's part. So there the data pickles as its ``handback`` instead: what the
merge reads, uncompressed. Which of the two a process is, the domain tells (it
records the process that started reading, see ``LitreviewDomain.reading_begins``).
"""

from __future__ import annotations

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

    #: Set by the domain, never pickled: in a parallel reader, what it sends back;
    #: None in the process that owns the environment.
    handback: Callable[[], dict[str, Any] | None]

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        handback = getattr(self, "handback", None)
        sent = handback() if handback is not None else None
        if sent is not None:
            # Once per chunk of pages, through a pipe: compressing only costs time.
            return (PackedData, (sent,))
        payload = pickle.dumps(dict(self), pickle.HIGHEST_PROTOCOL)
        return (_unpack, (zlib.compress(payload, _LEVEL),))


def _unpack(blob: bytes) -> PackedData:
    return PackedData(pickle.loads(zlib.decompress(blob)))
