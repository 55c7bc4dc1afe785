"""Records as BibTeX entries: ``references.bib`` and each episode's "Cite" block.

Text is escaped so LaTeX prints it as it reads (``&`` → ``\\&``, ``--`` stays two
hyphens); rich text becomes ``\\textit`` and friends; capitals in titles are braced
so BibTeX styles that lower-case titles keep them. Reading the output back as a
catalog gives the same records (``tests/test_references_export.py``); pybtex parses
it (it is the BibTeX reader of that round trip).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .names import split_name
from .richtext import rich_to_latex
from .types import bibtex_type

if TYPE_CHECKING:
    from ..catalog.records import CatalogRecord

_SPECIAL = {
    "\\": r"\textbackslash{}",
    # BibTeX counts braces even after a backslash: a lone \{ would unbalance the field.
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_SPECIAL_CHARS = re.compile(r"[\\{}%&$#_^~]")
#: Characters BibTeX does not allow in a key (whitespace is never in an ID).
_BAD_KEY = re.compile(r"[,{}()=\"#%'\\]")

_ARTICLE_TYPES = ("article", "periodical")


@dataclass(frozen=True, slots=True)
class BibtexExport:
    """The ``.bib`` text, and the IDs left out because BibTeX cannot use them as keys."""

    text: str
    skipped: tuple[str, ...] = ()


def escape_latex(text: str) -> str:
    """*text* as LaTeX that prints it: special characters escaped, dashes and quote
    ligatures (``--``, ````` `` `````, ``''``) broken so they stay as written."""
    text = _SPECIAL_CHARS.sub(lambda match: _SPECIAL[match.group()], text)
    return text.replace("--", "-{}-").replace("--", "-{}-").replace("``", "`{}`").replace("''", "'{}'")


def _protect_capitals(text: str, *, starts_title: bool) -> str:
    """Brace the words of a title whose capitals a BibTeX style must not lower-case
    (the title's first letter is capitalised by the styles themselves)."""
    words = re.split(r"(\s+)", text)
    for index, word in enumerate(words):
        checked = word[1:] if index == 0 and starts_title else word
        if any(char.isupper() for char in checked) and not word.isspace():
            words[index] = "{" + word + "}"
    return "".join(words)


def bibtex_entry(record: CatalogRecord) -> str | None:
    """The BibTeX entry of *record*, or None when its ID cannot be a BibTeX key."""
    if not record.id or _BAD_KEY.search(record.id):
        return None
    entry_type, subtype = bibtex_type(record.type)
    fields: list[tuple[str, str]] = []
    if subtype:
        fields.append(("entrysubtype", subtype))
    if record.title:
        runs = 0

        def title_text(text: str) -> str:
            nonlocal runs
            runs += 1
            return _protect_capitals(escape_latex(text), starts_title=runs == 1)

        fields.append(("title", rich_to_latex(record.title, title_text)))
    for name, names in (("author", record.authors), ("editor", record.editors)):
        if names:
            fields.append((name, " and ".join(_bibtex_name(person) for person in names)))
    if record.year is not None:
        fields.append(("year", str(record.year)))
    if record.venue and record.venue != record.publisher:
        container = "journal" if entry_type in _ARTICLE_TYPES else "booktitle"
        fields.append((container, rich_to_latex(record.venue, escape_latex)))
    if record.publisher:
        publisher_field = {"thesis": "school", "techreport": "institution"}.get(entry_type, "publisher")
        fields.append((publisher_field, escape_latex(record.publisher)))
    if record.volume:
        fields.append(("volume", escape_latex(record.volume)))
    if record.issue:
        # BibTeX's number is a periodical's issue; elsewhere biblatex's issue field says it.
        fields.append(("number" if entry_type in _ARTICLE_TYPES else "issue", escape_latex(record.issue)))
    if record.pages:
        fields.append(("pages", escape_latex(record.pages).replace("-", "--")))
    if record.isbn:
        fields.append(("isbn", escape_latex(record.isbn)))
    if record.doi:
        fields.append(("doi", _verbatim(record.doi)))
    if record.url:
        fields.append(("url", _verbatim(record.url)))
    if record.accessed:
        fields.append(("urldate", record.accessed))
    if record.tags:
        fields.append(("keywords", escape_latex(", ".join(record.tags))))
    if record.summary:
        fields.append(("abstract", escape_latex(record.summary)))
    width = max(len(name) for name, _value in fields) if fields else 0
    body = "".join(f",\n  {name.ljust(width)} = {{{value}}}" for name, value in fields)
    return f"@{entry_type}{{{record.id}{body}\n}}\n"


def _bibtex_name(name: str) -> str:
    parts = split_name(name)
    if parts.literal:
        return "{" + escape_latex(parts.literal) + "}"
    fields = [parts.family]
    if parts.suffix:
        fields.append(parts.suffix)
    fields.append(parts.given)
    return ", ".join(_name_part(part) for part in fields)


def _name_part(text: str) -> str:
    escaped = escape_latex(text)
    # "and" inside a name would split it into two people; braces keep it one.
    return "{" + escaped + "}" if re.search(r"\band\b", escaped, re.IGNORECASE) else escaped


def _verbatim(value: str) -> str:
    # URLs and DOIs are read verbatim; only braces would end the field early.
    return value.replace("{", "%7B").replace("}", "%7D")


def write_bibtex(records: Iterable[CatalogRecord]) -> BibtexExport:
    """``references.bib``: an entry per record, in the order given."""
    entries: list[str] = []
    skipped: list[str] = []
    for record in records:
        entry = bibtex_entry(record)
        if entry is None:
            skipped.append(record.id)
        else:
            entries.append(entry)
    return BibtexExport("\n".join(entries), tuple(skipped))
