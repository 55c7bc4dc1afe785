"""A build in a process forked after the extension was imported (a forking test or
task runner, mutmut) still writes all of its domain data to the environment pickle."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from test_incremental import copy_root

from sphinxcontrib_litreview import storage
from sphinxcontrib_litreview.storage import PackedData


def test_build_in_a_process_forked_after_import_pickles_all_its_data(
    make_app: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As in a child forked from the process that imported the extension.
    monkeypatch.setattr(storage, "_MAIN_PID", -1)
    src = copy_root(tmp_path / "src")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    stored = dict(app.env.domains["litreview"].data)
    assert stored["episodes"], "the root defines episodes"

    env = pickle.loads((app.doctreedir / "environment.pickle").read_bytes())
    assert type(env.domaindata["litreview"]) is PackedData
    assert dict(env.domaindata["litreview"]) == stored
