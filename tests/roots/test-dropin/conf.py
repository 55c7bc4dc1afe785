# An existing project: MyST and reST, a glossary with non-ASCII and mixed-case terms,
# intersphinx to Sphinx's own inventory (set by the test), and the warning settings
# such projects use. The test builds it without and with sphinxcontrib_litreview.
extensions = ["myst_parser", "sphinx.ext.intersphinx"]
exclude_patterns = ["_build"]
nitpicky = True
nitpick_ignore = [("std:term", "ignored term"), ("std:doc", "/usage/builders/index")]
suppress_warnings = ["ref.ref"]
