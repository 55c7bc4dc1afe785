"""A page that references a topic with ``{topic}`` shows the topic's title (link text)
and summary (link title): retitling the topic and changing its summary rewrites that
page, and the incremental build equals a clean build, at -j 1 and -j 2."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import body, clean_build
from test_incremental import edit
from test_parallel import snapshot

ROOT = Path(__file__).parent / "roots" / "test-incremental-topic"


def copy_root(target: Path, root: Path = ROOT) -> Path:
    shutil.copytree(root, target)
    # Dated back, so that each later edit is newer to Sphinx (see test_incremental.py).
    past = time.time() - 3600
    for path in target.rglob("*"):
        os.utime(path, (past, past))
    return target


def date_pages_back(outdir: Path) -> float:
    """Date every written page a minute back (still newer than the sources)."""
    stamp = time.time() - 60
    for path in outdir.rglob("*.html"):
        os.utime(path, (stamp, stamp))
    return stamp


def rewritten(app: Any, stamp: float) -> set[str]:
    """Documents whose page was written after *stamp* (indices are written every build).

    From the files, not the log: -j 2 logs chunks of pages, not each page.
    """
    outdir = Path(app.outdir)
    return {doc for doc in app.env.found_docs if (outdir / f"{doc}.html").stat().st_mtime > stamp}


def retitle(src: Path) -> None:
    edit(src / "alpha.md", "# Alpha topic\n", "# Renamed topic\n")


def new_summary(src: Path) -> None:
    edit(src / "alpha.md", ":summary: Alpha summary.", ":summary: A new summary.")


def both(src: Path) -> None:
    retitle(src)
    new_summary(src)


# change -> (what refs shows afterwards: title, summary; pages written besides alpha and
# index, which Sphinx rewrites itself: the edited page and its toctree parent)
CHANGES: dict[str, tuple[Callable[[Path], None], tuple[str, str], set[str]]] = {
    # E001's Cited in shows the topic's title, so episodes is rewritten too
    "retitle": (retitle, ("Renamed topic", "Alpha summary."), {"refs", "beta", "episodes"}),
    "new_summary": (new_summary, ("Alpha topic", "A new summary."), {"refs", "beta"}),
    "both": (both, ("Renamed topic", "A new summary."), {"refs", "beta", "episodes"}),
}


def topic_links(outdir: Path, page: str) -> list[tuple[str, str]]:
    return [
        (a.get_text(strip=True), str(a.get("title", "")))
        for a in body(outdir, page).select("a[href^='alpha.html']")
    ]


@pytest.mark.parametrize("parallel", [1, 2])
@pytest.mark.parametrize("change", list(CHANGES))
def test_changed_topic_rewrites_pages_referencing_it(
    make_app: Any, tmp_path: Path, change: str, parallel: int
) -> None:
    apply, (title, summary), also_written = CHANGES[change]
    src = copy_root(tmp_path / "inc")
    first = make_app("html", srcdir=src, parallel=parallel, freshenv=True)
    first.build()
    if parallel == 2:
        assert first.is_parallel_allowed("read") and len(first.env.found_docs) > 5
    assert topic_links(first.outdir, "refs")[0] == ("Alpha topic", "Alpha summary.")

    stamp = date_pages_back(Path(first.outdir))
    apply(src)
    again = make_app("html", srcdir=src, parallel=parallel)
    again.build()

    clean = clean_build(make_app, src, tmp_path, parallel=parallel)
    assert snapshot(again.outdir) == snapshot(clean.outdir)

    assert topic_links(again.outdir, "refs") == [
        (title, summary),
        ("the first topic", summary),  # explicit text stays; the link's title changes
        (title, summary),
    ]
    # Not notes or more, which reference nothing that changed.
    assert rewritten(again, stamp) == {"alpha", "index", *also_written}
