"""The review's objects: small, frozen, picklable records without docutils nodes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: How a hand-written directive ranks against a catalog record for the same ID.
ORIGIN_DIRECTIVE = 0
ORIGIN_CATALOG = 1


@dataclass(frozen=True, slots=True)
class Episode:
    """One source (a paper, a talk) with its metadata."""

    id: str
    docname: str
    lineno: int
    title: str = ""
    authors: tuple[str, ...] = ()
    year: int | None = None
    venue: str = ""
    url: str = ""
    doi: str = ""
    tags: tuple[str, ...] = ()
    #: Plain text of the summary (markup stripped), for previews, lists and export.
    summary: str = ""
    #: ORIGIN_DIRECTIVE or ORIGIN_CATALOG; hand-written definitions win.
    origin: int = ORIGIN_DIRECTIVE
    #: The catalog file a generated page came from ("" for hand-written ones).
    catalog: str = ""

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
    """Terms match case-insensitively and with white space folded."""
    return " ".join(text.split()).casefold()


_SLUG_UNSAFE = re.compile(r"[^\w-]+", re.UNICODE)


def anchor_slug(text: str) -> str:
    """An HTML id fragment for *text* (stable, readable, unicode letters kept)."""
    slug = _SLUG_UNSAFE.sub("-", " ".join(text.split()).casefold()).strip("-")
    return slug or "x"


def episode_anchor(episode_id: str) -> str:
    return f"episode-{anchor_slug(episode_id)}"


def term_anchor(name: str) -> str:
    return f"lr-term-{anchor_slug(name)}"
