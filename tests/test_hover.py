"""Hover previews: the JSON blocks, the assets and the no-JS ``title`` fallback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from docutils import nodes
from helpers import body, build_folder, build_myst_page, warnings_of

from sphinxcontrib_litreview.hover import (
    BLOCK_CLASS,
    CSS_FILE,
    EPISODE_CLASS,
    JS_FILE,
    _PreviewLookup,
    script_json,
)

EVIL_TITLE = '<script>window.__pwned = 1</script> Evil & </script><!-- "quoted"'


def page(outdir: Path | str, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(outdir) / name).read_text("utf8"), "html.parser")


def blocks(soup: BeautifulSoup) -> list[Tag]:
    return soup.select(f"script.{BLOCK_CLASS}")


def previews(soup: BeautifulSoup) -> dict[str, dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for block in blocks(soup):
        assert block.get("type") == "application/json"
        merged.update(json.loads(block.string or ""))
    return merged


def fragment(href: str) -> str:
    return href.rsplit("#", 1)[1]


def ref_fragments(soup: BeautifulSoup) -> set[str]:
    return {fragment(str(a["href"])) for a in soup.select("a.litreview-ref")}


def asset_names(soup: BeautifulSoup) -> list[str]:
    urls = [str(s.get("src", "")) for s in soup.select("script[src]")]
    urls += [str(link.get("href", "")) for link in soup.select("link[rel=stylesheet]")]
    return [url.split("?")[0].rsplit("/", 1)[-1] for url in urls]


@pytest.mark.sphinx("html", testroot="hover")
def test_blocks_match_the_links_of_each_page(app: Any) -> None:
    app.build()
    assert warnings_of(app) == []
    for name in ("index.html", "glossary.html", "evil.html"):
        soup = page(app.outdir, name)
        assert len(blocks(soup)) == 1, name
        assert set(previews(soup)) == ref_fragments(soup), name


@pytest.mark.sphinx("html", testroot="hover")
def test_preview_content(app: Any) -> None:
    app.build()
    data = previews(page(app.outdir, "index.html"))
    assert data["episode-e026"] == {
        "kind": "episode",
        "id": "E026",
        "title": "RL calibrates rather than discovers",
        "authors": ["Doe, Jane", "Roe, Rick"],
        "year": 2025,
        "venue": "arXiv",
        # first sentences only
        "summary": "RLVR narrows the sampling distribution. It does not add new reasoning.",
    }
    # custom link text and an alias still key by the target's anchor; empty fields are
    # shipped too (only "reference" is left out when empty)
    assert data["episode-e048"] == {
        "kind": "episode", "id": "E048", "title": "DAPO", "authors": [], "year": 2025,
        "venue": "", "summary": "Decoupled clipping and dynamic sampling.",
    }
    assert data["lr-term-entropy"] == {
        "kind": "term",
        "term": "entropy",
        "aliases": ["entropies", "high-entropy"],
        "definition": "Uncertainty of the next-token distribution.",
    }
    # Sphinx's own glossary terms keep Sphinx's link and anchor, and get a preview too.
    std_links = page(app.outdir, "index.html").select("a[href$='#term-RLVR']")
    assert std_links and "litreview-ref" in std_links[0].get("class", [])
    assert data["term-RLVR"]["term"] == "RLVR"
    assert data["term-RLVR"]["definition"]


@pytest.mark.sphinx("html", testroot="hover")
def test_links_keep_a_title_without_javascript(app: Any) -> None:
    app.build()
    soup = page(app.outdir, "index.html")
    titles = {fragment(str(a["href"])): a.get("title") for a in soup.select("a.litreview-ref")}
    assert titles["episode-e026"] == "E026: RL calibrates rather than discovers"
    assert titles["lr-term-entropy"] == "entropy: Uncertainty of the next-token distribution."


@pytest.mark.sphinx("html", testroot="hover")
def test_index_tables_keep_titles_but_carry_no_previews(app: Any) -> None:
    # listed.md cites nothing itself: its links all come from episode-index and term-index,
    # whose rows already show title and definition; previews there would only add weight.
    app.build()
    listed = page(app.outdir, "listed.html")
    assert blocks(listed) == []
    links = listed.select("a.litreview-ref-episode, a.litreview-ref-term")
    assert len(links) >= 4
    assert all(a.get("title") and "litreview-ref" not in a["class"] for a in links)
    # an episode-list is prose-like: its links do get previews
    index = page(app.outdir, "index.html")
    listed_ids = [a for a in index.select(".litreview-episode-list a.litreview-ref-episode")]
    assert listed_ids and all("litreview-ref" in a["class"] for a in listed_ids)
    assert {fragment(a["href"]) for a in listed_ids} <= set(previews(index))


@pytest.mark.sphinx("html", testroot="hover")
def test_user_text_cannot_leave_the_json_block(app: Any) -> None:
    app.build()
    raw = (Path(app.outdir) / "evil.html").read_text("utf8")
    soup = page(app.outdir, "evil.html")
    (block,) = blocks(soup)
    text = block.string or ""
    for dangerous in ("<", ">", "&"):
        assert dangerous not in text
    data = json.loads(text)
    assert data["episode-e666"]["title"] == EVIL_TITLE
    assert "<script>window.__pwned = 2</script>" in data["episode-e666"]["summary"]
    # Nothing the page runs carries the payload: only our JSON block and Sphinx's scripts.
    for script in soup.select("script"):
        assert "__pwned" not in (script.string or "") or script is block
    assert "<script>window.__pwned" not in raw


def test_script_json_escapes_everything_that_could_end_a_script() -> None:
    text = script_json({"k": "</script><!-- & \u2028\u2029 >"})
    assert not any(ch in text for ch in "<>&\u2028\u2029")
    assert json.loads(text) == {"k": "</script><!-- & \u2028\u2029 >"}


def test_script_json_is_compact_sorted_and_keeps_non_ascii() -> None:
    # The same object gives the same bytes on every page and build (previews_html joins
    # these texts itself), as short as JSON allows.
    assert script_json({"b": [1, 2], "a": "Schön"}) == '{"a":"Schön","b":[1,2]}'


@pytest.mark.sphinx("html", testroot="hover")
def test_assets_linked(app: Any) -> None:
    app.build()
    soup = page(app.outdir, "index.html")
    assert JS_FILE in asset_names(soup)
    assert CSS_FILE in asset_names(soup)
    (js,) = [s for s in soup.select("script[src]") if JS_FILE in str(s["src"])]
    assert js.has_attr("defer")
    assert (Path(app.outdir) / "_static" / JS_FILE).is_file()


@pytest.mark.sphinx("html", testroot="hover", confoverrides={"litreview_hover": False})
def test_hover_off(app: Any) -> None:
    app.build()
    assert warnings_of(app) == []
    for name in ("index.html", "evil.html", "listed.html"):
        soup = page(app.outdir, name)
        assert blocks(soup) == []
        assert JS_FILE not in asset_names(soup)
        assert CSS_FILE not in asset_names(soup)
        links = soup.select("a.litreview-ref-episode, a.litreview-ref-term")
        assert links and all(a.get("title") for a in links)


@pytest.mark.sphinx("dirhtml", testroot="hover")
def test_dirhtml(app: Any) -> None:
    app.build()
    assert warnings_of(app) == []
    soup = page(app.outdir, "glossary/index.html")
    assert set(previews(soup)) == ref_fragments(soup) == {"episode-e026"}
    assert [a["href"] for a in soup.select("a.litreview-ref")] == ["../episodes/#episode-e026"]
    assert JS_FILE in asset_names(soup)
    soup = page(app.outdir, "index.html")
    assert set(previews(soup)) == ref_fragments(soup)


@pytest.mark.sphinx("singlehtml", testroot="hover")
def test_singlehtml(app: Any) -> None:
    app.build()
    assert warnings_of(app) == []
    soup = page(app.outdir, "index.html")
    # One tree assembled from every page: every litreview link has its preview.
    assert set(previews(soup)) == ref_fragments(soup)
    assert {"episode-e026", "episode-e048", "episode-e666", "lr-term-entropy"} <= set(
        previews(soup)
    )
    assert JS_FILE in asset_names(soup)


@pytest.mark.sphinx("epub", testroot="hover")
def test_epub_has_no_previews(app: Any) -> None:
    app.build()
    text = (Path(app.outdir) / "index.xhtml").read_text("utf8")
    assert BLOCK_CLASS not in text
    assert JS_FILE not in text


@pytest.mark.sphinx("html", testroot="hover", parallel=2)
def test_parallel_build(app: Any) -> None:
    app.build()
    assert warnings_of(app) == []
    for name in ("index.html", "glossary.html", "evil.html"):
        soup = page(app.outdir, name)
        assert set(previews(soup)) == ref_fragments(soup), name


def test_incremental_rebuild_refreshes_embedded_previews(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-hover", srcdir)

    outdir = build_folder(srcdir)
    episodes = srcdir / "episodes.md"
    episodes.write_text(
        episodes.read_text("utf8").replace("Decoupled clipping", "Clip-higher"), "utf8"
    )
    build_folder(srcdir)
    # index.md cites E048 with custom text, and lists it in an episode-list.
    summary = previews(page(outdir, "index.html"))["episode-e048"]["summary"]
    assert summary == "Clip-higher and dynamic sampling."


@pytest.mark.sphinx("html", testroot="hover-link-text")
def test_links_no_role_recorded_get_previews(app: Any) -> None:
    # {any} links are neither citations nor term uses of the page: the preview is found
    # by the link text when that names the target, else among all objects.
    app.build()
    assert warnings_of(app) == []
    soup = page(app.outdir, "index.html")
    assert ref_fragments(soup) == {"episode-e001", "episode-e002", "lr-term-entropy", "term-verifiable-reward"}
    data = previews(soup)
    assert set(data) == ref_fragments(soup)
    # The first link to E001 reads "E002": its text is no more than a hint.
    assert (data["episode-e001"]["title"], data["episode-e002"]["title"]) == ("First", "Second")
    assert data["lr-term-entropy"]["definition"] == "Uncertainty of the next-token distribution."
    assert data["term-verifiable-reward"]["definition"] == "A reward a program can check."


@pytest.mark.sphinx("html", testroot="hover-link-text")
def test_glossary_term_with_custom_text_gets_its_preview_and_title(app: Any) -> None:
    app.build()
    soup = page(app.outdir, "custom.html")
    (link,) = soup.select("a.litreview-ref")
    assert link.get_text() == "a checkable reward"
    assert link["title"] == "verifiable reward: A reward a program can check."
    assert previews(soup)["term-verifiable-reward"]["term"] == "verifiable reward"


@pytest.mark.sphinx("html", testroot="hover-shared-anchor")
def test_an_anchor_two_terms_share_shows_neither_preview(app: Any) -> None:
    # "Foo bar" (a.md) and "Foo-bar" (b.md) both get the anchor term-Foo-bar; the
    # previews are keyed by anchor, so either preview would be wrong for one link.
    app.build()
    soup = page(app.outdir, "index.html")
    links = soup.select("a[href$='#term-Foo-bar']")
    assert [a["href"] for a in links] == ["a.html#term-Foo-bar", "b.html#term-Foo-bar"]
    assert all("litreview-ref" not in a.get("class", []) and not a.get("title") for a in links)
    assert "term-Foo-bar" not in previews(soup)


@pytest.mark.sphinx("html", testroot="hover-link-text")
def test_preview_lookup_reads_every_object_only_when_it_must(app: Any, monkeypatch: Any) -> None:
    # The page's own citations are found without walking every episode, and the walk,
    # the last resort, happens at most once per page however many links need it.
    app.build()
    domain = app.env.get_domain("litreview")
    walks: list[str] = []
    episodes = domain.episodes
    monkeypatch.setattr(domain, "episodes", lambda: walks.append("walk") or episodes())

    def link(text: str) -> nodes.reference:
        return nodes.reference("", text, classes=["litreview-ref", EPISODE_CLASS])

    lookup = _PreviewLookup(domain, ["glossary"])  # cites E001 and E002
    assert lookup.find(link("Smith 2024"), "episode-e002")["title"] == "Second"
    assert lookup.find(link("First paper"), "episode-e001")["title"] == "First"
    assert walks == []
    assert lookup.find(link("nothing"), "episode-e404") is None
    assert lookup.find(link("nothing either"), "episode-e405") is None
    assert walks == ["walk"]


@pytest.mark.sphinx("html", testroot="hover-link-text")
def test_term_title_of_terms_and_glossary_entries(app: Any) -> None:
    app.build()
    domain = app.env.get_domain("litreview")
    assert domain.term_title("entropy") == "entropy: Uncertainty of the next-token distribution."
    assert domain.term_title("Verifiable  Reward") == "verifiable reward: A reward a program can check."
    assert domain.term_title("no such term") is None


def test_term_title_of_a_term_without_definition_is_its_name(make_app: Any, tmp_path: Path) -> None:
    app = build_myst_page(make_app, tmp_path, "# Glossary\n\n:::{term} bare\n:::\n\nSee {term}`bare`.\n")
    assert app.env.get_domain("litreview").term_title("bare") == "bare"
    assert body(app.outdir, "index").select_one("a.litreview-ref-term")["title"] == "bare"
