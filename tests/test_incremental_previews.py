"""Pages rewritten for what they show of other pages when nothing in them changed:
an episode-list of anchors the page does not cite, and a citation or term use whose
link title and hover preview show the other object's title or definition. The
incremental build equals a clean build, at -j 1 and -j 2."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import clean_build
from test_incremental import edit
from test_incremental_topic_refs import copy_root, date_pages_back, rewritten
from test_parallel import snapshot

ROOT = Path(__file__).parent / "roots" / "test-incremental-previews"


def retitle_uncited_anchor(src: Path) -> None:
    edit(src / "episodes.md", ":title: First anchor", ":title: First anchor, renamed")


def retitle_cited_episode(src: Path) -> None:
    edit(src / "episodes.md", ":title: Third", ":title: Third, renamed")


def redefine_term(src: Path) -> None:
    edit(src / "glossary.md", "Uncertainty of the next token.", "Spread of the next-token distribution.")


# change -> pages rewritten besides episodes/glossary (edited) and index (their parent)
CHANGES: dict[str, tuple[Callable[[Path], None], set[str]]] = {
    "retitle_uncited_anchor": (retitle_uncited_anchor, {"anchored"}),
    "retitle_cited_episode": (retitle_cited_episode, {"cites"}),
    "redefine_term": (redefine_term, {"uses"}),
}


@pytest.mark.parametrize("parallel", [1, 2])
@pytest.mark.parametrize("change", list(CHANGES))
def test_pages_showing_a_changed_object_are_rewritten(
    make_app: Any, tmp_path: Path, change: str, parallel: int
) -> None:
    apply, dependents = CHANGES[change]
    src = copy_root(tmp_path / "inc", ROOT)
    first = make_app("html", srcdir=src, parallel=parallel, freshenv=True)
    first.build()
    stamp = date_pages_back(Path(first.outdir))
    apply(src)
    again = make_app("html", srcdir=src, parallel=parallel)
    again.build()

    clean = clean_build(make_app, src, tmp_path, parallel=parallel)
    assert snapshot(again.outdir) == snapshot(clean.outdir)
    edited = {"glossary"} if change == "redefine_term" else {"episodes"}
    assert rewritten(again, stamp) == {"index", *edited, *dependents}
