extensions = ["myst_parser", "sphinxcontrib_litreview"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
