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
    pids = [pid for pid, _ in freezes]
    assert str(os.getpid()) not in pids, "the main process freezes nothing in a build from scratch"
    assert len(pids) == len(set(pids)), "once per process"
    assert {phase for _, phase in freezes} == {"READING", "WRITING"}


def test_the_main_process_never_freezes_as_if_forked(make_app, tmp_path, monkeypatch):
    frozen: list[int] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(os.getpid()))
    build(make_app, tmp_path, "src", parallel=1)
    assert frozen == []
