"""Records as CSL-JSON items: what Zotero imports and citeproc processors format.

:func:`csl_item` is the one mapping from a record to CSL; the citation styles
(:mod:`.styles`) format these items, and :func:`write_csl_json` writes a catalog
as ``references.json``. Reading the file back as a catalog gives the same records
(``tests/test_references_export.py``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .names import split_name

if TYPE_CHECKING:
    from ..catalog.records import CatalogRecord

#: CSL's type for a record whose type is unstated.
UNSTATED_TYPE = "document"


def csl_item(record: CatalogRecord) -> dict[str, Any]:
    """The CSL-JSON item of *record*; title and container keep their rich text."""
    item: dict[str, Any] = {"id": record.id, "type": record.type or UNSTATED_TYPE}
    if record.title:
        item["title"] = record.title
    for variable, names in (("author", record.authors), ("editor", record.editors)):
        if names:
            item[variable] = [_csl_name(name) for name in names]
    if record.year is not None:
        item["issued"] = {"date-parts": [[record.year]]}
    # A venue equal to the publisher is where a record without a container appeared:
    # no container-title, or a style would print the publisher twice.
    if record.venue and record.venue != record.publisher:
        item["container-title"] = record.venue
    optional = {
        "publisher": record.publisher,
        "volume": record.volume,
        "issue": record.issue,
        "page": record.pages,
        "ISBN": record.isbn,
        "DOI": record.doi,
        "URL": record.url,
        "keyword": ", ".join(record.tags),
        "abstract": record.summary,
    }
    item.update({variable: value for variable, value in optional.items() if value})
    if record.accessed:
        item["accessed"] = {"date-parts": [[int(part) for part in record.accessed.split("-")]]}
    # Zotero 7 and Better BibTeX keep this as the item's citation key.
    item["citation-key"] = record.id
    return item


def _csl_name(name: str) -> dict[str, str]:
    parts = split_name(name)
    if parts.literal:
        return {"literal": parts.literal}
    csl = {"family": parts.family}
    if parts.given:
        csl["given"] = parts.given
    if parts.suffix:
        csl["suffix"] = parts.suffix
    return csl


def write_csl_json(records: Iterable[CatalogRecord]) -> str:
    """``references.json``: a CSL-JSON list of every record, in the order given."""
    return csl_json_text(csl_item(record) for record in records)


def csl_json_text(items: Iterable[dict[str, Any]]) -> str:
    """A CSL-JSON list, one variable a line: names and dates stay on their line, so
    the file reads (and diffs) like the items it holds."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode
    blocks = [
        "  {\n" + ",\n".join(f"    {encode(key)}: {encode(value)}" for key, value in item.items()) + "\n  }"
        for item in items
    ]
    return "[\n" + ",\n".join(blocks) + "\n]\n" if blocks else "[]\n"
