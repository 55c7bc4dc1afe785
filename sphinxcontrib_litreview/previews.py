"""The data a reference's preview shows (hover card, link title, incremental digests)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .bibliography import bibliography
from .model import term_key
from .references.richtext import rich_to_plain
from .text import first_sentences

if TYPE_CHECKING:
    from .domain import LitreviewDomain


def episode_preview(domain: LitreviewDomain, episode_id: str) -> dict[str, Any] | None:
    # Once per build and episode, however many pages cite it (previews, digests).
    cache = domain.derived.previews
    key = ("episode", episode_id)
    if key not in cache:
        cache[key] = _episode_preview(domain, episode_id)
    return cache[key]


def term_preview(domain: LitreviewDomain, target: str) -> dict[str, Any] | None:
    cache = domain.derived.previews
    key = ("term", term_key(target))
    if key not in cache:
        cache[key] = _term_preview(domain, target)
    return cache[key]


def _episode_preview(domain: LitreviewDomain, episode_id: str) -> dict[str, Any] | None:
    episode = domain.episode(episode_id)
    if episode is None:
        return None
    reference = bibliography(domain).references.get(episode.id)
    return {
        "kind": "episode",
        "id": episode.id,
        "title": episode.title,
        # Editors stand in for the authors of a book they edited, as in a reference.
        "authors": list(episode.authors or episode.editors),
        "year": episode.year,
        "venue": episode.venue,
        # With a citation style, the card shows the reference instead of the fields.
        "reference": rich_to_plain(reference) if reference else "",
        "summary": first_sentences(episode.summary, 2, limit=400),
        "docname": episode.docname,
        "anchor": episode.anchor,
        **_tags(domain, episode.tags),
    }


def _tags(domain: LitreviewDomain, spellings: tuple[str, ...]) -> dict[str, Any]:
    """Each tag once, in its display form, and (build side, for links and digests) its
    page; nothing for no tags."""
    infos = {info.key: info for info in map(domain.tag, spellings) if info is not None}
    if not infos:
        return {}
    return {
        "tags": [info.display for info in infos.values()],
        "tag_pages": [info.docname for info in infos.values()],
    }


def _term_preview(domain: LitreviewDomain, target: str) -> dict[str, Any] | None:
    term = domain.term(target)
    if term is None:
        entry = domain.derived.glossary_by_key.get(term_key(target))
        if entry is None:
            return None
        return {
            "kind": "term",
            "term": entry.name,
            "aliases": [],
            "definition": first_sentences(domain.text(entry.definition), 3, limit=500),
            "docname": entry.docname,
            "anchor": entry.anchor,
        }
    return {
        "kind": "term",
        "term": term.name,
        "aliases": list(term.aliases),
        "definition": first_sentences(domain.text(term.definition), 3, limit=500),
        "docname": term.docname,
        "anchor": term.anchor,
    }
