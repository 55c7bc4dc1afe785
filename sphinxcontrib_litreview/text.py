"""Plain-text helpers shared by views, previews and export."""

from __future__ import annotations

import re
import unicodedata

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
        before = text[: match.start() + 1]
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


_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key putting E9 before E10."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in _DIGITS.split(text)
        if part
    )
