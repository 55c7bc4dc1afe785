"""The review's objects: small, frozen, picklable records without docutils nodes."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

#: Where a definition comes from; for one ID the lowest wins. A hand-written directive
#: overrides a catalog record; one inside an ``only`` block (absent from some outputs)
#: does not.
ORIGIN_DIRECTIVE = 0
ORIGIN_CATALOG = 1
ORIGIN_CONDITIONAL = 2


@dataclass(frozen=True, slots=True)
class Episode:
    """One source (a paper, a talk) with its metadata."""

    id: str
    docname: str
    lineno: int
    #: Plain text, for link titles, previews, search, listings and the export; the
    #: formatted title is :attr:`rich_title`.
    title: str = ""
    authors: tuple[str, ...] = ()
    year: int | None = None
    #: Plain text, like ``title``; the formatted one is :attr:`rich_venue`.
    venue: str = ""
    url: str = ""
    doi: str = ""
    tags: tuple[str, ...] = ()
    #: Plain text of the summary (markup stripped), for previews, lists and export.
    summary: str = ""
    #: ORIGIN_DIRECTIVE, ORIGIN_CATALOG or ORIGIN_CONDITIONAL; the lowest wins.
    origin: int = ORIGIN_DIRECTIVE
    #: The catalog file a generated page came from, relative to the source directory
    #: ("" for hand-written ones); ``lineno`` is then the record's line in it.
    catalog: str = ""
    # The bibliographic fields of a catalog record (see catalog/records.py), as text.
    #: A CSL type ("article-journal", "book", ...), "" when unstated.
    type: str = ""
    #: Names written "Family, Given", as ``authors``.
    editors: tuple[str, ...] = ()
    volume: str = ""
    issue: str = ""
    #: A page or a range written with "-" ("100-120").
    pages: str = ""
    publisher: str = ""
    isbn: str = ""
    #: An ISO date ("2024", "2024-05", "2024-05-01").
    accessed: str = ""
    #: The title as rich text (see references/richtext.py) when it has formatting
    #: (italics, sub- and superscripts...); "" when it is the plain ``title``.
    title_rich: str = ""
    #: The same for the venue.
    venue_rich: str = ""

    @property
    def rich_title(self) -> str:
        """The title with its formatting, as rich text (see references/richtext.py)."""
        return self.title_rich or self.title

    @property
    def rich_venue(self) -> str:
        return self.venue_rich or self.venue

    @property
    def anchor(self) -> str:
        # Derived rather than stored: the environment pickle stays smaller.
        return episode_anchor(self.id)

    @property
    def rank(self) -> tuple[int, str, int]:
        """Sort key choosing the winner among duplicate definitions, independent of read order."""
        return (self.origin, self.docname, self.lineno)

    @property
    def location(self) -> tuple[str, int]:
        return (self.docname, self.lineno)


@dataclass(frozen=True, slots=True)
class Term:
    """A glossary term defined with the ``term`` directive."""

    name: str
    docname: str
    lineno: int
    aliases: tuple[str, ...] = ()
    #: Plain text of the definition.
    definition: str = ""

    @property
    def anchor(self) -> str:
        return term_anchor(self.name)

    @property
    def key(self) -> str:
        return term_key(self.name)

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key, *(term_key(a) for a in self.aliases))

    @property
    def rank(self) -> tuple[str, int]:
        return (self.docname, self.lineno)


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """A term of Sphinx's own ``glossary`` directive, kept for previews and titles."""

    name: str
    docname: str
    anchor: str
    definition: str = ""

    @property
    def key(self) -> str:
        return term_key(self.name)


@dataclass(frozen=True, slots=True)
class Topic:
    """A page marked with ``topic-page``."""

    id: str
    docname: str
    lineno: int
    summary: str = ""
    anchors: tuple[str, ...] = field(default=())


def term_key(text: str) -> str:
    """Terms match case-insensitively, with white space folded.

    ``str.lower()``, not ``casefold()``: the rule Sphinx's glossary and ``:term:`` use,
    so a term resolves the same way through either role (``Straße`` stays ``straße``).
    """
    return " ".join(text.split()).lower()


_SLUG_UNSAFE = re.compile(r"[^\w-]+", re.UNICODE)
# An ID made only of these is its own anchor once lowercased: two such IDs differ
# after lowercasing too (they hold no lowercase letters to collide with).
_VERBATIM_ID = re.compile(r"[A-Z0-9_-]+")
# A term key (already lowercased) of words separated by single spaces.
_VERBATIM_KEY = re.compile(r"\w+(?: \w+)*")


def anchor_slug(text: str) -> str:
    """A readable HTML id fragment for *text* (unicode letters kept); not unique."""
    slug = _SLUG_UNSAFE.sub("-", " ".join(text.split()).lower()).strip("-")
    return slug or "x"


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def _unique_anchor(prefix: str, text: str, verbatim: bool) -> str:
    """*prefix* + a slug of *text*, with a hash of *text* whenever the slug could be
    shared by another text (``F*``/``F#``, ``C++``/``C#``, ``E.1``/``E-1``)."""
    slug = anchor_slug(text)
    return f"{prefix}{slug}" if verbatim else f"{prefix}{slug}-{short_hash(text)}"


def episode_anchor(episode_id: str) -> str:
    return _unique_anchor("episode-", episode_id, bool(_VERBATIM_ID.fullmatch(episode_id)))


def term_anchor(name: str) -> str:
    key = term_key(name)
    return _unique_anchor("lr-term-", key, bool(_VERBATIM_KEY.fullmatch(key)))
