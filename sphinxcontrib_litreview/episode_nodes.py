"""What an episode shows, as docutils nodes: shared by the ``episode`` directive and
the generated episode pages, so both look alike."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .compat import current_builder
from .i18n import _
from .model import Episode
from .nodes import RENDERED_WHEN_WRITTEN, add_html_node, litreview_metadata, translate_instead
from .references.richtext import rich_to_nodes
from .tags import tags_node

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def id_node(episode_id: str, classes: list[str] | None = None) -> nodes.inline:
    """An episode ID as written: never turned into typographic dashes or quotes
    (``Label--ITEM-1`` stays so; smartquotes would make it ``Label–ITEM-1``)."""
    node = nodes.inline(episode_id, episode_id, classes=list(classes or ()))
    node["support_smartquotes"] = False
    return node


#: What docutils' smartquotes would change: quotes, ``--``/``---`` and ``...``.
_SMARTQUOTED = re.compile(r"['\"]|--|\.\.\.")


def id_text(episode_id: str) -> nodes.Node:
    """An episode ID in a page title: plain text where smartquotes would leave it
    alone, as most IDs are. Sphinx copies a title's nodes three times into the
    environment (titles, long titles, tables of contents); a guarding inline would
    add half a kilobyte per generated page to its pickle."""
    return id_node(episode_id) if _SMARTQUOTED.search(episode_id) else nodes.Text(episode_id)


#: Readable names of the common CSL types; the others are shown as CSL spells them.
_TYPE_NAMES = {
    # CSL: "a preprint, working paper, or other article not in a journal".
    "article": _("Preprint"),
    "article-journal": _("Journal article"),
    "article-magazine": _("Magazine article"),
    "article-newspaper": _("Newspaper article"),
    "book": _("Book"),
    "chapter": _("Book chapter"),
    "dataset": _("Dataset"),
    "manuscript": _("Manuscript"),
    "paper-conference": _("Conference paper"),
    "patent": _("Patent"),
    "post-weblog": _("Blog post"),
    "report": _("Report"),
    "software": _("Software"),
    "speech": _("Talk"),
    "thesis": _("Thesis"),
    "webpage": _("Web page"),
}


def type_name(csl_type: str) -> str:
    name = _TYPE_NAMES.get(csl_type)
    return str(name) if name is not None else csl_type.replace("-", " ").replace("_", " ")


def rich_nodes(text: str) -> list[nodes.Node]:
    """Nodes for rich text (a title, a venue, a formatted reference): its CSL
    formatting as emphasis, strong, sub- and superscript; everything else text."""
    return rich_to_nodes(text) if "<" in text else [nodes.Text(text)]


# A URL in a formatted reference: its DOI link or URL, which catalogs and the
# episode directive allow only as http(s).
_URL = re.compile(r"https?://[^\s<>\"]+")


def _url_end(url: str) -> str:
    """*url* without the reference's punctuation after it ("…/x)." is "…/x" unless
    the URL opened that bracket: DOIs hold brackets)."""
    while url and url[-1] in ".,;:)]":
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        if url[-1] == "]" and url.count("[") >= url.count("]"):
            break
        url = url[:-1]
    return url


def reference_nodes(reference: str) -> list[nodes.Node]:
    """A formatted reference as nodes: its formatting, and its URLs as links."""
    shown = rich_nodes(reference)
    for text in [node for part in shown for node in part.findall(nodes.Text)]:
        value = text.astext()
        replacement: list[nodes.Node] = []
        position = 0
        for match in _URL.finditer(value):
            url = _url_end(match.group())
            if not url:
                continue
            if match.start() > position:
                replacement.append(nodes.Text(value[position : match.start()]))
            replacement.append(nodes.reference(url, url, refuri=url))
            position = match.start() + len(url)
        if not replacement:
            continue
        if position < len(value):
            replacement.append(nodes.Text(value[position:]))
        if text.parent is None:
            at = shown.index(text)
            shown[at : at + 1] = replacement
        else:
            text.parent.replace(text, replacement)
    return shown


def metadata_list(episode: Episode, tag_aliases: Mapping[str, str]) -> litreview_metadata | None:
    """The episode's fields (None if it has none), in the order a reference reads:
    who, when, where, what kind, then links and tags (``litreview_tag_aliases`` says
    which of those are one).

    Each field's value is made now, so smartquotes and the search index see it; the
    field list around them (five nodes a field, a third of a generated page) only
    when the page is written (:func:`field_list`): Sphinx holds every page read in a
    build in memory until it is written, and every transform walks every node.
    """
    rows: list[tuple[str, list[nodes.Node]]] = []
    if episode.authors:
        rows.append((_("Authors"), [nodes.Text("; ".join(episode.authors))]))
    if episode.editors:
        rows.append((_("Editors"), [nodes.Text("; ".join(episode.editors))]))
    if episode.year is not None:
        rows.append((_("Year"), [nodes.Text(str(episode.year))]))
    # A venue that is only the publisher is shown once, as the publisher.
    if episode.venue and episode.venue != episode.publisher:
        rows.append((_("Venue"), rich_nodes(episode.rich_venue)))
    if episode.volume:
        rows.append((_("Volume"), [nodes.Text(episode.volume)]))
    if episode.issue:
        rows.append((_("Issue"), [nodes.Text(episode.issue)]))
    if episode.pages:
        pages = episode.pages.replace("-", "\u2013")
        rows.append((_("Pages"), [nodes.Text(pages)]))
    if episode.publisher:
        rows.append((_("Publisher"), [nodes.Text(episode.publisher)]))
    if episode.type:
        rows.append((_("Type"), [nodes.Text(type_name(episode.type))]))
    if episode.isbn:
        rows.append((_("ISBN"), [nodes.Text(episode.isbn)]))
    if episode.url:
        rows.append((_("Link"), [nodes.reference(episode.url, episode.url, refuri=episode.url)]))
    if episode.accessed:
        rows.append((_("Accessed"), [nodes.Text(episode.accessed)]))
    if episode.doi:
        doi_url = f"https://doi.org/{episode.doi}"
        rows.append((_("DOI"), [nodes.reference(episode.doi, episode.doi, refuri=doi_url)]))
    if episode.tags:
        # Each a link to the tag's page, in the tag's display form (see tag_links.py).
        rows.append((_("Tags"), [tags_node(episode.tags, tag_aliases)]))
    if not rows:
        return None
    holder = litreview_metadata()
    for label, value in rows:
        holder += nodes.inline("", "", *value, label=label)
    return holder


def field_list(holder: litreview_metadata) -> nodes.field_list:
    """The metadata block as the field list it is shown as."""
    shown = nodes.field_list(classes=["litreview-metadata"])
    for row in holder.children:
        assert isinstance(row, nodes.Element)
        label = row["label"]
        shown += nodes.field(
            "",
            # Our catalog translates the label: keep it out of the project's gettext output.
            nodes.field_name(label, label, translatable=False),
            nodes.field_body("", nodes.paragraph("", "", *row.children)),
        )
    return shown


def visit_metadata(translator: Any, node: litreview_metadata) -> None:
    """html and dirhtml: the field list, made and translated in place of *node*."""
    translate_instead(translator, node, field_list(node))


class ExpandMetadata(SphinxPostTransform):
    """Builders other than html and dirhtml: the field lists, made when pages are resolved."""

    # With the other parts of episodes made late (tag_links.py, cite_blocks.py).
    default_priority = 8

    def run(self, **kwargs: Any) -> None:
        if current_builder(self.env).name in RENDERED_WHEN_WRITTEN:
            return
        for node in list(self.document.findall(litreview_metadata)):
            node.replace_self(field_list(node))


def setup_metadata(app: Sphinx) -> None:
    add_html_node(app, litreview_metadata, visit_metadata, keep_children=True)  # elsewhere: the values
    app.add_post_transform(ExpandMetadata)


def clean_doi(value: str) -> str:
    value = value.strip()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"):
        if value.lower().startswith(prefix):
            return value[len(prefix) :].strip()
    return value
