"""References as researchers expect them: faithful BibTeX and CSL-JSON input,
rich text, citation styles, inline labels and bibliography exports.

Each module is usable on its own over :class:`~..catalog.records.CatalogRecord`
values; none of them needs a Sphinx application.
"""
