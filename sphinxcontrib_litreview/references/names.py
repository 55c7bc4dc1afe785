"""Personal names as records hold them: ``"Family, Given"``, ``"Family, Given, Suffix"``,
or a name without a comma, kept whole (an organisation: ``"The Reasoning Team"``).

Every reader writes names this way (BibTeX's ``von Last, Jr, First`` becomes
``"von Last, First, Jr"``; CSL's particles join the family name), so labels, styles
and exports split them back with :func:`split_name` alone.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Name:
    family: str = ""
    given: str = ""
    suffix: str = ""
    #: The whole name, for names written without a comma (organisations, mononyms).
    literal: str = ""

    @property
    def short(self) -> str:
        """What an author-year label shows: the family name, or the whole literal name."""
        return self.literal or self.family


def split_name(name: str) -> Name:
    parts = [part.strip() for part in name.split(",")]
    if len(parts) == 1:
        return Name(literal=parts[0])
    family, given = parts[0], parts[1]
    suffix = ", ".join(part for part in parts[2:] if part)
    if not family:
        return Name(literal=name.strip(" ,"))
    return Name(family=family, given=given, suffix=suffix)


#: What a truncated name list ends with instead of a person ("Doe, Jane; et al.",
#: BibTeX's "and others"): the styles say "et al." themselves, by their own rules.
_NOT_A_PERSON = frozenset({"et al.", "et al", "others", "et. al."})


def is_person(name: str) -> bool:
    return " ".join(name.split()).casefold() not in _NOT_A_PERSON
