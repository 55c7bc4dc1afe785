extensions = ["myst_parser", "sphinxcontrib_litreview"]
exclude_patterns = ["_build"]
litreview_catalog = ["episodes.yaml", "missing.yaml", "broken.json"]


def setup(app):
    from sphinxcontrib_litreview.catalog import setup_catalog

    setup_catalog(app)
