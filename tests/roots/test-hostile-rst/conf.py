# CONF-SECRET-4f7a: this line must never reach the built site.
extensions = ["sphinxcontrib_litreview"]
exclude_patterns = ["_build"]
litreview_catalog = ["hostile.yaml"]
litreview_episode_id_pattern = r"H\d{3}"
rst_prolog = ".. |secret| replace:: SUBSTITUTED-7c1d\n"
