extensions = ["myst_parser", "sphinxcontrib_litreview"]
exclude_patterns = ["_build"]
litreview_catalog = ["episodes.yaml", "more.json"]

