"""CSL rich text: exactly the CSL subset is formatting; everything else is literal text."""

from __future__ import annotations

import pytest
from docutils import nodes

from sphinxcontrib_litreview.references.richtext import (
    Span,
    normalize_rich,
    parse_rich,
    rich_to_html,
    rich_to_latex,
    rich_to_nodes,
    rich_to_plain,
)

SMALL_CAPS = '<span style="font-variant:small-caps;">'


@pytest.mark.parametrize(
    ("rich", "plain"),
    [
        ("A <i>B</i> c", "A B c"),
        ("<b><i>both</i></b>", "both"),
        ("H<sub>2</sub>O and x<sup>2</sup>", "H2O and x2"),
        (f"{SMALL_CAPS}Sc</span>", "Sc"),
        ('<span class="nocase">iPhone</span>', "iPhone"),
        ("<I>upper</I>", "upper"),  # a style that upper-cases a title keeps its markup
        ("<span style='font-variant: small-caps'>sc</span>", "sc"),
        # Not in the subset: literal text.
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ('<i onclick="x()">a</i>', '<i onclick="x()">a</i>'),
        ('<span style="color:red">r</span>', '<span style="color:red">r</span>'),
        ("<a href='javascript:x'>l</a>", "<a href='javascript:x'>l</a>"),
        ("&amp; &lt;", "&amp; &lt;"),  # no entities: CSL-JSON text is not HTML
        # Unbalanced: the stray tag is text.
        ("<i>open", "<i>open"),
        ("close</i>", "close</i>"),
        ("a < b > c", "a < b > c"),
    ],
)
def test_plain_text(rich: str, plain: str) -> None:
    assert rich_to_plain(rich) == plain


def test_parse_tree() -> None:
    assert parse_rich(f"a <i>b {SMALL_CAPS}c</span></i>") == (
        "a ",
        Span("i", ("b ", Span("small-caps", ("c",)))),
    )
    # Crossed tags: the inner close does not match the open <i>, so <i> stays text.
    assert parse_rich("<i>a<b>b</i>c</b>") == ("<i>a", Span("b", ("b</i>c",)))


def test_html_escapes_everything_but_the_subset() -> None:
    html = rich_to_html('<i>x</i> & <script>alert("1")</script> ' f"{SMALL_CAPS}s</span>")
    assert html == (
        '<em>x</em> &amp; &lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt; '
        '<span class="small-caps">s</span>'
    )


def test_docutils_nodes() -> None:
    parts = rich_to_nodes(
        f'<i>a</i><b>b</b><sup>c</sup><sub>d</sub>{SMALL_CAPS}e</span><span class="nocase">f</span>'
        "<img src=x>"
    )
    kinds = [type(part).__name__ for part in parts]
    assert kinds == ["emphasis", "strong", "superscript", "subscript", "inline", "Text", "Text"]
    assert parts[4]["classes"] == ["small-caps"]
    assert [part.astext() for part in parts] == ["a", "b", "c", "d", "e", "f", "<img src=x>"]
    assert all(not isinstance(part, nodes.raw) for part in parts)


def test_normalize_and_latex() -> None:
    assert normalize_rich("<I>x</I><i></i> <b>open") == "<i>x</i> <b>open"
    latex = rich_to_latex('<i>x</i> <span class="nocase">RL</span> 50%', lambda t: t.replace("%", r"\%"))
    assert latex == r"\textit{x} {RL} 50\%"
