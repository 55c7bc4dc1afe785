""""Did you mean …?" hints for unknown names, at a bounded cost.

``difflib`` against every known name is quadratic: 1,000 unknown references in a
10,000-episode review took over a minute. Names one edit apart (a letter added,
dropped, changed, or two swapped: most typos) are found instead through an index of
single-character deletions (the "symmetric delete" method); ``difflib`` is then only
asked to rank those few, or, when there are none, a capped set of names of about
the same length.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

#: Names ranked by difflib when no name is one edit away.
_FALLBACK_CANDIDATES = 100
_CUTOFF = 0.6


class Suggester:
    def __init__(self, names: Iterable[str]) -> None:
        self.names = sorted(set(names))
        self._deletions: dict[str, list[str]] | None = None
        self._by_length: dict[int, list[str]] | None = None
        self._memo: dict[str, str | None] = {}

    def closest(self, needle: str) -> str | None:
        if needle not in self._memo:
            self._memo[needle] = self._closest(needle)
        return self._memo[needle]

    def _closest(self, needle: str) -> str | None:
        if not needle or not self.names:
            return None
        candidates = self._one_edit_away(needle)
        if not candidates:
            candidates = self._similar_length(needle)
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(needle)
        best: tuple[float, str] | None = None
        for name in sorted(candidates):  # ties go to the first name in sort order
            matcher.set_seq1(name)
            if matcher.real_quick_ratio() < _CUTOFF or matcher.quick_ratio() < _CUTOFF:
                continue
            score = matcher.ratio()
            if score >= _CUTOFF and (best is None or score > best[0]):
                best = (score, name)
        return best[1] if best else None

    def _one_edit_away(self, needle: str) -> list[str]:
        if self._deletions is None:
            self._deletions = {}
            for name in self.names:
                for variant in _with_one_deleted(name) | {name}:
                    self._deletions.setdefault(variant, []).append(name)
        found: dict[str, None] = {}
        for variant in _with_one_deleted(needle) | {needle}:
            for name in self._deletions.get(variant, ()):
                if name != needle:
                    found[name] = None
        return list(found)

    def _similar_length(self, needle: str) -> list[str]:
        if self._by_length is None:
            self._by_length = {}
            for name in self.names:
                self._by_length.setdefault(len(name), []).append(name)
        picked: list[str] = []
        for delta in range(0, max(3, len(needle) // 2)):
            for length in {len(needle) - delta, len(needle) + delta}:
                picked += self._by_length.get(length, ())
            if len(picked) >= _FALLBACK_CANDIDATES:
                break
        # Names sharing the first character first: typos rarely start a word.
        picked.sort(key=lambda name: name[:1] != needle[:1])
        return picked[:_FALLBACK_CANDIDATES]


def _with_one_deleted(text: str) -> set[str]:
    return {text[:i] + text[i + 1 :] for i in range(len(text))}
