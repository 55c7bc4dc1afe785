# The theme comes from the test (html_theme override); alabaster by default.
project = "Themes"
extensions = ["myst_parser", "sphinxcontrib_litreview"]
myst_enable_extensions = ["colon_fence"]
