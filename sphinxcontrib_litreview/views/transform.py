"""Filling view placeholders once all pages are read.

Most builders get a page's views when the page is resolved (:class:`FillViews`).
html and dirhtml get them when the page is translated (:func:`visit_view`): with
``-j N`` Sphinx resolves every page in its main process, one after another, and hands
only translation to worker processes, so work done there runs in parallel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..compat import current_builder
from ..domain import get_domain
from ..nodes import RENDERED_WHEN_WRITTEN, litreview_view
from ..warnings_ import LitreviewWarning, warn
from .data import Header, compute
from .placement import place_header
from .render import Links, render, renders_nothing
from .specs import HEADER_KICKER, ViewKind, ViewSpec

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment



def render_view(node: litreview_view, env: BuildEnvironment, builder: Builder) -> list[nodes.Node]:
    spec: ViewSpec = node["spec"]
    docname: str = node["docname"]
    domain = get_domain(env)
    data = compute(domain, env, spec, docname)
    have_design = "sphinx_design" in env.config.extensions
    return render(spec, data, Links(domain, builder, docname), have_design)


class FillViews(SphinxPostTransform):
    # Views make resolved links themselves, so they come after the resolvers (MyST's
    # at 9, Sphinx's at 10), which then walk pages without them; before everything
    # else, so later post-transforms see them where they are filled here.
    default_priority = 11

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        builder = current_builder(self.env)
        placeholders = list(self.document.findall(litreview_view))
        if not placeholders:
            return
        headers = [node for node in placeholders if node["spec"].kind is ViewKind.TOPIC_HEADER]
        if headers:
            for node in headers:
                place_header(node, html=builder.format == "html")
            placeholders = list(self.document.findall(litreview_view))
        # Warnings come from here whatever the builder, in the main process and in
        # page order; compute() is memoised, so the translator reuses the data.
        when_written = builder.name in RENDERED_WHEN_WRITTEN
        for node in placeholders:
            data = compute(domain, self.env, node["spec"], node["docname"])
            if node["spec"].get("part") != HEADER_KICKER:  # one check per header
                self._check(node["spec"], data, node["docname"])
            if when_written and renders_nothing(node["spec"], data):
                # Gone before translation, as when filled here: a view left in a
                # definition or list item keeps docutils from laying it out compactly.
                node.parent.remove(node)
        if when_written:
            return
        for node in placeholders:
            node.replace_self(render_view(node, self.env, builder))

    def _check(self, spec: ViewSpec, data: object, docname: str) -> None:
        domain = get_domain(self.env)
        location = (docname, spec.lineno)
        if isinstance(data, Header):
            for anchor in data.unknown_anchors:
                hint = domain.suggest("episode", anchor)
                warn(
                    LitreviewWarning.UNKNOWN_EPISODE,
                    f"topic-page anchor {anchor} is not defined by any episode directive "
                    f"or catalog" + (f"; did you mean {hint}?" if hint else ""),
                    location=location,
                )
        elif spec.kind in (ViewKind.EPISODE_LIST, ViewKind.EPISODE_TIMELINE) and spec.get("topic"):
            target = spec.get("topic")
            if domain.topic(target) is None:
                hint = domain.suggest("topic", target)
                warn(
                    LitreviewWarning.UNKNOWN_TOPIC,
                    f"{spec.kind.value}: :topic: {target!r} names no topic page"
                    + (f"; did you mean {hint!r}?" if hint else ""),
                    location=location,
                )


class _WrittenViews:
    """The views rendered into the page being translated, until it is written.

    Rendered views are docutils nodes, and docutils trees are cyclic (each node points
    at its parent), so only the cyclic collector frees them. On a glossary with a
    *Used in* list per term that is tens of thousands of nodes, which would otherwise
    wait for a full collection. So once the page is written its views are taken out of
    the tree and broken up, which frees them at once.
    """

    def __init__(self) -> None:
        self.parts: list[nodes.Node] = []

    def render(self, node: litreview_view, builder: Builder) -> list[nodes.Node]:
        shown = render_view(node, builder.env, builder)
        self.parts += shown
        return shown

    def dispose(self) -> None:
        for part in self.parts:
            if part.parent is not None:
                part.parent.remove(part)
            _break_up(part)
        self.parts.clear()


_written = _WrittenViews()


def _break_up(node: nodes.Node) -> None:
    """Drop every parent and child link under *node*, so reference counting frees it."""
    stack = [node]
    while stack:
        current = stack.pop()
        current.parent = None
        if isinstance(current, nodes.Element):
            stack += current.children
            current.children = []


def visit_view(translator: Any, node: litreview_view) -> None:
    """HTML translators: render a view left in the page, then translate what it became.

    It replaces the placeholder in the tree, as :class:`FillViews` does, so what
    runs later in the page's translation (hover previews) and ``html-page-context``
    handlers of default priority see the view; :func:`page_written` then removes it.
    """
    shown = _written.render(node, translator.builder)
    node.replace_self(shown)
    for part in shown:
        part.walkabout(translator)
    raise nodes.SkipNode


#: After other extensions' ``html-page-context`` handlers (default priority 500).
PAGE_WRITTEN_PRIORITY = 900


def page_written(app: Sphinx, *args: object) -> None:
    """``html-page-context`` (late) and ``build-finished``: free the page's views (at
    build-finished, in case a page never got this far)."""
    _written.dispose()
