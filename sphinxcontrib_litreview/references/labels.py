"""What ``{episode}`` shows inline, for each ``litreview_episode_label`` mode.

Pure functions of the records and the order in which pages first cite them:

- ``"id"``: the ID, as written (``E026``);
- ``"author-year"``: ``Smith, 2024``, ``Doe & Roe, 2025``, ``Smith et al., 2024``
  (APA's rules: editors when there is no author, the title when there is neither,
  ``n.d.`` without a year), with ``2025a``/``2025b`` when two records would read the same;
- ``"title"``: the title as plain text (the ID when there is none);
- ``"numeric"``: ``[12]``, numbered by first citation; records never cited follow, in
  the order given.

:func:`citation_group` joins the labels of one ``{episode}`E1,E2``` reference:
one parenthetical in author-year mode, ``(Doe & Roe, 2025; Smith, 2024)``.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .names import split_name
from .richtext import rich_to_plain

if TYPE_CHECKING:
    from ..catalog.records import CatalogRecord

LABEL_MODES = ("id", "author-year", "title", "numeric")
NO_DATE = "n.d."


def episode_labels(
    records: Sequence[CatalogRecord], mode: str, citation_order: Iterable[str] = ()
) -> dict[str, str]:
    """ID → label of every record in *mode*.

    *citation_order* lists IDs as pages cite them (repeats allowed); it numbers
    ``"numeric"`` labels and orders the ``a``/``b`` of ``"author-year"`` ones.
    """
    if mode == "id":
        return {record.id: record.id for record in records}
    if mode == "title":
        return {record.id: " ".join(rich_to_plain(record.title).split()) or record.id for record in records}
    order = _first_citation_order(records, citation_order)
    if mode == "numeric":
        return {record.id: f"[{number}]" for number, record in enumerate(order, start=1)}
    if mode == "author-year":
        return _author_year(order)
    raise ValueError(f"unknown label mode {mode!r}; use one of {', '.join(LABEL_MODES)}")


def citation_group(labels: Sequence[str], mode: str) -> str:
    """The labels of episodes cited together, as one citation."""
    if mode == "author-year":
        return f"({'; '.join(labels)})"
    if mode == "numeric":
        # "[1], [3]" reads as two citations; IEEE writes one bracket: [1, 3].
        return "[" + ", ".join(label.strip("[]") for label in labels) + "]"
    return ", ".join(labels)


def _first_citation_order(records: Sequence[CatalogRecord], citation_order: Iterable[str]) -> list[CatalogRecord]:
    by_id = {record.id: record for record in records}
    ordered: dict[str, CatalogRecord] = {}
    for record_id in citation_order:
        if record_id in by_id and record_id not in ordered:
            ordered[record_id] = by_id[record_id]
    for record in records:
        ordered.setdefault(record.id, record)
    return list(ordered.values())


def year_suffixes(records: Sequence[CatalogRecord], citation_order: Iterable[str] = ()) -> dict[str, str]:
    """ID → "a", "b" … for the records whose author-year labels would read alike
    (the others are left out), in the order pages first cite them: what an
    author-date style adds to the year of their references, so labels and references agree."""
    return _suffixes(_first_citation_order(records, citation_order))[1]


def _suffixes(order: Sequence[CatalogRecord]) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """Each record's (who, year) and the suffixes of those sharing theirs."""
    bases = {record.id: (_who(record), str(record.year) if record.year is not None else NO_DATE) for record in order}
    seen: dict[tuple[str, str], list[str]] = {}
    for record in order:
        seen.setdefault(bases[record.id], []).append(record.id)
    suffixes = {
        record_id: _suffix(index)
        for ids in seen.values() if len(ids) > 1
        for index, record_id in enumerate(ids)
    }
    return bases, suffixes


def _author_year(order: Sequence[CatalogRecord]) -> dict[str, str]:
    bases, suffixes = _suffixes(order)
    labels: dict[str, str] = {}
    for record_id, (who, year) in bases.items():
        suffix = suffixes.get(record_id, "")
        # APA: 2025a; n.d.-a.
        when = f"{year}-{suffix}" if suffix and year == NO_DATE else f"{year}{suffix}"
        labels[record_id] = f"{who}, {when}"
    return labels


def _who(record: CatalogRecord) -> str:
    names = record.authors or record.editors
    families = [split_name(name).short for name in names]
    families = [family for family in families if family]
    if len(families) == 1:
        return families[0]
    if len(families) == 2:
        return f"{families[0]} & {families[1]}"
    if families:
        return f"{families[0]} et al."
    title = " ".join(rich_to_plain(record.title).split())
    # Without a creator, APA cites the title; its main part is enough to find it.
    return title.split(": ")[0] if title else record.id


def _suffix(index: int) -> str:
    """a, b, … z, aa, ab, … as citeproc numbers year suffixes."""
    letters = string.ascii_lowercase
    suffix = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        suffix = letters[remainder] + suffix
    return suffix
