extensions = ["sphinxcontrib_litreview"]
exclude_patterns = ["_build"]
litreview_catalog = ["zotero.json", "refs.bib"]

