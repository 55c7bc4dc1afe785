"""One reader per catalog format; each turns a file into records and problems, never raises.

Readers find the records and where they sit in the file (so every problem names a
line); ``fields.normalize`` then checks each record the same way for every format.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .fields import Dialect, RawRecord, normalize, type_name
from .records import CatalogProblem, CatalogRecord

#: (raw records, problems, dialect) as found in one file's text.
Parsed = tuple[list[RawRecord], list[CatalogProblem], Dialect]

_SHAPE_HINT = "expected a list of records, or a mapping with an 'episodes' list"
_BIBTEX_INSTALL = "pip install 'sphinxcontrib-litreview[bibtex]'"


def read_catalog(path: Path) -> tuple[list[CatalogRecord], list[CatalogProblem]]:
    """Every usable record of the catalog file at *path*, and the problems found."""
    source = str(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        return [], [
            _file_problem(
                source,
                f"unsupported format {path.suffix or '(no suffix)'!r}; "
                f"use one of {', '.join(sorted(READERS))}.",
            )
        ]
    if not path.is_file():
        return [], [
            _file_problem(
                source,
                "file not found; check the path in litreview_catalog "
                "(paths are relative to the source directory).",
            )
        ]
    try:
        # utf-8-sig: editors on Windows and some exporters write a byte-order mark.
        text = path.read_text(encoding="utf-8-sig")
        raws, problems, dialect = reader(text, source)
        records = []
        for raw in raws:
            record, record_problems = normalize(raw, source, dialect)
            problems.extend(record_problems)
            if record is not None:
                records.append(record)
    except UnicodeDecodeError as exc:
        return [], [_file_problem(source, f"not UTF-8 text ({exc.reason}); save it as UTF-8.")]
    except Exception as exc:
        # Bad input must never surface as a traceback; name the file and carry on.
        return [], [
            _file_problem(source, f"could not be read ({type(exc).__name__}: {exc}); skipped.")
        ]
    problems.sort(key=lambda problem: problem.line)
    return records, problems


# -- YAML ---------------------------------------------------------------------------


def read_yaml(text: str, source: str) -> Parsed:
    import yaml

    # libyaml's loader is ~10x faster and keeps the node marks used for line numbers.
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        line = mark.line + 1 if mark else 0
        return [], [_syntax_problem(source, "YAML", problem, line)], Dialect.PLAIN
    except yaml.YAMLError as exc:
        return [], [_syntax_problem(source, "YAML", str(exc), 0)], Dialect.PLAIN
    finally:
        loader.dispose()
    if data is None:  # an empty file: nothing listed yet
        return [], [], Dialect.PLAIN

    items = _record_list(data)
    if items is None:
        return [], [_shape_problem(source, _yaml_line(node))], Dialect.PLAIN
    item_nodes = _yaml_record_nodes(node, data)
    raws: list[RawRecord] = []
    problems: list[CatalogProblem] = []
    for index, (item, item_node) in enumerate(zip(items, item_nodes, strict=True), start=1):
        line = item_node.start_mark.line + 1
        if not isinstance(item, Mapping):
            problems.append(_not_a_mapping(source, line, index, item))
            continue
        key_lines = {
            str(key.value): key.start_mark.line + 1
            for key, _value in getattr(item_node, "value", [])
            if isinstance(key, yaml.ScalarNode)
        }
        raws.append(RawRecord(item, index, line, key_lines))
    return raws, problems, _dialect_of(raws)


def _yaml_line(node: Any) -> int:
    return int(node.start_mark.line) + 1 if node is not None else 0


def _yaml_record_nodes(node: Any, data: Any) -> list[Any]:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "episodes":
                node = value
                break
    return list(node.value)


# -- JSON and CSL-JSON ----------------------------------------------------------------


def read_json(text: str, source: str) -> Parsed:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return (
            [],
            [_syntax_problem(source, "JSON", f"{exc.msg} (column {exc.colno})", exc.lineno)],
            Dialect.PLAIN,
        )
    items = _record_list(data)
    if items is None:
        return [], [_shape_problem(source, 1)], Dialect.PLAIN
    lines = _LineIndex(text)
    positions = _json_record_positions(text)
    raws: list[RawRecord] = []
    problems: list[CatalogProblem] = []
    for index, (item, (start, key_starts)) in enumerate(
        zip(items, positions, strict=True), start=1
    ):
        line = lines.line_of(start)
        if not isinstance(item, Mapping):
            problems.append(_not_a_mapping(source, line, index, item))
            continue
        key_lines = {key: lines.line_of(offset) for key, offset in key_starts.items()}
        raws.append(RawRecord(item, index, line, key_lines))
    return raws, problems, _dialect_of(raws)


# The json module reports no positions for valid input; this walks the (already
# validated) text with raw_decode to find where each record and key starts.
_DECODER = json.JSONDecoder()
_WHITESPACE = re.compile(r"[ \t\n\r]*")


def _json_record_positions(text: str) -> list[tuple[int, dict[str, int]]]:
    pos = _skip(text, 0)
    if text[pos] == "{":
        for key, _key_pos, value_pos in _json_members(text, pos):
            if key == "episodes":
                pos = value_pos
                break
    records = []
    for start in _json_items(text, pos):
        keys = (
            {key: key_pos for key, key_pos, _ in _json_members(text, start)}
            if text[start] == "{"
            else {}
        )
        records.append((start, keys))
    return records


def _skip(text: str, pos: int) -> int:
    match = _WHITESPACE.match(text, pos)
    return match.end() if match else pos


def _json_items(text: str, pos: int) -> list[int]:
    """Start offsets of the items of the array opening at *pos*."""
    starts: list[int] = []
    pos = _skip(text, pos + 1)
    while text[pos] != "]":
        starts.append(pos)
        _, pos = _DECODER.raw_decode(text, pos)
        pos = _skip(text, pos)
        if text[pos] == ",":
            pos = _skip(text, pos + 1)
    return starts


def _json_members(text: str, pos: int) -> list[tuple[str, int, int]]:
    """(key, key offset, value offset) of the object opening at *pos*."""
    members: list[tuple[str, int, int]] = []
    pos = _skip(text, pos + 1)
    while text[pos] != "}":
        key, after_key = _DECODER.raw_decode(text, pos)
        value_pos = _skip(text, _skip(text, after_key) + 1)  # past the ':'
        members.append((key, pos, value_pos))
        _, pos = _DECODER.raw_decode(text, value_pos)
        pos = _skip(text, pos)
        if text[pos] == ",":
            pos = _skip(text, pos + 1)
    return members


# Keys only CSL uses; one of them in any record makes the whole file CSL.
_CSL_MARKERS = frozenset({"issued", "container-title", "citation-key", "accessed", "type"})


def _dialect_of(raws: list[RawRecord]) -> Dialect:
    for raw in raws:
        if any(str(key) in _CSL_MARKERS for key in raw.values):
            return Dialect.CSL
        authors = raw.values.get("author")
        if isinstance(authors, list) and any(isinstance(a, Mapping) for a in authors):
            return Dialect.CSL
    return Dialect.PLAIN


# -- BibTeX -----------------------------------------------------------------------


def read_bibtex(text: str, source: str) -> Parsed:
    try:
        import pybtex  # noqa: F401  # imported first so a missing install is one clear message
        from pybtex.database.input.bibtex import LowLevelParser
        from pybtex.database.input.bibtex import month_names as bibtex_months
        from pybtex.utils import CaseInsensitiveDict
    except ImportError:
        return (
            [],
            [
                _file_problem(
                    source,
                    f"reading BibTeX needs pybtex; install it with {_BIBTEX_INSTALL}. "
                    "The file is skipped.",
                )
            ],
            Dialect.BIBTEX,
        )

    lines = _LineIndex(text)
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
    raws: list[RawRecord] = []
    for index, (entry_type, body) in enumerate(parser, start=1):
        if entry_type.lower() in ("string", "preamble"):
            continue
        key, fields = body
        if key in broken:
            continue
        line = lines.line_of(parser.command_start or 0)
        values, field_problems = _bibtex_values(key, fields, source, line)
        problems.extend(field_problems)
        raws.append(RawRecord(values, index, line))
    return raws, problems, Dialect.BIBTEX


def _bibtex_values(
    key: str, fields: list[tuple[str, list[str]]], source: str, line: int
) -> tuple[dict[str, Any], list[CatalogProblem]]:
    from pybtex.bibtex.utils import split_name_list
    from pybtex.database import Person
    from pybtex.exceptions import PybtexError

    raw = {name.lower(): "".join(parts) for name, parts in fields}
    problems: list[CatalogProblem] = []
    authors = []
    for name in split_name_list(" ".join(raw.get("author", "").split())) if "author" in raw else []:
        try:
            person = Person(name)
        except (PybtexError, ValueError) as exc:
            problems.append(
                CatalogProblem(source, line, key, "author", f"{exc}; the name is skipped.")
            )
            continue
        family = latex_to_text(" ".join(person.prelast_names + person.last_names))
        given = latex_to_text(" ".join(person.first_names + person.middle_names))
        lineage = latex_to_text(" ".join(person.lineage_names))
        if lineage:
            given = f"{given}, {lineage}" if given else lineage
        authors.append(f"{family}, {given}" if family and given else family or given)

    def first(*names: str) -> str | None:
        return next((raw[n] for n in names if raw.get(n, "").strip()), None)

    eprint_kind = first("archiveprefix", "eprinttype")
    url = first("url")
    if url is None and eprint_kind and eprint_kind.strip().lower() == "arxiv" and "eprint" in raw:
        url = f"https://arxiv.org/abs/{raw['eprint'].strip()}"
    venue = first(
        "journal", "journaltitle", "booktitle", "eventtitle", "school", "institution", "publisher"
    )
    values: dict[str, Any] = {
        "id": key,
        "title": _maybe(latex_to_text, first("title")),
        "authors": authors or None,
        "year": first("year") or _maybe(lambda d: d.strip()[:4], first("date")),
        "venue": _maybe(latex_to_text, venue or eprint_kind),
        "url": _maybe(_latex_verbatim, url),
        "doi": _maybe(_latex_verbatim, first("doi")),
        "keywords": _maybe(latex_to_text, first("keywords")),
        "abstract": _maybe(lambda a: latex_to_text(a, paragraphs=True), first("abstract")),
    }
    return values, problems


def _maybe(convert: Callable[[str], str], value: str | None) -> str | None:
    return None if value is None else convert(value)


# Formatting commands pybtex leaves in place; their argument is the text we want.
_FORMATTING = re.compile(
    r"\\(?:emph|textit|textbf|texttt|textsc|textrm|textsf|textsl|textup|textnormal"
    r"|mbox|text|url|mathrm|href\s*\{[^{}]*\})\s*(?=\{)"
)
_LEFTOVER_COMMAND = re.compile(r"\\[A-Za-z]+\*?\s?")
# An accent on a dotless i/j (\"{\i}, the classic spelling of "naïve") is an accent on i/j.
_ACCENTED_DOTLESS = re.compile(r"\\([\"'`^~=.uvHc])\s*(?:\{\s*\\([ij])\s*\}|\\([ij])\b)")


def latex_to_text(value: str, *, paragraphs: bool = False) -> str:
    """Unicode text for a BibTeX field: accents resolved, braces and markup commands dropped."""
    from pybtex.richtext import Text

    if paragraphs:
        return "\n\n".join(
            latex_to_text(part) for part in re.split(r"\n\s*\n", value) if part.strip()
        )
    value = _FORMATTING.sub("", " ".join(value.split()))
    value = _ACCENTED_DOTLESS.sub(lambda m: f"\\{m[1]}{{{m[2] or m[3]}}}", value)
    try:
        text = Text.from_latex(value).render_as("text")
    except Exception:
        # Unbalanced braces and the like: decode accents alone rather than lose the field.
        import codecs

        decoded: str = codecs.decode(value.encode(), "latex")
        text = decoded.replace("{", "").replace("}", "")
    return " ".join(_LEFTOVER_COMMAND.sub("", text).split())


def _latex_verbatim(value: str) -> str:
    # URLs and DOIs are verbatim; only undo the escapes people add for LaTeX.
    return re.sub(r"\\([_%&#~$])", r"\1", value).replace("{", "").replace("}", "").strip()


def _pybtex_message(error: Exception) -> str:
    text = str(error)
    # "syntax error in line 18: premature end of file" → keep the part after the line.
    return text.split(": ", 1)[1] if text.startswith("syntax error") and ": " in text else text


READERS: dict[str, Callable[[str, str], Parsed]] = {
    ".yaml": read_yaml,
    ".yml": read_yaml,
    ".json": read_json,
    ".bib": read_bibtex,
}


# -- shared -----------------------------------------------------------------------


class _LineIndex:
    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)


def _record_list(data: Any) -> list[Any] | None:
    if isinstance(data, Mapping):
        data = data.get("episodes")
    return data if isinstance(data, list) else None


def _file_problem(source: str, reason: str) -> CatalogProblem:
    return CatalogProblem(file=source, line=0, record="", field="", reason=reason)


def _syntax_problem(source: str, language: str, problem: str, line: int) -> CatalogProblem:
    return CatalogProblem(
        file=source,
        line=line,
        record="",
        field="",
        reason=f"not valid {language}: {problem}; no records were read from it. Fix the syntax.",
    )


def _shape_problem(source: str, line: int) -> CatalogProblem:
    return CatalogProblem(
        file=source, line=line, record="", field="", reason=f"{_SHAPE_HINT}; nothing was read."
    )


def _not_a_mapping(source: str, line: int, index: int, item: Any) -> CatalogProblem:
    return CatalogProblem(
        file=source,
        line=line,
        record=f"#{index}",
        field="",
        reason=f"{type_name(item)} where a mapping of fields ('id', 'title', ...) is "
        "expected; the record is skipped.",
    )
