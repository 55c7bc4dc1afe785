"""Exploring views in the built output: filterable tables' markup, the review map and
the episode timeline as SVG (links, tooltips, axis, escaping), and their fallbacks."""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import body, litreview_warnings, warnings_of

ROOTS = Path(__file__).parent / "roots"
TOPICS = {"alpha": "Alpha topic", "beta": "Beta topic", "gamma": 'Gamma <b>& “quoted” topic'}
#: What each topic of the root shows on the map: its citations and anchors, oldest first.
MAP_ROWS = {
    "alpha": ["E001", "E002", "E003"],
    "beta": ["E002", "E005"],
    "gamma": ["E004", "E006"],
}
E004_TITLE = 'Title with <script>alert("x")</script> & "quotes"'


@pytest.fixture
def explore(app: Any) -> Any:
    app.build()
    assert warnings_of(app) == []
    return app


def svg_of(page: Tag, kind: str) -> list[Tag]:
    picture = "map" if kind == "review-map" else "timeline"
    return page.select(f"figure.litreview-{kind} svg.litreview-{picture}-svg")


def link_title(link: Tag) -> str:
    title = link.find("title")
    assert title is not None, link
    return title.get_text()


# -- filterable tables -------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="explore")
def test_episode_index_is_filterable(explore: Any) -> None:
    box = body(explore.outdir, "all-episodes").select_one("div.litreview-filterable")
    assert box is not None
    controls = box.select_one(".litreview-filter")
    # Hidden until the script shows it: without JavaScript the full table stays alone.
    assert controls.has_attr("hidden")
    query = controls.select_one("label input[type=search]")
    assert query is not None and query.find_parent("label").get_text(strip=True) == "Filter"
    assert controls.select_one(".litreview-filter-count")["aria-live"] == "polite"
    assert controls["data-count-all"] == "6 episodes"
    assert controls.select_one("button.litreview-filter-reset").get_text() == "Clear filter"
    assert controls["data-count-some"] == "{shown} of 6 episodes"
    assert controls["data-sorted"] == "id"
    # Tags are facets case-insensitively: RL and rl are one tag.
    tags = [(o["value"], o.get_text()) for o in controls.select("select[data-facet=tag] option")]
    assert tags == [
        ("", "All tags"), ("data", "data (2)"), ("reward-models", "reward-models (1)"),
        ("rl", "RL (2)"), ("search", "search (3)"),
    ]
    years = [o["value"] for o in controls.select("select[data-facet=year] option")]
    assert years == ["", "2023", "2021", "2019", "none"]

    table = box.select_one("table.litreview-episode-index")
    # After the table: the line for paging through long results, hidden like the controls.
    more = table.find_next_sibling("p")
    assert "litreview-filter-more" in more["class"] and more.has_attr("hidden")
    assert [b["data-more"] for b in more.select("button")] == ["page", "all"]
    columns = [th["class"] for th in table.select("thead th")]
    assert [c[1] for c in columns] == [
        "litreview-col-id", "litreview-col-title", "litreview-col-year", "litreview-col-tags",
        "litreview-col-cited-by",
    ]
    rows = {tr.select_one("td").get_text(strip=True): tr for tr in table.select("tbody tr")}
    assert rows["E001"]["data-authors"] == "Doe, Jane; Schön, Bernhard"
    assert rows["E001"]["data-venue"] == "NeurIPS"
    assert rows["E001"]["data-tags"] == "RL,reward-models"
    assert rows["E001"]["data-year"] == "2019"
    assert not rows["E005"].has_attr("data-year") and not rows["E005"].has_attr("data-venue")
    assert rows["E004"]["data-authors"] == "Loe, <Ann>"  # escaped in the markup, intact here
    assert rows["E004"]["data-venue"] == "Venue & <Co>"


@pytest.mark.sphinx("html", testroot="explore")
def test_pages_load_the_filter_script_deferred_and_its_styles(explore: Any) -> None:
    """Without the script the controls stay hidden (the browser tests see them work)."""
    from helpers import html

    page = html(explore.outdir, "all-episodes")
    scripts = [s for s in page.find_all("script") if "litreview-explore.js" in s.get("src", "")]
    assert len(scripts) == 1 and scripts[0].has_attr("defer")
    assert any("litreview-explore.css" in link.get("href", "") for link in page.find_all("link"))


@pytest.mark.sphinx("html", testroot="explore")
def test_episode_list_table_is_filterable(explore: Any) -> None:
    box = body(explore.outdir, "explore").select_one("div.litreview-filterable")
    assert box is not None and box.select_one("table.litreview-episode-list") is not None
    assert [th["class"][1] for th in box.select("thead th")] == [
        "litreview-col-id", "litreview-col-title", "litreview-col-year", "litreview-col-summary",
    ]
    assert [tr["data-year"] for tr in box.select("tbody tr")] == ["2019", "2021", "2021"]
    assert box.select_one(".litreview-filter")["data-count-all"] == "3 episodes"
    assert not box.select_one(".litreview-filter").has_attr("data-sorted")  # order of citation


def build(make_app: Any, tmp_path: Path, builder: str, **conf: Any) -> Any:
    """The explore root built by *builder* in a private copy (its own environment)."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-explore", src)
    app = make_app(builder, srcdir=src, confoverrides=conf)
    app.build()
    assert warnings_of(app) == []
    return app


def test_tables_are_plain_outside_html(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, tmp_path, "text")
    text = (Path(app.outdir) / "all-episodes.txt").read_text("utf8")
    assert "Filter" not in text and "All tags" not in text
    assert "Reinforcement rewards" in text and "NeurIPS" not in text


# -- review map ---------------------------------------------------------------------------


def map_rows(svg: Tag) -> dict[str, tuple[Tag, list[Tag]]]:
    """topic link href -> (topic link, episode links of its row)."""
    found = {}
    for row in svg.select("g.lr-row"):
        topic = row.select_one("a.lr-topic-link")
        found[topic["href"]] = (topic, row.select("a.lr-episode"))
    return found


@pytest.mark.parametrize(
    ("builder", "topic_href", "episode_href"),
    [
        ("html", "{}.html", "episodes.html#episode-{}"),
        ("dirhtml", "../{}/", "../episodes/#episode-{}"),
        ("singlehtml", "#document-{}", "#episode-{}"),
    ],
)
def test_map_links_every_topic_and_episode(make_app, tmp_path, builder, topic_href, episode_href):  # type: ignore[no-untyped-def]
    app = build(make_app, tmp_path, builder)
    page = "index" if builder == "singlehtml" else ("explore/index" if builder == "dirhtml" else "explore")
    (svg,) = svg_of(body(app.outdir, page), "review-map")
    rows = map_rows(svg)
    assert list(rows) == [topic_href.format(t) for t in MAP_ROWS]  # toctree order
    for docname, ids in MAP_ROWS.items():
        topic, episodes = rows[topic_href.format(docname)]
        assert link_title(topic) == f"{TOPICS[docname]} · {len(ids)} episodes"
        assert [e["href"] for e in episodes] == [episode_href.format(i.lower()) for i in ids]
        assert [link_title(e).split(":")[0] for e in episodes] == ids
    # Nothing else in the picture links anywhere.
    assert len(svg.select("a")) == len(MAP_ROWS) + sum(map(len, MAP_ROWS.values()))


@pytest.mark.sphinx("html", testroot="explore")
def test_map_marks_anchors_and_shared_episodes(explore: Any) -> None:
    (svg,) = svg_of(body(explore.outdir, "explore"), "review-map")
    kinds = {
        (href, link_title(e).split(":")[0]): e.select_one("circle")["class"][1]
        for href, (_topic, episodes) in map_rows(svg).items() for e in episodes
    }
    assert kinds[("alpha.html", "E001")] == "lr-anchor"
    assert kinds[("alpha.html", "E002")] == "lr-shared"  # beta cites it too
    assert kinds[("beta.html", "E005")] == "lr-only"
    assert link_title(svg.select("a.lr-episode")[1]) == "E002: Search at test time (2021) · in 2 topics"
    # Episodes sit in the column of their year: E002 and E003 (2021) right of E001 (2019).
    x = {link_title(e).split(":")[0]: float(e.circle["cx"]) for e in map_rows(svg)["alpha.html"][1]}
    assert x["E001"] < x["E002"] < x["E003"]
    axis = [t.get_text() for t in svg.select("g.lr-years text")]
    assert axis == ["2019", "2021", "2023", "n.d."]


@pytest.mark.sphinx("html", testroot="explore")
def test_map_escapes_what_the_review_wrote(explore: Any) -> None:
    page = body(explore.outdir, "explore")
    (figure,) = page.select("figure.litreview-review-map")
    assert figure.find("script") is None and figure.find("b") is None
    titles = [link_title(a) for a in figure.select("svg a")]
    assert f"E004: {E004_TITLE} (2023)" in titles
    assert f"{TOPICS['gamma']} · 2 episodes" in titles
    label = map_rows(figure.select_one("svg.litreview-map-svg"))["gamma.html"][0].select_one("text.lr-topic")
    assert label.get_text().startswith("Gamma <b>& “quoted”")


@pytest.mark.sphinx("html", testroot="explore")
def test_map_has_a_text_alternative(explore: Any) -> None:
    (figure,) = body(explore.outdir, "explore").select("figure.litreview-review-map")
    caption = figure.select_one("figcaption")
    assert figure.select_one("svg.litreview-map-svg")["aria-labelledby"] == caption["id"]
    assert caption.get_text().startswith("Review map: 3 topics, 6 episodes.")
    table = figure.select_one("table.litreview-visually-hidden")
    assert table.caption.get_text() == "Review map"
    assert [th.get_text() for th in table.select("thead th")] == ["Topic", "Episodes", "Years", "IDs"]
    rows = [[c.get_text() for c in tr.select("th, td")] for tr in table.select("tbody tr")]
    assert rows == [
        ["Alpha topic", "3", "2019–2021", "E001, E002, E003"],
        ["Beta topic", "2", "2021", "E002, E005"],
        [TOPICS["gamma"], "2", "2023", "E004, E006"],
    ]


# -- timeline ------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="explore")
def test_timeline_bars_link_to_the_filtered_index(explore: Any) -> None:
    every, alpha = svg_of(body(explore.outdir, "explore"), "episode-timeline")
    bars = [(a["href"], link_title(a)) for a in every.select("a.lr-year")]
    assert bars == [
        ("all-episodes.html#year=2019", "2019: 1 episode"),
        ("all-episodes.html#year=2021", "2021: 2 episodes"),
        ("all-episodes.html#year=2023", "2023: 2 episodes"),
    ]
    # Every year of the span is on the axis, those without episodes too; no bar for them.
    assert [t.get_text() for t in every.select("g.lr-years text")] == [str(y) for y in range(2019, 2024)]
    # Bars stand over their year's label, and are as tall as their count.
    labels = {t.get_text(): float(t["x"]) for t in every.select("g.lr-years text")}
    for link in every.select("a.lr-year"):
        rect = link.rect
        year = link_title(link)[:4]
        assert float(rect["x"]) < labels[year] < float(rect["x"]) + float(rect["width"])
    heights = [float(a.rect["height"]) for a in every.select("a.lr-year")]
    assert heights[0] == pytest.approx(heights[1] / 2)
    # A topic's bars choose exactly its episodes of the year.
    assert [unquote(a["href"]) for a in alpha.select("a.lr-year")] == [
        "all-episodes.html#year=2019&ids=E001", "all-episodes.html#year=2021&ids=E002,E003",
    ]


@pytest.mark.sphinx("html", testroot="explore")
def test_timeline_caption_and_text_alternative(explore: Any) -> None:
    every, alpha = body(explore.outdir, "explore").select("figure.litreview-episode-timeline")
    assert every.figcaption.get_text() == (
        "Episodes per year: 2019–2023, 5 episodes. 1 episode without a year is not shown."
    )
    assert alpha.figcaption.get_text() == "Episodes per year · Alpha topic: 2019–2021, 3 episodes."
    assert every.svg["aria-labelledby"] == every.figcaption["id"] != alpha.figcaption["id"]
    table = every.select_one("table.litreview-visually-hidden")
    assert table.caption.get_text() == "Episodes per year"
    assert [[c.get_text() for c in tr.select("th, td")] for tr in table.select("tbody tr")] == [
        ["2019", "1"], ["2020", "0"], ["2021", "2"], ["2022", "0"], ["2023", "2"],
    ]


def test_timeline_of_a_topic_keeps_to_its_select_option(make_app: Any, tmp_path: Path) -> None:
    # Alpha anchors E001 and E003 and cites E001 and E002: each choice has its own 2021.
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-explore", src)
    (src / "explore.md").write_text(
        "# Explore\n\n"
        + "".join(f":::{{episode-timeline}}\n:topic: alpha\n:select: {s}\n:::\n\n" for s in ("cited", "anchors"))
    )
    app = make_app("html", srcdir=src)
    app.build()
    assert warnings_of(app) == []
    cited, anchors = svg_of(body(app.outdir, "explore"), "episode-timeline")
    assert [unquote(a["href"]) for a in cited.select("a.lr-year")] == [
        "all-episodes.html#year=2019&ids=E001", "all-episodes.html#year=2021&ids=E002",
    ]
    assert [unquote(a["href"]) for a in anchors.select("a.lr-year")] == [
        "all-episodes.html#year=2019&ids=E001", "all-episodes.html#year=2021&ids=E003",
    ]


def test_map_keeps_to_its_select_option(make_app: Any, tmp_path: Path) -> None:
    # Alpha anchors E001 and E003 and cites E001 and E002; beta and gamma declare no anchors.
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-explore", src)
    (src / "explore.md").write_text(
        "# Explore\n\n" + "".join(f":::{{review-map}}\n:select: {s}\n:::\n\n" for s in ("cited", "anchors"))
    )
    app = make_app("html", srcdir=src)
    app.build()
    assert warnings_of(app) == []
    cited, anchors = svg_of(body(app.outdir, "explore"), "review-map")

    def rows(svg: Tag) -> dict[str, list[str]]:
        return {href: [link_title(e).split(":")[0] for e in episodes] for href, (_, episodes) in map_rows(svg).items()}

    assert rows(cited) == {
        "alpha.html": ["E001", "E002"], "beta.html": ["E002", "E005"], "gamma.html": ["E004", "E006"],
    }
    assert rows(anchors) == {"alpha.html": ["E001", "E003"], "beta.html": [], "gamma.html": []}


def test_timeline_labels_fewer_years_when_bars_are_narrow() -> None:
    from sphinxcontrib_litreview.views import svg
    from sphinxcontrib_litreview.views.chart_data import Timeline, YearCount

    years = tuple(YearCount(y, 1) for y in range(1900, 2026))
    picture = BeautifulSoup(svg.timeline_svg(Timeline(years, 0, "", "", None), lambda y: None, "x"), "html.parser")
    labels = [int(t.get_text()) for t in picture.select("g.lr-years text")]
    assert labels[0] == 1900 and len(labels) < 30
    step = labels[1] - labels[0]
    assert all(b - a == step for a, b in itertools.pairwise(labels))
    assert not picture.select("a")  # no index page: bars keep their tooltip, link nowhere
    assert len(picture.select("g.lr-year title")) == len(years)


# -- other builders, options ---------------------------------------------------------------


def test_text_gets_tables_instead_of_pictures(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, tmp_path, "text")
    text = (Path(app.outdir) / "explore.txt").read_text("utf8")
    assert "<svg" not in text
    assert re.search(r"\| Topic +\| Episodes +\| Years +\| IDs +\|", text)
    assert re.search(r"Alpha topic +\| 3 +\| 2019–2021 +\| \*E001\*, \*E002\*, \*E003\*", text)
    # The map's columns keep their proportions (30, 10, 12, 48), plus a space each side.
    lines = text.splitlines()
    border = lines[next(n for n, line in enumerate(lines) if "| Topic" in line) - 1]
    assert [len(cell) for cell in border.strip("+").split("+")] == [32, 12, 14, 50]
    assert 'Gamma <b>& "quoted" topic' in text  # the text builder keeps quotes straight
    assert "2020" in text  # the timeline's table lists every year of its span


@pytest.mark.parametrize("builder", ["latex", "man", "texinfo", "epub", "xml"])
def test_other_builders_build_the_fallbacks(make_app, tmp_path, builder):  # type: ignore[no-untyped-def]
    conf = {"project": "Explore", "author": "Team", "version": "1", "copyright": "2026"}
    app = build(make_app, tmp_path, builder, **conf)
    out = "".join(p.read_text("utf8", errors="replace") for p in Path(app.outdir).rglob("*") if p.is_file()
                  and p.suffix in {".tex", ".1", ".texi", ".xhtml", ".xml"})
    assert "<svg" not in out and "lr-dot" not in out
    assert "litreview-filter" not in out  # epub: XHTML read without scripts, a plain table
    assert "Alpha topic" in out and "2021" in out


def views_app(make_app: Any, tmp_path: Path, page: str) -> Any:
    """The views root in a private copy, its terms page replaced by *page*."""
    src = tmp_path / "views"
    shutil.copytree(ROOTS / "test-views", src)
    (src / "terms.md").write_text(page)
    return make_app("html", srcdir=src)


def test_epub_map_table_keeps_its_class(make_app: Any, tmp_path: Path) -> None:
    conf = {"project": "Explore", "author": "Team", "version": "1", "copyright": "2026"}
    app = build(make_app, tmp_path, "epub", **conf)
    page = BeautifulSoup((Path(app.outdir) / "explore.xhtml").read_text("utf8"), "html.parser")
    table = page.select_one("table.litreview-review-map")
    assert table is not None and table.select_one("th").get_text() == "Topic"


def test_map_of_one_topic_says_one(make_app: Any, tmp_path: Path) -> None:
    app = views_app(make_app, tmp_path, "# Terms\n\n:::{review-map}\n:::\n")
    for page in ("alpha", "beta"):
        (app.srcdir / f"{page}.md").write_text(f"# {page}\n")
    app.build()
    caption = body(app.outdir, "terms").select_one("figure.litreview-review-map figcaption").get_text()
    assert caption.startswith("Review map: 1 topic, 1 episode.")


def test_map_of_a_review_without_topics_says_so(make_app: Any, tmp_path: Path) -> None:
    app = views_app(
        make_app, tmp_path,
        "# Terms\n\n:::{review-map}\n:::\n\n:::{episode-timeline}\n:topic: alpha\n:::\n"
    )
    for page in ("alpha", "beta", "single"):
        (app.srcdir / f"{page}.md").write_text(f"# {page}\n")
    app.build()
    page = body(app.outdir, "terms")
    assert [p.get_text() for p in page.select(".litreview-empty")] == ["No topics yet.", "No episodes yet."]
    assert any("episode-timeline: :topic: 'alpha' names no topic page" in w for w in litreview_warnings(app))


def test_options_are_checked(make_app: Any, tmp_path: Path) -> None:
    app = views_app(
        make_app, tmp_path,
        "# Terms\n\n:::{review-map}\n:select: some\n:colour: red\n:::\n\n"
        ":::{episode-timeline}\n:select: cited\n:::\n\n"
        ":::{episode-timeline}\n:topic: alpah\n:::\n"
    )
    app.build()
    # (The replaced terms page leaves the topics' terms undefined: not this test's business.)
    warned = [w for w in litreview_warnings(app) if "terms.md" in w]
    assert len(warned) == 4, warned
    expected = [
        ("terms.md:3", "[litreview.option]", "review-map: :select: 'some' is not allowed; use one of all,"),
        ("terms.md:3", "[litreview.option]", "review-map: unknown option :colour:"),
        ("terms.md:8", "[litreview.option]", "episode-timeline: :select: applies to the episodes of a :topic:"),
        ("terms.md:12", "[litreview.unknown_topic]", "did you mean 'alpha'?"),
    ]
    for where, code, text in expected:
        assert any(where in w and code in w and text in w for w in warned), (where, text, warned)
    # The views still render, with the defaults.
    page = body(app.outdir, "terms")
    assert len(page.select("figure.litreview-review-map")) == 1
    assert len(page.select("figure.litreview-episode-timeline")) == 1
