"""The post-transform that fills every view placeholder once all pages are read."""

from __future__ import annotations

from typing import Any

from sphinx.transforms.post_transforms import SphinxPostTransform

from ..compat import current_builder
from ..domain import get_domain
from ..gc_pause import paused_gc
from ..nodes import litreview_view
from ..warnings_ import LitreviewWarning, warn
from .data import Header, compute
from .render import Links, render
from .specs import ViewKind, ViewSpec


class FillViews(SphinxPostTransform):
    # Views make resolved links themselves, so they come after the resolvers (MyST's
    # at 9, Sphinx's at 10), which then walk pages without them; before everything
    # else, so later post-transforms (hover previews, at 900) see them.
    default_priority = 11

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        have_design = "sphinx_design" in self.config.extensions
        builder = current_builder(self.env)
        placeholders = list(self.document.findall(litreview_view))
        if not placeholders:
            return
        # Once per page, not per view: resuming the collector runs a collection, and a
        # glossary holds a view per term. The nodes made here live until it is written.
        with paused_gc():
            for node in placeholders:
                spec: ViewSpec = node["spec"]
                docname: str = node["docname"]
                data = compute(domain, self.env, spec, docname)
                self._check(spec, data, docname)
                links = Links(domain, builder, docname)
                node.replace_self(render(spec, data, links, have_design))

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
        elif spec.kind is ViewKind.EPISODE_LIST and spec.get("topic"):
            target = spec.get("topic")
            if domain.topic(target) is None:
                hint = domain.suggest("topic", target)
                warn(
                    LitreviewWarning.UNKNOWN_TOPIC,
                    f"episode-list: :topic: {target!r} names no topic page"
                    + (f"; did you mean {hint!r}?" if hint else ""),
                    location=location,
                )
