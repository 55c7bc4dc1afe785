"""The shared sidebar of pages in no toctree (navigation.py) changes no byte of output."""

from __future__ import annotations

import os
import re
import shutil
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from helpers import html
from sphinx.builders.html import StandaloneHTMLBuilder

from sphinxcontrib_litreview import navigation

ROOT = Path(__file__).parent / "roots" / "test-navigation"

#: Pages the root's toctrees do not reach: the memo serves them (``under-orphan`` is in
#: the toctree of an orphan page, as generated episode pages are in the appendix's).
ORPHANS = [
    "under-orphan",
    "orphan-top",
    "guide/orphan",
    "guide/deep/orphan",
    "loose/a",
    "loose/b",
    "lonely/x",
    "lonely/y",
    "with-toctree",
    "episodes/E001",
    "episodes/E002",
    "episodes/E003",
]

#: How many sidebars the orphans need: one per folder under html; under dirhtml, where
#: each page has a folder of its own, one per depth and folder path another document
#: also has (``loose/a/`` holds ``loose/a/child/``, so ``loose/a`` and ``loose/b`` differ).
SHARED_SIDEBARS = {"html": 6, "dirhtml": 7}


def output(outdir: Path) -> dict[str, bytes]:
    """Every file the build wrote, by path."""
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and ".doctrees" not in path.parts
    }


@pytest.fixture
def toctree_calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often Sphinx really computed the ``toctree(...)`` of each page."""
    calls: Counter[str] = Counter()
    real = StandaloneHTMLBuilder._get_local_toctree

    def counting(self: StandaloneHTMLBuilder, docname: str, *args: Any, **kwargs: Any) -> str:
        calls[docname] += 1
        return real(self, docname, *args, **kwargs)

    monkeypatch.setattr(StandaloneHTMLBuilder, "_get_local_toctree", counting)
    return calls


def build(make_app, monkeypatch, src: Path, builder: str, *, memo: bool, theme: str = "alabaster", **kwargs: Any):  # type: ignore[no-untyped-def]
    """Build *src* (a copy of the root, made if missing) with the memo on or off.

    sphinx.testing swaps alabaster for the basic theme, which has no global table of
    contents: the theme is always named. ``freshenv=False`` builds incrementally.
    """
    if not src.exists():
        shutil.copytree(ROOT, src)
    kwargs.setdefault("freshenv", True)
    monkeypatch.setattr(navigation, "ENABLED", memo)
    app = make_app(builder, srcdir=src, confoverrides={"html_theme": theme}, **kwargs)
    app.build()
    return app


@pytest.mark.parametrize(
    ("builder", "theme"),
    [("html", "alabaster"), ("dirhtml", "alabaster"), ("html", "furo"), ("dirhtml", "furo")],
)
def test_memo_changes_no_byte(make_app, monkeypatch, tmp_path, toctree_calls, builder, theme):
    if theme != "alabaster":
        pytest.importorskip(theme)
    without = build(make_app, monkeypatch, tmp_path / "off", builder, memo=False, theme=theme)
    assert all(toctree_calls[page] > 0 for page in ORPHANS)
    toctree_calls.clear()
    with_memo = build(make_app, monkeypatch, tmp_path / "on", builder, memo=True, theme=theme)

    pages = output(with_memo.outdir)
    assert pages == output(without.outdir)
    assert len([p for p in pages if p.endswith(".html")]) > len(ORPHANS)
    # the memo was used: the orphans shared a few computations, the rest kept theirs
    assert sum(toctree_calls[page] for page in ORPHANS) == SHARED_SIDEBARS[builder]
    assert toctree_calls["index"] > 0 and toctree_calls["hidden-page"] > 0


def test_memo_in_parallel_workers(make_app, monkeypatch, tmp_path):
    serial = build(make_app, monkeypatch, tmp_path / "off", "html", memo=False)
    parallel = build(make_app, monkeypatch, tmp_path / "on", "html", memo=True, parallel=2)
    assert parallel.builder.parallel_ok  # pages were written by worker processes
    assert output(parallel.outdir) == output(serial.outdir)


def date_back(src: Path) -> None:
    # Sphinx compares modification times: make every later edit newer.
    past = time.time() - 3600
    for path in src.rglob("*"):
        os.utime(path, (past, past))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new))


def sidebar_links(outdir: Path, page: str) -> list[tuple[str, list[str]]]:
    sidebar = html(outdir, page).select_one("div.sphinxsidebar")
    assert sidebar is not None
    return [(a.get_text(), [str(c) for c in a.parent.get("class", [])]) for a in sidebar.select("li.toctree-l1 > a")]


def test_page_added_to_a_toctree_gets_its_own_sidebar(make_app, monkeypatch, tmp_path):
    """An incremental build (a new process, as sphinx-build runs) after ``lonely/x``
    joins the toctree: it marks itself current; ``lonely/y``, still an orphan, does not."""
    outdirs = {}
    for memo in (False, True):
        src = tmp_path / str(memo)
        build(make_app, monkeypatch, src, "html", memo=memo)
        date_back(src)
        edit(src / "lonely" / "x.md", "---\norphan: true\n---\n\n", "")
        edit(src / "lonely" / "y.md", "Another one.", "Another one, edited.")
        edit(src / "index.md", "loose/a/child\n", "loose/a/child\nlonely/x\n")
        app = build(make_app, monkeypatch, src, "html", memo=memo, freshenv=False)
        assert {"lonely/x", "lonely/y"} <= written(app)
        outdirs[memo] = app.outdir
    assert output(outdirs[True]) == output(outdirs[False])
    assert ("Lonely x", ["toctree-l1", "current"]) in sidebar_links(outdirs[True], "lonely/x")
    assert "Lonely x" in dict(sidebar_links(outdirs[True], "lonely/y"))
    assert all("current" not in classes for _, classes in sidebar_links(outdirs[True], "lonely/y"))


def test_memo_is_made_anew_for_each_build(make_app, monkeypatch, tmp_path):
    """Two builds by one application (as a long-running builder might do): a title
    changed in between reaches the orphans rewritten by the second build."""
    outdirs = {}
    for memo in (False, True):
        src = tmp_path / str(memo)
        app = build(make_app, monkeypatch, src, "html", memo=memo)
        date_back(src)
        edit(src / "guide" / "index.md", "# Guide", "# User guide")
        edit(src / "lonely" / "y.md", "Another one.", "Another one, edited.")
        monkeypatch.setattr(navigation, "ENABLED", memo)
        app.build()
        assert "lonely/y" in written(app)
        outdirs[memo] = app.outdir
    assert output(outdirs[True]) == output(outdirs[False])
    assert "User guide" in dict(sidebar_links(outdirs[True], "lonely/y"))


def written(app) -> set[str]:  # type: ignore[no-untyped-def]
    status = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    return set(re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", status))
