extensions = ["myst_parser", "sphinxcontrib_litreview"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
litreview_catalog = ["works.json"]
litreview_citation_style = "apa"
