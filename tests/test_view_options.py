"""Options of the listings: ``episode-list`` ``:heading:``, the citation sort orders,
and the counts of *Used in*."""

from __future__ import annotations

import pytest
from helpers import body, warnings_of


def ids_in(tag) -> list[str]:  # type: ignore[no-untyped-def]
    return [a.get_text(strip=True) for a in tag.select("a.litreview-ref-episode")]


@pytest.fixture
def built(app):  # type: ignore[no-untyped-def]
    app.build()
    assert warnings_of(app) == []
    return app


@pytest.mark.sphinx("html", testroot="view-options")
def test_citations_sorts_by_how_often_cited_by_by_how_many_topics(built):
    by_citations, by_topics = body(built.outdir, "one").select("ul.litreview-episode-list")
    # E001: 5 citations from one topic; E002: 3 citations, one from each of three topics.
    assert ids_in(by_citations) == ["E001", "E002", "E003"]
    assert ids_in(by_topics) == ["E002", "E001", "E003"]


@pytest.mark.sphinx("html", testroot="view-options")
def test_heading_is_a_rubric_one_level_below_its_section(built):
    page = body(built.outdir, "one")
    first, second = page.select(".litreview-heading")
    assert (first.name, first.get_text()) == ("h2", "Episodes anchoring this topic")
    assert first.select_one("em").get_text() == "anchoring"  # inline markup is parsed
    assert (second.name, second.get_text()) == ("h3", "Most citing topics first")
    # Right before its list, and not in the page's table of contents.
    assert first.find_next_sibling().name == "ul"
    assert "litreview-episode-list" in first.find_next_sibling()["class"]
    toc = [li.get_text(" ", strip=True) for li in body(built.outdir, "index").select("li")]
    assert not any("Episodes anchoring" in entry for entry in toc)

    rst = body(built.outdir, "two").select_one(".litreview-heading")
    assert (rst.name, rst.get_text()) == ("h2", "Listed in reST")


@pytest.mark.sphinx("text", testroot="view-options")
def test_heading_in_text_output(built):
    text = (built.outdir / "one.txt").read_text(encoding="utf-8")
    heading = text.index("-[ Episodes *anchoring* this topic ]-")
    assert heading < text.index("* *E001* **Often cited by one topic**")


@pytest.mark.sphinx("html", testroot="view-options")
def test_used_in_shows_the_number_of_uses(built):
    reward = body(built.outdir, "episodes").select_one(".litreview-used-in")
    items = [li.get_text(" ", strip=True) for li in reward.select("li")]
    assert items == ["Topic one (2 uses)", "Topic two (1 use)"]


@pytest.mark.sphinx(
    "html", testroot="view-options",
    confoverrides={"extensions": ["myst_parser", "sphinx_design", "sphinxcontrib_litreview"]},
)
def test_cards_put_the_count_on_its_own_line_and_fit_the_columns(built):
    topics, episodes = body(built.outdir, "cards").select(".sd-container-fluid")
    cards = topics.select(".sd-card-body")
    assert [c.select_one(".sd-card-title").get_text() for c in cards] == ["Topic one", "Topic two", "Topic three"]
    assert [c.select_one(".litreview-card-meta").get_text() for c in cards] == [
        "3 episodes", "1 episode", "1 episode"
    ]
    row = topics.select_one(".sd-row")["class"]
    assert {"sd-row-cols-sm-2", "sd-row-cols-md-2", "sd-row-cols-lg-3"} <= set(row)
    # One card: one column, not a third of the width.
    row = episodes.select_one(".sd-row")["class"]
    assert {"sd-row-cols-sm-1", "sd-row-cols-md-1", "sd-row-cols-lg-1"} <= set(row)
    assert not any(c.startswith("sd-row-cols-lg-") and c != "sd-row-cols-lg-1" for c in row)
