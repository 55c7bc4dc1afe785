"""Catalog readers: every format yields the same records, and bad input yields problems."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import catalog_records, write_dedented

from sphinxcontrib_litreview.catalog.records import CatalogProblem, CatalogRecord
from sphinxcontrib_litreview.references.latex import latex_to_text

DATA = Path(__file__).resolve().parent / "data" / "catalog"


def read(path: Path) -> tuple[dict[str, CatalogRecord], list[CatalogProblem]]:
    return catalog_records(path)


write = write_dedented


def messages(problems: list[CatalogProblem]) -> list[str]:
    return [f"{problem.location}: {problem.message}" for problem in problems]


# -- good files ---------------------------------------------------------------------


def test_yaml_mapping_form_with_aliases() -> None:
    records, problems = read(DATA / "episodes.yaml")
    assert problems == []
    assert list(records) == ["E026", "E011"]
    e026 = records["E026"]
    assert e026.title == "RL calibrates rather than discovers"
    # A flow list split at the commas of "Family, Given" is put back together.
    assert e026.authors == ("Doe, Jane", "Roe, Rick")
    assert e026.year == 2026
    assert e026.doi == "10.1234/abcd"  # the resolver prefix is dropped
    assert e026.tags == ("rl", "token-level")
    assert e026.summary.startswith("RL-trained models win at small {term}`pass@k`.\n\nA second")
    assert e026.line == 3
    assert e026.source == str(DATA / "episodes.yaml")

    e011 = records["E011"]
    assert e011.authors == ("Müller, Jörg", "Cortés, Ana")  # `author`, as one "A; B" string
    assert e011.year == 2024  # a quoted year is still a year
    assert e011.tags == ("rewards", "rl")  # `keywords`
    assert e011.summary == "Rewards per token."  # `abstract`
    assert e011.line == 16


def test_yaml_list_form(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "list.yml",
        """
        - id: E001
          title: 1984
          year: 2024-05-01
        - {id: E002, title: Second}
        """,
    )
    records, problems = read(path)
    assert problems == []
    assert records["E001"].title == "1984"  # YAML's number is the title the user meant
    assert records["E001"].year == 2024  # a YAML date gives its year
    assert records["E002"].line == 4


def test_plain_json_with_uppercase_url_and_doi() -> None:
    records, problems = read(DATA / "plain.json")
    assert problems == []
    assert records["E026"].tags == ("rl", "pass-at-k")
    assert records["E026"].line == 3
    assert records["E011"].url == "https://example.org/e011"
    assert records["E011"].doi == "10.1234/e011"
    assert records["E011"].line == 13


def test_zotero_csl_json_export() -> None:
    records, problems = read(DATA / "zotero.json")
    # CSL fields the catalog does not use (page, volume, ISSN, note...) are not warned about.
    assert problems == []
    e026 = records["E026"]
    assert e026.authors == ("Doe, Jane", "Roe, Rick", "van Gogh, Vincent")
    assert e026.year == 2026  # issued.date-parts with the year as a string, as Zotero writes it
    assert e026.venue == "arXiv"  # no container-title: the publisher
    assert e026.url == "http://arxiv.org/abs/2601.00001"
    assert e026.doi == "10.48550/arXiv.2601.00001"
    assert e026.tags == (
        "Computer Science - Machine Learning",
        "Computer Science - Computation and Language",
    )
    assert e026.summary.startswith("We study whether RL fine-tuning")

    e011 = records["E011"]
    assert e011.venue == "Proceedings of the 41st International Conference on Machine Learning"
    assert e011.authors == ("Müller, Jörg", "The Reasoning Team")
    assert e011.year == 2024
    assert e011.line == 23

    assert records["E009"].year == 2025  # from issued.raw
    # Zotero's own item URI as ID is read; the ID pattern check rejects it later.
    assert "http://zotero.org/users/1234567/items/ABCD2345" in records


def test_bibtex_accents_braces_and_entry_types() -> None:
    records, problems = read(DATA / "refs.bib")
    assert problems == []
    assert list(records) == ["E001", "E002", "E003"]
    e001 = records["E001"]
    assert e001.title == "RL Calibrates rather than Discovers: a Übersicht"
    assert e001.authors == (
        "Müller, Jörg",
        "Cortés, Ana",
        "van der Berg, Piet",
        "Smith, John, Jr.",
    )
    assert e001.venue == "Journal of Machine Learning Research"
    assert e001.year == 2024
    assert e001.doi == "10.1234/jmlr.2024.001"
    assert e001.tags == ("rl", "calibration")
    assert e001.summary == (
        "We show that reinforcement learning improves pass@1 by 50% – without new strategies."
        "\n\nA second paragraph."
    )
    assert e001.line == 4

    e002 = records["E002"]  # @inproceedings with a @string macro as booktitle
    assert e002.venue == "Advances in Neural Information Processing Systems"
    assert e002.year == 2023
    assert e002.url == "https://example.org/e002"
    assert e002.line == 18

    e003 = records["E003"]
    assert e003.authors == ("Naïve, René",)
    assert e003.venue == "arXiv"
    assert e003.url == "https://arxiv.org/abs/2501.01234"


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"M{\"u}ller", "Müller"),
        (r"Cort\'es", "Cortés"),
        (r"{RL} and {LLMs}", "RL and LLMs"),
        (r"\emph{very} \textbf{bold}", "very bold"),
        (r"Na\"{\i}ve", "Naïve"),
        (r"unbalanced {brace", "unbalanced brace"),
    ],
)
def test_latex_to_text(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b'\xef\xbb\xbf[{"id": "E001", "title": "T"}]')
    records, problems = read(path)
    assert list(records) == ["E001"] and problems == []


# -- bad files and records -------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    records, problems = read(tmp_path / "nowhere.yaml")
    assert records == {}
    assert messages(problems) == [
        f"None: catalog {tmp_path / 'nowhere.yaml'}: file not found; check the path in "
        "litreview_catalog (paths are relative to the source directory)."
    ]


def test_unsupported_suffix(tmp_path: Path) -> None:
    records, problems = read(write(tmp_path, "episodes.csv", "id,title\n"))
    assert records == {}
    assert "unsupported format '.csv'; use one of .bib, .json, .yaml, .yml" in problems[0].message
    _, problems = read(write(tmp_path, "episodes", "- {id: E001, title: T}\n"))
    assert "unsupported format '(no suffix)'; use one of" in problems[0].message


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "bad.yaml",
        """
        - id: E001
          title: Fine
        - id: E002
          title: [unclosed
        """,
    )
    records, problems = read(path)
    assert records == {}
    assert len(problems) == 1
    assert problems[0].location == f"{path}:5"
    assert problems[0].message.startswith("catalog bad.yaml: not valid YAML: ")
    assert "no records were read from it. Fix the syntax." in problems[0].message


def test_yaml_with_a_character_yaml_refuses_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("- id: E001\n  title: Fine\n- id: E002\n  title: bell\x07here\n", encoding="utf-8")
    records, problems = read(path)
    assert records == {}
    assert messages(problems) == [
        f"{path}:4: catalog bad.yaml: not valid YAML: character U+0007 (control characters are not "
        "allowed); no records were read from it. Fix the syntax."
    ]


def test_json_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "bad.json",
        """
        [
          {"id": "E001", "title": "Fine"},
          {"id": "E002", "title": "Trailing comma",}
        ]
        """,
    )
    records, problems = read(path)
    assert records == {}
    assert len(problems) == 1
    # What the extension controls: file, line and its own words (CPython words the
    # decoder's message differently from one version to the next).
    assert problems[0].file == str(path)
    assert problems[0].location == f"{path}:3"
    assert problems[0].message.startswith("catalog bad.json: not valid JSON: ")
    assert problems[0].message.endswith("; no records were read from it. Fix the syntax.")


@pytest.mark.parametrize("text", ["title: not a list\n", "just a sentence\n", "42\n", "episodes: E001\n"])
def test_wrong_top_level_shape(tmp_path: Path, text: str) -> None:
    records, problems = read(write(tmp_path, "shape.yaml", text))
    assert records == {}
    assert len(problems) == 1
    assert problems[0].message == (
        "catalog shape.yaml: expected a list of records, or a mapping with an 'episodes' "
        "list; nothing was read."
    )


def test_bad_records_are_reported_and_good_ones_kept(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "episodes.yaml",
        """
        - id: E001
          title: Good
        - title: No ID here
        - id: E003
          summary: no title
        - id: E004
          title: Bad year
          year: forthcoming
        - id: E005
          title: Unknown field
          auhtors: Doe, Jane
        - id: E006
          title: [a, list]
        - just a string
        - id: E008
          title: Both spellings
          author: Doe, Jane
          authors: Roe, Rick
        - id: E009
          title: Tags of the wrong type
          tags: {rl: yes}
        """,
    )
    records, problems = read(path)
    assert list(records) == ["E001", "E003", "E004", "E005", "E006", "E008", "E009"]
    assert records["E003"].title == ""
    assert records["E004"].year is None
    assert records["E008"].authors == ("Roe, Rick",)
    assert records["E009"].tags == ()
    assert messages(problems) == [
        f"{path}:3: catalog episodes.yaml, record #2: no 'id'; the record is skipped. "
        "Add an ID such as 'id: E001'.",
        f"{path}:4: catalog episodes.yaml, record E003: no 'title'; the page shows only the ID. "
        "Add 'title: ...'.",
        f"{path}:8: catalog episodes.yaml, record E004, field 'year': 'forthcoming' is not a "
        "year; the record is kept without a year. Write a number such as 2024.",
        f"{path}:11: catalog episodes.yaml, record E005, field 'auhtors': unknown field, "
        "ignored (did you mean 'authors'?); known fields: id, title, authors, year, venue, url, "
        "doi, tags, summary, type, editors, volume, issue, pages, publisher, isbn, accessed.",
        f"{path}:13: catalog episodes.yaml, record E006, field 'title': a list where text is "
        "expected; the field is ignored.",
        f"{path}:14: catalog episodes.yaml, record #7: text where a mapping of fields ('id', "
        "'title', ...) is expected; the record is skipped.",
        f"{path}:17: catalog episodes.yaml, record E008, field 'author': also given as "
        "'authors'; using 'authors'. Keep only one of them.",
        f"{path}:21: catalog episodes.yaml, record E009, field 'tags': a mapping where a list "
        "of tags, or tags separated by ',' is expected; the field is ignored.",
    ]


def test_compact_json_record_lines(tmp_path: Path) -> None:
    # No white space after the commas between records or between members.
    path = tmp_path / "episodes.json"
    path.write_text('[{"id":"E001","title":"Good"},{"id":"E002","title":"Bad year",\n"year":"soon"}]\n')
    records, problems = read(path)
    assert list(records) == ["E001", "E002"]
    assert [(p.line, p.record, p.field) for p in problems] == [(2, "E002", "year")]


def test_bad_json_record_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "episodes.json",
        """
        [
          {"id": "E001", "title": "Good"},
          {
            "id": "E002",
            "title": "Bad year",
            "year": "soon"
          }
        ]
        """,
    )
    records, problems = read(path)
    assert list(records) == ["E001", "E002"]
    assert messages(problems) == [
        f"{path}:6: catalog episodes.json, record E002, field 'year': 'soon' is not a year; "
        "the record is kept without a year. Write a number such as 2024."
    ]


def test_bibtex_syntax_error_keeps_other_entries(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "refs.bib",
        """
        @article{E001,
          title = {Good},
          year = {2024},
        }

        @article{E002,
          title = {Missing equals sign}
          year {2024},
        }

        @article{E003,
          title = {Also good},
        }
        """,
    )
    records, problems = read(path)
    assert list(records) == ["E001", "E003"]
    assert len(problems) == 1
    assert problems[0].location == f"{path}:8"
    # pybtex's "syntax error in line 8: '}' expected", without the line it already has.
    assert problems[0].message == (
        "catalog refs.bib, record E002: BibTeX syntax error: '}' expected; the entry is "
        "skipped. Fix the entry."
    )


def test_missing_pybtex_is_one_clear_warning(tmp_path: Path, no_pybtex: None) -> None:
    path = tmp_path / "refs.bib"
    shutil.copy(DATA / "refs.bib", path)
    records, problems = read(path)
    assert records == {}
    assert messages(problems) == [
        f"None: catalog {path}: reading BibTeX needs pybtex; install it with "
        "pip install 'sphinxcontrib-litreview[bibtex]'. The file is skipped."
    ]


def test_undecodable_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("- id: E001\n  title: Caf\xe9\n".encode("latin-1"))
    records, problems = read(path)
    assert records == {}
    assert "not UTF-8 text" in problems[0].message


def test_a_reader_that_fails_unexpectedly_is_one_problem_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The safety net for bugs and for libraries failing in ways nobody foresaw.
    from sphinxcontrib_litreview.catalog import readers

    def broken(text: str, source: str) -> Any:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setitem(readers.READERS, ".yaml", broken)
    path = write(tmp_path, "e.yaml", "- {id: E001, title: T}\n")
    records, problems = read(path)
    assert records == {}
    assert [(p.file, p.line) for p in problems] == [(str(path), 0)]
    assert problems[0].message == (
        f"catalog {path}: could not be read (RecursionError: maximum recursion depth exceeded); skipped."
    )


def test_a_csl_date_without_a_year_is_reported_and_the_record_kept(tmp_path: Path) -> None:
    path = write(tmp_path, "e.json", '[{"id": "E001", "title": "T", "issued": {"date-parts": [[]]}}]')
    records, problems = read(path)
    assert records["E001"].year is None
    assert [(p.record, p.field) for p in problems] == [("E001", "issued")]
    assert "no year in 'date-parts' or 'raw'" in problems[0].reason


def test_yaml_merge_keys_lend_fields_without_counting_as_repeats(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "e.yaml",
        """
        - &common
          id: E001
          title: Shared title
          year: notayear
        - <<: *common
          id: E002
          venue: Own venue
          venue: Venue again
        - <<: [*common]
          id: E003
          title: Own title
        """,
    )
    records, problems = read(path)
    assert [(r.id, r.title, r.field_line("title"), r.field_line("id")) for r in records.values()] == [
        ("E001", "Shared title", 3, 2), ("E002", "Shared title", 3, 6), ("E003", "Own title", 11, 10),
    ]
    # The merged year is reported where it is written; only a true repeat is one.
    assert [(p.line, p.record, p.field) for p in problems] == [
        (4, "E001", "year"), (4, "E002", "year"), (4, "E003", "year"), (8, "E002", "venue"),
    ]
    assert problems[3].reason.startswith("given twice in this record (lines 7 and 8)")


def test_a_yaml_anchor_merged_into_itself_is_read_once(tmp_path: Path) -> None:
    records, problems = read(write(tmp_path, "e.yaml", "- &a\n  id: E001\n  title: T\n  <<: *a\n"))
    assert (list(records), problems) == (["E001"], [])


def test_items_that_are_not_records_say_what_they_are(tmp_path: Path) -> None:
    path = write(tmp_path, "e.yaml", '- ""\n-\n- 42\n- [a, b]\n- just text\n- {id: E001, title: T}\n')
    records, problems = read(path)
    assert list(records) == ["E001"]
    assert [p.reason.split(" where ")[0] for p in problems] == ["empty", "empty", "a number", "a list", "text"]
    assert [p.line for p in problems] == [1, 2, 3, 4, 5]
    path = write(tmp_path, "e.json", '[\n  "",\n  null,\n  {"id": "E001", "title": "T"},\n  [1]\n]\n')
    records, problems = read(path)
    assert list(records) == ["E001"]
    assert [(p.line, p.reason.split(" where ")[0]) for p in problems] == [(2, "empty"), (3, "empty"), (5, "a list")]
