"""The "Cite" block of an episode: its BibTeX entry and CSL-JSON, to copy.

Its text is made from the episode (the domain's data) when the page is written, not
kept in the page's tree: with two literal blocks and their labels it was a quarter
of the nodes of a generated episode page, and Sphinx holds every page read in a
build in memory until it is written (20,000 pages: hundreds of megabytes). So an
episode holds a :class:`~.nodes.litreview_cite` placeholder, and

- html and dirhtml make the block when the page is translated (:func:`visit_cite`);
- every other builder gets it when the page is resolved (:class:`ExpandCiteBlocks`).

The block is marked ``no-search``: the search index loses nothing by its absence
from the tree.
"""

from __future__ import annotations

import dataclasses
import html
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .bibliography import episode_record
from .compat import current_builder
from .domain import get_domain
from .i18n import _
from .model import Episode
from .nodes import RENDERED_WHEN_WRITTEN, add_html_node, litreview_cite, translate_instead

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .catalog.records import CatalogRecord

#: The class of a Cite block's literal blocks.
CITE_CODE_CLASS = "litreview-cite-code"


def cite_placeholder(episode: Episode) -> litreview_cite:
    """Where *episode*'s Cite block goes (its definition: page and line)."""
    return litreview_cite(episode=episode.id, docname=episode.docname, lineno=episode.lineno)


def cite_block(record: CatalogRecord, as_html: bool = False) -> nodes.container:
    """The "Cite" block: the episode's BibTeX entry and CSL-JSON, to copy.

    Without the summary and tags: they are the review's words, not the work's
    reference (``references.bib`` and ``references.json`` keep them). Literal blocks,
    so sphinx-copybutton, when loaded, gives each a copy button; not captioned code
    blocks, which ``numfig`` would number as listings. *as_html*: the literal blocks
    as ready-made HTML (:func:`_literal_html`).
    """
    from .references.bibtex_export import bibtex_entry
    from .references.csl_json import csl_item, csl_json_text

    lean = dataclasses.replace(record, summary="", tags=())
    blocks = [("CSL-JSON", "csl-json", csl_json_text([csl_item(lean)]).rstrip("\n"))]
    entry = bibtex_entry(lean)
    if entry is not None:  # not for an ID BibTeX cannot take as a key
        blocks.insert(0, ("BibTeX", "bibtex", entry.rstrip("\n")))
    label = _("Cite")
    box = nodes.container(classes=["litreview-cite", "no-search"])
    box += nodes.rubric(label, label)
    for caption, kind, text in blocks:
        box += nodes.paragraph("", "", nodes.strong(caption, caption), classes=["litreview-cite-label"])
        classes = [CITE_CODE_CLASS, f"litreview-cite-{kind}"]
        # Not highlighted: on thousands of pages that costs seconds, for little.
        if as_html:
            box += _literal_html(text, classes)
        else:
            box += nodes.literal_block(text, text, language="none", classes=classes)
    return box


def _literal_html(text: str, classes: list[str]) -> nodes.raw:
    """A literal block as the HTML Sphinx writes for an unhighlighted code block
    (``language="none"``), made without running Pygments: 0.25 ms a block, two on
    each of thousands of episode pages. The markup is Sphinx's, so themes style the
    blocks and sphinx-copybutton gives them its button as on any code block."""
    names = " ".join([*classes, "highlight-none", "notranslate"])
    code = html.escape(text, quote=False)
    markup = f'<div class="{names}"><div class="highlight"><pre><span></span>{code}\n</pre></div>\n</div>\n'
    return nodes.raw("", markup, format="html")


def _block_for(env: BuildEnvironment, node: litreview_cite, as_html: bool) -> nodes.container | None:
    definitions = get_domain(env).episode_defs.get(node["episode"], ())
    here = [e for e in definitions if e.docname == node["docname"]]
    episode = next((e for e in here if e.lineno == node["lineno"]), here[0] if here else None)
    if episode is None:  # not defined here after all: nothing to cite
        return None
    return cite_block(episode_record(episode), as_html)


def visit_cite(translator: Any, node: litreview_cite) -> None:
    """html and dirhtml: the block, made and translated in place of *node*."""
    block = _block_for(translator.builder.env, node, as_html=True)
    if block is None:
        raise nodes.SkipNode
    translate_instead(translator, node, block)


class ExpandCiteBlocks(SphinxPostTransform):
    """Builders other than html and dirhtml: the blocks, made when pages are resolved."""

    # After the one-document builders' appendix is added (5).
    default_priority = 8

    def run(self, **kwargs: Any) -> None:
        builder = current_builder(self.env)
        if builder.name in RENDERED_WHEN_WRITTEN:
            return
        as_html = builder.format == "html"
        for node in list(self.document.findall(litreview_cite)):
            block = _block_for(self.env, node, as_html)
            if block is None:
                node.parent.remove(node)
            else:
                node.replace_self(block)


def setup(app: Sphinx) -> None:
    add_html_node(app, litreview_cite, visit_cite)
    app.add_post_transform(ExpandCiteBlocks)
