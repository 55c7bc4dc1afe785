extensions = ["sphinxcontrib_litreview"]
exclude_patterns = ["_build"]
litreview_catalog = ["works.json"]
litreview_citation_style = "apa"
litreview_episode_label = "author-year"
