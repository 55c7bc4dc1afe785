# intersphinx_mapping is set by the test: it points at project A's fresh build.
project = "Review B"
extensions = ["myst_parser", "sphinx.ext.intersphinx", "sphinxcontrib_litreview"]
myst_enable_extensions = ["colon_fence"]
