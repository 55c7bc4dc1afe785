"""How BibTeX titles read after LaTeX conversion, old converter against new.

    python benchmarks/latex_fidelity.py path/to/tugboat.bib [--show N]

The old converter is the hand-rolled one this project used before pylatexenc
(kept below, verbatim, for the comparison). A word is *lost* when a run of letters
written in the source, outside a command name, is missing from the output.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from sphinxcontrib_litreview.references.latex import LOGOS, latex_to_text

_FORMATTING = re.compile(
    r"\\(?:emph|textit|textbf|texttt|textsc|textrm|textsf|textsl|textup|textnormal"
    r"|mbox|text|url|mathrm|href\s*\{[^{}]*\})\s*(?=\{)"
)
_LEFTOVER_COMMAND = re.compile(r"\\[A-Za-z]+\*?\s?")
_ACCENTED_DOTLESS = re.compile(r"\\([\"'`^~=.uvHc])\s*(?:\{\s*\\([ij])\s*\}|\\([ij])\b)")


def old_latex_to_text(value: str) -> str:
    from pybtex.richtext import Text

    value = _FORMATTING.sub("", " ".join(value.split()))
    value = _ACCENTED_DOTLESS.sub(lambda m: f"\\{m[1]}{{{m[2] or m[3]}}}", value)
    try:
        text = Text.from_latex(value).render_as("text")
    except Exception:
        import codecs

        decoded: str = codecs.decode(value.encode(), "latex")
        text = decoded.replace("{", "").replace("}", "")
    return " ".join(_LEFTOVER_COMMAND.sub("", text).split())


# Letters not preceded by a backslash (command names) nor part of one.
_SOURCE_WORD = re.compile(r"(?<![\\A-Za-z])[A-Za-z]{2,}")
# Accent commands before a letter: "\'{e}t\'{e}" has no plain word "t".
_ACCENT = re.compile(
    r"\\(?:[\"'`^~=.]|[uvHckbdr](?![A-Za-z]))\s*\{?\s*(\\[ij]|[A-Za-z])\s*\}?"
)


_DIMENSION = re.compile(r"\\(?:kern|raise|lower|hskip)\s*[-+]?[\d.]+\s*(?:em|ex|pt)")
_LOGO = re.compile(r"\\([A-Za-z]+)")


def source_words(latex: str) -> list[str]:
    """The words a reader must find: the source's own, and the logos it names."""
    logos = [LOGOS[name].strip() for name in _LOGO.findall(latex) if LOGOS.get(name, "").strip()]
    latex = _DIMENSION.sub(" ", _ACCENT.sub("\x00", latex))
    latex = re.sub(r"\\(?:url|path|verb)\s*(\{[^{}]*\}|(.).*?\2)", " ", latex)  # verbatim
    latex = re.sub(r"\\(?:noopsort|SortNoop|sortnoop)\s*\{[^{}]*\}", " ", latex)
    return _SOURCE_WORD.findall(latex) + [logo for logo in logos if logo.isalpha()]


def titles(path: Path) -> list[tuple[str, str]]:
    from pybtex.database.input.bibtex import LowLevelParser, month_names
    from pybtex.utils import CaseInsensitiveDict

    parser = LowLevelParser(
        path.read_text(encoding="utf-8", errors="replace"),
        macros=CaseInsensitiveDict(month_names),
        handle_error=lambda error: None,
    )
    found = []
    for entry_type, body in parser:
        if entry_type.lower() in ("string", "preamble"):
            continue
        key, fields = body
        for name, parts in fields:
            if name.lower() == "title":
                found.append((key, "".join(parts)))
    return found


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__)
    arguments.add_argument("bib", type=Path)
    arguments.add_argument("--show", type=int, default=0, help="print N changed titles")
    options = arguments.parse_args()
    entries = titles(options.bib)
    started = time.perf_counter()
    new = [latex_to_text(title) for _key, title in entries]
    seconds = time.perf_counter() - started
    old = [old_latex_to_text(title) for _key, title in entries]
    changed = [i for i in range(len(entries)) if old[i] != new[i]]
    old_lost = [i for i in range(len(entries)) if lost(entries[i][1], old[i])]
    new_lost = [i for i in range(len(entries)) if lost(entries[i][1], new[i])]
    print(f"titles: {len(entries)}; converted in {seconds:.2f} s")
    print(f"changed by the new converter: {len(changed)}")
    print(f"titles losing a source word: old {len(old_lost)}, new {len(new_lost)}")
    for i in new_lost:
        print(f"  LOST {entries[i][0]}: {entries[i][1]!r} -> {new[i]!r}: {lost(entries[i][1], new[i])}")
    for i in changed[: options.show]:
        print(f"  {entries[i][0]}:\n    source {entries[i][1]!r}\n    old    {old[i]!r}\n    new    {new[i]!r}")
    return 1 if new_lost else 0


def lost(source: str, text: str) -> list[str]:
    # A substring, not a word: "{\\TeX}arcana" is written "TeXarcana".
    return [word for word in source_words(source) if word not in text]


if __name__ == "__main__":
    sys.exit(main())
