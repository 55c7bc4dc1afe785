extensions = ["sphinxcontrib_litreview"]
exclude_patterns = ["_build"]
