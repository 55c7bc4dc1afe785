"""One reader per catalog format; each turns a file into records and problems, never raises.

Readers find the records and where they sit in the file (so every problem names a
line); ``fields.normalize`` then checks each record the same way for every format.
"""

from __future__ import annotations

import bisect
import functools
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
BIBTEX_INSTALL = "pip install 'sphinxcontrib-litreview[bibtex]'"


def read_catalog(path: Path) -> tuple[list[CatalogRecord], list[CatalogProblem]]:
    """Every usable record of the catalog file at *path*, and the problems found."""
    source = str(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        return [], [
            file_problem(
                source,
                f"unsupported format {path.suffix or '(no suffix)'!r}; "
                f"use one of {', '.join(sorted(READERS))}.",
            )
        ]
    if not path.is_file():
        return [], [
            file_problem(
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
        return [], [file_problem(source, f"not UTF-8 text ({exc.reason}); save it as UTF-8.")]
    except Exception as exc:
        # Bad input must never surface as a traceback; name the file and carry on.
        return [], [
            file_problem(source, f"could not be read ({type(exc).__name__}: {exc}); skipped.")
        ]
    problems.sort(key=lambda problem: problem.line)
    return records, problems


# -- YAML ---------------------------------------------------------------------------


def read_yaml(text: str, source: str) -> Parsed:
    import yaml

    loader = _yaml_loader_class()(text)
    try:
        node = loader.get_single_node()
        if node is None:  # an empty file: nothing listed yet
            return [], [], Dialect.PLAIN
        lists, problems = _yaml_record_lists(node, source)
        if lists is None:
            return [], [_shape_problem(source, _yaml_line(node))], Dialect.PLAIN
        # Key lines first: constructing a record folds its merge keys ("<<") into it.
        keys = [_yaml_keys(item, set()) for item in lists]
        # Each record is built on its own, so a repeated 'episodes' key loses nothing.
        items = [(loader.construct_document(item), item) for item in lists]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        line = mark.line + 1 if mark else 0
        return [], [_syntax_problem(source, "YAML", problem, line)], Dialect.PLAIN
    except yaml.reader.ReaderError as exc:
        # A character YAML does not allow, such as a control character: pyyaml's own
        # message names "<unicode string>" and an offset, not the file and its line.
        line = text.count("\n", 0, exc.position) + 1
        problem = f"character U+{exc.character:04X} ({exc.reason})"  # text: a code point
        return [], [_syntax_problem(source, "YAML", problem, line)], Dialect.PLAIN
    finally:
        loader.dispose()

    raws: list[RawRecord] = []
    for index, ((item, item_node), (key_lines, repeated)) in enumerate(zip(items, keys, strict=True), start=1):
        line = item_node.start_mark.line + 1
        if not isinstance(item, Mapping):
            problems.append(_not_a_mapping(source, line, index, item))
            continue
        raws.append(RawRecord(item, index, line, key_lines, repeated))
    return raws, problems, _dialect_of(raws)


_YAML_MERGE = "tag:yaml.org,2002:merge"


def _yaml_keys(node: Any, seen: set[int]) -> tuple[dict[str, int], list[tuple[str, int, int]]]:
    """The line of each key of a mapping node, and the keys it repeats. A key merged in
    with ``<<: *anchor`` has the line where the anchored mapping gives it, and one the
    record sets itself overrides it, as YAML says, without being a repeat."""
    import yaml

    own: dict[str, int] = {}
    merged: dict[str, int] = {}
    repeated: list[tuple[str, int, int]] = []
    seen.add(id(node))
    for key, value in getattr(node, "value", []) if isinstance(node, yaml.MappingNode) else []:
        if not isinstance(key, yaml.ScalarNode):
            continue
        if key.tag == _YAML_MERGE:
            sources = value.value if isinstance(value, yaml.SequenceNode) else [value]
            for source in sources:
                if id(source) not in seen:  # an anchor merged into itself
                    for name, line in _yaml_keys(source, seen)[0].items():
                        merged.setdefault(name, line)
            continue
        key_line = key.start_mark.line + 1
        if key.value in own:
            repeated.append((key.value, own[key.value], key_line))
        own[key.value] = key_line
    return {**merged, **own}, repeated


@functools.cache
def _yaml_loader_class() -> Any:
    import yaml

    # libyaml's loader is ~10x faster and keeps the node marks used for line numbers.
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def timestamp(loader: Any, node: Any) -> Any:
        # "2024-13-01" looks like a date to YAML but is none: keep the text, so the
        # field reports it instead of the whole file failing to load.
        try:
            return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
        except ValueError:
            return loader.construct_scalar(node)

    loader_class: Any = type("CatalogLoader", (base,), {})
    loader_class.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    return loader_class


def _yaml_line(node: Any) -> int:
    return int(node.start_mark.line) + 1


def _yaml_record_lists(node: Any, source: str) -> tuple[list[Any] | None, list[CatalogProblem]]:
    """The nodes of the records, or None when the file has no list of records."""
    import yaml

    if isinstance(node, yaml.SequenceNode):
        return list(node.value), []
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
        return [], []  # a file holding only "~": nothing listed yet
    if not isinstance(node, yaml.MappingNode):
        return None, []
    lists = [
        (key, value)
        for key, value in node.value
        if isinstance(key, yaml.ScalarNode) and key.value == "episodes"
    ]
    if not lists or not all(isinstance(value, yaml.SequenceNode) for _key, value in lists):
        return None, []
    problems = []
    if len(lists) > 1:
        lines = ", ".join(str(key.start_mark.line + 1) for key, _value in lists)
        problems.append(
            CatalogProblem(
                file=source,
                line=lists[1][0].start_mark.line + 1,
                record="",
                field="episodes",
                reason=f"the key 'episodes' appears {len(lists)} times (lines {lines}); the "
                "records of every list were read. Merge them into one 'episodes' list.",
            )
        )
    return [item for _key, value in lists for item in value.value], problems


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
    lines = LineIndex(text)
    positions = _json_record_positions(text)
    raws: list[RawRecord] = []
    problems: list[CatalogProblem] = []
    for index, (item, (start, members)) in enumerate(
        zip(items, positions, strict=True), start=1
    ):
        line = lines.line_of(start)
        if not isinstance(item, Mapping):
            problems.append(_not_a_mapping(source, line, index, item))
            continue
        key_lines: dict[str, int] = {}
        repeated: list[tuple[str, int, int]] = []
        for key, offset in members:
            key_line = lines.line_of(offset)
            if key in key_lines:
                repeated.append((key, key_lines[key], key_line))
            key_lines[key] = key_line
        raws.append(RawRecord(item, index, line, key_lines, repeated))
    return raws, problems, _dialect_of(raws)


# The json module reports no positions for valid input; this walks the (already
# validated) text with raw_decode to find where each record and key starts.
_DECODER = json.JSONDecoder()
_WHITESPACE = re.compile(r"[ \t\n\r]*")


def _json_record_positions(text: str) -> list[tuple[int, list[tuple[str, int]]]]:
    pos = _skip(text, 0)
    if text[pos] == "{":
        for key, _key_pos, value_pos in _json_members(text, pos):
            if key == "episodes":
                pos = value_pos
                break
    records = []
    for start in _json_items(text, pos):
        keys = (
            [(key, key_pos) for key, key_pos, _ in _json_members(text, start)]
            if text[start] == "{"
            else []
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
    from .bibtex import read_bibtex as read

    return read(text, source)


READERS: dict[str, Callable[[str, str], Parsed]] = {
    ".yaml": read_yaml,
    ".yml": read_yaml,
    ".json": read_json,
    ".bib": read_bibtex,
}


# -- shared -----------------------------------------------------------------------


class LineIndex:
    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)


def _record_list(data: Any) -> list[Any] | None:
    if isinstance(data, Mapping):
        data = data.get("episodes")
    return data if isinstance(data, list) else None


def file_problem(source: str, reason: str) -> CatalogProblem:
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
