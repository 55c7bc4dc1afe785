"""A big episode index as ready-made HTML, for HTML builders.

As docutils nodes, a 5,000-row index is half a million objects to build, walk in
every post-transform and translate: about two seconds of every rebuild in which a
cited-by count changes. As a string it takes milliseconds. Sphinx renders its own
general and domain indices from data rather than nodes for the same reason.

The markup is what Sphinx's HTML writer makes of the node version of the table
(the tests compare the two), so themes style both alike; small tables keep the
node version, which also suits themes that rewrite tables in their translator.
"""

from __future__ import annotations

from collections.abc import Sequence

#: docutils' HTML writer escapes these (``@`` to thwart address harvesters).
_SPECIAL = {
    ord("&"): "&amp;", ord("<"): "&lt;", ord('"'): "&quot;", ord(">"): "&gt;", ord("@"): "&#64;",
}
_ATTRIBUTE_SPACE = str.maketrans("\n\r\t\v\f", "     ")


def text(value: str) -> str:
    return value.translate(_SPECIAL)


def attribute(value: str) -> str:
    return value.translate(_ATTRIBUTE_SPACE).translate(_SPECIAL)


def link_html(href: str, title: str, classes: str, label: str, label_classes: str) -> str:
    return (
        f'<a class="{classes} reference internal" href="{attribute(href)}" '
        f'title="{attribute(title)}"><span class="{label_classes}">{text(label)}</span></a>'
    )


def table_html(
    classes: Sequence[str],
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    header_classes: Sequence[str] = (),
    row_attributes: Sequence[str] = (),
) -> str:
    """A table as Sphinx's HTML writer writes it; *rows* hold cells already as HTML.

    *header_classes* go on the header cells, one each; *row_attributes* (HTML, one
    string per row) into the rows' start tags, as ``filtering.litreview_filter_row`` does.
    """
    out = [f'<table class="{" ".join(classes)} docutils align-default">\n<thead>\n']
    out.append('<tr class="row-odd">')
    head_classes = [f"head {c}" if c else "head" for c in header_classes] or ["head"] * len(headers)
    out.append("\n".join(
        f'<th class="{css}"><p>{text(h)}</p></th>' for css, h in zip(head_classes, headers, strict=True)
    ))
    out.append("\n</tr>\n</thead>\n<tbody>\n")
    for number, cells in enumerate(rows):
        parity = "even" if number % 2 == 0 else "odd"
        extra = row_attributes[number] if row_attributes else ""
        out.append(f'<tr class="row-{parity}"{extra}>')
        out.append("\n".join(f"<td><p>{cell}</p></td>" for cell in cells))
        out.append("\n</tr>\n")
    out.append("</tbody>\n</table>\n")
    return "".join(out)
