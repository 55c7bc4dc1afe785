"""The domain's data survives the environment pickle, compressed."""

from __future__ import annotations

import pickle

from test_incremental import copy_root

from sphinxcontrib_litreview.model import Episode
from sphinxcontrib_litreview.storage import PackedData


def test_packed_data_round_trips_and_is_smaller_than_a_plain_pickle():
    data = PackedData(
        episodes={
            f"E{n:03}": [Episode(f"E{n:03}", f"episodes/E{n:03}", 1, title=f"Paper {n}",
                                 summary="Reinforcement learning calibrates the model. " * 4)]
            for n in range(200)
        },
        version=0,
    )
    blob = pickle.dumps(data, pickle.HIGHEST_PROTOCOL)
    restored = pickle.loads(blob)
    assert type(restored) is PackedData
    assert restored == data
    assert len(blob) < len(pickle.dumps(dict(data), pickle.HIGHEST_PROTOCOL)) / 2


def test_environment_reloads_the_packed_domain_data(make_app, tmp_path):
    src = copy_root(tmp_path / "src")
    first = make_app("html", srcdir=src, freshenv=True)
    first.build()
    stored = dict(first.env.domains["litreview"].data)
    assert stored["episodes"], "the root defines episodes"

    env = pickle.loads((first.doctreedir / "environment.pickle").read_bytes())
    assert type(env.domaindata["litreview"]) is PackedData
    assert dict(env.domaindata["litreview"]) == stored

    # The next build starts from that pickle and still knows every episode.
    again = make_app("html", srcdir=src)
    assert dict(again.env.domains["litreview"].data) == stored


def test_parallel_readers_hand_data_back_uncompressed(monkeypatch):
    from sphinxcontrib_litreview import storage

    data = PackedData(episodes={"E001": ["text " * 50]})
    compressed = pickle.dumps(data, pickle.HIGHEST_PROTOCOL)
    monkeypatch.setattr(storage, "_MAIN_PID", -1)  # as in a forked parallel reader
    plain = pickle.dumps(data, pickle.HIGHEST_PROTOCOL)
    assert len(plain) > len(compressed)
    restored = pickle.loads(plain)
    assert type(restored) is PackedData
    assert restored == data
