"""The generated views: topic header, listings and back-links."""

from __future__ import annotations

import shutil

import pytest
from helpers import body, build_myst_page, litreview_warnings, warnings_of


def ids_in(tag) -> list[str]:  # type: ignore[no-untyped-def]
    return [a.get_text(strip=True) for a in tag.select("a.litreview-ref-episode")]


@pytest.fixture
def views(app):  # type: ignore[no-untyped-def]
    app.build()
    assert warnings_of(app) == []
    return app


@pytest.mark.sphinx("html", testroot="views")
def test_topic_header_counts_anchors_and_links_navigation(views):
    page = body(views.outdir, "alpha")
    assert page.select_one(".litreview-kicker").get_text() == "Literature review · 3 episodes"
    header = page.select_one(".litreview-topic-header")
    assert header.select_one(".litreview-summary").get_text() == "Alpha summary."
    nav = [(a.get_text(strip=True), a["href"]) for a in header.select(".litreview-nav a")]
    assert nav == [("← All topics", "all-topics.html"), ("Glossary →", "terms.html")]


@pytest.mark.sphinx("html", testroot="views")
def test_topic_header_counts_distinct_citations_without_anchors(views):
    kicker = body(views.outdir, "beta").select_one(".litreview-kicker")
    assert kicker.get_text() == "Literature review · 2 episodes"  # E004 twice counts once
    single = body(views.outdir, "single").select_one(".litreview-kicker")
    assert single.get_text() == "Literature review · 1 episode"  # singular


@pytest.mark.sphinx("html", testroot="views", confoverrides={"litreview_title": "Reading club"})
def test_topic_header_uses_the_configured_title(views):
    kicker = body(views.outdir, "single").select_one(".litreview-kicker")
    assert kicker.get_text() == "Reading club · 1 episode"


@pytest.mark.sphinx("html", testroot="views")
def test_episode_list_variants(views):
    lists = body(views.outdir, "alpha").select(".litreview-episode-list")
    default, cited, by_year, tagged, beta_cards = lists
    # anchors declared: anchors in order of first citation, never-cited anchors last
    assert ids_in(default) == ["E002", "E001", "E003"]
    assert ids_in(cited) == ["E002", "E001"]
    assert by_year.name == "table"
    assert ids_in(by_year) == ["E002", "E003", "E001"]
    headers = [th.get_text(strip=True) for th in by_year.select("thead th")]
    assert headers == ["ID", "Title", "Year", "Summary"]
    assert ids_in(tagged) == ["E002", "E001"]  # tag rl, by title: Alpha, Zeta
    assert "sd-card" in str(beta_cards)
    assert ids_in(beta_cards) == ["E004", "E001"]
    first = default.select_one("li")
    assert "Alpha paper" in first.get_text() and "(2021)" in first.get_text()
    assert first.select_one(".litreview-first-sentence").get_text() == "Second summary."


@pytest.mark.sphinx(
    "html", testroot="views",
    confoverrides={"extensions": ["myst_parser", "sphinxcontrib_litreview"]},
)
def test_cards_fall_back_to_lists_without_sphinx_design(views):
    page = body(views.outdir, "alpha")
    assert "sd-card" not in str(page)
    lists = page.select(".litreview-episode-list")
    assert lists[-1].name == "ul"
    assert ids_in(lists[-1]) == ["E004", "E001"]
    topic_lists = body(views.outdir, "all-topics").select("ul.litreview-topic-index")
    assert len(topic_lists) == 2


@pytest.mark.sphinx("html", testroot="views")
def test_topic_index_in_toctree_order(views):
    index = body(views.outdir, "all-topics").select_one("ul.litreview-topic-index")
    items = [li.get_text(" ", strip=True) for li in index.select(":scope > li")]
    assert items[0].startswith("Alpha topic · 3 episodes")
    assert "Alpha summary." in items[0]
    assert items[1].startswith("Beta topic · 2 episodes")
    assert items[2].startswith("Single topic · 1 episode")
    cards = body(views.outdir, "all-topics").select(".litreview-topic-index .sd-card")
    assert len(cards) == 3


@pytest.mark.sphinx("html", testroot="views")
def test_episode_index_table(views):
    tables = body(views.outdir, "episodes").select("table.litreview-episode-index")
    full, data = tables
    rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in full.select("tbody tr")]
    assert rows[0] == ["E001", "Zeta paper", "2023", "rl", "2"]  # cited by alpha and beta
    assert rows[4] == ["E005", "Never cited", "", "", "0"]
    # :tag: data, :sort: citations (most-cited topics first)
    assert [r[0] for r in ([td.get_text(strip=True) for td in tr.select("td")]
            for tr in data.select("tbody tr"))] == ["E002", "E004"]


@pytest.mark.sphinx("html", testroot="views")
def test_cited_in_back_links_with_counts(views):
    page = body(views.outdir, "episodes")
    e001 = page.select_one("#episode-e001").find_parent("dl")
    cited = e001.select_one(".litreview-cited-in")
    items = [li.get_text(" ", strip=True) for li in cited.select("li")]
    assert items == ["Alpha topic (1 citation)", "Beta topic (1 citation)"]
    e002 = page.select_one("#episode-e002").find_parent("dl")
    assert [li.get_text(" ", strip=True) for li in e002.select(".litreview-cited-in li")] == [
        "Alpha topic (2 citations)"
    ]
    # nothing at all when no topic cites the episode
    e005 = page.select_one("#episode-e005").find_parent("dl")
    assert e005.select_one(".litreview-cited-in") is None


@pytest.mark.sphinx("html", testroot="views")
def test_used_in_and_term_index(views):
    page = body(views.outdir, "terms")
    reward = page.select_one("#lr-term-reward").find_parent("dl")
    used = [a.get_text(strip=True) for a in reward.select(".litreview-used-in a")]
    assert used == ["Alpha topic", "Beta topic"]
    index = page.select_one(".litreview-term-index")
    letters = [r.get_text() for r in index.select(".rubric")]
    assert letters == ["#", "A", "R"]  # digits under '#', Ä folded under A
    entries = [li.get_text(" ", strip=True) for li in index.select("li")]
    assert entries[2] == "reward — What the policy maximises. (2 uses)"


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml", "text"])
def test_no_placeholder_outlives_the_page(make_app, rootdir, tmp_path, builder):
    """html and dirhtml render views as each page is translated, the others when it is
    resolved; either way, what comes after (``html-page-context``, the written page)
    sees the views and no placeholder."""
    from sphinxcontrib_litreview.nodes import litreview_view

    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-views", src)
    app = make_app(builder, srcdir=src)
    seen: dict[str, int] = {}

    def count(app, pagename, templatename, context, doctree):  # type: ignore[no-untyped-def]
        if doctree is not None:
            seen[pagename] = len(list(doctree.findall(litreview_view)))
            seen[pagename + " views"] = len(list(doctree.findall(
                lambda n: "no-search" in getattr(n, "get", lambda *_: ())("classes", ())
            )))

    app.connect("html-page-context", count)
    app.build()
    assert warnings_of(app) == []
    if builder == "text":
        assert "Literature review · 3 episodes" in (app.outdir / "alpha.txt").read_text("utf8")
        return
    page = "index" if builder == "singlehtml" else "alpha"
    assert seen[page] == 0
    assert seen[page + " views"] > 0


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_views_written_by_the_translator_are_freed_with_the_page(make_app, rootdir, tmp_path, builder):
    """Views rendered as a page is translated are seen by ``html-page-context``
    handlers of default priority, then leave the tree and are freed by reference
    counting alone once the page is written."""
    import gc
    import weakref

    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-views", src)
    app = make_app(builder, srcdir=src)
    refs: dict[str, list[weakref.ref[object]]] = {}
    after: dict[str, tuple[int, int]] = {}

    def shown(node):  # type: ignore[no-untyped-def]
        return "no-search" in getattr(node, "get", lambda *_: ())("classes", ())

    def before(app, pagename, templatename, context, doctree):  # type: ignore[no-untyped-def]
        if doctree is not None:
            refs[pagename] = [weakref.ref(n) for part in doctree.findall(shown) for n in part.findall()]

    def later(app, pagename, templatename, context, doctree):  # type: ignore[no-untyped-def]
        if doctree is not None:
            alive = sum(ref() is not None for ref in refs[pagename])
            after[pagename] = (len(list(doctree.findall(shown))), alive)

    app.connect("html-page-context", before)
    app.connect("html-page-context", later, priority=999)
    was_enabled = gc.isenabled()
    try:
        gc.disable()  # only reference counting may free them
        app.build()
        assert warnings_of(app) == []
        assert len(refs["terms"]) > 20  # Used in lists and the term index
        assert after["terms"] == (0, 0)
    finally:
        (gc.enable if was_enabled else gc.disable)()


@pytest.mark.parametrize(
    ("builder", "root"),
    [("html", "test-views"), ("dirhtml", "test-views"), ("html", "test-rst-project"),
     ("html", "test-hover"), ("html", "test-catalog-myst"), ("html", "test-warnings")],
)
def test_rendering_when_written_equals_rendering_when_resolved(
    make_app, rootdir, tmp_path, monkeypatch, builder, root
):
    """The translator path (html, dirhtml) writes the same pages as the resolve path
    that every other builder takes."""
    from test_parallel import snapshot

    from sphinxcontrib_litreview.views import transform

    pages, warnings = {}, {}
    paths = (("written", transform.RENDERED_WHEN_WRITTEN), ("resolved", frozenset()))
    for name, when_written in paths:
        monkeypatch.setattr(transform, "RENDERED_WHEN_WRITTEN", when_written)
        src = tmp_path / name
        shutil.copytree(rootdir / root, src)
        app = make_app(builder, srcdir=src, freshenv=True)
        app.build()
        pages[name] = snapshot(app.outdir)
        warnings[name] = [w.replace(str(src), "<src>") for w in litreview_warnings(app)]
    assert pages["written"] == pages["resolved"]
    assert warnings["written"] == warnings["resolved"]
    assert any("litreview-" in page for page in pages["written"].values())


@pytest.mark.parametrize("builder", ["html", "text"])
def test_views_with_nothing_to_list_say_so(make_app, tmp_path, builder):  # type: ignore[no-untyped-def]
    app = build_myst_page(
        make_app, tmp_path / "src",
        "# An empty review\n\n"
        + "".join(f":::{{{view}}}\n:::\n\n" for view in ("topic-index", "episode-index", "tag-index", "review-map"))
        + ":::{episode-list}\n:style: table\n:::\n",
        builder,
    )
    assert warnings_of(app) == []
    expected = ["No topics yet.", "No episodes yet.", "No tags yet.", "No topics yet.", "No episodes yet."]
    if builder == "text":
        text = (app.outdir / "index.txt").read_text("utf8")
        assert [line for line in text.splitlines() if line.startswith("*N")] == [f"*{m}*" for m in expected]
        return
    page = body(app.outdir, "index")
    assert [p.get_text() for p in page.select("p.litreview-empty > em:only-child")] == expected


@pytest.mark.parametrize(
    ("sort", "order"),
    [("year", ["E002", "E003", "E001", "E004", "E005"]), ("title", ["E002", "E004", "E003", "E005", "E001"])],
)
def test_episode_index_sort_option(make_app, rootdir, tmp_path, sort, order):  # type: ignore[no-untyped-def]
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-views", src)
    (src / "sorted.md").write_text(f"---\norphan: true\n---\n# Sorted\n\n:::{{episode-index}}\n:sort: {sort}\n:::\n")
    app = make_app("html", srcdir=src)
    app.build()
    rows = body(app.outdir, "sorted").select("table.litreview-episode-index tbody tr")
    assert [tr.td.get_text(strip=True) for tr in rows] == order


def test_cited_in_follows_the_toctree_not_the_alphabet(make_app, rootdir, tmp_path):  # type: ignore[no-untyped-def]
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-views", src)
    index = src / "index.md"
    index.write_text(index.read_text().replace("alpha\nbeta\n", "beta\nalpha\n"))
    app = make_app("html", srcdir=src)
    app.build()
    e001 = body(app.outdir, "episodes").select_one("#episode-e001").find_parent("dl")
    assert [li.get_text(" ", strip=True) for li in e001.select(".litreview-cited-in li")] == [
        "Beta topic (1 citation)", "Alpha topic (1 citation)"
    ]


def test_used_in_counts_every_role_that_links_a_term(make_app, tmp_path):  # type: ignore[no-untyped-def]
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_litreview"]\nmyst_enable_extensions = ["colon_fence"]\n'
    )
    pages = {
        "index": "# Home\n\n```{toctree}\nglossary\nprefixed\nstandard\n```\n",
        "glossary": "# Glossary\n\n:::{term} entropy\nUncertainty.\n:::\n",
        "prefixed": "# Prefixed\n\n{litreview:term}`entropy` and {litreview:term}`Entropy`.\n",
        "standard": "# Standard\n\n{term}`entropy`.\n",
    }
    for name, text in pages.items():
        (src / f"{name}.md").write_text(text)
    app = make_app("html", srcdir=src)
    app.build()
    assert warnings_of(app) == []
    entry = body(app.outdir, "glossary").select_one("#lr-term-entropy").find_parent("dl")
    assert [li.get_text(" ", strip=True) for li in entry.select(".litreview-used-in li")] == [
        "Prefixed (2 uses)", "Standard (1 use)"
    ]
