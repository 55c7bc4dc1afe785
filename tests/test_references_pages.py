"""Episode pages as references: every bibliographic field, formatted titles, the
"Cite" block; the same from catalogs and from the episode directive, MyST and reST."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from bs4 import Tag
from helpers import body, litreview_warnings, warnings_of
from test_references_export import csl_schema

from sphinxcontrib_litreview.catalog.readers import read_catalog

ROOTS = ("references", "references-rst")


def field_list(tag: Tag) -> dict[str, str]:
    metadata = tag.select_one("dl.litreview-metadata")
    assert metadata is not None
    names = [dt.get_text(strip=True).rstrip(":") for dt in metadata.find_all("dt", recursive=False)]
    values = [dd.get_text(" ", strip=True) for dd in metadata.find_all("dd", recursive=False)]
    return dict(zip(names, values, strict=True))


@pytest.fixture(params=ROOTS)
def app(request: pytest.FixtureRequest, make_app: Any, tmp_path: Path) -> Any:
    import shutil

    src = tmp_path / request.param
    shutil.copytree(Path(__file__).parent / "roots" / f"test-{request.param}", src)
    built = make_app("html", srcdir=src, freshenv=True)
    built.build()
    return built


def test_generated_page_shows_every_field_in_reading_order(app: Any) -> None:
    page = body(app.outdir, "episodes/E003")
    fields = field_list(page)
    assert list(fields) == [
        "Authors", "Editors", "Year", "Venue", "Pages", "Publisher", "Type", "Link", "Accessed",
    ]
    assert fields["Editors"] == "Major, Mia; Minor, Max"
    assert fields["Pages"] == "33–58"
    assert fields["Type"] == "Book chapter"
    assert fields["Accessed"] == "2024-05-01"
    book = field_list(body(app.outdir, "episodes/E002"))
    # A book's venue is its publisher: shown once, as the publisher.
    assert "Venue" not in book and book["Publisher"] == "Penguin Books"
    assert book["ISBN"] == "978-1-59420-507-1"
    article = field_list(body(app.outdir, "episodes/E001"))
    assert (article["Volume"], article["Issue"], article["Pages"]) == ("8", "3", "207–217")


def test_titles_keep_their_formatting_and_only_that(app: Any) -> None:
    page = body(app.outdir, "episodes/E003")
    heading = page.select_one("h1")
    assert heading is not None
    assert [em.get_text() for em in heading.select("em")] == ["E. coli"]
    assert [sub.get_text() for sub in heading.select("sub")] == ["2"]
    assert field_list(page)["Venue"] == "Handbook of Bacteria"
    assert page.select_one("dl.litreview-metadata em").get_text() == "Bacteria"
    # Link titles, previews and the search index get plain text.
    topic = body(app.outdir, "topic-b")
    link = next(a for a in topic.select("a.litreview-ref-episode") if "E003" in a["href"])
    assert link["title"] == "E003: The E. coli genome in H2O"
    hand = body(app.outdir, "handwritten")
    signature = hand.select_one("dt.sig")
    assert signature is not None
    # Sphinx 8.0 writes the annotation holding the title as <em class="property"> (9: a span).
    assert [em.get_text() for em in signature.select("em:not(.property)")] == ["rich"]
    assert "<i>" not in signature.get_text()


def test_directive_takes_the_bibliographic_options(app: Any) -> None:
    fields = field_list(body(app.outdir, "handwritten"))
    assert fields == {
        "Authors": "Smith, Sam; Jones, Jo; Brown, Bo",
        "Editors": "Chair, Carla",
        "Year": "2024",
        "Venue": "Proceedings of the Big Conference",
        "Volume": "12",
        "Issue": "3",
        "Pages": "100–120",
        "Publisher": "ACM",
        "Type": "Conference paper",
        "ISBN": "978-0-262-03384-8",
        "Accessed": "2024-05-01",
    }
    assert warnings_of(app) == []


def cite_texts(tag: Tag) -> dict[str, str]:
    cite = tag.select_one(".litreview-cite")
    assert cite is not None
    labels = [p.get_text(strip=True) for p in cite.select("p.litreview-cite-label")]
    blocks = [pre.get_text() for pre in cite.select("pre")]
    return dict(zip(labels, blocks, strict=True))


@pytest.mark.parametrize(("docname", "episode_id"), [("episodes/E003", "E003"), ("handwritten", "E010")])
def test_cite_block_reads_back_as_the_same_record(app: Any, tmp_path: Path, docname: str, episode_id: str) -> None:
    from pybtex.database import parse_string

    texts = cite_texts(body(app.outdir, docname))
    assert list(texts) == ["BibTeX", "CSL-JSON"]
    entries = parse_string(texts["BibTeX"], "bibtex").entries
    assert list(entries) == [episode_id]
    items = json.loads(texts["CSL-JSON"])
    jsonschema.validate(items, csl_schema())
    back = {}
    for name, text in (("cite.bib", texts["BibTeX"]), ("cite.json", texts["CSL-JSON"])):
        (tmp_path / name).write_text(text, encoding="utf-8")
        records, problems = read_catalog(tmp_path / name)
        assert problems == []
        back[name] = records[0]
    bib, csl = back["cite.bib"], back["cite.json"]
    assert (bib.id, bib.title, bib.authors, bib.editors, bib.pages, bib.type) == (
        csl.id, csl.title, csl.authors, csl.editors, csl.pages, csl.type,
    )
    if episode_id == "E003":
        assert csl.title == "The <i>E. coli</i> genome in H<sub>2</sub>O"
        assert csl.editors == ("Major, Mia", "Minor, Max")
        assert csl.accessed == "2024-05-01"
    else:
        assert csl.isbn == "978-0-262-03384-8" and csl.issue == "3" and csl.volume == "12"
    # The review's own words stay out of a reference to copy.
    assert "abstract" not in texts["BibTeX"] and "keyword" not in texts["CSL-JSON"]


def test_cite_block_is_left_out_of_search(app: Any) -> None:
    cite = body(app.outdir, "episodes/E001").select_one(".litreview-cite")
    assert cite is not None and "no-search" in cite["class"]


def test_export_carries_the_fields(app: Any) -> None:
    from test_export import schema

    data = json.loads((Path(app.outdir) / "litreview.json").read_text("utf8"))
    jsonschema.Draft202012Validator(schema()).validate(data)
    episodes = {episode["id"]: episode for episode in data["episodes"]}
    chapter = episodes["E003"]
    assert chapter["title"] == "The E. coli genome in H2O"
    assert chapter["title_rich"] == "The <i>E. coli</i> genome in H<sub>2</sub>O"
    assert (chapter["type"], chapter["editors"], chapter["pages"], chapter["accessed"]) == (
        "chapter", ["Major, Mia", "Minor, Max"], "33-58", "2024-05-01"
    )
    assert episodes["E002"]["isbn"] == "978-1-59420-507-1"
    assert episodes["E010"]["publisher"] == "ACM"
    assert chapter["reference"].startswith("Roe, R. (2021). The <i>E. coli</i> genome")
    # The reST sample sets litreview_episode_label = "author-year"; MyST's keeps IDs.
    assert chapter["label"] == ("Roe, 2021" if app.srcdir.name == "references-rst" else "E003")


def test_hover_preview_names_editors_of_an_edited_work(make_app: Any, tmp_path: Path) -> None:
    import shutil

    src = tmp_path / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-references", src)
    (src / "works.json").write_text(json.dumps([{
        "id": "E007", "type": "book", "title": "Collected papers",
        "editor": [{"family": "Major", "given": "Mia"}], "issued": {"date-parts": [[2020]]},
    }]), encoding="utf-8")
    (src / "topic-b.md").write_text("# Topic B\n\nSee {episode}`E007`.\n", encoding="utf-8")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    script = body(app.outdir, "topic-b").find("script", class_="litreview-previews")
    assert script is not None
    preview = json.loads(script.string)["episode-e007"]
    assert preview["authors"] == ["Major, Mia"]
    assert preview["reference"] == "Major, M. (Ed.). (2020). Collected papers."


@pytest.mark.parametrize("root", ROOTS)
def test_bad_bibliographic_options_are_reported(make_app: Any, tmp_path: Path, root: str) -> None:
    import shutil

    src = tmp_path / "src"
    shutil.copytree(Path(__file__).parent / "roots" / f"test-{root}", src)
    suffix = ".md" if root == "references" else ".rst"
    page = src / f"handwritten{suffix}"
    text = page.read_text("utf8")
    for good, bad in (("paper-conference", "poster"), ("978-0-262-03384-8", "12-3"), ("2024-05-01", "May 2024")):
        text = text.replace(good, bad)
    page.write_text(text, "utf8")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    found = litreview_warnings(app)
    assert len(found) == 3, found
    assert all("[litreview.option]" in w and f"handwritten{suffix}:" in w for w in found)
    assert any(":type: 'poster' is not a CSL type" in w for w in found)
    assert any(":isbn: '12-3' is not an ISBN" in w for w in found)
    assert any(":accessed: 'May 2024' is not a date" in w for w in found)
    fields = field_list(body(app.outdir, "handwritten"))
    assert "Type" not in fields and "ISBN" not in fields and "Accessed" not in fields
    assert fields["Publisher"] == "ACM"  # the rest of the directive is kept


def test_in_german(make_app: Any, tmp_path: Path) -> None:
    import shutil

    src = tmp_path / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-references", src)
    app = make_app("html", srcdir=src, freshenv=True, confoverrides={"language": "de"})
    app.build()
    page = body(app.outdir, "episodes/E003")
    assert list(field_list(page)) == [
        "Autoren", "Herausgeber", "Jahr", "Erschienen in", "Seiten", "Verlag", "Art", "Link", "Abgerufen",
    ]
    assert field_list(page)["Art"] == "Buchkapitel"
    assert page.select_one(".litreview-cite .rubric").get_text() == "Zitieren"
    # The style's terms follow the project's language ("Hrsg.", "S.").
    reference = page.select_one("p.litreview-reference").get_text()
    assert "(Hrsg.)" in reference and "(S. 33–58)" in reference
    downloads = body(app.outdir, "episodes/index").select_one(".litreview-downloads")
    assert downloads.get_text(" ", strip=True).startswith("Herunterladen:")


def test_cite_blocks_are_written_as_sphinx_writes_code(app: Any) -> None:
    # Made without Pygments, but the markup Sphinx gives an unhighlighted code block:
    # themes style them, sphinx-copybutton ("div.highlight pre") finds them.
    from sphinx.highlighting import PygmentsBridge

    highlighter = PygmentsBridge("html")
    cite = body(app.outdir, "episodes/E003").select_one(".litreview-cite")
    blocks = cite.select("div.highlight-none.notranslate > div.highlight")
    assert len(blocks) == 2
    source = (Path(app.outdir) / "episodes" / "E003.html").read_text("utf8")
    for block in blocks:
        # Byte for byte (BeautifulSoup would make &quot; and " alike).
        assert highlighter.highlight_block(block.pre.get_text(), "none") in source


def test_the_cite_block_is_made_when_written_from_its_own_definition(make_app: Any, tmp_path: Path) -> None:
    """The page's tree holds a placeholder, not the two literal blocks (they are made
    from the domain's data when the page is written, see cite_blocks.py); a second
    definition of an ID elsewhere shows its own reference, not the winning one."""
    import re

    from helpers import write_dedented

    from sphinxcontrib_litreview.nodes import litreview_cite

    (tmp_path / "conf.py").write_text('extensions = ["myst_parser", "sphinxcontrib_litreview"]\n')
    write_dedented(tmp_path, "index.md", """
        # Index

        ```{toctree}
        one
        two
        ```
        """)
    for name, title in (("one", "First version"), ("two", "Second version")):
        write_dedented(tmp_path, f"{name}.md", f"""
            # {name.title()}

            ```{{episode}} E001
            :title: {title}
            :year: 2024
            ```
            """)
    app = make_app("html", srcdir=tmp_path, freshenv=True)
    app.build()
    for name, title in (("one", "First version"), ("two", "Second version")):
        doctree = app.env.get_doctree(name)
        assert [node["episode"] for node in doctree.findall(litreview_cite)] == ["E001"]
        assert not list(doctree.findall(lambda n: n.tagname == "literal_block"))
        cite = body(app.outdir, name).select_one(".litreview-cite")
        assert cite is not None
        assert re.search(rf"title *= {{{title}}}", cite.select_one(".litreview-cite-bibtex pre").get_text())


def test_the_field_list_is_made_when_written_around_values_made_when_read(make_app: Any, tmp_path: Path) -> None:
    """The tree holds the values (smartquoted and searchable like any text), not the
    field list around them, which is made when the page is written (episode_nodes)."""
    from helpers import write_dedented

    from sphinxcontrib_litreview.nodes import litreview_metadata

    (tmp_path / "conf.py").write_text('extensions = ["sphinxcontrib_litreview"]\n')
    write_dedented(tmp_path, "index.rst", """
        Index
        =====

        .. episode:: E001
           :title: Quoted
           :authors: O'Brien, Pat
           :year: 2024
           :venue: "Quoted" Workshop -- 2024
        """)
    app = make_app("html", srcdir=tmp_path, freshenv=True)
    app.build()
    doctree = app.env.get_doctree("index")
    [holder] = doctree.findall(litreview_metadata)
    assert [row["label"] for row in holder.children] == ["Authors", "Year", "Venue"]
    assert not list(doctree.findall(lambda n: n.tagname == "field_list"))
    fields = field_list(body(app.outdir, "index"))
    assert fields == {
        "Authors": "O\u2019Brien, Pat", "Year": "2024", "Venue": "\u201cQuoted\u201d Workshop \u2013 2024"
    }
