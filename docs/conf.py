"""Sphinx configuration of the sphinxcontrib-litreview documentation.

The documentation dogfoods the extension: the demo review under ``demo/`` is
built with it, and the reference tables are generated from its code.
"""

from __future__ import annotations

import sys
from pathlib import Path

# The local extension rendering the reference tables lives in docs/_ext.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sphinxcontrib_litreview import __version__

project = "sphinxcontrib-litreview"
author = "sphinxcontrib-litreview developers"
copyright = f"2025, {author}"
version = release = __version__

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib_litreview",
    "_ext.litreview_reference",
]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
nitpicky = True

# -- The demo review ---------------------------------------------------------

litreview_catalog = ["demo/episodes.yaml"]
litreview_episode_dir = "demo/episodes"
# The user guide shows listing views too; name the demo's pages explicitly so
# topic headers link to the demo's all-topics page and glossary.
litreview_topic_index_page = "demo/index"
litreview_glossary_page = "demo/glossary"
# The hand-written E008 spells a tag its own way: one tag, shown as the catalog writes it.
litreview_tag_aliases = {"process reward models": "process-supervision"}
# Every episode of the demo is cited somewhere; keep it that way.
litreview_warn_unreferenced = True
# Episode pages and the topic's reference list show APA references
# (guide/citation-styles.md). Inline citations keep their IDs, which the guide's
# prose refers to.
litreview_citation_style = "apa"

# -- Output ------------------------------------------------------------------

html_theme = "alabaster"
html_title = f"{project} {release}"
html_theme_options = {
    "description": "Publish literature reviews with Sphinx",
    "fixed_sidebar": True,
}

# Author names and the topic header use characters pdfLaTeX cannot typeset.
latex_engine = "xelatex"
latex_documents = [
    ("index", "sphinxcontrib-litreview.tex", project, author, "manual"),
]
