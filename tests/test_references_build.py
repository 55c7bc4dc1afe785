"""Citation styles, inline labels and reference downloads in a built review (MyST and
reST): what pages show, the cache, incremental and parallel builds."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from bs4 import Tag
from helpers import body, clean_build, litreview_warnings, warnings_of
from test_incremental import edit
from test_parallel import snapshot
from test_references_export import csl_schema

from sphinxcontrib_litreview.bibliography import CACHE_FILENAME
from sphinxcontrib_litreview.catalog.readers import read_catalog
from sphinxcontrib_litreview.references.richtext import rich_to_plain

ROOTS = Path(__file__).resolve().parent / "roots"
SUFFIX = {"references": ".md", "references-rst": ".rst"}


def build(make_app: Any, tmp_path: Path, root: str = "references", builder: str = "html", **conf: Any) -> Any:
    src = tmp_path / root
    if not src.exists():
        shutil.copytree(ROOTS / f"test-{root}", src)
    app = make_app(builder, srcdir=src, freshenv=True, confoverrides=conf)
    app.build()
    return app


def citing_paragraph(app: Any, docname: str = "topic-a") -> Tag:
    return next(p for p in body(app.outdir, docname).select("section > p") if "First" in p.get_text()
                or "first study" in p.get_text())


def sentence(app: Any, docname: str = "topic-a") -> str:
    """The paragraph of topic-a that cites, as read."""
    return " ".join(citing_paragraph(app, docname).get_text().split())


def reference(app: Any, docname: str) -> str:
    found = body(app.outdir, docname).select_one("p.litreview-reference")
    assert found is not None, docname
    return " ".join(found.get_text().split())


# -- formatted references ---------------------------------------------------------------


@pytest.mark.parametrize("root", list(SUFFIX))
def test_every_episode_page_shows_its_reference(make_app: Any, tmp_path: Path, root: str) -> None:
    app = build(make_app, tmp_path, root)
    assert warnings_of(app) == []
    # APA Style's own example (journal article references, 1).
    assert reference(app, "episodes/E001") == (
        "Grady, J. S., Her, M., Moreno, G., Perez, C., & Yelinek, J. (2019). Emotions in "
        "storybooks: A comparison of storybooks that represent ethnic and racial groups in the "
        "United States. Psychology of Popular Media Culture, 8(3), 207–217. "
        "https://doi.org/10.1037/ppm0000185"
    )
    page = body(app.outdir, "episodes/E001").select_one("p.litreview-reference")
    assert [em.get_text() for em in page.select("em")] == ["Psychology of Popular Media Culture", "8"]
    assert page.select_one("a")["href"] == "https://doi.org/10.1037/ppm0000185"
    # Two works that would read alike are 2025a and 2025b, in the order first cited.
    assert reference(app, "episodes/E004").startswith("Doe, J. (2025a). Calibration first.")
    assert reference(app, "episodes/E005").startswith("Doe, J. (2025b). Another calibration study.")
    assert reference(app, "handwritten").startswith("Smith, S., Jones, J., & Brown, B. (2024).")


@pytest.mark.parametrize("root", list(SUFFIX))
def test_episode_list_of_references(make_app: Any, tmp_path: Path, root: str) -> None:
    app = build(make_app, tmp_path, root)
    items = body(app.outdir, "topic-a").select("ul.litreview-references > li")
    assert [li.select_one("a.litreview-ref-episode").get_text() for li in items] == [
        "E004", "E005", "E001", "E002",
    ]
    shown = [" ".join(li.select_one(".litreview-reference").get_text().split()) for li in items]
    assert shown[0] == "Doe, J. (2025a). Calibration first. Journal of Studies, 4."
    assert shown[3] == "Sapolsky, R. M. (2017). Behave: The biology of humans at our best and worst. Penguin Books."


def test_no_style_keeps_todays_look(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, tmp_path, litreview_citation_style=None)
    for docname in ("episodes/E001", "handwritten", "topic-a"):
        assert body(app.outdir, docname).select(".litreview-reference") == []
    # The list asked for references says why it shows titles.
    (warning,) = litreview_warnings(app)
    assert "topic-a.md:11" in warning and ":format: reference" in warning
    items = body(app.outdir, "topic-a").select("ul.litreview-episode-list > li")
    assert items[0].get_text(" ", strip=True) == "E004 Calibration first (2025)"


def test_unusable_style_is_reported_once(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, tmp_path, litreview_citation_style="no-such-style")
    found = litreview_warnings(app)
    assert len(found) == 1 and "litreview_citation_style = 'no-such-style'" in found[0]
    assert body(app.outdir, "episodes/E001").select(".litreview-reference") == []


def test_style_file_of_the_project(make_app: Any, tmp_path: Path) -> None:
    from sphinxcontrib_litreview.references.styles import STYLES_DIR

    src = tmp_path / "references"
    shutil.copytree(ROOTS / "test-references", src)
    (src / "styles").mkdir()
    shutil.copy(STYLES_DIR / "ieee.csl", src / "styles" / "house.csl")
    app = build(make_app, tmp_path, litreview_citation_style="styles/house.csl")
    assert reference(app, "episodes/E004").startswith("[1] J. Doe, “Calibration first,”")


def test_numbered_style_numbers_as_numeric_labels(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, tmp_path, litreview_citation_style="ieee", litreview_episode_label="numeric")
    # First cited, in toctree order: topic-a (E004, E005, E001, E002), topic-b (E003, E010).
    assert sentence(app) == "Doe’s first study [1], then two at once [2, 3], and this book."
    for number, docname in enumerate(
        ["episodes/E004", "episodes/E005", "episodes/E001", "episodes/E002", "episodes/E003", "handwritten"],
        start=1,
    ):
        assert reference(app, docname).startswith(f"[{number}] "), docname


def test_cache_survives_a_clean_rebuild(make_app: Any, tmp_path: Path) -> None:
    first = build(make_app, tmp_path)
    cache_path = Path(first.doctreedir) / CACHE_FILENAME
    cache = json.loads(cache_path.read_text("utf8"))
    assert len(cache) == 6  # five catalog records and the hand-written episode
    # A planted entry comes back after -E: the rebuild formatted nothing it had.
    key = next(key for key, value in cache.items() if "Calibration first" in value)
    cache[key] = "Planted. <i>From the cache</i>."
    cache_path.write_text(json.dumps(cache), "utf8")
    again = make_app("html", srcdir=first.srcdir, freshenv=True)
    again.build()
    assert reference(again, "episodes/E004") == "Planted. From the cache."
    # Only what a build uses is kept.
    assert json.loads(cache_path.read_text("utf8")) == cache


# -- inline labels ------------------------------------------------------------------------


LABELS = {
    "id": "Doe’s first study E004, then two at once E005, E001, and this book.",
    "author-year": "Doe’s first study Doe, 2025a, then two at once (Doe, 2025b; Grady et al., 2019), "
    "and this book.",
    "title": "Doe’s first study Calibration first, then two at once Another calibration study, "
    "Emotions in storybooks: A comparison of storybooks that represent ethnic and racial groups "
    "in the United States, and this book.",
    "numeric": "Doe’s first study [1], then two at once [2, 3], and this book.",
}


@pytest.mark.parametrize("root", list(SUFFIX))
@pytest.mark.parametrize("mode", list(LABELS))
def test_label_modes(make_app: Any, tmp_path: Path, root: str, mode: str) -> None:
    app = build(make_app, tmp_path, root, litreview_episode_label=mode)
    assert sentence(app) == LABELS[mode]
    paragraph = citing_paragraph(app)
    links = {a.get_text(): a["href"] for a in paragraph.select("a.litreview-ref-episode")}
    # Every label links to its episode; custom text stays as written.
    assert links["this book"] == "episodes/E002.html#episode-e002"
    assert sorted(href.split("#")[1] for href in links.values()) == [
        "episode-e001", "episode-e002", "episode-e004", "episode-e005",
    ]
    assert warnings_of(app) == []


@pytest.mark.parametrize("root", list(SUFFIX))
def test_labels_in_catalog_summaries(make_app: Any, tmp_path: Path, root: str) -> None:
    app = build(make_app, tmp_path, root, litreview_episode_label="author-year")
    summary = next(p for p in body(app.outdir, "episodes/E001").select("section > p") if "Storybooks" in p.get_text())
    assert " ".join(summary.get_text().split()) == "Storybooks and the emotions they show, as Sapolsky, 2017 explains."


def test_labels_in_views_stay_ids(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, tmp_path, litreview_episode_label="author-year")
    index = body(app.outdir, "episodes/index")
    assert "E004" in [a.get_text() for a in index.select("a.litreview-ref-episode")]


# -- downloads ------------------------------------------------------------------------------


def download_links(tag: Tag) -> list[str]:
    links = tag.select("p.litreview-downloads a")
    assert all("litreview-download" in a["class"] for a in links), links
    return [a["href"] for a in links]


@pytest.mark.parametrize("root", list(SUFFIX))
def test_downloads_are_written_and_linked(make_app: Any, tmp_path: Path, root: str) -> None:
    app = build(make_app, tmp_path, root)
    outdir = Path(app.outdir)
    assert download_links(body(outdir, "episodes/index")) == ["../references.bib", "../references.json"]
    # Named after the topic's ID.
    assert download_links(body(outdir, "topic-a")) == ["references-first-topic.bib", "references-first-topic.json"]
    site = json.loads((outdir / "references.json").read_text("utf8"))
    jsonschema.validate(site, csl_schema())
    assert [item["id"] for item in site] == ["E001", "E002", "E003", "E004", "E005", "E010"]
    topic = json.loads((outdir / "references-first-topic.json").read_text("utf8"))
    assert [item["id"] for item in topic] == ["E004", "E005", "E001", "E002"]
    from pybtex.database import parse_string

    assert list(parse_string((outdir / "references.bib").read_text("utf8"), "bibtex").entries) == [
        "E001", "E002", "E003", "E004", "E005", "E010",
    ]


@pytest.mark.parametrize("name", ["references.json", "references.bib"])
def test_downloads_read_back_as_the_catalog(make_app: Any, tmp_path: Path, name: str) -> None:
    app = build(make_app, tmp_path)
    original, _problems = read_catalog(Path(app.srcdir) / "works.json")
    back, problems = read_catalog(Path(app.outdir) / name)
    assert problems == []

    def comparable(records: list[Any]) -> dict[str, Any]:
        import dataclasses

        return {r.id: dataclasses.replace(r, source="", line=0, field_lines=()) for r in records}

    catalog = comparable(original)
    read = comparable(back)
    assert {key: read[key] for key in catalog} == catalog
    # The summary as the catalog wrote it, markup and all.
    assert read["E001"].summary == "Storybooks and the *emotions* they show, as {episode}`E002` explains."
    assert read["E010"].summary == "Written here."  # hand-written: its text


@pytest.mark.parametrize(("builder", "index", "topic"), [
    ("dirhtml", ["../references.bib", "../references.json"],
     ["../references-first-topic.bib", "../references-first-topic.json"]),
    ("singlehtml", ["references.bib", "references.json"],
     ["references-first-topic.bib", "references-first-topic.json"]),
])
def test_download_links_on_other_html_builders(
    make_app: Any, tmp_path: Path, builder: str, index: list[str], topic: list[str]
) -> None:
    app = build(make_app, tmp_path, builder=builder)
    outdir = Path(app.outdir)
    if builder == "dirhtml":
        assert download_links(body(outdir, "episodes/index")) == index
        assert download_links(body(outdir, "topic-a/index")) == topic
    else:
        assert download_links(body(outdir, "index"))[:2] == topic
        assert index[0] in download_links(body(outdir, "index"))
    assert (outdir / "references.bib").is_file() and (outdir / "references-first-topic.json").is_file()


def test_no_downloads_where_no_site(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, tmp_path, builder="latex")
    assert not list(Path(app.outdir).glob("references*"))
    tex = next(Path(app.outdir).glob("*.tex")).read_text("utf8")
    assert "references.bib" not in tex and "Download" not in tex


def test_downloads_rewritten_only_when_changed(make_app: Any, tmp_path: Path) -> None:
    first = build(make_app, tmp_path)
    outdir = Path(first.outdir)
    files = sorted(outdir.glob("references*"))
    assert len(files) == 4
    past = 1_000_000_000
    for path in files:
        os.utime(path, (past, past))
    src = Path(first.srcdir)
    edit(src / "topic-b.md", "A chapter", "A good chapter")  # changes no reference
    again = make_app("html", srcdir=src)
    again.build()
    assert all(path.stat().st_mtime == past for path in files)
    edit(src / "works.json", '"Calibration first"', '"Calibration comes first"')
    edit(src / "topic-a.md", ":download:\n", "")
    third = make_app("html", srcdir=src)
    third.build()
    assert (outdir / "references.bib").stat().st_mtime != past
    assert "Calibration comes first" in (outdir / "references.json").read_text("utf8")
    # A list that no longer offers its download leaves no file behind.
    assert not (outdir / "references-first-topic.bib").exists()
    assert download_links(body(outdir, "topic-a")) == []


# -- incremental and parallel builds --------------------------------------------------------


def swap_first_citations(src: Path) -> None:
    # E005 is now cited before E004: 2025a and 2025b change places, and numbers too.
    edit(src / "topic-a.md", "Doe's first study {episode}`E004`, then two at once {episode}`E005,E001`",
         "Doe's first study {episode}`E005`, then two at once {episode}`E004,E001`")


def retitle_record(src: Path) -> None:
    edit(src / "works.json", '"Another calibration study"', '"A calibration study, again"')


def new_namesake(src: Path) -> None:
    # A third Doe 2025, cited first of all on a new page: every Doe label moves.
    works = json.loads((src / "works.json").read_text("utf8"))
    works.append({"id": "E006", "type": "report", "title": "Early notes",
                  "author": [{"family": "Doe", "given": "Jane"}], "issued": {"date-parts": [[2025]]}})
    (src / "works.json").write_text(json.dumps(works), "utf8")
    (src / "topic-0.md").write_text("# Topic 0\n\nFirst: {episode}`E006`.\n", "utf8")
    edit(src / "index.md", "topic-a\n", "topic-0\ntopic-a\n")


CHANGES = {"swap_first_citations": swap_first_citations, "retitle_record": retitle_record, "new_namesake": new_namesake}


# Labels alone (their previews do not change with them), and with references.
@pytest.mark.parametrize(("style", "mode"), [(None, "author-year"), ("apa", "author-year"), ("ieee", "numeric")])
@pytest.mark.parametrize("change", list(CHANGES))
def test_incremental_build_equals_clean_build(
    make_app: Any, tmp_path: Path, change: str, style: str | None, mode: str
) -> None:
    from test_incremental import written

    conf = {"litreview_citation_style": style, "litreview_episode_label": mode}
    src = tmp_path / "inc"
    shutil.copytree(ROOTS / "test-references", src)
    if style is None:
        edit(src / "topic-a.md", ":format: reference\n", "")
    # Dated back, as test_incremental.copy_root does: every later edit is newer.
    past = 1_000_000_000
    for path in src.rglob("*"):
        os.utime(path, (past, past))
    first = make_app("html", srcdir=src, freshenv=True, confoverrides=conf)
    first.build()
    CHANGES[change](src)
    again = make_app("html", srcdir=src, confoverrides=conf)
    again.build()
    incremental = snapshot(Path(again.outdir))
    clean = clean_build(make_app, src, tmp_path, confoverrides=conf)
    assert incremental == snapshot(Path(clean.outdir))
    if change == "swap_first_citations":
        # topic-b was not re-read, but shows E005, whose label changed.
        assert "topic-b" in written(again)
        assert "topic-b" not in read(again)


def read(app: Any) -> set[str]:
    import re

    status = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    return set(re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", status))


def test_suffixes_follow_first_citation_not_ids(make_app: Any, tmp_path: Path) -> None:
    src = tmp_path / "references"
    shutil.copytree(ROOTS / "test-references", src)
    new_namesake(src)
    app = build(make_app, tmp_path, litreview_episode_label="author-year")
    assert sentence(app, "topic-0") == "First: Doe, 2025a."
    assert reference(app, "episodes/E006").startswith("Doe, J. (2025a). Early notes")
    assert reference(app, "episodes/E004").startswith("Doe, J. (2025b).")
    assert reference(app, "episodes/E005").startswith("Doe, J. (2025c).")


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_parallel_equals_serial(make_app: Any, tmp_path: Path, builder: str) -> None:
    from test_parallel import relative_warnings

    conf = {"litreview_citation_style": "apa", "litreview_episode_label": "author-year"}

    def made(name: str, parallel: int) -> Any:
        src = tmp_path / name
        shutil.copytree(ROOTS / "test-parallel", src)
        app = make_app(builder, srcdir=src, parallel=parallel, freshenv=True, confoverrides=conf)
        app.build()
        return app

    serial, parallel = made("serial", 1), made("parallel", 2)
    assert parallel.builder.parallel_ok
    assert snapshot(Path(parallel.outdir)) == snapshot(Path(serial.outdir))
    assert relative_warnings(parallel) == relative_warnings(serial)
    page = "episodes/E101" if builder == "html" else "episodes/E101/index"
    assert body(Path(parallel.outdir), page).select_one("p.litreview-reference") is not None


def test_reference_text_is_plain_in_previews(make_app: Any, tmp_path: Path) -> None:
    app = build(make_app, tmp_path)
    script = body(app.outdir, "topic-b").find("script", class_="litreview-previews")
    previews = json.loads(script.string)
    assert previews["episode-e003"]["reference"] == rich_to_plain(
        "Roe, R. (2021). The <i>E. coli</i> genome in H<sub>2</sub>O. In M. Major & M. Minor (Eds.), "
        "<i>Handbook of <i>Bacteria</i></i> (pp. 33–58). Lab Press. https://example.org/ecoli"
    )


def test_download_names() -> None:
    from sphinxcontrib_litreview.downloads import download_name

    assert download_name("first-topic") == "references-first-topic"
    assert download_name("topics/rl") == "references-topics-rl"
    assert download_name("rl", tag="rlvr", select="cited") == "references-rl-tag-rlvr-cited"
    # Names that would read alike get a hash of what they were made from.
    assert download_name("Topic") != download_name("topic")
    assert download_name("Topic").startswith("references-topic-")


def test_id_that_cannot_be_a_bibtex_key(make_app: Any, tmp_path: Path) -> None:
    src = tmp_path / "references"
    shutil.copytree(ROOTS / "test-references", src)
    works = json.loads((src / "works.json").read_text("utf8"))
    works.append({"id": "E%7", "type": "book", "title": "Percent", "issued": {"date-parts": [[2020]]}})
    (src / "works.json").write_text(json.dumps(works), "utf8")
    app = build(make_app, tmp_path, litreview_episode_id_pattern=r"E[\d%]+")
    (warning,) = [w for w in litreview_warnings(app) if "[litreview.bad_id]" in w]
    assert "'E%7' is left out of the BibTeX downloads" in warning
    outdir = Path(app.outdir)
    assert "E%7" not in (outdir / "references.bib").read_text("utf8")
    assert "E%7" in [item["id"] for item in json.loads((outdir / "references.json").read_text("utf8"))]
    # Its page has no BibTeX to copy, only CSL-JSON.
    page = next(p for p in (outdir / "episodes").glob("*.html") if "Percent" in p.read_text("utf8"))
    labels = [p.get_text() for p in body(outdir, f"episodes/{page.stem}").select(".litreview-cite-label")]
    assert labels == ["CSL-JSON"]


def test_download_option_takes_no_value(make_app: Any, tmp_path: Path) -> None:
    src = tmp_path / "references"
    shutil.copytree(ROOTS / "test-references", src)
    page = src / "topic-a.md"
    page.write_text(page.read_text().replace(":download:\n", ":download: my-name\n"))
    app = build(make_app, tmp_path)
    assert [w.split("WARNING: ", 1)[1] for w in warnings_of(app)] == [
        "episode-list: :download: takes no value (given 'my-name'); the files are named after "
        "the topic [litreview.option]"
    ]
    # The option still counts: the links are there, named after the topic.
    assert download_links(body(app.outdir, "topic-a")) == [
        "references-first-topic.bib", "references-first-topic.json"
    ]
