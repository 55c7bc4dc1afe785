"""Kinds of work: CSL types, and how BibTeX's entry types map to and from them.

A record's ``type`` is a CSL 1.0.2 type name, or ``""`` when the source does not
say (CSL's catch-all ``document`` and BibTeX's ``@misc`` both read as ``""``).
"""

from __future__ import annotations

#: Every CSL 1.0.2 item type except ``document``, which is the unstated type ``""``.
CSL_TYPES = frozenset(
    {
        "article", "article-journal", "article-magazine", "article-newspaper", "bill",
        "book", "broadcast", "chapter", "classic", "collection", "dataset", "entry",
        "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
        "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
        "musical_score", "pamphlet", "paper-conference", "patent", "performance",
        "periodical", "personal_communication", "post", "post-weblog", "regulation",
        "report", "review", "review-book", "software", "song", "speech", "standard",
        "thesis", "treaty", "webpage",
    }
)

#: The CSL type of each BibTeX and biblatex entry type (as pandoc and Zotero map them).
BIBTEX_TO_CSL: dict[str, str] = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "bookinbook": "chapter",
    "booklet": "pamphlet",
    "collection": "book",
    "mvcollection": "book",
    "conference": "paper-conference",
    "dataset": "dataset",
    "electronic": "webpage",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "inreference": "entry-encyclopedia",
    "manual": "report",
    "mastersthesis": "thesis",
    "misc": "",
    "online": "webpage",
    "patent": "patent",
    "periodical": "periodical",
    "phdthesis": "thesis",
    "proceedings": "book",
    "mvproceedings": "book",
    "reference": "book",
    "mvreference": "book",
    "report": "report",
    "software": "software",
    "standard": "standard",
    "suppbook": "chapter",
    "suppcollection": "chapter",
    "techreport": "report",
    "thesis": "thesis",
    "unpublished": "manuscript",
    "www": "webpage",
}

#: The entry type a record of each CSL type is exported as. A CSL type without its own
#: entry type is written ``@misc`` with ``entrysubtype`` naming it (see ``bibtex_type``).
CSL_TO_BIBTEX: dict[str, str] = {
    "article-journal": "article",
    "book": "book",
    "chapter": "incollection",
    "dataset": "dataset",
    "entry-encyclopedia": "inreference",
    "manuscript": "unpublished",
    "pamphlet": "booklet",
    "paper-conference": "inproceedings",
    "patent": "patent",
    "periodical": "periodical",
    "report": "techreport",
    "software": "software",
    "standard": "standard",
    "thesis": "thesis",
    "webpage": "online",
    "": "misc",
}

#: biblatex's @article subtypes that are CSL types of their own.
_ARTICLE_SUBTYPES = {"magazine": "article-magazine", "newspaper": "article-newspaper"}


def csl_type_of_entry(entry_type: str, entrysubtype: str = "") -> str:
    """The CSL type of a BibTeX entry (``""`` when it has none, e.g. ``@misc``)."""
    entry_type = entry_type.lower()
    subtype = entrysubtype.strip().lower()
    if entry_type == "article" and subtype in _ARTICLE_SUBTYPES:
        return _ARTICLE_SUBTYPES[subtype]
    if entry_type == "misc" and subtype in CSL_TYPES:
        return subtype
    return BIBTEX_TO_CSL.get(entry_type, "")


def bibtex_type(csl_type: str) -> tuple[str, str]:
    """(entry type, entrysubtype or "") to write a record of *csl_type* in BibTeX.

    Reading the result back with :func:`csl_type_of_entry` gives *csl_type* again.
    """
    if csl_type in CSL_TO_BIBTEX:
        return CSL_TO_BIBTEX[csl_type], ""
    for subtype, mapped in _ARTICLE_SUBTYPES.items():
        if mapped == csl_type:
            return "article", subtype
    return "misc", csl_type


def normalize_type(value: str) -> str | None:
    """The CSL type *value* names (a CSL or a BibTeX type name), or None if it names none."""
    name = value.strip().lower()
    if name in ("", "document"):
        return ""
    if name in CSL_TYPES:
        return name
    return BIBTEX_TO_CSL.get(name)
