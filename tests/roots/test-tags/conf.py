extensions = ["myst_parser", "sphinxcontrib_litreview"]
myst_enable_extensions = ["colon_fence"]
litreview_catalog = ["episodes.yaml"]
litreview_tag_aliases = {"reinforcement-learning": "RL"}
