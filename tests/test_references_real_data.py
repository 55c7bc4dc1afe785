"""A review built from real third-party bibliographies (tests/data, see LICENSES.md):
pybtex's xampl.bib, a slice of the TUGboat bibliography, sphinxcontrib-bibtex's test
files and a Zotero CSL-JSON export, with a citation style and author-year labels.

The site's pages say what the sources say (TeX logos, math, crossref), every record
gets its reference, and the site's downloads read back as the catalogs they came from.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import body, build_scope, litreview_warnings, output_text
from sphinx.testing.util import SphinxTestApp

from sphinxcontrib_litreview.catalog.load import load_catalogs
from sphinxcontrib_litreview.catalog.readers import read_catalog
from sphinxcontrib_litreview.catalog.records import CatalogRecord

DATA = Path(__file__).resolve().parent / "data"
CATALOGS = {
    "xampl.bib": DATA / "references" / "xampl.bib",
    "tugboat.bib": DATA / "references" / "tugboat-slice.bib",
    "sphinx.bib": DATA / "references" / "sphinxcontrib-bibtex" / "sphinx.bib",
    "crossref.bib": DATA / "references" / "sphinxcontrib-bibtex" / "bibfiles_crossref.bib",
    "url.bib": DATA / "references" / "sphinxcontrib-bibtex" / "bibliography_url.bib",
    "zotero.json": DATA / "catalog" / "zotero.json",
}
ID_PATTERN = r"[^\s,;]+"


@pytest.fixture(scope=build_scope)
def site(tmp_path_factory: pytest.TempPathFactory) -> Any:
    src = tmp_path_factory.mktemp("real") / "src"
    src.mkdir()
    for name, path in CATALOGS.items():
        shutil.copy(path, src / name)
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_litreview"]\n'
        f"litreview_catalog = {list(CATALOGS)!r}\n"
        f"litreview_episode_id_pattern = {ID_PATTERN!r}\n"
        'litreview_citation_style = "apa"\n'
        'litreview_episode_label = "author-year"\n',
        encoding="utf-8",
    )
    (src / "index.md").write_text(
        "# Review\n\n"
        "TeX {episode}`Swanson:TB1-1-7`, crossref {episode}`inbook-crossref`, "
        "both {episode}`Taylor:TB15-3-353,book-full`.\n\n"
        "```{toctree}\nepisodes/index\n```\n",
        encoding="utf-8",
    )
    app = SphinxTestApp("html", srcdir=src)
    try:
        app.build()
        yield app
    finally:
        app.cleanup()


def page_of(app: Any, episode_id: str) -> Any:
    from sphinxcontrib_litreview.domain import get_domain

    episode = get_domain(app.env).episode(episode_id)
    assert episode is not None, episode_id
    return body(app.outdir, episode.docname)


def fields(page: Any) -> dict[str, str]:
    metadata = page.select_one("dl.litreview-metadata")
    names = [dt.get_text(strip=True).rstrip(":") for dt in metadata.find_all("dt", recursive=False)]
    values = [dd.get_text(" ", strip=True) for dd in metadata.find_all("dd", recursive=False)]
    return dict(zip(names, values, strict=True))


def test_only_the_sources_own_gaps_are_reported(site: Any) -> None:
    found = litreview_warnings(site)
    # xampl.bib's three entries without a title, and nothing else: every other record
    # is read, paged and formatted.
    assert len(found) == 3, found
    assert all("no 'title'" in warning for warning in found)


def test_tex_logos_math_and_crossref_on_the_pages(site: Any) -> None:
    assert page_of(site, "Swanson:TB1-1-7").select_one("h1").get_text().startswith(
        "Swanson:TB1-1-7: Publishing & TeX"
    )
    assert "ε-TeX & NTS: A progress report" in page_of(site, "Taylor:TB15-3-353").select_one("h1").get_text()
    chapter = fields(page_of(site, "inbook-crossref"))
    # Inherited from its crossref'd book: author, publisher, year, venue.
    assert chapter["Authors"] == "Knuth, Donald E."
    assert chapter["Publisher"] == "Addison-Wesley"
    assert chapter["Year"] == "1973"
    assert chapter["Venue"] == "The Art of Computer Programming"
    assert chapter["Type"] == "Book chapter"


def test_every_page_has_its_reference_and_cite_block(site: Any) -> None:
    from sphinxcontrib_litreview.domain import get_domain

    episodes = get_domain(site.env).episodes()
    assert len(episodes) > 150
    for episode in episodes:
        page = body(site.outdir, episode.docname)
        assert page.select_one("p.litreview-reference"), episode.id
        assert page.select_one(".litreview-cite pre"), episode.id
    reference = page_of(site, "Swanson:TB1-1-7").select_one("p.litreview-reference").get_text()
    assert " ".join(reference.split()) == "Swanson, E. (1980). Publishing & TeX. TUGboat, 1(1), 7–9."


def test_author_year_labels(site: Any) -> None:
    text = " ".join(body(site.outdir, "index").select_one("section > p").get_text().split())
    # xampl.bib holds several works of Knuth's from 1973 and from 1981: a and b.
    assert text == "TeX Swanson, 1980, crossref Knuth, 1973a, both (Taylor, 1994; Knuth, 1981a)."


def test_whole_site_matches_the_kept_copy(site: Any, file_regression: Any) -> None:
    """Every page, download and warning of the site, as test_output_regression.py
    keeps them for the roots: the less-used paths of real BibTeX and CSL-JSON (name
    forms, crossref, TeX, dates) that no assertion above names."""
    file_regression.check(output_text(site), basename="real-data-site", extension=".txt")


def comparable(records: list[CatalogRecord]) -> dict[str, CatalogRecord]:
    return {r.id: dataclasses.replace(r, source="", line=0, field_lines=()) for r in records}


@pytest.mark.parametrize("name", ["references.json", "references.bib"])
def test_downloads_read_back_as_the_catalogs(site: Any, name: str) -> None:
    catalog = comparable(load_catalogs(Path(site.srcdir), list(CATALOGS), ID_PATTERN))
    back, problems = read_catalog(Path(site.outdir) / name)
    assert [p for p in problems if "no 'title'" not in p.reason] == []
    assert comparable(back) == catalog


def test_downloads_parse_and_validate(site: Any) -> None:
    import json

    import jsonschema
    from pybtex.database import parse_string
    from test_references_export import csl_schema

    items = json.loads((Path(site.outdir) / "references.json").read_text("utf8"))
    jsonschema.validate(items, csl_schema())
    entries = parse_string((Path(site.outdir) / "references.bib").read_text("utf8"), "bibtex").entries
    assert len(entries) == len(items)
    knuth = entries["inbook-crossref"]
    assert [str(person) for person in knuth.persons["author"]] == ["Knuth, Donald E."]
    assert knuth.fields["publisher"] == "Addison-Wesley"
