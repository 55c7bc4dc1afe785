"""What a catalog file yields: clean records, and problems to report about the rest."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

#: The fields a catalog record may have, in the order generated pages list them.
RECORD_FIELDS = (
    "id", "title", "authors", "year", "venue", "url", "doi", "tags", "summary",
    "type", "editors", "volume", "issue", "pages", "publisher", "isbn", "accessed",
)


@dataclass(frozen=True, slots=True)
class CatalogRecord:
    """One episode read from a catalog file, normalised to plain Python values.

    ``title`` and ``venue`` are rich text (the CSL subset: ``<i>``, ``<b>``, ``<sup>``,
    ``<sub>``, small-caps and nocase spans); read them with
    :mod:`sphinxcontrib_litreview.references.richtext`, never as HTML. Every other
    text field is plain text.
    """

    id: str
    #: Rich text.
    title: str = ""
    #: "Family, Given", "Family, Given, Suffix", or a name without a comma (kept whole).
    authors: tuple[str, ...] = ()
    year: int | None = None
    #: Rich text: the container (journal, proceedings, book); else the publisher.
    venue: str = ""
    #: An http or https URL.
    url: str = ""
    doi: str = ""
    tags: tuple[str, ...] = ()
    #: Markup as written in the catalog (MyST or reST, whatever the pages are written in).
    summary: str = ""
    #: A CSL type ("article-journal", "book", "chapter", ...); "" when the source does not say.
    type: str = ""
    #: Names as in ``authors``.
    editors: tuple[str, ...] = ()
    volume: str = ""
    issue: str = ""
    #: A page or range, ranges written with "-" ("100-120"), as CSL writes them.
    pages: str = ""
    publisher: str = ""
    isbn: str = ""
    #: When the URL was read: an ISO date, "2024", "2024-05" or "2024-05-01".
    accessed: str = ""
    #: Absolute path of the catalog file the record came from.
    source: str = ""
    #: 1-based line of the record in that file (0 when the format does not tell).
    line: int = 0
    #: (field name, 1-based line) for each field given in the file, where the format tells.
    field_lines: tuple[tuple[str, int], ...] = ()

    def field_line(self, name: str) -> int:
        """The line of field *name* in the catalog, else the record's line."""
        return next((line for field, line in self.field_lines if field == name), self.line)

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
