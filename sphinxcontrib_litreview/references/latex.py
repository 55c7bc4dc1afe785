"""LaTeX in BibTeX fields → rich text (see :mod:`.richtext`) or plain text.

pylatexenc's ``LatexNodes2Text`` does the parsing and knows accents, symbols and
math; this module configures it for bibliographies:

- TeX-world logos (``\\TeX``, ``\\LaTeX``, ``\\BibTeX``, ``\\MF`` …) are words, not
  deletions;
- ``\\emph``, ``\\textit``, ``\\textbf``, ``\\textsc``, ``\\textsuperscript``,
  ``\\textsubscript`` and the declarations ``{\\it …}``, ``{\\bf …}``, ``{\\sc …}``
  become rich-text formatting;
- a command nobody defined keeps its text: its argument when it has one
  (``\\acro{CTAN}`` → CTAN), else its own name (``\\VAX`` → VAX), so no word is lost;
- ``\\noopsort{…}`` (BibTeX's sorting trick) prints nothing, as in LaTeX;
- as in TeX, a command word eats the space after it (``\\TeX hax`` → TeXhax), except
  an unknown one, whose name is only a guess at a word;
- ``\\url``, ``\\path`` and ``\\verb`` arguments are verbatim.

Nothing here reads files: ``\\input`` and ``\\include`` print nothing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

from . import richtext

#: Logos and abbreviations defined by the TeX world's classes and by TUGboat's macros.
LOGOS: dict[str, str] = {
    "TeX": "TeX",
    "LaTeX": "LaTeX",
    "LaTeXe": "LaTeX2ε",
    "LaTeXTeX": "(La)TeX",
    "AllTeX": "(La)TeX",
    "BibTeX": "BibTeX",
    "slBibTeX": "BibTeX",
    "BibLaTeX": "BibLaTeX",
    "AmS": "AMS",
    "AMS": "AMS",
    "AmSTeX": "AMS-TeX",
    "AMSTeX": "AMS-TeX",
    "AmSLaTeX": "AMS-LaTeX",
    "AMSLaTeX": "AMS-LaTeX",
    "MF": "METAFONT",
    "slMF": "METAFONT",
    "METAFONT": "METAFONT",
    "MP": "MetaPost",
    "METAPOST": "MetaPost",
    "MetaPost": "MetaPost",
    "eTeX": "ε-TeX",
    "pdfTeX": "pdfTeX",
    "pdfLaTeX": "pdfLaTeX",
    "XeTeX": "XeTeX",
    "XeLaTeX": "XeLaTeX",
    "LuaTeX": "LuaTeX",
    "LuaLaTeX": "LuaLaTeX",
    "ConTeXt": "ConTeXt",
    "PiCTeX": "PiCTeX",
    "SliTeX": "SliTeX",
    "TeXLive": "TeX Live",
    "TUB": "TUGboat",
    "tubissue": "TUGboat",
    "CONTEXT": "ConTeXt",
    "TUG": "TUG",
    "PS": "PostScript",
    "bs": "\\",
    "Dash": " — ",
    "dash": " — ",
    # Text-mode names of LaTeX's special characters (the BibTeX export writes these).
    "textasciicircum": "^",
    "textasciitilde": "~",
    "textbackslash": "\\",
    "textbraceleft": "{",
    "textbraceright": "}",
    "textless": "<",
    "textgreater": ">",
    "textbar": "|",
    "textunderscore": "_",
    "copyright": "©",
    "textregistered": "®",
    "texttrademark": "™",
}

# Italic, bold, small capitals: the commands taking an argument, then the declarations.
_FORMATTING_COMMANDS = {
    "emph": richtext.ITALIC,
    "textit": richtext.ITALIC,
    "textsl": richtext.ITALIC,
    "textbf": richtext.BOLD,
    "textsc": richtext.SMALL_CAPS,
    "textsuperscript": richtext.SUPERSCRIPT,
    "textsubscript": richtext.SUBSCRIPT,
}
_DECLARATIONS = {
    "it": richtext.ITALIC,
    "itshape": richtext.ITALIC,
    "em": richtext.ITALIC,
    "sl": richtext.ITALIC,
    "slshape": richtext.ITALIC,
    "bf": richtext.BOLD,
    "bfseries": richtext.BOLD,
    "sc": richtext.SMALL_CAPS,
    "scshape": richtext.SMALL_CAPS,
    "smc": richtext.SMALL_CAPS,
    "SMC": richtext.SMALL_CAPS,
    "SC": richtext.SMALL_CAPS,
    "slc": richtext.SMALL_CAPS,
    # Families and shapes that plain text cannot show: the text stays, unformatted.
    "tt": "",
    "ttfamily": "",
    "rm": "",
    "rmfamily": "",
    "sf": "",
    "sffamily": "",
    "ssf": "",
    "up": "",
    "upshape": "",
    "normalfont": "",
    "md": "",
    "mdseries": "",
    "small": "",
    "footnotesize": "",
    "large": "",
    "Large": "",
    "manual": "",  # METAFONT's logo font
}
# Commands whose argument is not text (or is printed nowhere).
_SILENT_WITH_ARGUMENT = ("noopsort", "SortNoop", "sortnoop", "noop", "hyphenation", "label")
# Commands without output that TeX uses for spacing and grouping.
_SILENT = (
    "relax", "protect", "noindent", "newblock", "null", "unskip", "ignorespaces", "nobreak",
    "hfill", "hfil", "vfill", "break", "allowbreak", "linebreak", "nolinebreak", "strut",
    "mbox", "hbox", "smash", "llap", "rlap", "phantom", "special", "kern", "raise", "lower",
    "hskip", "vskip", "penalty", "displaystyle", "textstyle", "scriptstyle", "bgroup",
    "egroup", "begingroup", "endgroup", "frenchspacing", "nonfrenchspacing", "xspace",
    "input", "include",
)
# Spacing commands print a space.
_SPACES = ("thinspace", "enspace", "enskip", "quad", "qquad", "space", "nobreakspace")
# Dimensions TeX reads after some commands: "\\kern-.15em", "\\raise .25ex".
_DIMENSION = re.compile(
    r"\\(?:kern|mkern|hskip|vskip|mskip|raise|lower|hspace\*?|vspace\*?)"
    r"\s*\{?\s*[-+]?\s*(?:\d+\.?\d*|\.\d+)\s*(?:em|ex|pt|mu|cm|mm|in|bp|pc|sp|dd|cc)\s*\}?"
    r"(?:\s*plus\s*[-+]?[\d.]+\s*(?:em|ex|pt|fil+)?)?(?:\s*minus\s*[-+]?[\d.]+\s*(?:em|ex|pt|fil+)?)?"
)
# "\\char`\\\\" (TeX for the backslash character), \\char'134, \\char"5C, \\char92.
_CHAR = re.compile(r"\\char\s*(?:`\\?(?P<letter>.)|'(?P<octal>[0-7]+)|\"(?P<hex>[0-9A-Fa-f]+)|(?P<decimal>\d+))")
# Arguments that are verbatim: a URL's '%' or '_' is not LaTeX.
_VERBATIM = re.compile(
    r"\\(?:url|nolinkurl)\s*\{(?P<braced>[^{}]*)\}"
    r"|\\(?:path|verb)\*?(?P<delim>[^\w\s{])(?P<delimited>.*?)(?P=delim)"
)
# Private-use code points stand in for verbatim text while the rest is parsed, and
# for the source's "<", which is text: only the formatting commands make tags.
_PLACEHOLDER_BASE = 0xF0000
_PLACEHOLDER = re.compile("[\U000f0000-\U000ffffc]")
_LESS_THAN = "\U000ffffd"
_PRIVATE = re.compile("[\U000f0000-\U000ffffd]")


#: Commands a file defines in its ``@preamble``: name → (number of arguments, body).
Macros = Mapping[str, tuple[int, str]]


def latex_to_rich(value: str, macros: Macros | None = None) -> str:
    """Rich text (one line) for the LaTeX of a BibTeX field such as a title."""
    if macros:
        value = expand_macros(value, macros)
    return _convert(" ".join(value.split())).replace(_LESS_THAN, "<")


def latex_to_text(value: str, macros: Macros | None = None, *, paragraphs: bool = False) -> str:
    """Plain text for the LaTeX of a BibTeX field; with *paragraphs*, blank lines stay."""
    if paragraphs:
        return "\n\n".join(
            latex_to_text(part, macros) for part in re.split(r"\n\s*\n", value) if part.strip()
        )
    if macros:
        value = expand_macros(value, macros)
    # The source's own "<" is text, never the start of a rich-text tag.
    return richtext.rich_to_plain(_convert(" ".join(value.split()))).replace(_LESS_THAN, "<")


# -- @preamble definitions -------------------------------------------------------------

_DEFINITION = re.compile(
    r"\\(?:(?:re)?newcommand|providecommand|DeclareRobustCommand)\*?\s*"
    r"(?:\{\s*\\(?P<name>[A-Za-z]+)\s*\}|\\(?P<bare>[A-Za-z]+))\s*(?:\[(?P<count>\d)\])?\s*\{"
    r"|\\def\s*\\(?P<defname>[A-Za-z]+)(?P<params>(?:#\d)*)\s*\{"
)
#: Expansion rounds at most: a definition that expands to itself must not hang a build.
_MAX_EXPANSIONS = 200


def preamble_macros(preamble: str) -> dict[str, tuple[int, str]]:
    """The commands a BibTeX ``@preamble`` defines with ``\\newcommand`` or ``\\def``."""
    macros: dict[str, tuple[int, str]] = {}
    for match in _DEFINITION.finditer(preamble):
        body = _braced(preamble, match.end() - 1)
        if body is None:
            continue
        name = match["name"] or match["bare"] or match["defname"]
        count = int(match["count"] or 0) if match["defname"] is None else len(match["params"]) // 2
        macros[name] = (count, body[0])
    return macros


def expand_macros(value: str, macros: Macros) -> str:
    """*value* with the uses of *macros* replaced by their bodies, arguments substituted."""
    if "\\" not in value:
        return value
    use = re.compile(r"\\(" + "|".join(map(re.escape, sorted(macros, key=len, reverse=True))) + r")(?![A-Za-z])")
    for _round in range(_MAX_EXPANSIONS):
        match = use.search(value)
        if match is None:
            break
        count, body = macros[match.group(1)]
        position = match.end()
        arguments = []
        for _ in range(count):
            while position < len(value) and value[position].isspace():
                position += 1
            if position >= len(value):
                break
            group = _braced(value, position) if value[position] == "{" else None
            if group is not None:
                arguments.append(group[0])
                position = group[1]
            else:
                arguments.append(value[position])
                position += 1
        expansion = _substitute(body, arguments)
        value = value[: match.start()] + "{" + expansion + "}" + value[position:]
    return value


def _substitute(body: str, arguments: list[str]) -> str:
    def argument(match: re.Match[str]) -> str:
        number = int(match[1])
        return arguments[number - 1] if 0 < number <= len(arguments) else ""

    return re.sub(r"#(\d)", argument, body)


def _braced(text: str, start: int) -> tuple[str, int] | None:
    """(content, end) of the balanced group opening at *start*; None if it never closes."""
    depth = 0
    for position in range(start, len(text)):
        char = text[position]
        if char == "\\":
            continue
        if char == "{" and (position == 0 or text[position - 1] != "\\"):
            depth += 1
        elif char == "}" and text[position - 1] != "\\":
            depth -= 1
            if depth == 0:
                return text[start + 1 : position], position + 1
    return None


@functools.lru_cache(maxsize=8192)
def _convert(value: str) -> str:
    value = _PRIVATE.sub("", value).replace("<", _LESS_THAN)
    if "\\" not in value and "{" not in value and "$" not in value and "~" not in value:
        # Most names, venues and numbers: nothing for LaTeX to do but dashes.
        text = _dashes(value)
    else:
        verbatim: list[str] = []

        def hold(match: re.Match[str]) -> str:
            verbatim.append(match["braced"] if match["braced"] is not None else match["delimited"])
            return chr(_PLACEHOLDER_BASE + len(verbatim) - 1)

        def hold_char(match: re.Match[str]) -> str:
            if match["letter"] is not None:
                verbatim.append(match["letter"])
            else:
                base, digits = next(
                    (b, match[g]) for b, g in ((8, "octal"), (16, "hex"), (10, "decimal")) if match[g]
                )
                code = int(digits, base)
                verbatim.append(chr(code) if code < 0x110000 else "")
            return chr(_PLACEHOLDER_BASE + len(verbatim) - 1)

        held = _VERBATIM.sub(hold, value)
        held = _CHAR.sub(hold_char, _DIMENSION.sub("", held))
        try:
            text = _converter()(held)
        except Exception:
            # pylatexenc is tolerant, but a field is never worth a traceback: decode
            # accents alone and drop the braces rather than lose the field.
            text = _fallback(held)
        text = _PLACEHOLDER.sub(lambda m: verbatim[ord(m.group()) - _PLACEHOLDER_BASE], text)
    return " ".join(richtext.normalize_rich(text).split())


def _dashes(text: str) -> str:
    # What pylatexenc does to -- and --- in the text it parses.
    return text.replace("---", "—").replace("--", "–")


def _fallback(value: str) -> str:
    import codecs

    try:
        decoded: str = codecs.decode(value.encode(), "ulatex")
    except Exception:
        decoded = value
    return decoded.replace("{", "").replace("}", "")


@functools.cache
def _converter() -> Any:
    from pylatexenc import latexwalker
    from pylatexenc.latex2text import MacroTextSpec, get_default_latex_context_db
    from pylatexenc.macrospec import MacroSpec

    walker_context = latexwalker.get_default_latex_context_db()
    walker_context.add_context_category(
        "litreview-bibtex",
        prepend=True,
        macros=[
            *(MacroSpec(name, "{") for name in _FORMATTING_COMMANDS),
            *(MacroSpec(name, "{") for name in _SILENT_WITH_ARGUMENT),
            MacroSpec("href", "{{"),
            MacroSpec("acro", "{"),
        ],
    )
    text_context = get_default_latex_context_db()
    text_context.add_context_category(
        "litreview-bibtex",
        prepend=True,
        macros=[
            *(MacroTextSpec(name, simplify_repl=text) for name, text in LOGOS.items()),
            *(
                MacroTextSpec(name, simplify_repl=_format_argument(kind))
                for name, kind in _FORMATTING_COMMANDS.items()
            ),
            *(MacroTextSpec(name, simplify_repl="") for name in _SILENT_WITH_ARGUMENT),
            MacroTextSpec("href", simplify_repl=lambda node, l2tobj: l2tobj.node_arg_to_text(node, 1)),
            # Known to the parser with their argument, so the argument is what shows.
            *(MacroTextSpec(name, discard=False) for name in ("acro", "mbox", "hbox", "text")),
        ],
    )
    converter = _make_converter_class()(
        latex_context=text_context,
        math_mode="text",
        # Keep the spaces the source has between constructs ("\\'e t\\'e" is two words).
        strict_latex_spaces={
            "between-macro-and-chars": False,
            "between-latex-constructs": True,
            "after-comment": False,
            "in-equations": None,
        },
    )
    return functools.partial(
        converter.latex_to_text, latex_context=walker_context, tolerant_parsing=True
    )


def _format_argument(kind: str) -> Any:
    # pylatexenc passes the converter only to a parameter named 'l2tobj'.
    def format_node(node: Any, l2tobj: Any) -> str:
        return _wrap(kind, l2tobj.node_arg_to_text(node, 0))

    return format_node


def _wrap(kind: str, text: str) -> str:
    if not kind or not text.strip():
        return text
    return richtext.OPEN_TAGS[kind] + text + richtext.CLOSE_TAGS[kind]


def _make_converter_class() -> type:
    from pylatexenc import latexwalker
    from pylatexenc.latex2text import LatexNodes2Text

    class BibTeXText(LatexNodes2Text):  # type: ignore[misc]
        """LatexNodes2Text that keeps words, spaces and font declarations."""

        _math = 0

        def read_input_file(self, fn: str) -> str:
            return ""  # never read a file named in a catalog

        def math_node_to_text(self, node: Any) -> str:
            self._math += 1
            try:
                return str(super().math_node_to_text(node))
            finally:
                self._math -= 1

        def macro_node_to_text(self, node: Any) -> str:
            if self.latex_context.get_macro_spec(node.macroname) is None:
                # Unknown to the text rules but parsed with arguments: show them all.
                return "".join(self.node_arg_to_text(node, i) for i in range(_argument_count(node)))
            return str(super().macro_node_to_text(node))

        def nodelist_to_text(self, nodelist: list[Any]) -> str:
            out: list[str] = []
            nodes = [node for node in nodelist if node is not None]
            for index, node in enumerate(nodes):
                following = nodes[index + 1] if index + 1 < len(nodes) else None
                if node.isNodeType(latexwalker.LatexMacroNode) and not _has_arguments(node):
                    name = node.macroname
                    if name in _DECLARATIONS:
                        # A declaration formats the rest of its group: {\it text}.
                        out.append(_wrap(_DECLARATIONS[name], self.nodelist_to_text(nodes[index + 1 :])))
                        break
                    if name in _SPACES:
                        out.append(" ")
                        continue
                    if name in _SILENT:
                        out.append(node.macro_post_space and " ")
                        continue
                    if self.latex_context.get_macro_spec(name) is None:
                        # Unknown: its argument (the group that follows) is the text;
                        # without one, its name is the best guess at a word (\VAX).
                        if following is None or not following.isNodeType(latexwalker.LatexGroupNode):
                            out.append(name if name.isalpha() else "")
                            out.append(node.macro_post_space and " ")
                        continue
                    # As in TeX, the space after a command word is eaten: "{\\TeX}hax" and
                    # "\\TeX hax" are both TeXhax (TUGboat's own titles rely on it). In
                    # math an operator name keeps its room: "\\log n" is "log n".
                    text = self.node_to_text(node)
                    out.append(text)
                    if self._math and following is not None and len(text) > 1 and text.isascii() and text.isalpha():
                        out.append(" ")
                    continue
                out.append(self.node_to_text(node))
            return "".join(out)

    return BibTeXText


def _argument_count(node: Any) -> int:
    argd = node.nodeargd
    return len(argd.argnlist) if argd and argd.argnlist else 0


def _has_arguments(node: Any) -> bool:
    argd = node.nodeargd
    return bool(argd and argd.argnlist and any(arg is not None for arg in argd.argnlist))
