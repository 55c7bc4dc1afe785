"""Catalogs in real Sphinx builds: generated pages, incremental rebuilds, overrides, warnings."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import body, html, litreview_warnings, warnings_of

ROOTS = Path(__file__).resolve().parent / "roots"


def copy_root(tmp_path: Path, name: str) -> Path:
    src = tmp_path / name
    shutil.copytree(ROOTS / f"test-{name}", src)
    return src


def build(make_app, src: Path, **kwargs: Any):  # type: ignore[no-untyped-def]
    app = make_app("html", srcdir=src, **kwargs)
    app.build()
    return app


def mtimes(directory: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in sorted(directory.iterdir())}


def generated(directory: Path) -> list[str]:
    """The files under *directory*, as paths relative to it."""
    return sorted(p.relative_to(directory).as_posix() for p in directory.rglob("*") if p.is_file())


def age(directory: Path) -> None:
    # Put every generated file clearly in the past, so a rewrite would show in its mtime.
    past = 1_000_000_000
    for path in directory.iterdir():
        os.utime(path, (past, past))


def outdated(app) -> tuple[set[str], set[str], set[str]]:  # type: ignore[no-untyped-def]
    """(added, changed, removed) docnames, as the next build will see them."""
    app.env.find_files(app.config, app.builder)
    return app.env.get_outdated_files(config_changed=False)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_myst_project_gets_one_page_per_record(make_app, tmp_path):
    src = copy_root(tmp_path, "catalog-myst")
    app = build(make_app, src, freshenv=True)
    assert warnings_of(app) == []  # orphans: no "not included in any toctree"
    assert generated(src / "episodes") == [
        "E009.litreview",
        "E011.litreview",
        "E026.litreview",
        "index.litreview",
        "tags/rl.litreview",
        "tags/token-level.litreview",
    ]

    page = body(app.outdir, "episodes/E026")
    assert page.select_one("h1").get_text().rstrip("¶") == (
        "E026: RL calibrates <rather> than *discovers*"
    )
    episode = page.select_one("section.litreview-episode-page")
    assert episode is not None
    assert episode.get("id") == "episode-e026"  # the page's one title carries the anchor
    assert episode.select("dl.litreview-episode, dt.sig") == []  # no second title line
    assert "Doe, Jane; Roe, Rick" in episode.get_text()
    # Raw HTML from a catalog is data: shown as text, never markup.
    assert page.select("script:not(.litreview-previews)") == []
    assert "<script>alert(1)</script>" in episode.get_text()

    topic = body(app.outdir, "topic")
    hrefs = [a["href"] for a in topic.select("a.litreview-ref")]
    assert hrefs == ["episodes/E026.html#episode-e026", "episodes/E011.html#episode-e011"]

    index = body(app.outdir, "episodes/index")
    assert index.select_one("h1").get_text().rstrip("¶") == "Episodes"
    listed = {a.get_text(strip=True) for a in index.select("a") if "E0" in a.get_text()}
    assert {"E026", "E011", "E009"} <= listed


def test_unchanged_catalog_rewrites_nothing(make_app, tmp_path):
    src = copy_root(tmp_path, "catalog-myst")
    build(make_app, src, freshenv=True)
    age(src / "episodes")
    before = mtimes(src / "episodes")

    app = make_app("html", srcdir=src)  # builder-inited has regenerated the pages by now
    assert mtimes(src / "episodes") == before
    assert outdated(app) == (set(), set(), set())


def test_changed_record_rewrites_only_its_page(make_app, tmp_path):
    src = copy_root(tmp_path, "catalog-myst")
    build(make_app, src, freshenv=True)
    age(src / "episodes")
    before = mtimes(src / "episodes")

    edit(src / "episodes.yaml", "title: Token-level rewards", "title: Rewards per token")
    app = build(make_app, src)
    after = mtimes(src / "episodes")
    assert [name for name in after if after[name] != before[name]] == ["E011.litreview"]
    assert "E011: Rewards per token" in html(app.outdir, "episodes/E011").get_text()
    assert litreview_warnings(app) == []


def test_removed_record_removes_its_page(make_app, tmp_path):
    src = copy_root(tmp_path, "catalog-myst")
    build(make_app, src, freshenv=True)
    (src / "episodes" / "notes.md").write_text("# Notes\n\nHand-written.\n", encoding="utf-8")

    edit(src / "episodes.yaml", '- id: E009\n  title: "Curricula: long horizons"\n', "")
    app = make_app("html", srcdir=src, confoverrides={"suppress_warnings": ["toc.not_included"]})
    assert not (src / "episodes" / "E009.litreview").exists()
    assert (src / "episodes" / "notes.md").exists()  # not ours: never deleted
    # Said in the build's log (the index page lists no episodes itself: unchanged).
    assert "litreview: 0 generated page(s) written, 1 removed" in app.status.getvalue().splitlines()
    assert outdated(app) == ({"episodes/notes"}, set(), {"episodes/E009"})
    app.build()
    assert "E009" not in app.env.domains["litreview"].data.get("episodes", {})


def test_dropping_the_catalog_removes_generated_pages(make_app, tmp_path):
    src = copy_root(tmp_path, "catalog-myst")
    build(make_app, src, freshenv=True)
    make_app("html", srcdir=src, confoverrides={"litreview_catalog": []})
    assert not (src / "episodes").exists()  # emptied by the extension, so removed too


def test_rst_project_with_csl_json_and_bibtex(make_app, tmp_path):
    src = copy_root(tmp_path, "catalog-rst")
    app = build(make_app, src, freshenv=True)
    assert warnings_of(app) == []
    assert generated(src / "episodes") == [
        "E001.litreview",
        "E002.litreview",
        "E003.litreview",
        "E009.litreview",
        "E011.litreview",
        "E026.litreview",
        "index.litreview",
        # BibTeX keywords and Zotero's (arXiv's subject names) are tags too.
        "tags/calibration.litreview",
        "tags/computer-science-computation-and-language.litreview",
        "tags/computer-science-machine-learning.litreview",
        "tags/rl.litreview",
    ]
    page = json.loads((src / "episodes" / "E001.litreview").read_text(encoding="utf-8"))["page"]
    assert page["catalog"] == "refs.bib"
    assert page["markup"] == "rst"
    assert page["record"]["authors"] == [
        "Müller, Jörg", "Cortés, Ana", "van der Berg, Piet", "Smith, John, Jr."
    ]

    index = body(app.outdir, "index")
    hrefs = [a["href"] for a in index.select("a.litreview-ref")]
    assert hrefs == ["episodes/E026.html#episode-e026", "episodes/E001.html#episode-e001"]
    e001 = body(app.outdir, "episodes/E001")
    assert "RL Calibrates rather than Discovers: a Übersicht" in e001.get_text()


def test_hand_written_episode_overrides_catalog(make_app, tmp_path):
    src = copy_root(tmp_path, "catalog-override")
    app = build(make_app, src, freshenv=True)
    assert warnings_of(app) == []  # no duplicate_episode: the override is intended
    assert sorted(p.name for p in (src / "episodes").iterdir()) == [
        "E011.litreview", "index.litreview"
    ]
    featured = body(app.outdir, "featured")
    assert "A richer, hand-written page" in featured.get_text()
    e011 = body(app.outdir, "episodes/E011")
    assert [a["href"] for a in e011.select("a.litreview-ref")] == []
    assert "featured.html#episode-e026" in str(html(app.outdir, "episodes/index"))


def test_same_id_in_two_catalogs_warns_naming_both(make_app, tmp_path):
    src = copy_root(tmp_path, "catalog-duplicate")
    app = build(make_app, src, freshenv=True)
    yaml_file, json_file = src / "episodes.yaml", src / "more.json"
    assert litreview_warnings(app) == [
        f"{json_file}:3: WARNING: episode E026 is defined twice, at {yaml_file}:3 and at "
        f"{json_file}:3; using the first. Remove or rename one of them. "
        "[litreview.duplicate_episode]",
        f"{json_file}:4: WARNING: episode E002 is defined twice, at {json_file}:2 and at "
        f"{json_file}:4; using the first. Remove or rename one of them. "
        "[litreview.duplicate_episode]",
    ]
    assert "From the YAML catalog" in body(app.outdir, "episodes/E026").get_text()
    assert "Second, again" not in body(app.outdir, "episodes/E002").get_text()


def test_bad_catalogs_warn_with_file_and_line_and_keep_good_records(make_app, tmp_path):
    src = copy_root(tmp_path, "catalog-bad")
    app = build(make_app, src, freshenv=True)
    catalog, broken = src / "episodes.yaml", src / "broken.json"
    assert litreview_warnings(app) == [
        f"{catalog}:3: WARNING: catalog episodes.yaml, record #2: no 'id'; the record is "
        "skipped. Add an ID such as 'id: E001'. [litreview.catalog]",
        f"{catalog}:8: WARNING: catalog episodes.yaml, record E004, field 'year': 'soon' is "
        "not a year; the record is kept without a year. Write a number such as 2024. "
        "[litreview.catalog]",
        f"{catalog}:4: WARNING: catalog record ID 'paper-7' does not match "
        "litreview_episode_id_pattern 'E\\d{3,}'; the record is skipped. Change the ID (for "
        "CSL-JSON and BibTeX: the citation key) or the pattern. [litreview.bad_id]",
        f"WARNING: catalog {src / 'missing.yaml'}: file not found; check the path in "
        "litreview_catalog (paths are relative to the source directory). [litreview.catalog]",
        f"{broken}:3: WARNING: catalog broken.json: not valid JSON: Expecting ',' delimiter "
        "(column 1); no records were read from it. Fix the syntax. [litreview.catalog]",
    ]
    assert sorted(p.name for p in (src / "episodes").iterdir()) == [
        "E001.litreview",
        "E004.litreview",
        "index.litreview",
    ]


def test_catalog_warnings_can_be_suppressed(make_app, tmp_path):
    src = copy_root(tmp_path, "catalog-bad")
    app = build(
        make_app,
        src,
        freshenv=True,
        confoverrides={"suppress_warnings": ["litreview.catalog", "litreview.bad_id"]},
    )
    assert litreview_warnings(app) == []


def test_missing_pybtex_warns_once_and_other_catalogs_still_work(make_app, tmp_path, no_pybtex):

    src = copy_root(tmp_path, "catalog-rst")
    app = build(make_app, src, freshenv=True)
    catalog_warnings = [w for w in litreview_warnings(app) if "[litreview.catalog]" in w]
    assert catalog_warnings == [
        f"WARNING: catalog {src / 'refs.bib'}: reading BibTeX needs pybtex; install it with "
        "pip install 'sphinxcontrib-litreview[bibtex]'. The file is skipped. [litreview.catalog]"
    ]
    assert (src / "episodes" / "E026.litreview").exists()
    assert not (src / "episodes" / "E001.litreview").exists()


@pytest.mark.parametrize("name", ["catalog-myst", "catalog-rst"])
def test_generated_pages_are_the_same_whatever_the_builder(make_app, tmp_path, name):
    src = copy_root(tmp_path, name)
    build(make_app, src, freshenv=True)
    first = {p: p.read_bytes() for p in (src / "episodes").rglob("*.litreview")}
    text_app = make_app("text", srcdir=src, freshenv=True)
    text_app.build()
    assert {p: p.read_bytes() for p in (src / "episodes").rglob("*.litreview")} == first
    # (A second app in one process re-registers Sphinx's nodes: ignore those warnings.)
    assert [w for w in warnings_of(text_app) if str(src) in w] == []


def test_unchanged_catalog_is_not_reloaded(make_app, tmp_path, monkeypatch):
    src = copy_root(tmp_path, "catalog-myst")
    build(make_app, src, freshenv=True)

    import sphinxcontrib_litreview.catalog as catalog

    def must_not_load(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the catalog was reloaded although nothing changed")

    monkeypatch.setattr(catalog, "load_catalogs", must_not_load)
    build(make_app, src)  # skipped: same catalog bytes, same config, same pages
    monkeypatch.undo()

    # A deleted generated page comes back; an edited one is the user's now: kept as
    # edited, and reported.
    generated = sorted((src / "episodes").glob("E*.litreview"))
    deleted, edited = generated[0], generated[1]
    original = edited.read_text()
    deleted.unlink()
    edited.write_text(original.replace("Token-level rewards", "Token-level rewards (my notes)"))
    app = build(make_app, src)
    assert deleted.exists()
    assert "(my notes)" in edited.read_text()
    [warning] = [w for w in litreview_warnings(app) if edited.name in w]
    assert warning.endswith(
        f"episodes/{edited.name} was generated by sphinxcontrib-litreview and has been edited "
        "(or is not its own), so it is neither overwritten nor deleted. Delete it to have it "
        "generated again; to keep your text, define the episode with an episode directive in "
        "a page of your own [litreview.catalog]"
    )


@pytest.mark.parametrize("root", ["catalog-myst", "catalog-rst"])
def test_generated_index_is_left_out_of_full_text_search(make_app, tmp_path, root):
    from test_search import search_index

    src = copy_root(tmp_path, root)
    app = build(make_app, src, freshenv=True)
    assert app.env.metadata["episodes/index"].get("nosearch") is not None
    index = search_index(app.outdir)
    pages = {name: n for n, name in enumerate(index["docnames"])}
    # Sphinx still lists the page, but with no title and no words of its own.
    assert index["titles"][pages["episodes/index"]] == ""
    indexed_pages = {page for hits in index["terms"].values()
                     for page in ([hits] if isinstance(hits, int) else hits)}
    assert pages["episodes/index"] not in indexed_pages
    # The episodes themselves are searchable, on their own pages.
    assert any(pages[doc] in indexed_pages for doc in pages if doc.startswith("episodes/E"))


def test_the_episode_appendix_is_made_for_one_document_builders_only(make_app, tmp_path):
    """HTML gets no empty "All episodes" page (nor an extra rewrite whenever an episode
    page is rewritten); LaTeX on the same sources and doctrees gets it, and HTML after
    that drops it again."""
    src = copy_root(tmp_path, "catalog-myst")
    appendix = src / "episodes" / "all-episodes.litreview"
    app = build(make_app, src, freshenv=True)
    assert not appendix.exists()
    assert not (app.outdir / "episodes" / "all-episodes.html").exists()
    latex = make_app("latex", srcdir=src)
    assert latex.doctreedir == app.doctreedir  # one environment for both builders
    latex.build()
    assert appendix.exists()
    assert "\\chapter{All episodes}" in next(latex.outdir.glob("*.tex")).read_text("utf8")
    assert litreview_warnings(latex) == []
    again = build(make_app, src)
    assert not appendix.exists()
    assert "episodes/all-episodes" not in again.env.found_docs
    assert litreview_warnings(again) == []


def test_a_litreview_file_it_cannot_read_warns_and_keeps_a_page(make_app, tmp_path):  # type: ignore[no-untyped-def]
    # Not written by the extension (no catalog names it), or hand-edited into the wrong
    # shape: a warning each, and the page stays in the site under its name.
    src = tmp_path / "src"
    (src / "notes").mkdir(parents=True)
    (src / "conf.py").write_text('extensions = ["myst_parser", "sphinxcontrib_litreview"]\n')
    (src / "index.md").write_text("# Home\n\n```{toctree}\nnotes/stray\nnotes/odd\n```\n")
    (src / "notes" / "stray.litreview").write_text("my own notes, not JSON\n")
    (src / "notes" / "odd.litreview").write_text(json.dumps({"page": {"kind": "episode"}}))
    app = build(make_app, src)
    warnings = litreview_warnings(app)
    assert len(warnings) == 4
    for name in ("odd", "stray"):  # the files are the user's: left alone
        assert any(f"notes/{name}.litreview was generated by sphinxcontrib-litreview and has been "
                   "edited (or is not its own), so it is neither overwritten nor deleted." in w for w in warnings)
    assert any("odd.litreview:1: WARNING: could not read this generated page (KeyError:" in w for w in warnings)
    assert any("stray.litreview:1: WARNING: this is not a page sphinxcontrib-litreview can read" in w for w in warnings)
    assert (src / "notes" / "stray.litreview").read_text() == "my own notes, not JSON\n"
    for name in ("stray", "odd"):
        assert body(app.outdir, f"notes/{name}").select_one("h1").get_text().rstrip("¶#") == f"notes/{name}"
