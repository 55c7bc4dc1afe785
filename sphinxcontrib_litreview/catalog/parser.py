"""Read generated pages (``*.litreview``, see pages.py) straight into doctrees.

The page's JSON says what to show; the doctree is built here, node by node, so
catalog values are text (never markup), the summary is parsed in the restricted mode
of :mod:`..restricted`, and a page costs a fraction of what the full Markdown or reST
parser would take for the same content (thousands of episode pages in a big review).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.parsers import Parser

from ..cite_blocks import cite_placeholder
from ..compat import current_docname
from ..domain import get_domain
from ..episode_nodes import clean_doi, id_text, metadata_list, rich_nodes
from ..model import ORIGIN_CATALOG, Episode
from ..references.richtext import plain_and_rich
from ..restricted import Where, parse_catalog_text, safe_uri
from ..text import nodes_text, squash
from ..views.specs import ViewKind
from ..warnings_ import LitreviewWarning, warn
from .pages import PAGE_FILETYPE, read_page

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


class GeneratedPageParser(Parser):
    """The source parser for ``.litreview`` files."""

    supported = (PAGE_FILETYPE,)

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env: BuildEnvironment = document.settings.env
        docname = current_docname(env)
        page, _checksum = read_page(inputstring)
        kind = page.get("kind") if page else None
        builder = _BUILDERS.get(str(kind))
        if page is None or builder is None:
            warn(
                LitreviewWarning.CATALOG,
                "this is not a page sphinxcontrib-litreview can read (it generates files "
                "with this suffix from litreview_catalog); delete it, the next build "
                "writes it again if a catalog still needs it",
                location=(docname, 1),
            )
            document += _section(docname, [nodes.Text(docname)])
            return
        try:
            builder(page, document, env, docname)
        except Exception as exc:  # hand-edited JSON of the wrong shape: report, go on
            warn(
                LitreviewWarning.CATALOG,
                f"could not read this generated page ({type(exc).__name__}: {exc}); delete "
                "it and build again to have it written anew",
                location=(docname, 1),
            )
            document.children = []
            document += _section(docname, [nodes.Text(docname)])


def _episode_page(
    page: dict[str, Any], document: nodes.document, env: BuildEnvironment, docname: str
) -> None:
    record: dict[str, Any] = page["record"]
    catalog = str(page["catalog"])
    line = _int(page.get("line")) or 0
    field_lines = page.get("field_lines") or {}
    source = str(Path(env.srcdir) / catalog) if catalog else docname
    episode_id = str(record["id"])
    where = Where(source, _int(field_lines.get("summary")) or line, episode_id, "summary")
    summary = parse_catalog_text(
        str(record.get("summary") or ""),
        markdown=page.get("markup") == "myst",
        document=document,
        where=where,
    )
    url = str(record.get("url") or "")
    title, title_rich = plain_and_rich(_text(record.get("title")))
    venue, venue_rich = plain_and_rich(_text(record.get("venue")))
    episode = Episode(
        id=sys.intern(episode_id),
        docname=sys.intern(docname),
        lineno=line,
        title=title,
        authors=_names(record.get("authors")),
        year=_int(record.get("year")),
        venue=venue,
        url=url if url and safe_uri(url) and "://" in url else "",
        doi=clean_doi(str(record.get("doi") or "")),
        tags=_names(record.get("tags")),
        summary=nodes_text(summary),
        origin=ORIGIN_CATALOG,
        catalog=sys.intern(catalog),
        type=sys.intern(_text(record.get("type"))),
        editors=_names(record.get("editors")),
        volume=_text(record.get("volume")),
        issue=_text(record.get("issue")),
        pages=_text(record.get("pages")),
        publisher=_text(record.get("publisher")),
        isbn=_text(record.get("isbn")),
        accessed=_text(record.get("accessed")),
        title_rich=title_rich,
        venue_rich=venue_rich,
    )
    get_domain(env).add_episode(episode)

    heading: list[nodes.Node] = [id_text(episode.id)]
    if episode.title:
        heading += [nodes.Text(": "), *rich_nodes(episode.rich_title)]
    if all(type(node) is nodes.Text for node in heading):
        # One text node, not three: Sphinx copies a title's nodes into the
        # environment twice (titles, tables of contents) and -j readers send them back.
        heading = [nodes.Text("".join(str(node) for node in heading))]
    section = _section(docname, heading, ids=[episode.anchor], document=document)
    section["classes"] += ["litreview-episode-page"]
    if env.config.litreview_citation_style:
        section += _view(env, docname, ViewKind.REFERENCE, {"id": episode.id})
    metadata = metadata_list(episode, env.config.litreview_tag_aliases)
    if metadata is not None:
        section += metadata
    section.extend(summary)
    section += cite_placeholder(episode)
    section += _view(env, docname, ViewKind.CITED_IN, {"id": episode.id})
    document += _orphan_docinfo()
    document += section


def _index_page(
    page: dict[str, Any], document: nodes.document, env: BuildEnvironment, docname: str
) -> None:
    section = _section(docname, [nodes.Text(str(page["title"]))], document=document)
    section += _view(env, docname, ViewKind.EPISODE_INDEX, {})
    # Its rows repeat what each episode's own page says: searches should find those.
    document += _docinfo(nosearch="")
    document += section


def _appendix_page(
    page: dict[str, Any], document: nodes.document, env: BuildEnvironment, docname: str
) -> None:
    """Every generated episode page in a hidden toctree: LaTeX, texinfo and singlehtml
    include them as an appendix; HTML never links to this page."""
    section = _section(docname, [nodes.Text(str(page["title"]))], document=document)
    pages = [str(p) for p in page.get("pages") or ()]
    toctree = addnodes.toctree(
        parent=docname, entries=[(None, p) for p in pages], includefiles=pages,
        maxdepth=1, caption=None, glob=False, hidden=True, includehidden=False,
        numbered=0, titlesonly=True, rawentries=[],
    )
    section += nodes.compound("", toctree, classes=["toctree-wrapper"])
    document += _docinfo(orphan="", nosearch="")
    document += section


def _tag_page(
    page: dict[str, Any], document: nodes.document, env: BuildEnvironment, docname: str
) -> None:
    """A tag's page: the episodes carrying it, listed once every page is read (so a
    tag added to a hand-written episode shows up without this page changing)."""
    key = str(page["key"])
    display = squash(str(page["display"]))
    get_domain(env).add_tag_page(docname, key, display)
    section = _section(docname, [nodes.Text(str(page["title"]))], document=document)
    section["classes"] += ["litreview-tag-page"]
    section += _view(env, docname, ViewKind.TAG_PAGE, {"tag": key})
    # Searchable: its title finds the tag; the list itself is a view, which search skips.
    document += _orphan_docinfo()
    document += section


_BUILDERS = {
    "episode": _episode_page,
    "episode-index": _index_page,
    "appendix": _appendix_page,
    "tag": _tag_page,
}


def _section(
    docname: str, title: list[nodes.Node], ids: list[str] | None = None,
    document: nodes.document | None = None,
) -> nodes.section:
    section = nodes.section(ids=list(ids or [_page_id(docname)]))
    section += nodes.title("", "", *title)
    if document is not None:
        for node_id in section["ids"]:
            document.ids[node_id] = section
    return section


def _page_id(docname: str) -> str:
    return nodes.make_id(docname.rsplit("/", 1)[-1]) or "page"


def _docinfo(**fields: str) -> nodes.docinfo:
    """Page metadata (``orphan``, ``nosearch``), as Sphinx reads it from a field list."""
    docinfo = nodes.docinfo()
    for name, value in fields.items():
        docinfo += nodes.field("", nodes.field_name(name, name), nodes.field_body(value, nodes.Text(value)))
    return docinfo


def _orphan_docinfo() -> nodes.docinfo:
    return _docinfo(orphan="")


def _view(env: BuildEnvironment, docname: str, kind: ViewKind, options: dict[str, str]) -> nodes.Node:
    from ..directives import view_node

    return view_node(env, docname, kind, options, lineno=1)


def _text(value: Any) -> str:
    """A catalog value as one line of text (the page JSON holds what the catalog did)."""
    return squash(str(value)) if isinstance(value, str | int | float) and not isinstance(value, bool) else ""


def _names(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        return ()
    return tuple(text for text in (_text(item) for item in value) if text)


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdecimal():
        return int(value)
    return None
