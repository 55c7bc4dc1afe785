"""Local Sphinx extensions used only to build this documentation."""
