# CONF-SECRET-4f7a: this line must never reach the built site.
extensions = ["myst_parser", "sphinxcontrib_litreview"]
# The author's own pages may use all of these; catalog text gets none of them.
myst_enable_extensions = ["colon_fence", "substitution", "html_image", "dollarmath", "deflist"]
myst_substitutions = {"secret": "SUBSTITUTED-7c1d"}
exclude_patterns = ["_build"]
litreview_catalog = ["hostile.yaml"]
litreview_episode_id_pattern = r"H\d{3}"
