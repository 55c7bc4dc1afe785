"""The cyclic collector skips the environment an incremental build loads."""

from __future__ import annotations

import gc
import os
import shutil
import weakref
from collections.abc import Iterator

import pytest
from test_incremental import copy_root
from test_parallel import ROOT as PARALLEL_ROOT
from test_parallel import build

from sphinxcontrib_litreview import collector, storage


@pytest.fixture(autouse=True)
def ordinary_collector() -> Iterator[None]:
    """Each test starts, and leaves the process, with nothing frozen and the collector on."""
    gc.unfreeze()
    gc.enable()
    yield
    gc.unfreeze()
    gc.enable()
    collector._paused = False
    collector._merging = False


def is_frozen(obj: object) -> bool:
    """Tracked by the collector, yet in none of its generations: the permanent one."""
    return gc.is_tracked(obj) and not any(o is obj for o in gc.get_objects())


def test_a_build_from_scratch_freezes_nothing(make_app, tmp_path):
    app = make_app("html", srcdir=copy_root(tmp_path / "src"), freshenv=True)
    app.build()
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_loading_runs_without_the_collector_then_the_environment_is_frozen(make_app, tmp_path, monkeypatch):
    src = copy_root(tmp_path / "src")
    make_app("html", srcdir=src, freshenv=True).build()

    # The domain's data is unpacked while Sphinx unpickles the environment.
    during_load: list[bool] = []
    unpack = storage._unpack

    def watched(blob: bytes) -> storage.PackedData:
        during_load.append(gc.isenabled())
        return unpack(blob)

    monkeypatch.setattr(storage, "_unpack", watched)
    app = make_app("html", srcdir=src)
    assert during_load == [False]
    assert gc.isenabled(), "the collector runs again once the builder exists"
    assert is_frozen(app.env)
    assert is_frozen(app.env.domains["litreview"].data)

    app.build()
    # What the build made is collected as usual; the loaded environment stays frozen,
    # so the collection as the process exits does not walk it.
    assert gc.isenabled()
    assert is_frozen(app.env)
    made_after = [app]
    assert gc.is_tracked(made_after) and not is_frozen(made_after)


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_the_next_build_in_the_process_frees_what_the_last_one_froze(make_app, tmp_path, monkeypatch):
    src = copy_root(tmp_path / "src")
    make_app("html", srcdir=src, freshenv=True).build()
    garbage: list[weakref.ref[Cycle]] = []
    unpack = storage._unpack

    def making_garbage(blob: bytes) -> storage.PackedData:
        garbage.append(weakref.ref(Cycle()))  # only the collector can free it
        return unpack(blob)

    monkeypatch.setattr(storage, "_unpack", making_garbage)
    make_app("html", srcdir=src).build()
    gc.collect()
    assert garbage[0]() is not None, "made while loading, frozen with the environment"

    make_app("html", srcdir=src)
    assert garbage[0]() is None


def test_a_collector_switched_off_stays_off(make_app, tmp_path):
    src = copy_root(tmp_path / "src")
    make_app("html", srcdir=src, freshenv=True).build()
    gc.disable()
    make_app("html", srcdir=src).build()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_build_that_stops_before_its_builder_leaves_the_collector_on(make_app, tmp_path):
    src = copy_root(tmp_path / "src")
    make_app("html", srcdir=src, freshenv=True).build()
    # Sphinx stopped (a theme error, say) after config-inited, before builder-inited.
    app = make_app("html", srcdir=src)
    collector.pause_for_loading(app, app.config)
    assert not gc.isenabled()
    # The next build in the process starts over from there.
    make_app("html", srcdir=src, freshenv=True).build()
    assert gc.isenabled()


def test_forked_readers_and_writers_freeze_what_they_inherit(make_app, tmp_path, monkeypatch):
    src = tmp_path / "src"
    shutil.copytree(PARALLEL_ROOT, src)
    app = make_app("html", srcdir=src, parallel=2, freshenv=True)
    # Each process Sphinx forks for -j 2 notes its pid and phase when it freezes.
    log = tmp_path / "freezes.txt"
    freeze = gc.freeze

    def recording() -> None:
        # Sphinx 9 keeps the build phase on the builder, Sphinx 8 on the application.
        phase = app.builder.phase if hasattr(app.builder, "phase") else app.phase
        with log.open("a") as fh:
            fh.write(f"{os.getpid()} {phase.name}\n")
        freeze()

    monkeypatch.setattr(gc, "freeze", recording)
    app.build()
    assert app.builder.parallel_ok
    freezes = [line.split() for line in log.read_text().splitlines()]
    forked = [pid for pid, _ in freezes if pid != str(os.getpid())]
    assert forked, "the readers and writers froze"
    assert len(forked) == len(set(forked)), "once per process"
    assert {phase for pid, phase in freezes if pid in forked} == {"READING", "WRITING"}
    # The main process freezes only while it merges the readers' copies (below).
    assert {phase for pid, phase in freezes if pid not in forked} == {"READING"}


def parallel_app(make_app, tmp_path):  # type: ignore[no-untyped-def]
    """A -j 2 build that Sphinx reads in four chunks (so three are merged after the
    first, which pauses the automatic collector)."""
    src = tmp_path / "src"
    shutil.copytree(PARALLEL_ROOT, src)
    for n in range(40):
        (src / f"extra{n}.md").write_text(f"---\norphan: true\n---\n# Extra {n}\n", "utf8")
    return make_app("html", srcdir=src, parallel=2, freshenv=True)


def test_merging_readers_copies_runs_without_the_automatic_collector(make_app, tmp_path):
    app = parallel_app(make_app, tmp_path)
    # As each chunk is merged (before the extension's handler, which runs last):
    # the copies unpickled after the first were unpickled with the collector paused.
    seen: list[bool] = []
    app.connect("env-merge-info", lambda app, env, docnames, other: seen.append(gc.isenabled()))
    app.build()
    assert len(seen) >= 4
    assert seen[0] and not any(seen[1:])
    assert gc.isenabled()
    # The merged environment is alive for the rest of the build: frozen.
    assert is_frozen(app.env.titles)


def watch_copies(app):  # type: ignore[no-untyped-def]
    """Weak references to the readers' copies of the environment, and how many of
    the earlier copies are still alive as each is merged."""
    copies: list[weakref.ref[object]] = []
    alive_at_merge: list[int] = []

    def watch(app, env, docnames, other):  # type: ignore[no-untyped-def]
        alive_at_merge.append(sum(ref() is not None for ref in copies))
        copies.append(weakref.ref(other))

    app.connect("env-merge-info", watch)
    return copies, alive_at_merge


def test_readers_copies_are_freed_while_merging_and_when_it_ends(make_app, tmp_path, monkeypatch):
    app = parallel_app(make_app, tmp_path)
    copies, alive_at_merge = watch_copies(app)
    # Collect at every merge: earlier copies are gone when the next is merged.
    monkeypatch.setattr(collector, "_MERGE_GROWTH", 1)
    app.build()
    assert len(copies) >= 4
    # At merge k, copy k-1 was frozen alive by the last merge and is freed at this one.
    assert alive_at_merge == [0] + [1] * (len(copies) - 1)
    assert all(ref() is None for ref in copies), "the last copies go when reading ends"


def test_merging_keeps_copies_until_the_frozen_heap_has_grown(make_app, tmp_path):
    app = parallel_app(make_app, tmp_path)
    copies, alive_at_merge = watch_copies(app)
    alive_after_reading: list[int] = []
    app.connect(
        "env-updated", lambda app, env: alive_after_reading.append(sum(r() is not None for r in copies)), priority=1
    )
    app.build()
    # A few small copies are nothing beside the process's heap: none is collected
    # while merging, all of them are once reading ends.
    assert alive_at_merge == list(range(len(copies)))
    assert alive_after_reading == [0]


def test_a_collector_switched_off_stays_off_while_merging(make_app, tmp_path):
    app = parallel_app(make_app, tmp_path)
    gc.disable()
    app.build()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_build_that_stops_while_merging_leaves_the_collector_on(make_app, tmp_path):
    app = parallel_app(make_app, tmp_path)
    # A reader failed: Sphinx stopped between two merges.
    collector.merged_chunk(app, app.env, set(), app.env)
    assert not gc.isenabled()
    # The next build in the process starts with the collector on.
    make_app("html", srcdir=app.srcdir, freshenv=True)
    assert gc.isenabled()
    assert not collector._merging


def test_the_main_process_never_freezes_as_if_forked(make_app, tmp_path, monkeypatch):
    frozen: list[int] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(os.getpid()))
    build(make_app, tmp_path, "src", parallel=1)
    assert frozen == []


def test_what_a_stopped_merge_froze_is_freed_before_the_next_build_loads(make_app, tmp_path):
    app = parallel_app(make_app, tmp_path)
    app.build()
    garbage = weakref.ref(Cycle())  # only the collector can free it
    # A reader failed after the first merge froze the heap, garbage included.
    collector.merged_chunk(app, app.env, set(), app.env)
    assert garbage() is not None
    make_app("html", srcdir=app.srcdir)
    assert garbage() is None
    assert gc.isenabled()
