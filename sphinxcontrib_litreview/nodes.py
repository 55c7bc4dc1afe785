"""Placeholder nodes, replaced by a post-transform once every document is read."""

from __future__ import annotations

from docutils import nodes


class litreview_view(nodes.General, nodes.Element):
    """A view whose content depends on other documents (lists, back-links, header).

    Attributes: ``spec`` (a :class:`~.views.specs.ViewSpec`) and ``docname``, the
    page that holds it (kept so singlehtml/latex, which merge pages, render it right).
    """
