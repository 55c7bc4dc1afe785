"""Generated episode pages in builders that make one document: LaTeX (PDF), texinfo
and singlehtml.

Those builders include only the pages of the root toctree, and generated episode
pages are orphans (so thousands of them do not bloat every page's navigation): the
PDF would miss them and every link to one would be dead. So the generated appendix
page (a hidden toctree of every generated episode page) is added at the end of the
document with its pages inlined — before references are resolved, so links to
episodes become real links there (``\\hyperref`` in LaTeX, in-page anchors in
singlehtml).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.console import darkgreen
from sphinx.util.nodes import inline_all_toctrees

from .catalog import appendix_docname
from .catalog.pages import ONE_DOCUMENT_BUILDERS
from .compat import current_builder

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class IncludeEpisodeAppendix(SphinxPostTransform):
    # Before Sphinx's reference resolver (10) and MyST's (9): links into the appendix
    # resolve only once its pages are part of the document.
    default_priority = 5
    builders = ONE_DOCUMENT_BUILDERS

    def run(self, **kwargs: Any) -> None:
        appendix = appendix_docname(self.env)
        builder = current_builder(self.env)
        if appendix is None or not self._is_whole_document(builder):
            return
        included: set[str] = getattr(builder, "docnames", set())
        if appendix in included or any(
            node.get("docname") == appendix for node in self.document.findall(addnodes.start_of_file)
        ):
            return  # the project put it in its toctree or appendices itself
        tree = self.env.get_doctree(appendix)
        tree["docname"] = appendix
        if isinstance(included, set):
            included.add(appendix)
        tree = inline_all_toctrees(builder, included, appendix, tree, darkgreen, [appendix])
        if builder.name == "singlehtml":
            wrapper = addnodes.start_of_file(docname=appendix)
            wrapper.extend(tree.children)
            self.document += wrapper
        else:
            # A document inside the document is how LaTeX and texinfo get an appendix.
            self.document += tree

    def _is_whole_document(self, builder: Any) -> bool:
        """Whether this tree is the one the builder assembled (not a single page)."""
        docname = self.document.get("docname")
        if builder.name == "singlehtml":
            return bool(docname == self.config.root_doc)
        starts = {entry[0] for entry in getattr(self.config, f"{builder.name}_documents", ())}
        return docname in starts


def setup_one_document(app: Sphinx) -> None:
    app.add_post_transform(IncludeEpisodeAppendix)

