"""BibTeX read as BibTeX reads it: crossref and xdata, editors, name lists, URLs, types.

The main data is pybtex's copy of ``xampl.bib`` (Oren Patashnik's example file for
BibTeX, tests/data/references/xampl.bib), whose entries exercise every standard type.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sphinxcontrib_litreview.catalog.readers import read_catalog
from sphinxcontrib_litreview.catalog.records import CatalogProblem, CatalogRecord

DATA = Path(__file__).resolve().parent / "data" / "references"


def read(path: Path) -> tuple[dict[str, CatalogRecord], list[CatalogProblem]]:
    records, problems = read_catalog(path)
    return {record.id: record for record in records}, problems


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "refs.bib"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def test_xampl_reads_every_entry() -> None:
    records, problems = read(DATA / "xampl.bib")
    assert len(records) == 36
    # Entries without a title are a cross-referenced journal, an empty @misc and a note.
    assert sorted(problem.record for problem in problems) == [
        "misc-minimal", "random-note-crossref", "whole-journal"
    ]
    assert all("no 'title'" in problem.reason for problem in problems)


def test_inbook_crossref_inherits_from_its_book() -> None:
    records, _ = read(DATA / "xampl.bib")
    child = records["inbook-crossref"]
    # Own fields win; author, publisher come from "whole-set"; its title is the booktitle.
    assert child.title == "Fundamental Algorithms"
    assert child.authors == ("Knuth, Donald E.",)
    assert child.publisher == "Addison-Wesley"
    assert child.venue == "The Art of Computer Programming"
    assert child.year == 1973  # "{\noopsort{1973b}}1973"
    assert child.type == "chapter"
    assert child.volume == "1"


def test_incollection_and_inproceedings_crossref() -> None:
    records, _ = read(DATA / "xampl.bib")
    chapter = records["incollection-crossref"]
    assert chapter.venue == "High Speed Computer and Algorithm Organization"
    assert chapter.editors == ("Lipcoll, David J.", "Lawrie, D. H.", "Sameh, A. H.")
    assert chapter.publisher == "Academic Press"
    assert chapter.year == 1977
    paper = records["inproceedings-crossref"]
    # The parent has a booktitle of its own, which wins over its title.
    assert paper.venue == "Proc. Fifteenth Annual ACM Symposium on the Theory of Computing"
    assert paper.year == 1983
    assert paper.pages == "133-139"
    assert paper.type == "paper-conference"
    article = records["article-crossref"]
    assert (article.venue, article.volume, article.issue, article.year) == (
        "G-Animal's Journal", "41", "7", 1986
    )


def test_preamble_commands_give_the_year() -> None:
    records, _ = read(DATA / "xampl.bib")
    # "{\noopsort{1973a}}{\switchargs{--90}{1968}}" prints "1968–90" in LaTeX.
    assert records["whole-set"].year == 1968
    assert records["book-minimal"].year == 1981


def test_entry_types_map_to_csl_types() -> None:
    records, _ = read(DATA / "xampl.bib")
    types = {key: record.type for key, record in records.items() if key.endswith("-full")}
    assert types == {
        "article-full": "article-journal",
        "inbook-full": "chapter",
        "book-full": "book",
        "booklet-full": "pamphlet",
        "incollection-full": "chapter",
        "manual-full": "report",
        "mastersthesis-full": "thesis",
        "misc-full": "",
        "inproceedings-full": "paper-conference",
        "proceedings-full": "book",
        "phdthesis-full": "thesis",
        "techreport-full": "report",
        "unpublished-full": "manuscript",
    }


def test_new_fields_and_their_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        r"""
        @book{E001,
          editor    = {Doe, Jane and Roe, Rick},
          title     = {A \emph{Collected} Volume},
          publisher = {MIT Press},
          year      = 2020,
          isbn      = {978-0-262-03384-8},
          volume    = {2},
          urldate   = {2024-05-01},
          url       = {https://example.org/book},
        }
        """,
    )
    records, problems = read(path)
    assert problems == []
    book = records["E001"]
    assert book.authors == ()
    assert book.editors == ("Doe, Jane", "Roe, Rick")  # kept without an author
    assert book.title == "A <i>Collected</i> Volume"
    assert (book.publisher, book.isbn, book.volume, book.accessed) == (
        "MIT Press", "978-0-262-03384-8", "2", "2024-05-01"
    )
    assert book.venue == "MIT Press"  # no container: where it appeared is its publisher
    assert dict(book.field_lines) == {
        "id": 1, "title": 3, "editors": 2, "year": 5, "url": 9,
        "volume": 7, "publisher": 4, "isbn": 6, "accessed": 8,
    }
    assert book.field_line("isbn") == 6
    assert book.field_line("url") == 9
    assert book.field_line("title") == 3
    assert book.field_line("summary") == 1  # absent: the record's line


@pytest.mark.parametrize(
    ("field", "value", "url"),
    [
        # A web page's only link, in the field BibTeX styles print.
        ("howpublished", r"\url{https://example.org/a_b%20c}", "https://example.org/a_b%20c"),
        # The url field itself wrapped for LaTeX, with an escaped underscore.
        ("url", r" \url{https://example.org/a\_b} ", "https://example.org/a_b"),
    ],
)
def test_url_command_is_the_link(tmp_path: Path, field: str, value: str, url: str) -> None:
    path = write(tmp_path, f"@misc{{E001,\n  title = {{A Web Page}},\n  {field} = {{{value}}},\n}}\n")
    records, problems = read(path)
    assert problems == []
    assert records["E001"].url == url


def test_doubled_and_gives_no_empty_authors(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        r"""
        @article{E001,
          author = {and and and},
          title  = {Nobody},
        }

        @article{E002,
          author = {Doe, Jane and and Roe, Rick and others},
          title  = {Two and et al.},
        }
        """,
    )
    records, problems = read(path)
    assert records["E001"].authors == ()
    assert records["E002"].authors == ("Doe, Jane", "Roe, Rick")
    assert [(p.record, p.field, p.line) for p in problems] == [("E001", "author", 2), ("E002", "author", 7)]
    assert "an empty name ('and' twice in a row, or at an end)" in problems[0].reason


def test_xdata_and_missing_crossref(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        r"""
        @xdata{press,
          publisher = {Academic Press},
          location  = {Boston},
        }

        @book{E001,
          title = {Shared Fields},
          xdata = {press},
          year  = 2001,
        }

        @incollection{E002,
          title    = {Orphan},
          crossref = {nowhere},
        }
        """,
    )
    records, problems = read(path)
    assert list(records) == ["E001", "E002"]  # an @xdata entry is not a work
    assert records["E001"].publisher == "Academic Press"
    assert [(p.record, p.field, p.line) for p in problems] == [("E002", "crossref", 14)]
    assert problems[0].reason == (
        "crossref 'nowhere' names no entry of this file; the record is kept without "
        "what it would inherit. Add the entry, or correct the key."
    )


def test_crossref_loop_is_cut(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        r"""
        @inproceedings{E001, title = {A}, crossref = {E002}}
        @proceedings{E002, title = {B}, crossref = {E001}, year = 1999}
        """,
    )
    records, problems = read(path)
    assert records["E001"].venue == "B"
    assert records["E001"].year == 1999
    loops = [(p.file, p.line, p.record, p.field) for p in problems if "leads back" in p.reason]
    assert loops == [(str(path), 1, "E001", "crossref"), (str(path), 2, "E002", "crossref")]


def test_missing_xdata_is_reported_and_the_record_kept(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        r"""
        @book{E001,
          title = {Alone},
          xdata = {nothing},
          year  = 2001,
        }
        """,
    )
    records, problems = read(path)
    assert records["E001"].year == 2001
    assert [(p.file, p.line, p.record, p.field) for p in problems] == [(str(path), 3, "E001", "xdata")]
    assert problems[0].reason.startswith("xdata 'nothing' names no entry of this file;")


def test_preamble_commands_in_names(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        r"""
        @preamble{"\newcommand{\noopsort}[1]{} \newcommand{\family}{Zeta}"}
        @preamble{"\newcommand{\given}{Eta} \newcommand{\suffix}{Jr.}"}
        @book{E001, title = {T}, author = {{\noopsort{b}}\family, Alpha and Beta, Gamma and Delta, \suffix, \given}}
        """,
    )
    records, _ = read(path)
    # Every part of a name: family, given, lineage ("von Last, Jr, First").
    assert records["E001"].authors == ("Zeta, Alpha", "Beta, Gamma", "Delta, Eta, Jr.")


def test_month_macros_are_bibtex_s_own_and_strings_stay_in_their_file(tmp_path: Path) -> None:
    # jan ... dec are defined by BibTeX itself, in any case, as macro names are.
    path = write(tmp_path, '@string{venue = "Zeta Press"}\n@article{E001, title = {T}, month = JAN, year = 2020}\n')
    records, problems = read(path)
    assert problems == []
    assert records["E001"].year == 2020
    # A file's @string is its own: the next file read does not know it.
    other = tmp_path / "other.bib"
    other.write_text("@book{E002, title = {T}, publisher = venue}\n", encoding="utf-8")
    _, problems = read(other)
    assert [problem.reason for problem in problems] == [
        "BibTeX syntax error: undefined string in line 1: venue. Fix the entry."
    ]


# -- sphinxcontrib-bibtex's test files (tests/data/references/sphinxcontrib-bibtex) ------

SCB = DATA / "sphinxcontrib-bibtex"


def test_every_sphinxcontrib_bibtex_file_reads_cleanly() -> None:
    counts = {}
    for path in sorted(SCB.glob("*.bib")):
        records, problems = read(path)
        assert problems == [], path.name
        counts[path.name] = len(records)
    assert counts == {
        "bibfiles_crossref.bib": 3,
        "bibliography_url.bib": 4,
        "citation_label_special_chars.bib": 1,
        "citation_no_author_no_key.bib": 4,
        "sphinx.bib": 14,
    }


def test_inbook_crossref_to_a_book_with_editors() -> None:
    records, _ = read(SCB / "bibfiles_crossref.bib")
    chapter = records["srivastava+klassen_2016_functionala"]
    assert chapter.authors == ("Srivastava, Anuj", "Klassen, Eric P.")
    assert chapter.editors[0] == "Bicke, Peter" and len(chapter.editors) == 6
    assert (chapter.venue, chapter.year, chapter.publisher, chapter.pages) == (
        "Functional and Shape Data Analysis", 2016, "Springer-Verlag", "73-123"
    )
    assert chapter.isbn == "978-1-4939-4018-9"  # the book's, as BibTeX would inherit it
    assert chapter.doi == "" and chapter.url == ""  # the book's own identity is not the chapter's
    assert records["srivastava+klassen_2016_functional"].accessed == "2020-01-12"


def test_accented_names_and_urls_in_notes() -> None:
    records, _ = read(SCB / "citation_label_special_chars.bib")
    assert records["Serrano2009"].authors == ("Serrano, M. Ángeles", "Boguñá, Marián", "Vespignani, Alessandro")
    records, _ = read(SCB / "bibliography_url.bib")
    urls = {key: record.url for key, record in records.items()}
    # A note or howpublished that is nothing but \url{...} is the link; a note with text is not.
    assert urls == {"one": "https://github.com/", "two": "", "three": "https://youtube.com/",
                    "four": "https://wikipedia.org/"}


def test_editor_only_and_arxiv_entries() -> None:
    records, _ = read(SCB / "citation_no_author_no_key.bib")
    assert records["onlyeditor"].authors == () and records["onlyeditor"].editors == ("Whatever, Mr.",)
    mandel = records["2009:mandel"]
    assert (mandel.type, mandel.venue, mandel.url) == ("article", "arXiv", "https://arxiv.org/abs/0901.3725")
    records, _ = read(SCB / "sphinx.bib")
    assert records["1657:huygens"].title == "De Ratiociniis in Ludo Aleæ"
    assert records["1657:huygens"].editors == ("Schooten, Franciscus á",)
    assert records["Astrom2005"].authors[0] == "Åström, Karl J."
    assert records["2009:defra:animal:health"].url.startswith("http://www.defra.gov.uk/")


def test_arxiv_dates_and_inherited_field_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        r"""
        @article{E001,
          title         = {Published, with a preprint},
          journal       = {Journal of Results},
          eprint        = {2401.00001},
          archiveprefix = {arXiv},
          date          = {2024-01-02},
        }

        @misc{E002,
          title         = {Only a preprint},
          eprint        = {2402.00002},
          archiveprefix = {arXiv},
          author        = {Doe, Jane},
        }

        @xdata{shared,
          ids       = {old-key},
          publisher = {Press},
        }

        @book{E003,
          title = {Borrowing},
          xdata = {shared},
        }

        @proceedings{P1,
          title = {Proceedings of Things},
          year  = 2020,
        }

        @inproceedings{E004,
          title    = {A Paper},
          crossref = {P1},
        }
        """,
    )
    records, problems = read(path)
    assert problems == []
    published, preprint, borrowing, paper = (records[k] for k in ("E001", "E002", "E003", "E004"))
    # The journal stays the venue; the preprint's address is its URL, from its line.
    assert (published.venue, published.url, published.year) == (
        "Journal of Results", "https://arxiv.org/abs/2401.00001", 2024
    )
    assert published.field_line("url") == 4
    assert published.field_line("year") == 6  # from biblatex's date
    assert (preprint.venue, preprint.field_line("url"), preprint.field_line("authors")) == ("arXiv", 11, 13)
    assert borrowing.publisher == "Press"
    # A paper's booktitle comes from its proceedings' title, and so does its line.
    assert (paper.venue, paper.field_line("venue")) == ("Proceedings of Things", 27)
