"""What a catalog file yields: clean records, and problems to report about the rest."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

#: The fields a catalog record may have, in the order generated pages list them.
RECORD_FIELDS = ("id", "title", "authors", "year", "venue", "url", "doi", "tags", "summary")


@dataclass(frozen=True, slots=True)
class CatalogRecord:
    """One episode read from a catalog file, normalised to plain Python values."""

    id: str
    title: str = ""
    authors: tuple[str, ...] = ()
    year: int | None = None
    venue: str = ""
    url: str = ""
    doi: str = ""
    tags: tuple[str, ...] = ()
    #: Markup as written in the catalog (MyST or reST, whatever the pages are written in).
    summary: str = ""
    #: Absolute path of the catalog file the record came from.
    source: str = ""
    #: 1-based line of the record in that file (0 when the format does not tell).
    line: int = 0

    @property
    def location(self) -> str:
        return format_location(self.source, self.line)

    @property
    def sphinx_location(self) -> str | None:
        # Without ':' Sphinx would take the path for a docname and append a source suffix.
        return self.location if self.line else None


@dataclass(frozen=True, slots=True)
class CatalogProblem:
    """Something wrong in a catalog file: where, which record and field, and what to do."""

    file: str
    line: int
    #: The record's ID, or "#3" for the third record when it has no usable ID; "" for the file.
    record: str
    #: The field concerned, as spelled in the file; "" when the whole record or file is.
    field: str
    reason: str

    @property
    def location(self) -> str | None:
        # Without ':' Sphinx would take the path for a docname and append a source suffix,
        # so a file without a known line is named in the message instead.
        return format_location(self.file, self.line) if self.line else None

    @property
    def message(self) -> str:
        # With a line, the location already holds the full path; the name keeps it readable.
        subject = f"catalog {PurePath(self.file).name if self.line else self.file}"
        if self.record:
            subject += f", record {self.record}"
        if self.field:
            subject += f", field {self.field!r}"
        return f"{subject}: {self.reason}"


def format_location(path: str, line: int) -> str:
    return f"{path}:{line}" if line else path
