"""Plain-text helpers shared by views, previews and export."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.util import docname_join

from .compat import std_domain
from .nodes import litreview_view

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

# A sentence ends at . ! ? (optionally followed by a closing quote/bracket) and white space,
# but not after common abbreviations or initials ("et al.", "e.g.", "J.").
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[A-Z0-9\"'(\[])")
_ABBREVIATIONS = ("et al.", "e.g.", "i.e.", "vs.", "cf.", "Fig.", "Eq.", "approx.", "etc.")


def squash(text: str) -> str:
    return " ".join(text.split())


def first_sentences(text: str, count: int = 1, limit: int = 300) -> str:
    """The first *count* sentences of *text*, cut at *limit* characters on a word boundary."""
    text = squash(text)
    if not text:
        return ""
    end = 0
    found = 0
    for match in _SENTENCE_END.finditer(text):
        # The match starts right after the full stop: what precedes it ends with it.
        before = text[: match.start()]
        if before.endswith(_ABBREVIATIONS) or re.search(r"\b[A-Z]\.$", before):
            continue
        end = match.start()
        found += 1
        if found == count:
            break
    sentence = text[: end + 1].rstrip() if found == count else text
    if len(sentence) > limit:
        cut = sentence[:limit].rsplit(" ", 1)[0]
        sentence = cut.rstrip(",;:") + "…"
    return sentence


def first_sentence(text: str) -> str:
    return first_sentences(text, 1)


def index_letter(name: str) -> str:
    """The A–Z heading a term is listed under (accents folded, digits and symbols under '#')."""
    for char in name:
        base = unicodedata.normalize("NFKD", char)[0].upper()
        if base.isalpha():
            return base if "A" <= base <= "Z" else char.upper()
        if base.isdigit() or not base.isspace():
            return "#"
    return "#"


_DIGITS = re.compile(r"([0-9]+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key putting E9 before E10."""
    return tuple(
        # isdecimal, not isdigit: "²" is a digit that int() refuses.
        (0, int(part)) if part.isdecimal() else (1, part.casefold())
        for part in _DIGITS.split(text)
        if part
    )


# -- plain text of parsed markup -------------------------------------------------------

# A reference whose text Sphinx fills in only when resolving (a `doc` or `ref` without
# explicit text) is kept as a placeholder until every page is read, so a definition
# does not show the raw target ("/usage/builders/index") in previews and titles.
# (Not \x1f or other separators: str.split() takes those for white space.)
_PLACEHOLDER = re.compile("\x00(doc|ref):([^\x00]*)\x00")
_LATE_TEXT_ROLES = ("doc", "ref")


def nodes_text(body: Iterable[nodes.Node]) -> str:
    """The plain text of parsed markup, for previews, link titles and the export."""
    parts: list[str] = []
    for node in body:
        _collect_text(node, parts)
        parts.append(" ")
    return squash("".join(parts))


def _collect_text(node: nodes.Node, parts: list[str]) -> None:
    if isinstance(node, nodes.Text):
        parts.append(node.astext())
        return
    if isinstance(node, nodes.system_message | nodes.comment | nodes.raw | nodes.Invisible):
        return
    if isinstance(node, litreview_view):
        return
    if (
        isinstance(node, addnodes.pending_xref)
        and node.get("refdomain") == "std"
        and node.get("reftype") in _LATE_TEXT_ROLES
        and not node.get("refexplicit")
    ):
        target = str(node["reftarget"])
        if node["reftype"] == "doc":
            target = docname_join(str(node.get("refdoc", "")), target)
        parts.append(f"\x00{node['reftype']}:{target}\x00")
        return
    if isinstance(node, nodes.Element):
        block = isinstance(node, nodes.Structural | nodes.Body)
        for child in node.children:
            _collect_text(child, parts)
        if block:
            parts.append(" ")


def resolve_text(text: str, env: BuildEnvironment) -> str:
    """*text* with the placeholders of :func:`nodes_text` replaced by what Sphinx shows."""
    if "\x00" not in text:
        return text

    def shown(match: re.Match[str]) -> str:
        kind, target = match.groups()
        if kind == "doc":
            title = env.titles.get(target)
            return title.astext() if title is not None else target
        label = std_domain(env).labels.get(target.lower())
        return label[2] if label and label[2] else target

    return squash(_PLACEHOLDER.sub(shown, text))
