"""An episode's tags, in its metadata block: one node, made links once every page is read.

Each tag links to its page and is shown in its display form, both known only after
reading. Made as one reference per tag (as the ``{tag}`` role makes), they were
most of the nodes of a generated episode page, walked by every transform, by the
reference resolver and by the writer, on thousands of pages. So the metadata holds
one :class:`~.nodes.litreview_tags` node, whose text (what the search index sees)
is the tags as written, an alias as the tag it stands for, and:

- html and dirhtml write it as links when the page is translated (:func:`visit_tags`),
  where ``-j N`` runs in parallel, as they do the views;
- every other builder gets the links as nodes when the page is resolved
  (:class:`ExpandTags`).

A tag is shown once per episode (an alias and the tag it stands for are one tag):
the node holds the first spelling of each.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .compat import current_builder, current_docname
from .domain import get_domain
from .nodes import RENDERED_WHEN_WRITTEN, add_html_node, litreview_tags
from .views.render import Links

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def visit_tags(translator: Any, node: litreview_tags) -> None:
    """html and dirhtml: the tags as links, in the markup ``{tag}`` references get."""
    builder = translator.builder
    domain = get_domain(builder.env)
    links = Links(domain, builder, builder.current_docname)
    translator.body.append(links.tag_links_html(node["tags"]))
    raise nodes.SkipNode


class ExpandTags(SphinxPostTransform):
    """Builders other than html and dirhtml: the tags as link nodes (or text where the
    output has no tag pages), made as the views make them."""

    # After the one-document builders' appendix is added (5); links need no resolving.
    default_priority = 8

    def run(self, **kwargs: Any) -> None:
        builder = current_builder(self.env)
        if builder.name in RENDERED_WHEN_WRITTEN:
            return
        domain = get_domain(self.env)
        links = Links(domain, builder, current_docname(self.env))
        for node in list(self.document.findall(litreview_tags)):
            shown: list[nodes.Node] = []
            for index, text in enumerate(node["tags"]):
                if index:
                    shown.append(nodes.Text(", "))
                shown.append(links.tag(text))
            node.replace_self(shown)


def setup(app: Sphinx) -> None:
    add_html_node(app, litreview_tags, visit_tags, keep_children=True)  # elsewhere: the text as written
    app.add_post_transform(ExpandTags)
