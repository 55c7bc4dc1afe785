"""The domain's data survives the environment pickle, compressed."""

from __future__ import annotations

import copy
import pickle
import shutil
from pathlib import Path

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


def test_parallel_readers_hand_data_back_uncompressed():
    data = PackedData(episodes={"E001": ["text " * 50]})
    compressed = pickle.dumps(data, pickle.HIGHEST_PROTOCOL)
    data.handback = lambda: dict(data)  # as the domain answers in a forked parallel reader
    plain = pickle.dumps(data, pickle.HIGHEST_PROTOCOL)
    assert len(plain) > len(compressed)
    restored = pickle.loads(plain)
    assert type(restored) is PackedData
    assert restored == data


def _build_in_child(src: str, out: str) -> None:
    from sphinx.application import Sphinx

    app = Sphinx(src, src, out, f"{out}/.doctrees", "html", status=None, warning=None)
    app.build()


def test_a_build_in_a_forked_process_keeps_the_whole_environment(make_app, tmp_path):
    """A tool that imports the extension and then forks a process to run the build
    (sphinx-autobuild-like runners, test harnesses) must get a complete environment
    pickle: the process that reads is the one that owns the environment."""
    import multiprocessing

    import sphinxcontrib_litreview.extension  # noqa: F401  loaded before the fork, as such a tool does

    src = copy_root(tmp_path / "src")
    out = tmp_path / "out"
    child = multiprocessing.get_context("fork").Process(target=_build_in_child, args=(str(src), str(out)))
    child.start()
    child.join(120)
    assert child.exitcode == 0

    env = pickle.loads((out / ".doctrees" / "environment.pickle").read_bytes())
    stored = env.domaindata["litreview"]
    assert stored["episodes"] and stored["views"], "the child's pickle holds all the data"
    # ... not a parallel reader's handback, which leaves out what only the main process
    # keeps (the page digests that make the next build incremental)
    assert stored["digests"]


def test_a_parallel_reader_hands_back_only_its_pages(make_app, tmp_path):
    """What a reader sends is what merge_domaindata reads for its chunk, and merging it
    restores that chunk's data exactly."""
    src = tmp_path / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-parallel", src)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    domain = app.env.domains["litreview"]
    before = copy.deepcopy(dict(domain.data))
    chunk = {"topic1", "eps-a", "glossary"}
    assert all(doc in domain.defined or doc in domain.citations for doc in chunk)

    domain._read_here = set(chunk)
    domain._reading_pid = -1  # as seen from a forked parallel reader
    sent = pickle.loads(pickle.dumps(domain.data, pickle.HIGHEST_PROTOCOL))
    domain._reading_pid = None

    for name in ("defined", "topics", "citations", "term_uses", "views", "glossary"):
        assert set(sent[name]) <= chunk, name
    assert set(sent["defined"]) == {doc for doc in chunk if doc in before["defined"]}
    defined_here = {key for pairs in sent["defined"].values() for _kind, key in pairs}
    assert set(sent["episodes"]) | set(sent["terms"]) == defined_here
    # the chunk's own definitions of each key go; clashes are found after the merge
    assert all(
        sent["episodes"][key] == [e for e in before["episodes"][key] if e.docname in chunk]
        for key in sent["episodes"]
    )
    assert "digests" not in sent
    assert len(pickle.dumps(dict(sent))) < len(pickle.dumps(before)) / 2

    for doc in chunk:
        domain.clear_doc(doc)
    domain.merge_domaindata(chunk, sent)
    after = dict(domain.data)
    assert {k: after[k] for k in before} == before
