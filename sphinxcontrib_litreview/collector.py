"""Keep Python's cyclic garbage collector off memory that cannot be garbage.

An incremental build starts by unpickling Sphinx's environment: millions of small
objects (every page's metadata and toctree, the search index's words, each
domain's data) that all live until the build ends. Python runs a full collection
each time the heap has grown by a quarter and walks the whole heap each time. While
the pickle loads, that is a walk of the growing heap every few hundred milliseconds;
afterwards, every full collection walks the loaded environment again, although none
of it can be garbage. On a 5,000-episode review those walks were a quarter of an
incremental rebuild (1.3 s of 4.7 s).

So the collector is paused while Sphinx loads the pickle (nothing being unpickled
can be garbage yet), and once the builder exists, everything alive is moved to the
collector's permanent generation (:func:`gc.freeze`), which full collections skip.
Garbage made later in the build is collected as usual.

The frozen objects stay frozen when the build ends: the collection Python runs as
the process exits would otherwise walk them all once more (0.9 s of a 5.4 s
rebuild). A process that runs another build (a test suite, a server rebuilding on
change) gets them back at the start of that build, so an old environment is freed
then; one that wants them back sooner calls :func:`gc.unfreeze`. A serial build
that starts from scratch loads nothing and freezes nothing in the main process.

With ``-j``, Sphinx forks a process for each chunk of pages to read or write. The
child shares the main process's memory until either writes to it, and a full
collection in the child writes to every object it walks (the collector keeps its
bookkeeping in each object's header): it copies the whole inherited heap, page by
page, although the child only adds to it and exits. So each forked process freezes
what it inherited before its first page, as the :mod:`gc` documentation advises
for processes that fork without exec. On 20,000 episodes this took a ``-j 2`` build
from 426 s to 359 s.

In a ``-j`` build the main process reads nothing itself: it unpickles each reader's
copy of the whole environment and merges that chunk's pages. Each copy holds every
page merged before its reader forked, so copies grow as the build goes on, and each
one is a heap of node trees that only the collector can free. Left alone, Python
ran about three full collections per chunk, each walking the main environment,
the copy being unpickled and the copies not yet freed: on 20,000 episodes (64
chunks) that was 166 s of the main process's 200 s of reading, against 67 s for
the whole serial read. So while it merges, the main process freezes what it holds
after each chunk, keeps the automatic collector paused, and collects only when
the frozen heap has grown to three times what survived the last collection
(mostly by copies that are garbage by then): a few walks per copy instead of
three of everything. When reading ends (``env-updated``, first), it collects once
and freezes the merged environment, which lives until the build ends.

The collector's state is the process's, not a build's, hence module state here.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.application import ENV_PICKLE_FILENAME

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: Whether this module paused the collector (and so must resume it): a collector
#: the user switched off stays off. A build that stops between the two events (a
#: theme error, say) leaves it set, and the next build's ``builder-inited`` resumes.
_paused = False


def pause_for_loading(app: Sphinx, config: Config) -> None:
    """``config-inited``, last: Sphinx loads the environment right after this event."""
    global _paused
    if _merging:  # an earlier build in this process stopped while reading
        _stop_merging()
    loading = gc.isenabled() and (Path(app.doctreedir) / ENV_PICKLE_FILENAME).is_file()
    if gc.get_freeze_count():
        # An earlier build in this process froze its objects: they are ordinary
        # objects again, and what of them is garbage goes before this build freezes.
        gc.unfreeze()
        if loading:
            gc.collect()
    if loading:
        gc.disable()
        _paused = True


def freeze_loaded(app: Sphinx) -> None:
    """``builder-inited``, first: the environment is loaded and the builder made."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


#: The process that made the builder; any other process running a build's events
#: is one Sphinx forked to read or write a chunk of pages with ``-j``.
_main_pid: int | None = None
#: The forked process that froze what it inherited.
_frozen_pid: int | None = None


def note_main_process(app: Sphinx) -> None:
    global _main_pid
    _main_pid = os.getpid()


def freeze_inherited(app: Sphinx, *args: object) -> None:
    """First event in a forked reader or writer: freeze the memory it shares with
    the main process, so that its own full collections neither walk the inherited
    heap nor write to it (each walk would copy every shared page of memory)."""
    global _frozen_pid
    pid = os.getpid()
    if pid not in (_main_pid, _frozen_pid):
        _frozen_pid = pid
        gc.freeze()


#: Whether the main process paused the collector to merge parallel readers' copies.
_merging = False
#: How many objects were frozen after the last collection while merging.
_merge_base = 0
#: Collect when the frozen heap reaches this multiple of that: garbage is then at
#: most twice what is alive, and the survivors are walked once per two copies' worth.
_MERGE_GROWTH = 3


def merged_chunk(app: Sphinx, env: BuildEnvironment, docnames: Set[str], other: BuildEnvironment) -> None:
    """``env-merge-info``, last: the main process merged one parallel reader's copy."""
    global _merging, _merge_base
    if not _merging:
        if not gc.isenabled():
            return  # switched off by the user
        _merging = True
        gc.disable()
        gc.freeze()
        _merge_base = gc.get_freeze_count()
        return
    # The copies merged before this one are garbage now; this one is not, yet.
    gc.freeze()
    if gc.get_freeze_count() > _MERGE_GROWTH * _merge_base:
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        _merge_base = gc.get_freeze_count()


def merging_ends(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``, first: reading is over, in parallel or not."""
    if _merging:
        _stop_merging()
        gc.unfreeze()
        gc.collect()
        gc.freeze()


def _stop_merging() -> None:
    global _merging
    _merging = False
    gc.enable()


def setup_collector(app: Sphinx) -> None:
    app.connect("config-inited", pause_for_loading, priority=1000)
    app.connect("builder-inited", freeze_loaded, priority=0)
    app.connect("builder-inited", note_main_process)
    app.connect("source-read", freeze_inherited, priority=0)
    app.connect("html-page-context", freeze_inherited, priority=0)
    app.connect("env-merge-info", merged_chunk, priority=1000)
    app.connect("env-updated", merging_ends, priority=0)
