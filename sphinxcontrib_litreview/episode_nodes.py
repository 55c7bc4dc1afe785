"""What an episode shows, as docutils nodes: shared by the ``episode`` directive and
the generated episode pages, so both look alike."""

from __future__ import annotations

from docutils import nodes

from .i18n import _
from .model import Episode
from .tags import tag_key, tag_reference


def id_node(episode_id: str, classes: list[str] | None = None) -> nodes.inline:
    """An episode ID as written: never turned into typographic dashes or quotes
    (``Label--ITEM-1`` stays so; smartquotes would make it ``Label–ITEM-1``)."""
    node = nodes.inline(episode_id, episode_id, classes=list(classes or ()))
    node["support_smartquotes"] = False
    return node


def metadata_list(episode: Episode) -> nodes.field_list | None:
    """Authors, year, venue, link, DOI and tags, as a field list (None if none)."""
    rows: list[tuple[str, list[nodes.Node]]] = []
    if episode.authors:
        rows.append((_("Authors"), [nodes.Text("; ".join(episode.authors))]))
    if episode.year is not None:
        rows.append((_("Year"), [nodes.Text(str(episode.year))]))
    if episode.venue:
        rows.append((_("Venue"), [nodes.Text(episode.venue)]))
    if episode.url:
        rows.append((_("Link"), [nodes.reference(episode.url, episode.url, refuri=episode.url)]))
    if episode.doi:
        doi_url = f"https://doi.org/{episode.doi}"
        rows.append((_("DOI"), [nodes.reference(episode.doi, episode.doi, refuri=doi_url)]))
    if episode.tags:
        tags: list[nodes.Node] = []
        # Each a link to the tag's page, in the tag's display form (see tags.py).
        unique: dict[str, str] = {}
        for tag in episode.tags:
            unique.setdefault(tag_key(tag), tag)
        for index, tag in enumerate(unique.values()):
            if index:
                tags.append(nodes.Text(", "))
            tags.append(tag_reference(tag))
        rows.append((_("Tags"), tags))
    if not rows:
        return None
    field_list = nodes.field_list(classes=["litreview-metadata"])
    for label, value in rows:
        field_list += nodes.field(
            "",
            # Our catalog translates the label: keep it out of the project's gettext output.
            nodes.field_name(label, label, translatable=False),
            nodes.field_body("", nodes.paragraph("", "", *value)),
        )
    return field_list


def clean_doi(value: str) -> str:
    value = value.strip()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"):
        if value.lower().startswith(prefix):
            return value[len(prefix) :].strip()
    return value
