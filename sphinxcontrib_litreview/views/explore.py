"""Wiring of the exploring views: filterable tables, review map and timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .filtering import in_browser, setup_filter

if TYPE_CHECKING:
    from sphinx.application import Sphinx

JS_FILE = "litreview-explore.js"
CSS_FILE = "litreview-explore.css"


def add_explore_assets(app: Sphinx) -> None:
    """``builder-inited``: the filter script and the pictures' styles, on HTML pages."""
    if in_browser(app.builder):
        app.add_css_file(CSS_FILE)
        # defer: the script runs once the page is parsed, whatever the theme puts where.
        app.add_js_file(JS_FILE, loading_method="defer")


def setup_explore(app: Sphinx) -> None:
    setup_filter(app)
    app.connect("builder-inited", add_explore_assets)
