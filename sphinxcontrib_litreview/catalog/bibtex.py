"""BibTeX and biblatex files → raw records, as BibTeX itself would read them.

pybtex's low-level parser finds entries, ``@string`` macros and syntax errors (and
goes on after one); this module then does what BibTeX and biblatex do before a
style sees an entry: resolve ``crossref`` (and biblatex ``xdata``) with their
inheritance rules, split name lists, and turn LaTeX into text
(:mod:`..references.latex`). ``fields.normalize`` checks the result like any record.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..references.latex import Macros, latex_to_rich, latex_to_text, preamble_macros
from ..references.types import csl_type_of_entry
from .fields import Dialect, RawRecord
from .readers import BIBTEX_INSTALL, LineIndex, Parsed, file_problem
from .records import CatalogProblem

#: Child entry types that take a parent's title as their booktitle (biblatex's rules).
_IN_TYPES = frozenset(
    {"inbook", "bookinbook", "suppbook", "incollection", "suppcollection", "inproceedings",
     "inreference", "conference"}
)
#: Fields a child never inherits: they name the parent itself, not what it shares.
_NOT_INHERITED = frozenset(
    {"crossref", "xref", "xdata", "ids", "entryset", "entrysubtype", "key", "label",
     "shorthand", "sortkey", "presort", "options", "title", "subtitle", "titleaddon",
     "shorttitle", "abstract", "doi", "url", "urldate", "eprint", "eprinttype",
     "archiveprefix", "keywords", "annote", "annotation", "file"}
)
#: How deep crossref chains are followed (mvbook → book → inbook is two).
_MAX_CROSSREF_DEPTH = 8


@dataclass
class _Entry:
    entry_type: str
    key: str
    #: Field name (lower case) → raw value, as pybtex joined it.
    fields: dict[str, str]
    line: int
    index: int
    #: Field name (lower case) → 1-based line.
    field_lines: dict[str, int] = field(default_factory=dict)


def read_bibtex(text: str, source: str) -> Parsed:
    missing = _missing_packages()
    if missing:
        return (
            [],
            [
                file_problem(
                    source,
                    f"reading BibTeX needs {' and '.join(missing)}; install "
                    f"{'it' if len(missing) == 1 else 'them'} with {BIBTEX_INSTALL}. "
                    "The file is skipped.",
                )
            ],
            Dialect.BIBTEX,
        )
    entries, preamble, problems = _parse(text, source)
    # Commands the file defines for itself (xampl.bib's \\switchargs) expand as LaTeX would.
    macros = preamble_macros(preamble)
    by_key = {entry.key.casefold(): entry for entry in entries}
    raws: list[RawRecord] = []
    for entry in entries:
        if entry.entry_type == "xdata":  # field containers, not works
            continue
        fields, lines, inherit_problems = _resolve(entry, by_key, source)
        problems.extend(inherit_problems)
        values, key_lines, value_problems = _values(entry, fields, lines, source, macros)
        problems.extend(value_problems)
        raws.append(RawRecord(values, entry.index, entry.line, key_lines))
    return raws, problems, Dialect.BIBTEX


def _missing_packages() -> list[str]:
    missing = []
    for package in ("pybtex", "pylatexenc"):
        try:
            __import__(package)
        except ImportError:
            missing.append(package)
    return missing


def _parse(text: str, source: str) -> tuple[list[_Entry], str, list[CatalogProblem]]:
    from pybtex.database.input.bibtex import LowLevelParser
    from pybtex.database.input.bibtex import month_names as bibtex_months
    from pybtex.utils import CaseInsensitiveDict

    lines = LineIndex(text)
    problems: list[CatalogProblem] = []
    broken: set[str | None] = set()
    parser: Any = None

    def handle_error(error: Exception) -> None:
        # The low-level parser reports each error here and goes on with the next entry,
        # which keeps the good entries even in a file with a typo.
        key = getattr(parser, "current_entry_key", None)
        undefined_macro = type(error).__name__ == "UndefinedMacro"
        if not undefined_macro:
            broken.add(key)
        skipped = "" if undefined_macro else "; the entry is skipped"
        problems.append(
            CatalogProblem(
                file=source,
                line=getattr(error, "lineno", 0) or 0,
                record=key or "",
                field="",
                reason=f"BibTeX syntax error: {_pybtex_message(error)}{skipped}. Fix the entry.",
            )
        )

    parser = LowLevelParser(
        text, macros=CaseInsensitiveDict(bibtex_months), handle_error=handle_error
    )
    entries: list[_Entry] = []
    preamble: list[str] = []
    for index, (entry_type, body) in enumerate(parser, start=1):
        if entry_type.lower() == "preamble":
            preamble.extend(part for value in body for part in value)
            continue
        if entry_type.lower() == "string":
            continue
        key, fields = body
        if key in broken:
            continue
        start = parser.command_start or 0
        entry = _Entry(
            entry_type.lower(),
            key,
            {name.lower(): "".join(parts) for name, parts in fields},
            lines.line_of(start),
            index,
        )
        entry.field_lines = _field_lines(text[start : parser.pos], [n for n, _ in fields], lines, start)
        entries.append(entry)
    return entries, " ".join(preamble), problems


def _field_lines(body: str, names: list[str], lines: LineIndex, offset: int) -> dict[str, int]:
    """Line of each field: found in order, so a '=' inside an earlier value is passed by."""
    found: dict[str, int] = {}
    position = 0
    for name in names:
        match = re.compile(rf"(?<![\w-]){re.escape(name)}\s*=", re.IGNORECASE).search(body, position)
        if match is None:
            continue
        found.setdefault(name.lower(), lines.line_of(offset + match.start()))
        position = match.end()
    return found


# -- crossref and xdata --------------------------------------------------------------


def _resolve(
    entry: _Entry, by_key: dict[str, _Entry], source: str
) -> tuple[dict[str, str], dict[str, int], list[CatalogProblem]]:
    """The entry's fields with those it inherits, and the line each came from."""
    fields = dict(entry.fields)
    lines = dict(entry.field_lines)
    problems: list[CatalogProblem] = []

    def missing(kind: str, name: str) -> None:
        problems.append(
            CatalogProblem(
                source, entry.field_lines.get(kind, entry.line), entry.key, kind,
                f"{kind} {name!r} names no entry of this file; the record is kept without "
                "what it would inherit. Add the entry, or correct the key.",
            )
        )

    # biblatex's xdata: every field of the named @xdata entries, none renamed.
    for name in _key_list(entry.fields.get("xdata", "")):
        parent = by_key.get(name.casefold())
        if parent is None:
            missing("xdata", name)
            continue
        for field_name, value in parent.fields.items():
            if field_name not in fields and field_name not in ("xdata", "ids"):
                fields[field_name] = value
                lines[field_name] = parent.field_lines.get(field_name, parent.line)

    child_type = entry.entry_type
    seen = {entry.key.casefold()}
    reference = entry.fields.get("crossref", "").strip()
    depth = 0
    while reference and depth < _MAX_CROSSREF_DEPTH:
        depth += 1
        parent = by_key.get(reference.casefold())
        if parent is None:
            missing("crossref", reference)
            break
        if reference.casefold() in seen:
            problems.append(
                CatalogProblem(
                    source, entry.field_lines.get("crossref", entry.line), entry.key, "crossref",
                    f"crossref {reference!r} leads back to an entry already followed; the "
                    "loop is cut there. Remove one of the crossref fields.",
                )
            )
            break
        seen.add(reference.casefold())
        for field_name, value in _inherited(child_type, parent).items():
            if field_name not in fields:
                fields[field_name] = value
                source_name = "title" if field_name == "booktitle" and "booktitle" not in parent.fields else field_name
                lines[field_name] = parent.field_lines.get(source_name, parent.line)
        reference = parent.fields.get("crossref", "").strip()
        child_type = parent.entry_type
    return fields, lines, problems


def _inherited(child_type: str, parent: _Entry) -> dict[str, str]:
    inherited = {
        name: value for name, value in parent.fields.items() if name not in _NOT_INHERITED
    }
    # A chapter or paper appears *in* its parent: the parent's title is its booktitle.
    if child_type in _IN_TYPES and "title" in parent.fields:
        inherited.setdefault("booktitle", parent.fields["title"])
    return inherited


def _key_list(value: str) -> list[str]:
    return [key.strip() for key in value.split(",") if key.strip()]


# -- values ----------------------------------------------------------------------------


def _values(
    entry: _Entry, raw: dict[str, str], lines: dict[str, int], source: str, macros: Macros
) -> tuple[dict[str, Any], dict[str, int], list[CatalogProblem]]:
    """Our field names → values, and the line of each, for ``fields.normalize``."""
    problems: list[CatalogProblem] = []

    def rich(value: str) -> str:
        return latex_to_rich(value, macros)

    def text(value: str) -> str:
        return latex_to_text(value, macros)

    key_lines: dict[str, int] = {}

    def first(target: str, *names: str) -> str | None:
        for name in names:
            if raw.get(name, "").strip():
                if name in lines:
                    key_lines[target] = lines[name]
                return raw[name]
        return None

    def names_of(target: str, bibtex_field: str) -> list[str] | None:
        value = first(target, bibtex_field)
        if value is None:
            return None
        names, name_problems = _names(
            value, entry.key, bibtex_field, source, lines.get(bibtex_field, entry.line), macros
        )
        problems.extend(name_problems)
        return names or None

    entry_type = csl_type_of_entry(entry.entry_type, raw.get("entrysubtype", ""))
    eprint_kind = raw.get("archiveprefix") or raw.get("eprinttype") or ""
    url = first("url", "url")
    # Before BibTeX had a url field, a web page's address went in howpublished or note.
    for holder in ("howpublished", "note"):
        if url is None and (url := _url_in(raw.get(holder, ""))) is not None:
            key_lines["url"] = lines.get(holder, entry.line)
    if url is None and eprint_kind.strip().lower() == "arxiv" and raw.get("eprint", "").strip():
        url = f"https://arxiv.org/abs/{raw['eprint'].strip()}"
        key_lines["url"] = lines.get("eprint", entry.line)
    if entry_type == "" and eprint_kind.strip():
        entry_type = "article"  # a preprint: CSL's "article"
    publisher = first("publisher", "publisher", "school", "institution", "organization")
    venue = first("venue", "journal", "journaltitle", "booktitle", "eventtitle")
    if venue is None and publisher is None and eprint_kind.strip():
        venue = eprint_kind
    # BibTeX's number is an issue only in a periodical; elsewhere it numbers a report or
    # series, and biblatex's issue field says it.
    if entry.entry_type in ("article", "periodical"):
        issue = first("issue", "number", "issue")
    else:
        issue = first("issue", "issue")
    year = first("year", "year")
    if year is None and (date := first("year", "date")) is not None:
        year = date.strip()[:4]

    values: dict[str, Any] = {
        "id": entry.key,
        "type": entry_type,
        "title": _maybe(rich, first("title", "title")),
        "authors": names_of("authors", "author"),
        "editors": names_of("editors", "editor"),
        "year": _maybe(text, year),
        "venue": _maybe(rich, venue),
        "url": _maybe(_latex_verbatim, url),
        "doi": _maybe(_latex_verbatim, first("doi", "doi")),
        "keywords": _maybe(text, first("keywords", "keywords")),
        "abstract": _maybe(lambda a: latex_to_text(a, macros, paragraphs=True), first("abstract", "abstract")),
        "volume": _maybe(text, first("volume", "volume")),
        "issue": _maybe(text, issue),
        "pages": _maybe(text, first("pages", "pages")),
        "publisher": _maybe(text, publisher),
        "isbn": _maybe(text, first("isbn", "isbn")),
        "accessed": _maybe(lambda d: d.strip(), first("accessed", "urldate")),
    }
    key_lines["id"] = entry.line
    return {k: v for k, v in values.items() if v not in (None, "")}, key_lines, problems


def _names(
    value: str, key: str, bibtex_field: str, source: str, line: int, macros: Macros
) -> tuple[list[str], list[CatalogProblem]]:
    from pybtex.bibtex.utils import split_name_list
    from pybtex.database import Person
    from pybtex.exceptions import PybtexError

    problems: list[CatalogProblem] = []
    names: list[str] = []
    empty = False
    for text in split_name_list(" ".join(value.split())):
        # "A and and B" splits into "A" and "and B": the doubled "and" left an empty name.
        words = text.split()
        while words and words[0].lower() == "and":
            words.pop(0)
            empty = True
        while words and words[-1].lower() == "and":
            words.pop()
            empty = True
        if not words:
            continue
        text = " ".join(words)
        if text.lower() == "others":  # BibTeX's "and others": et al., not a person
            continue
        try:
            person = Person(text)
        except (PybtexError, ValueError) as exc:
            problems.append(CatalogProblem(source, line, key, bibtex_field, f"{exc}; the name is skipped."))
            continue
        family = latex_to_text(" ".join(person.prelast_names + person.last_names), macros)
        given = latex_to_text(" ".join(person.first_names + person.middle_names), macros)
        lineage = latex_to_text(" ".join(person.lineage_names), macros)
        names.append(", ".join(part for part in (family, given, lineage) if part) if family else given)
    if empty:
        problems.append(
            CatalogProblem(
                source, line, key, bibtex_field,
                f"an empty name ('and' twice in a row, or at an end) in {value.strip()!r}; "
                "it is left out. Separate names with a single 'and'.",
            )
        )
    return [name for name in names if name], problems


_URL_COMMAND = re.compile(r"\s*\\(?:url|href)\s*\{([^{}]*)\}\s*")


def _url_in(value: str) -> str | None:
    """The URL of a field that is only ``\\url{...}`` (``howpublished = {\\url{...}}``)."""
    match = _URL_COMMAND.fullmatch(value)
    return match.group(1) if match else None


def _maybe(convert: Callable[[str], str], value: str | None) -> str | None:
    return None if value is None else convert(value)


def _latex_verbatim(value: str) -> str:
    # URLs and DOIs are verbatim; only undo the wrappers and escapes people add for LaTeX.
    match = _URL_COMMAND.fullmatch(value)
    if match:
        value = match.group(1)
    return re.sub(r"\\([_%&#~$])", r"\1", value).replace("{", "").replace("}", "").strip()


def _pybtex_message(error: Exception) -> str:
    text = str(error)
    # "syntax error in line 18: premature end of file" → keep the part after the line.
    return text.split(": ", 1)[1] if text.startswith("syntax error") and ": " in text else text
