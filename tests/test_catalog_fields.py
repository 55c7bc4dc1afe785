"""The bibliographic fields in every format, and the checks that keep bad values out."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from helpers import catalog_records, write_dedented

from sphinxcontrib_litreview.catalog.records import CatalogProblem, CatalogRecord

DATA = Path(__file__).resolve().parent / "data" / "catalog"


def read(path: Path) -> tuple[dict[str, CatalogRecord], list[CatalogProblem]]:
    return catalog_records(path)


write = write_dedented


def where(problems: list[CatalogProblem]) -> list[tuple[int, str, str]]:
    return [(problem.line, problem.record, problem.field) for problem in problems]


# -- the same record in four formats ----------------------------------------------------

BIBLIOGRAPHIC = {
    "type": "chapter",
    "editors": ("Doe, Jane", "Roe, Rick"),
    "volume": "2",
    "issue": "3",
    "pages": "100-120",
    "publisher": "MIT Press",
    "isbn": "978-0-262-03384-8",
    "venue": "A <i>Collected</i> Volume",
    "accessed": "2024-05-01",
}


def test_yaml_with_our_names(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "e.yaml",
        """
        - id: E001
          title: A chapter
          type: chapter
          editors: [Doe, Jane; Roe, Rick]
          volume: 2
          issue: 3
          pages: 100--120
          publisher: MIT Press
          isbn: 978-0-262-03384-8
          venue: A <i>Collected</i> Volume
          accessed: 2024-05-01
        """,
    )
    records, problems = read(path)
    assert problems == []
    record = records["E001"]
    assert {name: getattr(record, name) for name in BIBLIOGRAPHIC} == BIBLIOGRAPHIC
    assert record.field_line("isbn") == 9


def test_json_with_csl_names(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "e.json",
        """
        [{"id": "E001", "title": "A chapter", "type": "chapter",
          "editor": [{"family": "Doe", "given": "Jane"}, {"family": "Roe", "given": "Rick"}],
          "volume": 2, "issue": "3", "page": "100-120", "publisher": "MIT Press",
          "ISBN": "978-0-262-03384-8", "container-title": "A <i>Collected</i> Volume",
          "accessed": {"date-parts": [[2024, 5, 1]]}, "number": "TR-7"}]
        """,
    )
    records, problems = read(path)
    assert problems == []
    record = records["E001"]
    assert {name: getattr(record, name) for name in BIBLIOGRAPHIC} == BIBLIOGRAPHIC


def test_bibtex_fields(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "e.bib",
        r"""
        @incollection{E001,
          title     = {A chapter},
          editor    = {Doe, Jane and Roe, Rick},
          booktitle = {A \emph{Collected} Volume},
          volume    = 2,
          number    = 7,
          pages     = {100--120},
          publisher = {MIT Press},
          isbn      = {978-0-262-03384-8},
          urldate   = {2024-05-01},
        }
        """,
    )
    records, problems = read(path)
    assert problems == []
    record = records["E001"]
    # BibTeX's "number" is an issue only in periodicals; here it numbers a series.
    assert {name: getattr(record, name) for name in BIBLIOGRAPHIC} == {**BIBLIOGRAPHIC, "issue": ""}


def test_zotero_export_fields() -> None:
    records, problems = read(DATA / "zotero.json")
    assert problems == []
    assert records["E026"].type == "article"
    assert records["E026"].issue == ""  # CSL "number" is a preprint number, not an issue
    assert records["E026"].accessed == "2026-01-15"
    assert records["E026"].publisher == "arXiv"
    assert records["E011"].type == "paper-conference"
    assert (records["E011"].pages, records["E011"].volume) == ("1-12", "235")
    assert records["E011"].publisher == "PMLR"
    webpage = records["http://zotero.org/users/1234567/items/ABCD2345"]
    assert (webpage.type, webpage.accessed) == ("webpage", "2026-02-01")


def test_rich_text_is_kept_in_titles_and_venues(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "e.json",
        json.dumps(
            [
                {
                    "id": "E001",
                    "type": "article-journal",
                    "title": "On <I>E. coli</I> and CO<sub>2</sub> <script>x</script>",
                    "container-title": '<span style="font-variant: small-caps">Acta</span>',
                }
            ]
        ),
    )
    records, problems = read(path)
    assert problems == []
    # One spelling for the tags; anything else stays literal text for the renderer to escape.
    assert records["E001"].title == "On <i>E. coli</i> and CO<sub>2</sub> <script>x</script>"
    assert records["E001"].venue == '<span style="font-variant:small-caps;">Acta</span>'


def test_records_pickle_and_hash() -> None:
    records, _ = read(DATA / "episodes.yaml")
    record = records["E026"]
    assert pickle.loads(pickle.dumps(record)) == record
    assert hash(record) == hash(pickle.loads(pickle.dumps(record)))
    assert record.field_lines[:2] == (("id", 3), ("title", 4))


# -- bad values, reported at the catalog's line -------------------------------------------


def test_bad_bibliographic_values(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "e.yaml",
        """
        - id: E001
          title: T
          type: blog
          isbn: 12-34
          accessed: 2024-13-01
          year: 12345
          editors: {family: Doe}
        """,
    )
    records, problems = read(path)
    record = records["E001"]
    assert (record.type, record.isbn, record.accessed, record.year, record.editors) == (
        "", "", "", None, ()
    )
    assert where(problems) == [
        (3, "E001", "type"), (4, "E001", "isbn"), (5, "E001", "accessed"),
        (6, "E001", "year"), (7, "E001", "editors"),
    ]
    assert "'blog' is not a CSL type" in problems[0].reason
    assert "'12-34' is not an ISBN" in problems[1].reason
    assert "'2024-13-01' is not a date" in problems[2].reason
    assert "is not a year" in problems[3].reason


def test_bibtex_type_names_are_accepted_in_yaml(tmp_path: Path) -> None:
    path = write(tmp_path, "e.yaml", "- {id: E001, title: T, type: inproceedings, isbn: 0262033844}\n")
    records, problems = read(path)
    assert problems == []
    assert records["E001"].type == "paper-conference"
    assert records["E001"].isbn == "0262033844"


@pytest.mark.parametrize(
    "isbn",
    [
        "978-0-262-03384-8 0-262-03384-4",  # Zotero: several, separated by spaces
        "0-8044-2957-x",  # a lower-case check digit
        "0-8044-2957-x 978-0-262-03384-8",
        "978-0-262-03384-8, 0262033844",
    ],
)
def test_isbn_forms_that_are_accepted(tmp_path: Path, isbn: str) -> None:
    path = write(tmp_path, "e.json", json.dumps([{"id": "E001", "title": "T", "isbn": isbn}]))
    records, problems = read(path)
    assert problems == []
    assert records["E001"].isbn == isbn


def test_csl_names_with_one_part_keep_it(tmp_path: Path) -> None:
    authors = [{"family": "Team"}, {"given": "Plato"}, {"family": "Doe", "given": "Jane"}, {"suffix": "Jr."}]
    path = write(tmp_path, "e.json", json.dumps([{"id": "E001", "title": "T", "author": authors}]))
    records, problems = read(path)
    assert problems == []
    assert records["E001"].authors == ("Team", "Plato", "Doe, Jane", "Jr.")


def test_a_bad_value_is_quoted_whole_up_to_sixty_characters(tmp_path: Path) -> None:
    # The warning quotes the value as Python shows it, quotes included.
    fits, too_long = "y" * 58, "z" * 59
    path = write(tmp_path, "e.json", json.dumps([{"id": "E001", "title": "T", "year": fits},
                                                 {"id": "E002", "title": "T", "year": too_long}]))
    _, problems = read(path)
    assert problems[0].reason.startswith(f"{fits!r} is not a year")
    assert problems[1].reason.startswith(f"{too_long!r}"[:57] + "... is not a year")


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\x00script:alert(1)",
        "\x01javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
        "https://example.org/a\u202eb",
        "https://example.org/a\x01b",  # an http URL with a control character in it
        "https://exa mple.org/",
        "https://",
        "example.org/page",
    ],
)
def test_only_http_urls_pass(tmp_path: Path, url: str) -> None:
    path = tmp_path / "e.json"
    path.write_text(
        json.dumps([{"id": "E001", "title": "T"}, {"id": "E002", "title": "U", "url": url}], indent=1),
        encoding="utf-8",
    )
    records, problems = read(path)
    assert records["E002"].url == ""
    assert where(problems) == [(9, "E002", "url")]
    assert "is not an http or https URL; the link is left out" in problems[0].reason


@pytest.mark.parametrize("url", ["https://example.org/a?b=c#d", "HTTP://EXAMPLE.ORG", "http://x.y/%20"])
def test_http_urls_are_kept(tmp_path: Path, url: str) -> None:
    path = tmp_path / "e.json"
    path.write_text(json.dumps([{"id": "E001", "title": "T", "url": url}]), encoding="utf-8")
    records, problems = read(path)
    assert problems == []
    assert records["E001"].url == url


@pytest.mark.parametrize(
    ("record_id", "described"),
    [
        ("E 001", "a space or line break"),
        ("E001\n", None),  # trailing whitespace is trimmed, as before
        ("E0\n01", "a space or line break"),
        ("E`001`", "a backtick"),
        ("E\x00001", "a control character (U+0000)"),
        ("E\u200b001", "a control character (U+200B)"),
        ("E\u2028001", "a space character (U+2028)"),
    ],
)
def test_unusable_ids_are_rejected(tmp_path: Path, record_id: str, described: str | None) -> None:
    path = tmp_path / "e.json"
    path.write_text(json.dumps([{"id": record_id, "title": "T"}]), encoding="utf-8")
    records, problems = read(path)
    if described is None:
        assert list(records) == ["E001"] and problems == []
        return
    assert records == {}
    assert where(problems) == [(1, "#1", "id")]
    assert f"contains {described}, which no ID may hold; the record is skipped" in problems[0].reason


def test_case_variants_of_a_key_are_named(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "e.yaml",
        """
        - id: E001
          ID: E002
          title: One
          Title: Two
        """,
    )
    records, problems = read(path)
    assert list(records) == ["E001"]
    assert records["E001"].title == "One"
    assert where(problems) == [(2, "E001", "ID"), (4, "E001", "Title")]
    assert problems[0].reason == (
        "'ID' and 'id' are the same field (field names ignore case); using 'id'. "
        "Keep only one of them."
    )


def test_a_key_given_twice_is_named(tmp_path: Path) -> None:
    yaml_path = write(tmp_path, "e.yaml", "- id: E001\n  title: One\n  title: Two\n")
    json_path = write(tmp_path, "e.json", '[{"id": "E001",\n "title": "One",\n "title": "Two"}]\n')
    for path in (yaml_path, json_path):
        records, problems = read(path)
        assert records["E001"].title == "Two"  # what the YAML and JSON parsers keep
        assert where(problems) == [(3, "E001", "title")]
        assert problems[0].reason.startswith("given twice in this record (lines 2 and 3)")


def test_duplicate_episodes_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "e.yaml",
        """
        episodes:
          - {id: E001, title: One}
        other: value
        episodes:
          - {id: E002, title: Two}
        """,
    )
    records, problems = read(path)
    assert list(records) == ["E001", "E002"]
    assert where(problems) == [(4, "", "episodes")]
    assert problems[0].reason == (
        "the key 'episodes' appears 2 times (lines 1, 4); the records of every list were "
        "read. Merge them into one 'episodes' list."
    )


def test_empty_and_null_yaml(tmp_path: Path) -> None:
    for text in ("", "# nothing yet\n", "~\n"):
        records, problems = read(write(tmp_path, "e.yaml", text))
        assert records == {} and problems == []


@pytest.mark.parametrize("authors", [
    "Shao, Zhihong; Wang, Peiyi; et al.",
    "[Shao, Zhihong; Wang, Peiyi; et al]",
    '["Shao, Zhihong", "Wang, Peiyi", "others"]',
])
def test_et_al_is_not_a_person(tmp_path: Path, authors: str) -> None:
    # As BibTeX's "and others": a truncated list, which styles and labels mark themselves.
    path = write(tmp_path, "e.yaml", f"- id: E001\n  title: T\n  authors: {authors}\n  editors: Doe, Jane; Et Al.\n")
    records, problems = read(path)
    assert problems == []
    assert records["E001"].authors == ("Shao, Zhihong", "Wang, Peiyi")
    assert records["E001"].editors == ("Doe, Jane",)


def test_a_missing_field_is_reported_at_its_records_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "e.yaml",
        """
        - id: E001
          title: Fine
        - id: E002
          year: 2020
        """,
    )
    records, problems = read(path)
    assert list(records) == ["E001", "E002"]  # kept, its ID as its title
    assert where(problems) == [(3, "E002", "")]
    assert "no 'title'" in problems[0].reason


def test_tags_of_the_wrong_shape_are_reported_and_left_out(tmp_path: Path) -> None:
    path = write(tmp_path, "e.yaml", "- {id: E001, title: T, tags: {a: 1}}\n- {id: E002, title: T, tags: [[x]]}\n")
    records, problems = read(path)
    assert records["E001"].tags == records["E002"].tags == ()
    expected = "where a list of tags, or tags separated by ',' is expected; the field is ignored."
    assert [p.reason for p in problems] == [f"a mapping {expected}", f"a list {expected}"]


def test_years_have_four_digits_at_most(tmp_path: Path) -> None:
    years = [9999, -9999, 10000, -10000]
    records_in = [{"id": f"E{n}", "title": "T", "year": year} for n, year in enumerate(years)]
    path = write(tmp_path, "e.json", json.dumps(records_in))
    records, problems = read(path)
    assert [records[f"E{n}"].year for n in range(4)] == [9999, -9999, None, None]
    assert [p.record for p in problems] == ["E2", "E3"]


# A float would make a fine ID as text ("1.5"); only text and whole numbers are IDs.
@pytest.mark.parametrize(("value", "shown"), [(1.5, "a number"), ([1, 2], "a list"), (True, "true/false")])
def test_an_id_that_is_not_text_skips_the_record(tmp_path: Path, value: object, shown: str) -> None:
    path = write(tmp_path, "e.json", json.dumps([{"id": value, "title": "T"}, {"id": "E002", "title": "U"}]))
    records, problems = read(path)
    assert list(records) == ["E002"]
    assert [p.reason for p in problems] == [
        f"{shown} where an ID such as 'E001' is expected; the record is skipped."
    ]
