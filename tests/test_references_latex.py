"""LaTeX in BibTeX fields becomes faithful text: logos, accents, math, emphasis, no lost words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sphinxcontrib_litreview.references.latex import (
    expand_macros,
    latex_to_rich,
    latex_to_text,
    preamble_macros,
)

DATA = Path(__file__).resolve().parent / "data" / "references"


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        # TeX logos are words (the hand-rolled converter deleted them).
        (r"Publishing \& \TeX", "Publishing & TeX"),
        (r"The format of {\TeX}'s {DVI} files", "The format of TeX's DVI files"),
        (r"\LaTeX\ and \BibTeX", "LaTeX and BibTeX"),
        (r"{\AmSTeX}, \LaTeXe{} and \MF", "AMS-TeX, LaTeX2ε and METAFONT"),
        # As in TeX, a command word eats the space after it.
        (r"How to get the latest news via \TeX hax", "How to get the latest news via TeXhax"),
        (r"\dots and \ldots", "…and …"),
        # Accents, including on a dotless i or j.
        (r"M{\"u}ller and Cort\'{e}s", "Müller and Cortés"),
        (r"Na\"{\i}ve and \'{\j}", "Naïve and j\u0301"),
        (r"\c{c}a, \ss{}, \o{}, \AA{}, \v{s}", "ça, ß, ø, Å, š"),
        (r"{RL} and {LLMs}", "RL and LLMs"),
        (r"50\% -- x --- y", "50% – x — y"),
        # Math keeps its symbols, and operators their space.
        (r"An $O(n \log n)$ sort", "An O(n log n) sort"),
        (r"$\alpha \le \beta$", "α≤β"),
        # BibTeX's sorting trick prints nothing, as in LaTeX.
        (r"{\noopsort{1973b}}1973", "1973"),
        # Commands nobody defined keep their text: the argument, else the name.
        (r"\acro{CTAN} on \VAX/VMS", "CTAN on VAX/VMS"),
        (r"\foo{bar} baz", "bar baz"),
        (r"\texttt{code} and \mbox{box}", "code and box"),
        # Spacing and TeX primitives leave no junk.
        (r"DVIto\kern-.15em VDU", "DVItoVDU"),
        (r"PC\thinspace\TeX", "PC TeX"),
        (r"{\tt\char`\\special} issues", r"\special issues"),
        # Verbatim arguments: a URL's % is not a comment.
        (r"\url{https://example.org/a_b%20c}", "https://example.org/a_b%20c"),
        (r"\href{https://example.org}{the site}", "the site"),
        # Never a file read.
        (r"\input{/etc/hostname} x", "x"),
        (r"unbalanced {brace", "unbalanced brace"),
    ],
)
def test_latex_to_text(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text


@pytest.mark.parametrize(
    ("latex", "rich"),
    [
        (r"\emph{very} \textit{it}", "<i>very</i> <i>it</i>"),
        (r"\textbf{bold} and {\bf b}", "<b>bold</b> and <b>b</b>"),
        (r"{\it Umlaut\/}s", "<i>Umlaut</i>s"),
        (r"\textsc{Small} {\sc caps}", '<span style="font-variant:small-caps;">Small</span> '
         '<span style="font-variant:small-caps;">caps</span>'),
        (r"4\textsuperscript{th} and H\textsubscript{2}O", "4<sup>th</sup> and H<sub>2</sub>O"),
        (r"{\em a {\em b}} c", "<i>a <i>b</i></i> c"),
        (r"{\tt typewriter} stays text", "typewriter stays text"),
    ],
)
def test_emphasis_becomes_rich_text(latex: str, rich: str) -> None:
    assert latex_to_rich(latex) == rich


def test_abstract_keeps_paragraphs() -> None:
    text = latex_to_text("First \\emph{one}\n   line.\n\n  Second.", paragraphs=True)
    assert text == "First one line.\n\nSecond."


def test_preamble_definitions_expand() -> None:
    # xampl.bib's own @preamble: its years and keys rely on these.
    macros = preamble_macros(
        r"\newcommand{\noopsort}[1]{} \newcommand{\printfirst}[2]{#1} "
        r"\newcommand{\switchargs}[2]{#2#1} \def\TUB{TUGboat} \newcommand\x{X}"
    )
    assert macros["switchargs"] == (2, "#2#1")
    assert latex_to_text(r"{\noopsort{1973a}}{\switchargs{--90}{1968}}", macros) == "1968–90"
    assert latex_to_text(r"Kn{\printfirst{v}{1987}}", macros) == "Knv"
    assert latex_to_text(r"\TUB\ and \x", macros) == "TUGboat and X"


def test_a_definition_that_expands_to_itself_stops() -> None:
    macros = preamble_macros(r"\def\loop{\loop\loop}")
    assert len(expand_macros(r"\loop", macros)) < 10_000


# Letters in the source that are not part of a command name, with accents and
# dimensions taken out ("\'{e}t\'{e}" has no plain word "t", "\kern-.1em" no "em").
_ACCENT = re.compile(r"\\(?:[\"'`^~=.]|[uvHckbdr](?![A-Za-z]))\s*\{?\s*(\\[ij]|[A-Za-z])\s*\}?")
_DIMENSION = re.compile(r"\\(?:kern|raise|lower|hskip)\s*[-+]?[\d.]+\s*(?:em|ex|pt)")
_VERBATIM = re.compile(r"\\(?:url|path|verb)\s*(\{[^{}]*\}|(.).*?\2)|\\char`\\?.")
_WORD = re.compile(r"(?<![\\A-Za-z])[A-Za-z]{2,}")
_LOGO = re.compile(r"\\(TeX|LaTeX|BibTeX|MF|AmSTeX)(?![A-Za-z])")
_LOGO_TEXT = {"TeX": "TeX", "LaTeX": "LaTeX", "BibTeX": "BibTeX", "MF": "METAFONT", "AmSTeX": "AMS-TeX"}


def _titles(path: Path) -> list[tuple[str, str]]:
    text = path.read_text(encoding="utf-8")
    return [
        (match[1], match[2])
        for match in re.finditer(r"@Article\{([^,]+),.*?\n\s*title\s*=\s*\"(.*?)\",\n", text, re.S)
    ]


def test_no_tugboat_title_loses_a_word() -> None:
    titles = _titles(DATA / "tugboat-slice.bib")
    assert len(titles) == 130
    for key, title in titles:
        text = latex_to_text(title)
        source = _DIMENSION.sub(" ", _ACCENT.sub(" ", _VERBATIM.sub(" ", title)))
        words = _WORD.findall(source) + [_LOGO_TEXT[name] for name in _LOGO.findall(title)]
        missing = [word for word in words if word not in text]
        assert not missing, (key, title, text, missing)
        assert "{" not in text and "}" not in text, (key, text)


def test_tugboat_titles_that_lost_words_before() -> None:
    titles = dict(_titles(DATA / "tugboat-slice.bib"))
    assert latex_to_text(titles["Swanson:TB1-1-7"]) == "Publishing & TeX"
    assert latex_to_text(titles["Fuchs:TB1-1-17"]) == "The format of TeX's DVI files"
    assert latex_to_text(titles["Kim:TB2-1-10"]) == "Update on Pascal METAFONT"
    assert latex_to_text(titles["Trevorrow:TB7-1-25"]) == "DVItoVDU: A TeX page previewer"
    assert latex_to_rich(titles["Beccari:TB15-1-21"]) == (
        "Gianni Gilardi, <i>Il TeX — Introduzione al linguaggio e complementi avanzati</i>"
    )


def test_a_less_than_sign_in_the_source_is_text() -> None:
    # An abstract about HTML: its '<i>' is text, only \emph makes formatting.
    assert latex_to_text(r"The <i>old</i> element and \emph{x} < y") == "The <i>old</i> element and x < y"
    assert latex_to_rich(r"\emph{x} < y") == "<i>x</i> < y"
    assert latex_to_text(r"\url{https://example.org/?a=<b>}") == "https://example.org/?a=<b>"
