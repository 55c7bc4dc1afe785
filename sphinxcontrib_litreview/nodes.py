"""Placeholder nodes, filled once every document is read."""

from __future__ import annotations

from typing import Any

from docutils import nodes


class litreview_view(nodes.General, nodes.Element):
    """A view whose content depends on other documents (lists, back-links, header).

    Attributes: ``spec`` (a :class:`~.views.specs.ViewSpec`) and ``docname``, the
    page that holds it (kept so singlehtml/latex, which merge pages, render it right).
    """


class litreview_previews(nodes.General, nodes.Element):
    """Where a page's hover-preview data goes (the page's end, HTML builders only);
    filled as the page is translated, see :mod:`.hover`."""


def skip(translator: Any, node: nodes.Node) -> None:
    """A visitor for builders a placeholder has nothing for."""
    raise nodes.SkipNode
