"""Turn one raw record (a mapping as parsed from a file) into a CatalogRecord.

All formats share this step, so YAML, JSON, CSL-JSON and BibTeX accept the same
values and report the same problems in the same words.
"""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ..references.names import is_person
from ..references.richtext import normalize_rich
from ..references.types import normalize_type
from .records import RECORD_FIELDS, CatalogProblem, CatalogRecord


class Dialect(Enum):
    """How a file names its fields: our own names, CSL's, or BibTeX's (already converted)."""

    PLAIN = "plain"
    CSL = "csl"
    BIBTEX = "bibtex"


#: For each record field, the keys that may hold it (case-insensitive), the preferred one first.
_PLAIN_KEYS: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "title": ("title",),
    "authors": ("authors", "author"),
    "year": ("year",),
    "venue": ("venue", "journal", "booktitle", "container-title"),
    "url": ("url",),
    "doi": ("doi",),
    "tags": ("tags", "keywords", "keyword"),
    "summary": ("summary", "abstract"),
    "type": ("type",),
    "editors": ("editors", "editor"),
    "volume": ("volume",),
    "issue": ("issue", "number"),
    "pages": ("pages", "page"),
    "publisher": ("publisher",),
    "isbn": ("isbn",),
    "accessed": ("accessed", "urldate"),
}

# CSL has no "year" or "venue": take them from the date and the best-fitting container.
_CSL_KEYS: dict[str, tuple[str, ...]] = {
    **_PLAIN_KEYS,
    "id": ("id", "citation-key"),
    "year": ("year", "issued"),
    "venue": (
        "venue",
        "container-title",
        "collection-title",
        "event-title",
        "event",
    ),
    # CSL's "number" is a report or preprint number, not an issue.
    "issue": ("issue",),
}

_KEYS = {Dialect.PLAIN: _PLAIN_KEYS, Dialect.CSL: _CSL_KEYS, Dialect.BIBTEX: _PLAIN_KEYS}

_KNOWN_PLAIN_KEYS = frozenset(key for keys in _PLAIN_KEYS.values() for key in keys)
_TAGS_EXPECTED = "a list of tags, or tags separated by ','"

# "2024", "2024-05-01", and a range of years "1968–90" (its first year).
_YEAR_TEXT = re.compile(r"\s*(-?\d{1,4})(?:[-/–]\d{1,4}(?:[-/]\d{1,2})?)?\s*")
_ISO_DATE = re.compile(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][\d:.+Z-]*)?\s*")
_ISBN = re.compile(r"(?:\d{9}[\dX]|\d{13})")
_PAGE_RANGE_DASH = re.compile(r"\s*(?:--?|–|—)\s*")
_HTTP_URL = re.compile(r"https?://[^/?#\s]", re.IGNORECASE)
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


@dataclass
class RawRecord:
    """A record as parsed, with where it and each of its keys sit in the file."""

    values: Mapping[str, Any]
    #: 1-based position among the file's records, for records without a usable ID.
    index: int
    line: int = 0
    #: 1-based line of each key, where the format tells.
    key_lines: Mapping[str, int] = field(default_factory=dict)
    #: (key, first line, repeated line) for a key the file gives twice in this record;
    #: the parser kept the last value.
    repeated_keys: Sequence[tuple[str, int, int]] = ()


def normalize(
    raw: RawRecord, source: str, dialect: Dialect
) -> tuple[CatalogRecord | None, list[CatalogProblem]]:
    """The clean record (None when it has no ID) and the problems found on the way."""
    checker = _RecordChecker(raw, source, dialect)
    return checker.record(), checker.problems


class _RecordChecker:
    def __init__(self, raw: RawRecord, source: str, dialect: Dialect) -> None:
        self.raw = raw
        self.source = source
        self.dialect = dialect
        self.problems: list[CatalogProblem] = []
        self.label = f"#{raw.index}"
        # Case-insensitive keys: CSL writes "URL" and "DOI", BibTeX users write "Author".
        # The first spelling wins; the others are reported once the record has a name.
        self.keys: dict[str, Any] = {}
        self.case_variants: list[tuple[Any, Any]] = []
        for key in raw.values:
            first = self.keys.setdefault(str(key).casefold(), key)
            if first is not key:
                self.case_variants.append((first, key))

    def record(self) -> CatalogRecord | None:
        # The ID first, so every later problem can name the record by it.
        id_keys = [
            self.keys[key]
            for key in _KEYS[self.dialect]["id"]
            if key in self.keys and self.raw.values[self.keys[key]] is not None
        ]
        if not id_keys:
            self._problem("", "no 'id'; the record is skipped. Add an ID such as 'id: E001'.")
            return None
        record_id = self._identifier(id_keys[0])
        if record_id is None:
            return None
        self.label = record_id
        for first, other in self.case_variants:
            self._problem(
                other,
                f"{other!r} and {first!r} are the same field (field names ignore case); "
                f"using {first!r}. Keep only one of them.",
            )
        for key, first_line, line in self.raw.repeated_keys:
            self.problems.append(
                CatalogProblem(
                    self.source, line, self.label, key,
                    f"given twice in this record (lines {first_line} and {line}); using the "
                    "last. Keep only one of them.",
                )
            )
        found = self._pick_keys()

        reported = len(self.problems)
        title = normalize_rich(self._text(found.get("title"), single_line=True))
        if not title and len(self.problems) == reported:
            self._problem("", "no 'title'; the page shows only the ID. Add 'title: ...'.")
        publisher = self._text(found.get("publisher"), single_line=True)
        # Without a container (journal, proceedings, book), the publisher is where a
        # work appeared, as it was before publishers were a field of their own.
        venue = normalize_rich(self._text(found.get("venue"), single_line=True)) or publisher
        return CatalogRecord(
            id=record_id,
            title=title,
            authors=self._names(found.get("authors")),
            year=self._year(found.get("year")),
            venue=venue,
            url=self._url(found.get("url")),
            doi=_DOI_PREFIX.sub("", self._text(found.get("doi"), single_line=True)),
            tags=self._tags(found.get("tags")),
            summary=self._text(found.get("summary"), single_line=False),
            type=self._type(found.get("type")),
            editors=self._names(found.get("editors")),
            volume=self._text(found.get("volume"), single_line=True),
            issue=self._text(found.get("issue"), single_line=True),
            pages=_PAGE_RANGE_DASH.sub("-", self._text(found.get("pages"), single_line=True)),
            publisher=publisher,
            isbn=self._isbn(found.get("isbn")),
            accessed=self._date(found.get("accessed")),
            source=self.source,
            line=self.raw.line,
            field_lines=self._field_lines({"id": id_keys[0], **found}),
        )

    def _field_lines(self, found: Mapping[str, Any]) -> tuple[tuple[str, int], ...]:
        lines = self.raw.key_lines
        return tuple((name, lines[key]) for name, key in found.items() if lines.get(key))

    # -- keys ---------------------------------------------------------------------

    def _pick_keys(self) -> dict[str, str]:
        """Record field → the key in the file that holds it."""
        found: dict[str, str] = {}
        for name, candidates in _KEYS[self.dialect].items():
            present = [
                self.keys[key]
                for key in candidates
                if key in self.keys and self.raw.values[self.keys[key]] is not None
            ]
            if not present:
                continue
            found[name] = present[0]
            # Two spellings of one field in our own format is a mistake worth naming;
            # CSL legitimately has several candidates for one field.
            if len(present) > 1 and self.dialect is Dialect.PLAIN:
                self._problem(
                    present[1],
                    f"also given as {present[0]!r}; using {present[0]!r}. Keep only one of them.",
                )
        if self.dialect is Dialect.PLAIN:
            for folded, key in self.keys.items():
                if folded not in _KNOWN_PLAIN_KEYS:  # every key read is one of these
                    self._unknown_key(key)
        return found

    def _unknown_key(self, key: str) -> None:
        close = difflib.get_close_matches(str(key).casefold(), RECORD_FIELDS, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        self._problem(
            key,
            f"unknown field, ignored{hint}; known fields: {', '.join(RECORD_FIELDS)}.",
        )

    # -- values -------------------------------------------------------------------

    def _identifier(self, key: str) -> str | None:
        value = self.raw.values[key]
        # YAML reads `id: 123` as a number; the ID pattern check decides whether it is usable.
        text = str(value).strip() if isinstance(value, str | int) else ""
        if isinstance(value, bool) or not text:
            self._problem(
                key,
                f"{type_name(value)} where an ID such as 'E001' is expected; "
                "the record is skipped.",
            )
            return None
        # Whatever litreview_episode_id_pattern allows, these break the pages and links
        # an ID appears in: headings, file names, role targets.
        bad = next((char for char in text if _unusable_in_id(char)), None)
        if bad is not None:
            self._problem(
                key,
                f"the ID {_show(text)} contains {_describe_char(bad)}, which no ID may hold; "
                "the record is skipped. Use letters, digits and punctuation such as '-'.",
            )
            return None
        return text

    def _text(self, key: str | None, *, single_line: bool) -> str:
        if key is None:
            return ""
        value = self.raw.values[key]
        # YAML reads `title: 1984` as a number; the user meant the text.
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self._wrong_type(key, "text")
            return ""
        if single_line:
            return " ".join(value.split())
        return value.replace("\r\n", "\n").strip()

    def _names(self, key: str | None) -> tuple[str, ...]:
        if key is None:
            return ()
        value = self.raw.values[key]
        if isinstance(value, str):
            return tuple(name for name in (n.strip() for n in value.split(";")) if name and is_person(name))
        if not isinstance(value, list | tuple):
            self._wrong_type(key, "a list of names, or names separated by ';'")
            return ()
        # YAML reads `[Doe, Jane; Roe, Rick]` as three items split at the commas;
        # a ';' inside an item shows the user meant one "A; B" string.
        if all(isinstance(item, str) for item in value) and any(";" in item for item in value):
            return tuple(n for n in (n.strip() for n in ", ".join(value).split(";")) if n and is_person(n))
        names = []
        for item in value:
            name = _person_name(item)
            if name is None:
                self._wrong_type(
                    key, "a list of names (text, or CSL names with 'family' and 'given')"
                )
                return ()
            if name and is_person(name):
                names.append(name)
        return tuple(names)

    def _year(self, key: str | None) -> int | None:
        if key is None:
            return None
        value = self.raw.values[key]
        if isinstance(value, Mapping):  # CSL date: {"date-parts": [[2024, 5, 1]]}
            value = _csl_year(value)
            if value is None:
                self._problem(
                    key,
                    "no year in 'date-parts' or 'raw'; the record is kept without a year.",
                )
                return None
        if isinstance(value, datetime.date):
            return value.year
        # Four digits at most, as an episode directive's :year: accepts.
        if isinstance(value, int) and not isinstance(value, bool) and -9999 <= value <= 9999:
            return value
        if isinstance(value, str) and (match := _YEAR_TEXT.fullmatch(value)):
            return int(match.group(1))
        self._problem(
            key,
            f"{_show(value)} is not a year; the record is kept without a year. "
            "Write a number such as 2024.",
        )
        return None

    def _url(self, key: str | None) -> str:
        value = self._text(key, single_line=False)
        if not value or key is None:
            return ""
        # A browser ignores control characters and spaces inside a scheme, so
        # "java\tscript:" and " JavaScript:" run script; only plain http(s) URLs pass.
        if _HTTP_URL.match(value) and not any(_unusable_in_url(char) for char in value):
            return value
        self._problem(
            key,
            f"{_show(value)} is not an http or https URL; the link is left out. "
            "Write a full address such as https://example.org/paper.",
        )
        return ""

    def _type(self, key: str | None) -> str:
        value = self._text(key, single_line=True)
        if not value or key is None:
            return ""
        csl_type = normalize_type(value)
        if csl_type is None:
            self._problem(
                key,
                f"{_show(value)} is not a CSL type; the record is kept without a type. Use "
                "one such as article-journal, book, chapter, paper-conference, report, "
                "thesis or webpage (BibTeX entry types such as inproceedings work too).",
            )
            return ""
        return csl_type

    def _isbn(self, key: str | None) -> str:
        value = self._text(key, single_line=True)
        if not value or key is None:
            return ""
        if all(_is_isbn(part) for part in re.split(r"[,;]", value) if part.strip()):
            return value
        self._problem(
            key,
            f"{_show(value)} is not an ISBN (10 or 13 digits, hyphens allowed); the field "
            "is left out.",
        )
        return ""

    def _date(self, key: str | None) -> str:
        if key is None:
            return ""
        value = self.raw.values[key]
        if isinstance(value, Mapping):  # CSL date: {"date-parts": [[2024, 5, 1]]}
            value = _csl_date_text(value)
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and (match := _ISO_DATE.fullmatch(value)):
            date = _checked_date(*match.groups())
            if date:
                return date
        self._problem(
            key,
            f"{_show(value)} is not a date; the field is left out. "
            "Write it as 2024-05-01 (or 2024-05, or 2024).",
        )
        return ""

    def _tags(self, key: str | None) -> tuple[str, ...]:
        if key is None:
            return ()
        value = self.raw.values[key]
        if isinstance(value, str):
            # CSL and BibTeX keyword lists are separated by ',' or ';' depending on the tool.
            separators = "[,;]" if self.dialect is not Dialect.PLAIN else ","
            items: list[Any] = re.split(separators, value)
        elif isinstance(value, list | tuple):
            items = list(value)
        else:
            self._wrong_type(key, _TAGS_EXPECTED)
            return ()
        tags: list[str] = []
        for item in items:
            if isinstance(item, bool) or not isinstance(item, str | int | float):
                self._wrong_type(key, _TAGS_EXPECTED)
                return ()
            tag = " ".join(str(item).split())
            if tag and tag not in tags:
                tags.append(tag)
        return tuple(tags)

    # -- reporting ----------------------------------------------------------------

    def _wrong_type(self, key: str, expected: str) -> None:
        value = self.raw.values[key]
        self._problem(
            key, f"{type_name(value)} where {expected} is expected; the field is ignored."
        )

    def _problem(self, key: str, reason: str) -> None:
        line = self.raw.key_lines.get(key, 0) if key else 0
        self.problems.append(
            CatalogProblem(
                file=self.source,
                line=line or self.raw.line,
                record=self.label,
                field=str(key),
                reason=reason,
            )
        )


def _person_name(item: Any) -> str | None:
    """'Family, Given' from a name as text or as a CSL name object; None if neither."""
    if isinstance(item, str):
        return " ".join(item.split())
    if not isinstance(item, Mapping):
        return None
    if isinstance(item.get("literal"), str):
        return " ".join(item["literal"].split())
    family = " ".join(
        str(item[part]).strip()
        for part in ("non-dropping-particle", "family")
        if isinstance(item.get(part), str | int) and str(item[part]).strip()
    )
    given = " ".join(
        str(item[part]).strip()
        for part in ("given", "dropping-particle")
        if isinstance(item.get(part), str | int) and str(item[part]).strip()
    )
    if isinstance(item.get("suffix"), str) and item["suffix"].strip():
        given = f"{given}, {item['suffix'].strip()}" if given else item["suffix"].strip()
    if family and given:
        return f"{family}, {given}"
    return family or given or None


def _unusable_in_id(char: str) -> bool:
    return char == "`" or char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


def _unusable_in_url(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf")


def _describe_char(char: str) -> str:
    if char == "`":
        return "a backtick"
    if char.isspace():
        return "a space or line break" if char in " \n\r\t" else f"a space character (U+{ord(char):04X})"
    return f"a control character (U+{ord(char):04X})"


def _is_isbn(text: str) -> bool:
    compact = re.sub(r"[\s-]", "", text).upper()
    if _ISBN.fullmatch(compact):
        return True
    # Zotero writes several ISBNs in one field, separated by spaces.
    words = text.split()
    return len(words) > 1 and all(_ISBN.fullmatch(word.replace("-", "").upper()) for word in words)


def _checked_date(year: str, month: str | None, day: str | None) -> str:
    try:
        if day:
            return datetime.date(int(year), int(month or 1), int(day)).isoformat()
        if month:
            datetime.date(int(year), int(month), 1)
            return f"{int(year):04d}-{int(month):02d}"
    except ValueError:
        return ""
    return f"{int(year):04d}"


def _csl_date_text(date: Mapping[str, Any]) -> Any:
    """"2024-05-01" (or "2024-05", "2024") for a CSL date; the raw text when that is all."""
    parts = date.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        numbers = []
        for part in parts[0][:3]:
            if isinstance(part, str) and part.strip().isdigit():
                part = int(part)
            if not isinstance(part, int) or isinstance(part, bool):
                return date
            numbers.append(part)
        return "-".join(f"{n:02d}" if i else f"{n:04d}" for i, n in enumerate(numbers))
    for key in ("raw", "literal"):
        if isinstance(date.get(key), str):
            return date[key]
    return date


def _csl_year(date: Mapping[str, Any]) -> int | str | None:
    parts = date.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        first = parts[0][0]
        if isinstance(first, int) and not isinstance(first, bool):
            return first
        if isinstance(first, str) and first.strip().isdigit():
            return int(first)
    for key in ("raw", "literal"):
        text = date.get(key)
        if isinstance(text, str) and (match := re.search(r"\b(\d{4})\b", text)):
            return int(match.group(1))
    return None


def type_name(value: Any) -> str:
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if value is None or value == "":
        return "empty"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    return f"a {type(value).__name__}"


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else type_name(value)
    return text if len(text) <= 60 else text[:57] + "..."
