"""Where the topic header goes relative to the page title.

The reviews this extension is modelled on open a topic with a kicker line
("Literature review · 6 episodes") above the title, then the navigation and the
prose. In HTML the kicker is therefore moved above the page title wherever the
``topic-page`` directive stands, and the rest of the header right below it. Other
formats (text, LaTeX, man …) open a file or chapter with the title itself, so there
the whole header follows the title.

This runs when a page is resolved for writing: while reading, Sphinx's title and
table-of-contents collectors take each section's first child as its title, so
nothing may go before a title until they are done.
"""

from __future__ import annotations

import dataclasses

from docutils import nodes
from sphinx import addnodes

from ..nodes import litreview_view
from .specs import HEADER_KICKER, HEADER_REST, ViewSpec


def _page_of(node: nodes.Node) -> nodes.Element | None:
    """The page *node* belongs to: the document, or in singlehtml the part that
    holds one included page."""
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.document | addnodes.start_of_file):
        parent = parent.parent
    return parent


def _with_part(spec: ViewSpec, part: str) -> ViewSpec:
    return dataclasses.replace(spec, options=tuple(sorted((*spec.options, ("part", part)))))


def place_header(node: litreview_view, html: bool) -> None:
    """Put the topic header placeholder *node* where its format reads it best."""
    page = _page_of(node)
    if page is None:
        return
    section = next(page.findall(nodes.section), None)
    if section is None or not section.children or not isinstance(section[0], nodes.title):
        return  # a page without a title: the header stays where it was written
    after_title = any(isinstance(a, nodes.section) for a in _ancestors(node))
    if html:
        # Kicker above the title; the rest (summary, navigation) right below it.
        spec: ViewSpec = node["spec"]
        kicker = litreview_view(spec=_with_part(spec, HEADER_KICKER), docname=node["docname"])
        kicker.source, kicker.line = node.source, node.line
        node["spec"] = _with_part(spec, HEADER_REST)
        node.parent.remove(node)
        section.insert(0, kicker)
        section.insert(2, node)
    elif not after_title:
        node.parent.remove(node)
        section.insert(1, node)


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found
