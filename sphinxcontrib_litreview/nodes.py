"""Placeholder nodes, filled once every document is read."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx


#: Builders whose placeholders are filled by the translator, as each page is written:
#: with ``-j N`` Sphinx resolves every page in its main process, one after another,
#: and hands only translation to worker processes, so work done there runs in
#: parallel. Not singlehtml, which fixes its links once resolved, nor epub, which
#: rewrites ids and links before translating: those get their placeholders filled when
#: resolved, like the rest.
RENDERED_WHEN_WRITTEN = frozenset({"html", "dirhtml"})


class litreview_view(nodes.General, nodes.Element):
    """A view whose content depends on other documents (lists, back-links, header).

    Attributes: ``spec`` (a :class:`~.views.specs.ViewSpec`) and ``docname``, the
    page that holds it (kept so singlehtml/latex, which merge pages, render it right).
    """


class litreview_previews(nodes.General, nodes.Element):
    """Where a page's hover-preview data goes (the page's end, HTML builders only);
    filled as the page is translated, see :mod:`.hover`."""


class litreview_tags(nodes.Inline, nodes.TextElement):
    """The tags in an episode's metadata, made links once every page is read (see
    :mod:`.tag_links`). Attribute ``tags``: the spellings, the first of each; its text
    is them, comma-separated, for the search index."""


class litreview_metadata(nodes.General, nodes.Element):
    """An episode's metadata block, made a field list when the page is written (see
    :func:`.episode_nodes.metadata_list`). Children: one ``inline`` per field, its
    label in the attribute ``label``, holding the field's value."""


class litreview_cite(nodes.General, nodes.Element):
    """An episode's Cite block, made when the page is written (see :mod:`.cite_blocks`).
    Attributes: ``episode`` (its ID), ``docname`` and ``lineno`` (its definition)."""


def _skip(translator: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def translate_instead(translator: Any, node: nodes.Element, shown: nodes.Element) -> None:
    """Put *shown* in place of the placeholder *node* and translate it there (in the
    tree, so what the translator looks up around it is as if it had always been)."""
    node.replace_self(shown)
    shown.walkabout(translator)
    raise nodes.SkipNode


def _pass(translator: Any, node: nodes.Node) -> None:
    pass


def add_html_node(
    app: Sphinx, node: type[nodes.Element], visit: Callable[[Any, Any], None], keep_children: bool = False
) -> None:
    """Register a placeholder that only HTML translators fill (with *visit*); the
    translators of every other built-in format skip it or, with *keep_children*,
    write its children as they are (should a tree reach them unfilled)."""
    other = (_pass, _pass) if keep_children else (_skip, None)
    others = {fmt: other for fmt in ("latex", "text", "man", "texinfo")}
    app.add_node(node, html=(visit, None), **others)  # type: ignore[arg-type]
