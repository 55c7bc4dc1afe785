"""Where the topic header goes: in HTML its kicker line is above the page title and
the rest right below it, wherever the directive stands; in text and LaTeX the whole
header follows the title."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import body, build_myst_page, litreview_warnings, warnings_of

#: Page title -> the kicker its header shows.
PAGES = {
    "After the title": "Literature review · 1 episode",
    "Before the title": "Literature review · 2 episodes",
    "Late directive": "Literature review · 1 episode",
    "Written in reST": "Literature review · 1 episode",
}
SUMMARIES = {
    "After the title": "The directive right below the title.",
    "Before the title": "The directive above the title.",
    "Late directive": "The directive in a subsection.",
    "Written in reST": "The directive in reStructuredText.",
}
DOCNAMES = {"After the title": "after", "Before the title": "before", "Late directive": "late",
            "Written in reST": "written-in-rest"}


@pytest.fixture
def built(app):  # type: ignore[no-untyped-def]
    app.build()
    assert warnings_of(app) == []
    return app


def _page_file(app, docname: str) -> str:  # type: ignore[no-untyped-def]
    if app.builder.name == "singlehtml":
        return "index.html"
    if app.builder.name == "dirhtml":
        return f"{docname}/index.html"
    return f"{docname}.html"


def _heading(soup: BeautifulSoup, title: str) -> Tag:
    found = [h for h in soup.select("h1, h2, h3") if h.get_text(strip=True).rstrip("¶") == title]
    assert len(found) == 1, title
    return found[0]


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml"])
def test_kicker_above_the_title_rest_below(make_app, rootdir, tmp_path, builder: str) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-topic-header", src)
    app = make_app(builder, srcdir=src)
    app.build()
    assert warnings_of(app) == []
    for title, kicker in PAGES.items():
        soup = BeautifulSoup((app.outdir / _page_file(app, DOCNAMES[title])).read_text("utf8"), "html.parser")
        heading = _heading(soup, title)
        above = heading.find_previous_sibling()
        assert above is not None and "litreview-kicker" in above["class"], title
        assert above.get_text() == kicker
        below = heading.find_next_sibling()
        assert "litreview-topic-header" in below["class"], title
        assert below.select_one(".litreview-summary").get_text() == SUMMARIES[title]
        assert below.select_one(".litreview-kicker") is None  # shown once, above
        assert below.select_one(".litreview-nav a").get_text() == "← All topics"
        if builder != "singlehtml":
            assert len(soup.select(".litreview-kicker")) == 1
            # The page's title as Sphinx collected it is untouched.
            assert soup.title.get_text().startswith(title)


@pytest.mark.sphinx("html", testroot="topic-header")
def test_a_page_without_a_title_keeps_the_header_where_written(built):
    soup = BeautifulSoup((built.outdir / "untitled.html").read_text("utf8"), "html.parser")
    header = soup.select_one(".litreview-topic-header")
    assert header.select_one(".litreview-kicker").get_text() == "Literature review · 1 episode"
    assert "Prose of the page" in header.find_next_sibling().get_text()


@pytest.mark.sphinx("html", testroot="topic-header")
def test_title_links_are_unchanged(built):
    soup = BeautifulSoup((built.outdir / "index.html").read_text("utf8"), "html.parser")
    toc = [a.get_text(strip=True) for a in soup.select(".toctree-wrapper li.toctree-l1 > a")]
    assert toc[:4] == list(PAGES)


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and not re.fullmatch(r"[*=]+", line)]


@pytest.mark.sphinx("text", testroot="topic-header")
def test_text_header_follows_the_title(built):
    for title, kicker in PAGES.items():
        lines = _lines((built.outdir / f"{DOCNAMES[title]}.txt").read_text("utf8"))
        if title == "Late directive":  # written in a subsection: it stays there
            assert lines[:3] == [title, "Prose of the page cites *E001*.", "A section"]
            assert lines[3:5] == [kicker, SUMMARIES[title]]
        else:
            assert lines[:3] == [title, kicker, SUMMARIES[title]]


@pytest.mark.sphinx("latex", testroot="topic-header")
def test_latex_header_follows_the_title(built):
    tex = next(built.outdir.glob("*.tex")).read_text("utf8")
    for title, kicker in PAGES.items():
        if title != "Late directive":
            chapter = tex.index(rf"\chapter{{{title}}}")
            assert chapter < tex.index(kicker, chapter) < tex.index("Prose of the page", chapter)


def test_text_header_nested_below_the_title_stays_where_written(make_app, tmp_path):  # type: ignore[no-untyped-def]
    """A header written after the title, however deep (here in a container after some
    prose), is already after it: other formats leave it there."""
    (tmp_path / "conf.py").write_text('extensions = ["sphinxcontrib_litreview"]\n')
    (tmp_path / "index.rst").write_text(
        "Nested\n======\n\nProse first.\n\n.. container:: wrapper\n\n"
        "   .. topic-page::\n      :summary: Nested in a container.\n"
    )
    app = make_app("text", srcdir=tmp_path, freshenv=True)
    app.build()
    lines = _lines((app.outdir / "index.txt").read_text("utf8"))
    assert lines[:3] == ["Nested", "Prose first.", "Literature review · 0 episodes"]
    assert lines[3] == "Nested in a container."


def test_a_second_topic_page_directive_is_reported_and_adds_no_header(make_app: Any, tmp_path: Path) -> None:
    app = build_myst_page(
        make_app, tmp_path,
        "# Twice\n\n:::{topic-page}\n:summary: First.\n:::\n\nText.\n\n:::{topic-page}\n:summary: Second.\n:::\n",
    )
    (warning,) = litreview_warnings(app)
    assert "index.md:9: WARNING: topic-page: this page already has a topic-page directive; only the first" in warning
    page = body(app.outdir, "index")
    assert [p.get_text() for p in page.select("div.litreview-topic-header p.litreview-summary")] == ["First."]
