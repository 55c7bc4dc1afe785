"""Formatted title and venue text: the CSL-JSON rich-text subset, parsed safely.

A record's ``title`` and ``venue`` are *rich strings*: plain text in which exactly
these tags (as in CSL-JSON, Zotero and citeproc-js) mean formatting::

    <i>…</i>  <b>…</b>  <sup>…</sup>  <sub>…</sub>
    <span style="font-variant:small-caps;">…</span>  <span class="nocase">…</span>

Anything else — another tag, an attribute, an entity, a tag left open or closed
without being opened — is literal text, shown as written. There is no escape:
text that spells one of these tags *is* that tag. Tag names and attribute values
are matched case-insensitively, so a style that upper-cases a title keeps its markup.

Each consumer takes what it needs from one parse: :func:`rich_to_plain` for link
titles, hover text, search and export; :func:`rich_to_nodes` for pages;
:func:`rich_to_html` for HTML outside docutils; :func:`rich_to_latex` for BibTeX.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from docutils import nodes

#: Formatting kinds, named as CSL names them.
ITALIC = "i"
BOLD = "b"
SUPERSCRIPT = "sup"
SUBSCRIPT = "sub"
SMALL_CAPS = "small-caps"
NOCASE = "nocase"


@dataclass(frozen=True, slots=True)
class Span:
    """Formatted text: *kind* is one of the constants above."""

    kind: str
    children: tuple[RichPart, ...]


RichPart = Union[str, Span]  # noqa: UP007  # a runtime alias: `|` on a str and a class fails

_TAG = re.compile(
    r"""<(?P<open>i|b|sup|sub)>
      | <span\s+style\s*=\s*(?P<q1>["'])\s*font-variant\s*:\s*small-caps\s*;?\s*(?P=q1)\s*>
      | <span\s+class\s*=\s*(?P<q2>["'])\s*nocase\s*(?P=q2)\s*>
      | </(?P<close>i|b|sup|sub|span)\s*>""",
    re.IGNORECASE | re.VERBOSE,
)

#: The tag that opens each kind, as written out.
OPEN_TAGS = {
    ITALIC: "<i>",
    BOLD: "<b>",
    SUPERSCRIPT: "<sup>",
    SUBSCRIPT: "<sub>",
    SMALL_CAPS: '<span style="font-variant:small-caps;">',
    NOCASE: '<span class="nocase">',
}
CLOSE_TAGS = {
    ITALIC: "</i>",
    BOLD: "</b>",
    SUPERSCRIPT: "</sup>",
    SUBSCRIPT: "</sub>",
    SMALL_CAPS: "</span>",
    NOCASE: "</span>",
}


def _opened_kind(match: re.Match[str]) -> str | None:
    if match["open"]:
        return match["open"].lower()
    if match["q1"]:
        return SMALL_CAPS
    if match["q2"]:
        return NOCASE
    return None


def _closes(close: str, kind: str) -> bool:
    return close == kind or (close == "span" and kind in (SMALL_CAPS, NOCASE))


@functools.lru_cache(maxsize=4096)
def parse_rich(text: str) -> tuple[RichPart, ...]:
    """The parts of *text*: strings and :class:`Span` objects, in order."""
    # Each open frame: (kind, the tag as written, the parts collected inside it).
    root: list[RichPart] = []
    stack: list[tuple[str, str, list[RichPart]]] = []

    def add(part: RichPart) -> None:
        parts = stack[-1][2] if stack else root
        if isinstance(part, str) and parts and isinstance(parts[-1], str):
            parts[-1] += part
        elif part != "":
            parts.append(part)

    position = 0
    for match in _TAG.finditer(text):
        add(text[position : match.start()])
        position = match.end()
        kind = _opened_kind(match)
        if kind is not None:
            stack.append((kind, match.group(), []))
            continue
        close = match["close"].lower()
        if stack and _closes(close, stack[-1][0]):
            kind, _tag, parts = stack.pop()
            if parts:
                add(Span(kind, tuple(parts)))
        else:
            add(match.group())  # closes nothing open: literal text
    add(text[position:])
    # Tags never closed are literal text; what they held stays in place.
    while stack:
        _kind, tag, parts = stack.pop()
        add(tag)
        for part in parts:
            add(part)
    return tuple(root)


def _walk_text(parts: Iterable[RichPart]) -> Iterator[str]:
    for part in parts:
        if isinstance(part, str):
            yield part
        else:
            yield from _walk_text(part.children)


def rich_to_plain(text: str) -> str:
    """*text* without its formatting: for link titles, hover text, search and export."""
    if "<" not in text:
        return text
    return "".join(_walk_text(parse_rich(text)))


def plain_and_rich(text: str) -> tuple[str, str]:
    """(*text* as plain text, *text* as rich text or "" when it has no formatting):
    how an episode stores a title or venue (see ``model.Episode``)."""
    plain = rich_to_plain(text)
    return plain, (text if plain != text else "")


def serialize(parts: Iterable[RichPart]) -> str:
    """The rich string of *parts* (the inverse of :func:`parse_rich` for parsed input)."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        else:
            out.append(OPEN_TAGS[part.kind] + serialize(part.children) + CLOSE_TAGS[part.kind])
    return "".join(out)


def normalize_rich(text: str) -> str:
    """*text* with its tags in one spelling, empty and unmatched tags made text."""
    return serialize(parse_rich(text)) if "<" in text else text


# -- docutils -------------------------------------------------------------------------

#: The class of the inline node for small capitals (style it with `font-variant`).
SMALL_CAPS_CLASS = "small-caps"


def rich_to_nodes(text: str) -> list[nodes.Node]:
    """Docutils inline nodes for *text*: emphasis, strong, superscript, subscript,
    and ``inline`` with class ``small-caps``; ``nocase`` is plain text."""
    return _to_nodes(parse_rich(text))


def _to_nodes(parts: Iterable[RichPart]) -> list[nodes.Node]:
    from docutils import nodes

    result: list[nodes.Node] = []
    for part in parts:
        if isinstance(part, str):
            result.append(nodes.Text(part))
            continue
        children = _to_nodes(part.children)
        if part.kind == NOCASE:
            result.extend(children)
            continue
        element: nodes.Element
        if part.kind == ITALIC:
            element = nodes.emphasis()
        elif part.kind == BOLD:
            element = nodes.strong()
        elif part.kind == SUPERSCRIPT:
            element = nodes.superscript()
        elif part.kind == SUBSCRIPT:
            element = nodes.subscript()
        else:
            element = nodes.inline(classes=[SMALL_CAPS_CLASS])
        element.extend(children)
        result.append(element)
    return result


# -- HTML and LaTeX -----------------------------------------------------------------

_HTML_TAGS = {
    ITALIC: ("<em>", "</em>"),
    BOLD: ("<strong>", "</strong>"),
    SUPERSCRIPT: ("<sup>", "</sup>"),
    SUBSCRIPT: ("<sub>", "</sub>"),
    SMALL_CAPS: (f'<span class="{SMALL_CAPS_CLASS}">', "</span>"),
    NOCASE: ("", ""),
}


def rich_to_html(text: str) -> str:
    """HTML for *text*: every character of the text escaped, only known tags emitted."""
    return _to_html(parse_rich(text))


def _to_html(parts: Iterable[RichPart]) -> str:
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(html.escape(part, quote=True))
        else:
            start, end = _HTML_TAGS[part.kind]
            out.append(start + _to_html(part.children) + end)
    return "".join(out)


_LATEX_COMMANDS = {
    ITALIC: "\\textit{",
    BOLD: "\\textbf{",
    SUPERSCRIPT: "\\textsuperscript{",
    SUBSCRIPT: "\\textsubscript{",
    SMALL_CAPS: "\\textsc{",
    NOCASE: "{",
}


def rich_to_latex(text: str, escape: Callable[[str], str]) -> str:
    """LaTeX for *text*, each run of plain text passed through *escape*;
    ``nocase`` becomes braces, BibTeX's own case protection."""
    return _to_latex(parse_rich(text), escape)


def _to_latex(parts: Iterable[RichPart], escape: Callable[[str], str]) -> str:
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(escape(part))
        else:
            out.append(_LATEX_COMMANDS[part.kind] + _to_latex(part.children, escape) + "}")
    return "".join(out)

