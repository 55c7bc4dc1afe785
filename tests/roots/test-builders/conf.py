project = "Builders Review"
author = "Review Team"
extensions = ["myst_parser", "sphinx_design", "sphinxcontrib_litreview"]
myst_enable_extensions = ["colon_fence"]
# The episodes link to the web; tests must never touch the network.
linkcheck_ignore = [".*"]
copyright = "2026, Review Team"
version = "1.0"
