"""Filterable episode tables in HTML: the markup ``static/litreview-explore.js`` reads.

A filterable table sits in a ``div.litreview-filterable`` together with its
controls (filter box, tag and year facets, live count), which are written
``hidden`` and shown by the script: without JavaScript the reader gets the full
table and no dead controls. Each header cell names its column in a class
(``litreview-col-year``), each row carries in data attributes what the filter
searches but the table does not show (authors, venue) and what the facets select
on (tags, year). Labels are translated here, at build time; the script only reads
attributes, so no JavaScript is ever built from strings.

Both ways of writing a table (docutils nodes, and the ready-made HTML of
``html_table.py`` for big ones) use these functions, so their markup is the same.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..i18n import _, ngettext
from . import html_table

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from .data import EpisodeItem

CONTAINER_CLASS = "litreview-filterable"

#: Columns the table's sort option can name, by their column key.
SORTED_COLUMNS = {"id": "id", "year": "year", "title": "title", "citations": "cited-by"}


def in_browser(builder: Builder) -> bool:
    """Whether *builder* makes pages for browsers, which get the script, filterable tables
    and pictures: html, dirhtml, singlehtml and other HTML builders. Not epub: e-readers
    mostly run no scripts, and its pages are XHTML, which the controls' HTML is not."""
    return builder.format == "html" and not builder.name.startswith("epub")


def column_class(key: str) -> str:
    return f"litreview-col-{key}"


def row_attributes(item: EpisodeItem) -> str:
    """The row's data attributes, as HTML (empty ones left out)."""
    values = (
        ("data-year", "" if item.year is None else str(item.year)),
        ("data-tags", ",".join(item.tags)),  # a tag never holds a comma: they are split on it
        ("data-authors", "; ".join(item.authors)),
        ("data-venue", item.venue),
    )
    return "".join(f' {name}="{html_table.attribute(value)}"' for name, value in values if value)


def _tag_facet(items: Iterable[EpisodeItem]) -> list[tuple[str, str, int]]:
    """(value, label, count) per tag, A–Z. An item's tags are already one per tag, in
    the tag's display form (spellings and aliases merged, see tags.py). The value is
    that form in lower case, as the address shows it (``#tag=rl``); the script
    compares values and ``data-tags`` case- and accent-insensitively."""
    counts = Counter(tag for item in items for tag in item.tags)
    return [(tag.lower(), tag, counts[tag]) for tag in sorted(counts, key=lambda t: (t.casefold(), t))]


def _option(value: str, label: str) -> str:
    return f'<option value="{html_table.attribute(value)}">{html_table.text(label)}</option>'


def _select(facet: str, label: str, everything: str, options: list[str]) -> str:
    return (
        f'<label class="litreview-filter-facet"><span>{html_table.text(label)}</span> '
        f'<select data-facet="{facet}">{_option("", everything)}{"".join(options)}</select></label>\n'
    )


def controls_html(items: list[EpisodeItem], sort: str = "") -> str:
    """The filter controls of a table of *items* sorted by *sort* (a ``:sort:`` value)."""
    total = len(items)
    count_all = ngettext("%d episode", "%d episodes", total) % total
    # Translators: {shown} is replaced by the number of rows left by the filter.
    count_some = ngettext("{shown} of %d episode", "{shown} of %d episodes", total) % total
    label = _("Filter")
    placeholder = _("ID, title, author, venue, tag or year")
    parts = [
        '<div class="litreview-filter" hidden'
        f' data-count-all="{html_table.attribute(count_all)}"'
        f' data-count-some="{html_table.attribute(count_some)}"'
    ]
    if sort in SORTED_COLUMNS:
        parts.append(f' data-sorted="{SORTED_COLUMNS[sort]}"')
    parts.append(">\n")
    parts.append(
        f'<label class="litreview-filter-query"><span>{html_table.text(label)}</span> '
        f'<input type="search" autocomplete="off" spellcheck="false" '
        f'placeholder="{html_table.attribute(placeholder)}"></label>\n'
    )
    tags = _tag_facet(items)
    if tags:
        parts.append(_select("tag", _("Tag"), _("All tags"), [
            _option(value, f"{label} ({count})") for value, label, count in tags
        ]))
    years = Counter(item.year for item in items)
    dated = sorted((y for y in years if y is not None), reverse=True)
    if dated:
        options = [_option(str(y), f"{y} ({years[y]})") for y in dated]
        if years[None]:
            options.append(_option("none", f"{_('No year')} ({years[None]})"))
        parts.append(_select("year", _("Year"), _("All years"), options))
    reset = _("Clear filter")
    parts.append(
        f'<button type="button" class="litreview-filter-reset" hidden>{html_table.text(reset)}</button>\n'
        '<p class="litreview-filter-count" role="status" aria-live="polite"></p>\n'
        "</div>\n"
    )
    return "".join(parts)


def more_html() -> str:
    """What follows a long table: how many of the matching rows show, and buttons to
    show more. The script shows matching rows a page at a time: laying out thousands
    of rows takes a browser a second or more, far too long for a keystroke."""
    # Translators: {shown} and {matches} are replaced by numbers of rows.
    template = _("Showing {shown} of {matches}.")
    more, every = _("Show more"), _("Show all matches")
    return (
        f'<p class="litreview-filter-more" hidden data-template="{html_table.attribute(template)}">'
        '<span class="litreview-filter-shown"></span> '
        f'<button type="button" data-more="page">{html_table.text(more)}</button> '
        f'<button type="button" data-more="all">{html_table.text(every)}</button></p>\n'
    )


def filterable(controls: str, table: nodes.Node) -> nodes.container:
    """*table* with its *controls* (from :func:`controls_html`) in front and the
    paging line (:func:`more_html`) after it."""
    box = nodes.container(classes=[CONTAINER_CLASS])
    box += nodes.raw("", controls, format="html")
    box += table
    box += nodes.raw("", more_html(), format="html")
    return box


class litreview_filter_row(nodes.row):
    """A table row with data attributes in HTML (``attributes``: from :func:`row_attributes`);
    other formats write it as a plain row."""


def visit_filter_row(translator: Any, node: litreview_filter_row) -> None:
    # The translator's own visit_row keeps its row parity and theme tweaks; the data
    # attributes go into the start tag it wrote.
    translator.visit_row(node)
    start = translator.body[-1]
    if start.startswith("<tr") and start.endswith(">"):
        translator.body[-1] = start[:-1] + node["attributes"] + ">"


def depart_filter_row(translator: Any, node: litreview_filter_row) -> None:
    translator.depart_row(node)


def _plain_visit(translator: Any, node: nodes.Node) -> None:
    translator.visit_row(node)


def setup_filter(app: Sphinx) -> None:
    plain = (_plain_visit, depart_filter_row)
    app.add_node(
        litreview_filter_row,
        html=(visit_filter_row, depart_filter_row),
        latex=plain, text=plain, man=plain, texinfo=plain,
    )
