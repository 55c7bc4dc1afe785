"""Tags: one generated page per tag, case-insensitive and merged by aliases; the
``{tag}`` role; tags linked on episode pages, in the episode index and in previews;
``tag-index``; ``litreview:tag`` objects in objects.inv and the search index."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import Tag
from helpers import body, build_scope, html, litreview_warnings, warnings_of
from sphinx.testing.util import SphinxTestApp
from test_builders import BUILDERS, CONF
from test_parallel import inventory

ROOT = Path(__file__).parent / "roots" / "test-tags"
#: The tag pages of the root: page -> (title, the episodes listed, in order)
TAG_PAGES = {
    # rl, RL and the alias reinforcement-learning are one tag, shown as the alias target
    "rl": ("Tag: RL", ["E001", "E002", "E003", "E010"]),
    # search is the spelling most episodes use (Search would come first in code point order)
    "search": ("Tag: search", ["E001", "E004", "E011"]),
    # Token Level and token level are used once each: the first in code point order shows
    "token-level": ("Tag: Token Level", ["E002", "E011"]),
    "schon": ("Tag: Schön", ["E003"]),
    "c": ("Tag: c++", ["E004"]),
    "hand-made": ("Tag: hand-made", ["E010"]),
}
UNKNOWN_TAG = (
    "roles.md:3: WARNING: unknown tag 'serch'; did you mean 'search'? (define it with the "
    ":tags: of an episode or catalog record) [litreview.unknown_topic]"
)


def build(make_app: Any, srcdir: Path, builder: str = "html", **kwargs: Any) -> SphinxTestApp:
    app = make_app(builder, srcdir=srcdir, **kwargs)
    app.build()
    return app  # type: ignore[no-any-return]


@pytest.fixture(scope=build_scope)
def site(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """The root built once for the module (for HTML)."""
    src = tmp_path_factory.mktemp("tags") / "src"
    shutil.copytree(ROOT, src)
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
    finally:
        app.cleanup()  # docutils' registries as they were: other tests build again
    return app


def out(app: SphinxTestApp) -> Path:
    return Path(app.outdir)


def tag_links(tag: Tag) -> list[tuple[str, str]]:
    return [(a.get_text(strip=True), str(a["href"])) for a in tag.select("a.litreview-ref-tag")]


# -- the pages --------------------------------------------------------------------------


def test_one_page_per_tag_and_the_only_warning_is_the_unknown_tag(site: SphinxTestApp) -> None:
    tags = Path(site.srcdir) / "episodes" / "tags"
    assert sorted(p.stem for p in tags.iterdir()) == sorted(TAG_PAGES)
    assert [w.replace(f"{site.srcdir}/", "") for w in warnings_of(site)] == [UNKNOWN_TAG]


@pytest.mark.parametrize("name", sorted(TAG_PAGES))
def test_a_tag_page_lists_exactly_its_episodes(site: SphinxTestApp, name: str) -> None:
    title, episodes = TAG_PAGES[name]
    page = body(out(site), f"episodes/tags/{name}")
    assert page.select_one("h1").get_text().rstrip("¶") == title
    listed = page.select("ul.litreview-episode-list > li")
    assert [li.select_one("a.litreview-ref-episode").get_text() for li in listed] == episodes
    assert page.select_one(".litreview-tag-summary").get_text(" ", strip=True).startswith(
        f"{len(episodes)} episode"
    )


def test_a_tag_page_names_the_topics_citing_each_episode(site: SphinxTestApp) -> None:
    page = body(out(site), "episodes/tags/rl")
    cited = {
        li.select_one("a.litreview-ref-episode").get_text(): [
            (a.get_text(), a["href"]) for a in li.select(".litreview-tag-cited-in a")
        ]
        for li in page.select("ul.litreview-episode-list > li")
    }
    assert cited == {
        "E001": [("Topic one", "../../topic.html"), ("Topic two", "../../topic2.html")],
        "E002": [("Topic one", "../../topic.html")],
        "E003": [("Topic two", "../../topic2.html")],
        "E010": [("Topic one", "../../topic.html")],
    }
    first = page.select_one("ul.litreview-episode-list > li")
    assert first.select_one("a.litreview-ref-episode")["href"] == "../E001.html#episode-e001"
    assert first.select_one(".litreview-first-sentence").get_text() == "The first."
    # The page links the tag index.
    assert [a["href"] for a in page.select(".litreview-tag-summary a")] == ["../../tag-list.html"]


@pytest.mark.parametrize("builder", ["html", "dirhtml", "epub"])
def test_long_tag_lists_are_ready_made_html_like_the_nodes(
    make_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builder: str
) -> None:
    from sphinxcontrib_litreview.views import render

    made = render._tag_list_html
    calls: list[str] = []
    monkeypatch.setattr(render, "_tag_list_html", lambda *a: calls.append(name) or made(*a))
    lists = {}
    for name, threshold in (("nodes", 10**9), ("html", 0)):
        monkeypatch.setattr(render, "TAG_HTML_ENTRIES", threshold)
        shutil.copytree(ROOT, tmp_path / name)
        app = build(make_app, tmp_path / name, builder)
        page = {"html": "episodes/tags/rl.html", "dirhtml": "episodes/tags/rl/index.html",
                "epub": "episodes/tags/rl.xhtml"}[builder]
        text = (out(app) / page).read_text("utf8")
        found = re.search(r'<ul class="litreview-episode-list.*?</ul>\n', text, re.S)
        assert found is not None
        lists[name] = found.group(0)
    assert lists["html"].count("<li>") == 4
    assert lists["html"] == lists["nodes"]
    assert set(calls) == {"html"}  # the one was ready-made, the other translated nodes


def test_tag_pages_are_orphans_out_of_every_toctree(site: SphinxTestApp) -> None:
    assert site.env.metadata["episodes/tags/rl"].get("orphan") is not None
    assert not any("episodes/tags/rl" in included for included in site.env.toctree_includes.values())


# -- links to tags ----------------------------------------------------------------------


def test_episode_pages_link_each_tag_once_in_its_display_form(site: SphinxTestApp) -> None:
    e003 = body(out(site), "episodes/E003").select_one("dl.litreview-metadata")
    assert tag_links(e003) == [("RL", "tags/rl.html"), ("Schön", "tags/schon.html")]
    # hand-written: "rl" and "RL" are one tag, listed once
    featured = body(out(site), "featured").select_one("dl.litreview-metadata")
    assert tag_links(featured) == [
        ("RL", "episodes/tags/rl.html"), ("hand-made", "episodes/tags/hand-made.html")
    ]
    # rl, RL and reinforcement-learning (an alias) are one tag, shown once
    assert featured.select("dd p")[-1].get_text() == "RL, hand-made"
    rst = body(out(site), "rst-page").select_one("dl.litreview-metadata")
    assert tag_links(rst) == [
        ("search", "episodes/tags/search.html"), ("Token Level", "episodes/tags/token-level.html")
    ]


def test_tag_role_in_myst_and_rest(site: SphinxTestApp) -> None:
    roles = body(out(site), "roles")
    assert tag_links(roles) == [
        ("RL", "episodes/tags/rl.html"),  # shown in the tag's display form
        ("RL", "episodes/tags/rl.html"),  # an alias, any case
        ("search", "episodes/tags/search.html"),  # {litreview:tag}
        ("these papers", "episodes/tags/token-level.html"),  # text of its own
    ]
    unknown = roles.select("span.litreview-tag")[-1]
    assert unknown.get_text() == "serch" and unknown.find_parent("a") is None
    rst = body(out(site), "rst-page")
    assert tag_links(rst.select_one("section > p:last-of-type")) == [
        ("RL", "episodes/tags/rl.html"), ("Schön", "episodes/tags/schon.html")
    ]


def test_tag_role_in_catalog_text(site: SphinxTestApp) -> None:
    summary = body(out(site), "episodes/E004").select_one("dl.litreview-metadata + p")
    assert summary.get_text() == "The fourth, on RL."
    assert tag_links(summary) == [("RL", "tags/rl.html")]


def test_the_episode_index_links_tags(site: SphinxTestApp) -> None:
    index = body(out(site), "episodes/index")
    rows = {
        row.select_one("a.litreview-ref-episode").get_text(): row
        for row in index.select("table.litreview-episode-index tbody tr")
    }
    assert tag_links(rows["E002"]) == [("RL", "tags/rl.html"), ("Token Level", "tags/token-level.html")]
    assert rows["E002"]["data-tags"] == "RL,Token Level"
    assert tag_links(rows["E005"]) == []
    facet = [o["value"] for o in index.select("select[data-facet=tag] option")]
    assert facet == ["", "c++", "hand-made", "rl", "schön", "search", "token level"]


@pytest.mark.parametrize("option", ["rl", "REINFORCEMENT-learning"])
def test_tag_options_match_any_case_and_aliases(make_app: Any, tmp_path: Path, option: str) -> None:
    shutil.copytree(ROOT, tmp_path / "src")
    (tmp_path / "src" / "roles.md").write_text(
        f"# Roles\n\n:::{{episode-index}}\n:tag: {option}\n:::\n\n"
        f":::{{episode-list}}\n:topic: topic\n:select: cited\n:tag: {option}\n:::\n"
    )
    app = build(make_app, tmp_path / "src")
    page = body(out(app), "roles")
    index = page.select("table.litreview-episode-index tbody a.litreview-ref-episode")
    assert [a.get_text() for a in index] == ["E001", "E002", "E003", "E010"]
    listed = page.select("ul.litreview-episode-list a.litreview-ref-episode")
    assert [a.get_text() for a in listed] == ["E001", "E002", "E010"]


# -- tag-index ------------------------------------------------------------------------


def test_tag_index_lists_every_tag_a_to_z_with_counts(site: SphinxTestApp) -> None:
    index = body(out(site), "tag-list").select_one("div.litreview-tag-index")
    assert [r.get_text() for r in index.select(".litreview-letter")] == ["C", "H", "R", "S", "T"]
    entries = [
        (li.select_one("a").get_text(), li.select_one("a")["href"], li.select_one(".litreview-count").get_text())
        for li in index.select("li")
    ]
    assert entries == [
        ("c++", "episodes/tags/c.html", " (1 episode)"),
        ("hand-made", "episodes/tags/hand-made.html", " (1 episode)"),
        ("RL", "episodes/tags/rl.html", " (4 episodes)"),
        ("Schön", "episodes/tags/schon.html", " (1 episode)"),
        ("search", "episodes/tags/search.html", " (3 episodes)"),
        ("Token Level", "episodes/tags/token-level.html", " (2 episodes)"),
    ]


def test_tag_cloud_weighs_tags_by_their_episodes(site: SphinxTestApp) -> None:
    cloud = body(out(site), "tag-list").select_one("p.litreview-tag-cloud")
    weights = {}
    for entry in cloud.find_all("span", recursive=False):
        (weight,) = [c for c in entry["class"] if c.startswith("litreview-tag-weight-")]
        link = entry.select_one("a.litreview-ref-tag")
        weights[link.get_text()] = int(weight.rsplit("-", 1)[1])
        assert link["title"].endswith(("1 episode", "episodes"))
        assert link["href"].startswith("episodes/tags/") and link["href"].endswith(".html")
    # A–Z; one episode is the smallest size, the most used tag (4) the largest.
    assert list(weights) == ["c++", "hand-made", "RL", "Schön", "search", "Token Level"]
    assert weights == {"c++": 1, "hand-made": 1, "RL": 5, "Schön": 1, "search": 4, "Token Level": 3}


# -- objects.inv, search, previews ------------------------------------------------------


def test_tags_are_litreview_tag_objects_in_objects_inv(site: SphinxTestApp) -> None:
    tags = inventory(out(site))["litreview:tag"]
    assert tags == {
        "c++": ("episodes/tags/c.html", "-"),
        "hand-made": ("episodes/tags/hand-made.html", "-"),
        "rl": ("episodes/tags/rl.html", "RL"),
        "schön": ("episodes/tags/schon.html", "Schön"),
        "search": ("episodes/tags/search.html", "-"),  # "-": the name as it is
        "token level": ("episodes/tags/token-level.html", "Token Level"),
    }


def test_tags_are_in_the_search_index(site: SphinxTestApp) -> None:
    text = (out(site) / "searchindex.js").read_text("utf8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    kind = next(k for k, v in index["objtypes"].items() if v == "litreview:tag")
    found = {
        entry[4]: index["docnames"][entry[0]]
        for entries in index["objects"].values()
        for entry in entries
        if str(entry[1]) == kind
    }
    assert found["RL"] == "episodes/tags/rl"
    assert found["Token Level"] == "episodes/tags/token-level"
    assert "Tag: RL" in index["titles"]
    # Priority 1, as episodes and topics: listed among the results, not ranked below.
    assert {entry[2] for entries in index["objects"].values() for entry in entries if str(entry[1]) == kind} == {1}


def test_episode_pages_are_found_by_their_tags_an_alias_as_its_tag(site: SphinxTestApp) -> None:
    text = (out(site) / "searchindex.js").read_text("utf8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    e003 = index["docnames"].index("episodes/E003")  # tags: reinforcement-learning, Schön

    def pages(word: str) -> list[int]:
        found = index["terms"].get(word, [])
        return found if isinstance(found, list) else [found]

    assert e003 in pages("rl") and e003 in pages("schön")
    assert e003 not in pages("reinforc")  # the alias is searched as the tag it stands for


def test_an_episode_s_tags_are_one_node_until_written(site: SphinxTestApp) -> None:
    """The tags of a metadata block are one node whatever their number (linked when
    written, see tag_links.py), not a reference per tag: they were most of the nodes
    of a generated page, which every transform and the writer walk."""
    from sphinx import addnodes

    from sphinxcontrib_litreview.nodes import litreview_tags

    for docname, tags in [("episodes/E003", ["reinforcement-learning", "Schön"]), ("featured", ["rl", "hand-made"])]:
        doctree = site.env.get_doctree(docname)
        assert [node["tags"] for node in doctree.findall(litreview_tags)] == [tags]
        assert not [ref for ref in doctree.findall(addnodes.pending_xref) if ref["reftype"] == "tag"]


def previews(app: SphinxTestApp, docname: str, kind: str) -> dict[str, Any]:
    script = html(out(app), docname).find("script", class_=kind)
    assert script is not None
    return json.loads(script.string)  # type: ignore[no-any-return]


def test_previews_carry_tags_and_links_to_their_pages(site: SphinxTestApp) -> None:
    shown = previews(site, "topic", "litreview-previews")
    assert shown["episode-e002"]["tags"] == ["RL", "Token Level"]
    assert "tags" not in shown.get("episode-e005", {})
    links = previews(site, "topic", "litreview-tag-links")
    assert links == {
        "RL": "episodes/tags/rl.html",
        "Token Level": "episodes/tags/token-level.html",
        "hand-made": "episodes/tags/hand-made.html",
        "search": "episodes/tags/search.html",
    }
    # A tag page lists its episodes with what a preview would show: no previews there.
    assert html(out(site), "episodes/tags/rl").find("script", class_="litreview-previews") is None


def test_dirhtml_links_tags_to_folders(make_app: Any, tmp_path: Path) -> None:
    shutil.copytree(ROOT, tmp_path / "src")
    app = build(make_app, tmp_path / "src", "dirhtml")
    page = body(out(app), "topic/index")
    assert previews(app, "topic/index", "litreview-tag-links")["RL"] == "../episodes/tags/rl/"
    e001 = body(out(app), "episodes/E001/index").select_one("dl.litreview-metadata")
    assert tag_links(e001) == [("RL", "../tags/rl/"), ("search", "../tags/search/")]
    assert page is not None


# -- problems -------------------------------------------------------------------------------


def test_a_tag_found_only_after_reading_warns_and_gets_its_page_next_build(make_app: Any, tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    # An episode directive in an included file: the scan before reading does not see it.
    (src / "extra.txt").write_text(":::{episode} E012\n:title: Included\n:tags: included-tag\n:::\n")
    with (src / "featured.md").open("a") as featured:
        featured.write("\n```{include} extra.txt\n```\n")
    app = build(make_app, src)
    warnings = [re.sub(r"\.md:\d+:", ".md:N:", w) for w in litreview_warnings(app) if "included-tag" in w]
    assert warnings == [
        f"{src}/featured.md:N: WARNING: tag 'included-tag' has no page in this build: the "
        ":tags: of episode E012 were not found before reading (is its episode directive in "
        "an included file, or made by another directive?). The tag's page is written on "
        "the next build [litreview.catalog]"
    ]
    e012 = body(out(app), "featured").select_one("#episode-e012").find_parent("dl")
    assert e012.select_one("span.litreview-tag").get_text() == "included-tag"
    assert tag_links(e012) == []
    again = build(make_app, src)
    assert [w for w in litreview_warnings(again) if "included-tag" in w] == []
    assert (src / "episodes" / "tags" / "included-tag.litreview").is_file()
    e012 = body(out(again), "featured").select_one("#episode-e012").find_parent("dl")
    assert tag_links(e012) == [("included-tag", "episodes/tags/included-tag.html")]
    # The tag taken off: the page made for it, written before reading, says it is empty
    # for one build, and is gone from the next.
    (src / "extra.txt").write_text(":::{episode} E012\n:title: Included\n:::\n")
    third = build(make_app, src)
    assert [w for w in litreview_warnings(third) if "included-tag" in w] == []
    empty = body(out(third), "episodes/tags/included-tag")
    assert [p.get_text() for p in empty.select("p.litreview-empty")] == ["No episode carries this tag."]
    summary = empty.select_one("p.litreview-tag-summary")
    assert summary.get_text() == "0 episodes · All tags"
    assert summary.a["href"] == "../../tag-list.html"
    build(make_app, src)
    assert not (src / "episodes" / "tags" / "included-tag.litreview").exists()


# -- other builders -------------------------------------------------------------------------


def without_unknown_tag(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    roles = src / "roles.md"
    roles.write_text(roles.read_text().replace(", and unknown: {tag}`serch`", ""))
    return src


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_builder_builds_tags_without_warnings(make_app: Any, tmp_path: Path, builder: str) -> None:
    app = build(make_app, without_unknown_tag(tmp_path), builder, confoverrides=CONF)
    assert warnings_of(app) == []


def test_latex_shows_tags_as_text_and_leaves_tag_pages_out(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, without_unknown_tag(tmp_path), "latex", confoverrides=CONF)
    (tex,) = out(app).glob("*.tex")
    source = tex.read_text("utf8")
    assert "episodes/tags/" not in source  # neither a link to a tag page nor the page
    assert "Tag: RL" not in source
    # The roles show the display form ({tag}`rl` reads RL), as text.
    # Sphinx 9 nests one \DUrole per class; 8.0 writes one \DUrole with all of them.
    forms = (
        "\\DUrole{{xref}}{{\\DUrole{{litreview}}{{\\DUrole{{litreview-tag}}{{{}}}}}}}",
        "\\DUrole{{xref,litreview,litreview-tag}}{{{}}}",
    )

    def shown(text: str) -> bool:
        return any(form.format(text) in source for form in forms)

    assert shown("RL") and not shown("rl")
    assert shown("these papers")


def test_singlehtml_shows_tags_as_text(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, without_unknown_tag(tmp_path), "singlehtml", confoverrides=CONF)
    page = html(out(app), "index")
    assert page.select("a.litreview-ref-tag") == []
    assert "RL" in [s.get_text() for s in page.select("span.litreview-tag")]
    assert page.find("script", class_="litreview-tag-links") is None


def test_text_shows_the_tag_index_as_a_list_and_tags_in_display_form(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, without_unknown_tag(tmp_path), "text", confoverrides=CONF)
    tags = (out(app) / "tag-list.txt").read_text("utf8")
    # Both the list and the cloud (a list outside HTML): every tag with its count.
    assert tags.count("* RL (4 episodes)") == 2
    assert tags.count("* Token Level (2 episodes)") == 2
    page = (out(app) / "episodes" / "tags" / "rl.txt").read_text("utf8")
    assert "Tag: RL" in page and "Cited in: Topic one, Topic two" in page


def test_epub_holds_and_links_the_tag_pages(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, without_unknown_tag(tmp_path), "epub", confoverrides=CONF)
    e001 = (out(app) / "episodes" / "E001.xhtml").read_text("utf8")
    assert 'href="tags/rl.xhtml"' in e001
    assert (out(app) / "episodes" / "tags" / "rl.xhtml").is_file()


@pytest.mark.sphinx("html", testroot="tags")
def test_display_of_a_tag_no_episode_carries_is_its_spelling_tidied(app: Any) -> None:
    app.build()
    domain = app.env.get_domain("litreview")
    assert domain.tag_display("reinforcement-learning") == "RL"  # an alias: its target
    assert domain.tag_display("  Nobody's \n tag ") == "Nobody's tag"


def test_a_users_page_where_a_tag_page_would_go(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    # One warning says the tag page is not written and why; the tag is known, so its
    # references are text, not "unknown tag" warnings, and nothing claims it was missed.
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-tags", src)
    (src / "episodes" / "tags").mkdir(parents=True)
    (src / "episodes" / "tags" / "rl.md").write_text("---\norphan: true\n---\n# My RL notes\n")
    app = make_app("html", srcdir=src)
    app.build()
    warnings = litreview_warnings(app)
    assert [w for w in warnings if "'serch'" not in w] == [
        "WARNING: episodes/tags/rl.md is a page of your own where the tag page episodes/tags/rl "
        "would go; the tag page is not written and the tag is shown without a link. Rename or "
        "move your page [litreview.catalog]"
    ]
    roles = body(app.outdir, "roles")
    assert [a.get_text() for a in roles.select("a.litreview-ref-tag")] == ["search", "these papers"]
    assert "Plain RL , an alias RL ," in roles.get_text(" ", strip=True)
    assert (src / "episodes" / "tags" / "rl.md").read_text() == "---\norphan: true\n---\n# My RL notes\n"
