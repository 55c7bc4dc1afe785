"""Find episode IDs the project defines by hand, so no page is generated for them.

This runs before Sphinx reads anything, so it cannot ask the domain; a line scan of
the source files spots ``episode`` directives. It errs on the side of generating a
page: a directive in a code block or fence, an HTML or reST comment, an ``only`` or
``ifconfig`` block, or an indented (MyST) code block does not count, because there the
episode may not be defined at all or only in some outputs. A hand-written directive
the scan misses merely leaves an unused generated page (the directive still wins);
one the scan wrongly counts would make the episode vanish, which is why after reading
every claimed override is checked (see ``catalog.check_overrides``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from sphinx.util.matching import get_matching_files

#: Directives whose content is not (or not always) part of the page.
_HIDING_DIRECTIVES = frozenset({
    "only", "ifconfig", "code-block", "code", "sourcecode", "literalinclude", "highlight",
    "raw", "comment", "eval-rst-comment", "todo",
})
_CODE_DIRECTIVES = frozenset({"code-block", "code", "sourcecode", "literalinclude"})

_MYST_EPISODE = re.compile(r"^( {0,3})(?:>[ \t]*)*(`{3,}|:{3,})[ \t]*\{(?:litreview:)?episode\}[ \t]+(\S+)")
_MYST_FENCE = re.compile(r"^( *)(?:>[ \t]*)*(`{3,}|~{3,}|:{3,})[ \t]*(\S*)")
_RST_EXPLICIT = re.compile(r"^( *)\.\.(?:[ \t]+(.*))?$")
_RST_DIRECTIVE = re.compile(r"([\w:.+-]+)[ \t]*::(?:[ \t]+(\S+))?")
_RST_OTHER_MARKUP = re.compile(r"(_|\[|\|)")


def handwritten_episode_ids(
    srcdir: Path,
    source_suffix: Mapping[str, str],
    exclude_patterns: Iterable[str] = (),
    include_patterns: Iterable[str] = ("**",),
    skip_suffixes: Iterable[str] = (),
) -> dict[str, tuple[str, int]]:
    """ID -> (file relative to *srcdir*, line) of each ``episode`` directive found.

    *source_suffix* maps suffixes to file types, as Sphinx's config value of that name.
    """
    excluded = [*exclude_patterns, ".*", "**/.*"]
    skipped = tuple(skip_suffixes)
    found: dict[str, tuple[str, int]] = {}
    for relative in get_matching_files(srcdir, include_patterns, excluded):
        name = str(relative)
        if skipped and name.endswith(skipped):
            continue
        kind = next((k for suffix, k in source_suffix.items() if name.endswith(suffix)), None)
        if kind is None:
            continue
        try:
            text = (srcdir / relative).read_text(encoding="utf-8-sig", errors="replace")
        except OSError:
            continue
        if "episode" not in text:
            continue
        scan = scan_markdown if kind == "markdown" else scan_rst
        for episode_id, line in scan(text):
            found.setdefault(episode_id, (Path(relative).as_posix(), line))
    return found


def scan_markdown(text: str) -> Iterator[tuple[str, int]]:
    """``episode`` directives of a MyST page outside code, comments and hiding blocks."""
    # Open fences: (fence character, fence length, directive name or "" for code).
    stack: list[tuple[str, int, str]] = []
    rst_lines: list[str] = []
    rst_start = 0
    for number, line in enumerate(_without_html_comments(text).splitlines(), start=1):
        fence = _MYST_FENCE.match(line)
        closes = (
            fence is not None and bool(stack) and not fence.group(3)
            and fence.group(2)[0] == stack[-1][0] and len(fence.group(2)) >= stack[-1][1]
        )
        if closes:
            name = stack.pop()[2]
            if name == "eval-rst":
                yield from ((i, rst_start + n - 1) for i, n in scan_rst("\n".join(rst_lines)))
                rst_lines = []
            continue
        top = stack[-1][2] if stack else None
        if top == "eval-rst":
            rst_lines.append(line)
            continue
        if top == "":
            continue  # code: nothing in it is markup, not even fences
        opens = fence is not None and len(fence.group(1)) < 4  # deeper: indented code
        if top is not None and _hidden(top):
            if opens and fence is not None and fence.group(3):
                stack.append(_fence(fence))  # tracked only to find where the block ends
            continue
        match = _MYST_EPISODE.match(line)
        if match:
            yield match.group(3), number
        if opens and fence is not None and (fence.group(3) or fence.group(2)[0] != ":"):
            stack.append(_fence(fence))
            if stack[-1][2] == "eval-rst":
                rst_start = number + 1


def _fence(match: re.Match[str]) -> tuple[str, int, str]:
    marker, info = match.group(2), match.group(3)
    if info.startswith("{") and "}" in info:
        name = info[1 : info.index("}")].lower()
        name = name.removeprefix("litreview:") if name == "litreview:episode" else name
    else:
        name = "" if marker[0] != ":" else info.lower()  # ```python is code
    return marker[0], len(marker), name


def _hidden(name: str) -> bool:
    return name in _HIDING_DIRECTIVES


def _without_html_comments(text: str) -> str:
    """*text* with ``<!-- ... -->`` blanked out, line breaks kept (so lines still count)."""
    return re.sub(r"<!--.*?(?:-->|\Z)", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.DOTALL)


def scan_rst(text: str) -> Iterator[tuple[str, int]]:
    """``episode`` directives of a reST page outside comments, literal blocks and
    hiding directives (counted by indentation, as reST nests them)."""
    # Open blocks: (indentation of the line that opened it, whether it hides its content)
    blocks: list[tuple[int, bool]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        while blocks and indent <= blocks[-1][0]:
            blocks.pop()
        hidden = any(hides for _indent, hides in blocks)
        explicit = _RST_EXPLICIT.match(line)
        if explicit:
            rest = explicit.group(2) or ""
            directive = _RST_DIRECTIVE.match(rest)
            if directive:
                name = directive.group(1).lower()
                if name in ("episode", "litreview:episode") and directive.group(2) and not hidden:
                    yield directive.group(2), number
                blocks.append((indent, _hidden(name)))
            elif _RST_OTHER_MARKUP.match(rest):
                blocks.append((indent, False))  # a target, footnote or substitution
            else:
                blocks.append((indent, True))  # a comment, with its indented block
            continue
        if line.rstrip().endswith("::"):
            blocks.append((indent, True))  # a paragraph introducing a literal block
