extensions = ["sphinxcontrib_litreview"]
exclude_patterns = ["_build"]
litreview_catalog = ["zotero.json", "refs.bib"]


def setup(app):
    from sphinxcontrib_litreview.catalog import setup_catalog

    setup_catalog(app)
