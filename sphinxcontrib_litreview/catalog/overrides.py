"""Find episode IDs the project defines by hand, so no page is generated for them.

This runs before Sphinx reads anything, so it cannot ask the domain; a line scan of
the source files spots ``episode`` directives. It errs on the side of generating a
page: a directive in a code block or fence, an HTML or reST comment, an ``only`` or
``ifconfig`` block, or an indented (MyST) code block does not count, because there the
episode may not be defined at all or only in some outputs. A hand-written directive
the scan misses merely leaves an unused generated page (the directive still wins);
one the scan wrongly counts would make the episode vanish, which is why after reading
every claimed override is checked (see ``catalog.check_overrides``).

The same scan reads each directive's ``:tags:``, so that every tag has its page
before reading starts (``catalog/__init__.py``). For tags, directives in ``only``,
``ifconfig`` and ``todo`` blocks count too (they define their episode, for some
outputs); a tag the scan misses is reported after reading (``catalog.check_tags``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

from sphinx.util.matching import get_matching_files

#: Directives whose content is not (or not always) part of the page.
_HIDING_DIRECTIVES = frozenset({
    "only", "ifconfig", "code-block", "code", "sourcecode", "literalinclude", "highlight",
    "raw", "comment", "eval-rst-comment", "todo",
})
_CODE_DIRECTIVES = frozenset({"code-block", "code", "sourcecode", "literalinclude"})
#: Hiding directives whose content is parsed (the episode is defined) but may not be output.
_CONDITIONAL_DIRECTIVES = frozenset({"only", "ifconfig", "todo"})

_MYST_EPISODE = re.compile(r"^( {0,3})(?:>[ \t]*)*(`{3,}|:{3,})[ \t]*\{(?:litreview:)?episode\}[ \t]+(\S+)")
_MYST_FENCE = re.compile(r"^( *)(?:>[ \t]*)*(`{3,}|~{3,}|:{3,})[ \t]*(\S*)")
_RST_EXPLICIT = re.compile(r"^( *)\.\.(?:[ \t]+(.*))?$")
_RST_DIRECTIVE = re.compile(r"([\w:.+-]+)[ \t]*::(?:[ \t]+(\S+))?")
_RST_OTHER_MARKUP = re.compile(r"(_|\[|\|)")
_FIELD_OPTION = re.compile(r":([\w-]+):(?:[ \t]+(.*))?$")
_YAML_OPTION = re.compile(r"([\w-]+)[ \t]*:[ \t]*(.*)$")
_QUOTE_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)+")


class FoundEpisode(NamedTuple):
    """An ``episode`` directive the scan found."""

    id: str
    #: 1-based line of the directive in its file.
    line: int
    #: Its ``:tags:``, as written.
    tags: tuple[str, ...] = ()
    #: Inside an ``only``, ``ifconfig`` or ``todo`` block: it may be left out of an output.
    conditional: bool = False


def handwritten_episodes(
    srcdir: Path,
    source_suffix: Mapping[str, str],
    exclude_patterns: Iterable[str] = (),
    include_patterns: Iterable[str] = ("**",),
    skip_suffixes: Iterable[str] = (),
) -> list[tuple[str, FoundEpisode]]:
    """(file relative to *srcdir*, directive) for each ``episode`` directive found,
    in file order; *source_suffix* maps suffixes to file types, as Sphinx's config
    value of that name."""
    excluded = [*exclude_patterns, ".*", "**/.*"]
    skipped = tuple(skip_suffixes)
    found: list[tuple[str, FoundEpisode]] = []
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
        posix = Path(relative).as_posix()
        found += ((posix, episode) for episode in scan(text))
    return found


def overriding_ids(found: Iterable[tuple[str, FoundEpisode]]) -> dict[str, tuple[str, int]]:
    """ID -> (file, line) of the first directive for each ID that surely defines it."""
    ids: dict[str, tuple[str, int]] = {}
    for file, episode in found:
        if not episode.conditional:
            ids.setdefault(episode.id, (file, episode.line))
    return ids


def handwritten_episode_ids(
    srcdir: Path,
    source_suffix: Mapping[str, str],
    exclude_patterns: Iterable[str] = (),
    include_patterns: Iterable[str] = ("**",),
    skip_suffixes: Iterable[str] = (),
) -> dict[str, tuple[str, int]]:
    """ID -> (file relative to *srcdir*, line) of each ``episode`` directive found
    outside conditional blocks."""
    return overriding_ids(
        handwritten_episodes(srcdir, source_suffix, exclude_patterns, include_patterns, skip_suffixes)
    )


def scan_markdown(text: str) -> Iterator[FoundEpisode]:
    """``episode`` directives of a MyST page outside code, comments and hiding blocks."""
    # Open fences: (fence character, fence length, directive name or "" for code).
    stack: list[tuple[str, int, str]] = []
    rst_lines: list[str] = []
    rst_start = 0
    lines = _without_html_comments(text).splitlines()
    for number, line in enumerate(lines, start=1):
        fence = _MYST_FENCE.match(line)
        closes = (
            fence is not None and bool(stack) and not fence.group(3)
            and fence.group(2)[0] == stack[-1][0] and len(fence.group(2)) >= stack[-1][1]
        )
        if closes:
            name = stack.pop()[2]
            if name == "eval-rst":
                conditional = _conditional(entry[2] for entry in stack)
                for found in scan_rst("\n".join(rst_lines)):
                    yield found._replace(
                        line=rst_start + found.line - 1, conditional=found.conditional or conditional
                    )
                rst_lines = []
            continue
        top = stack[-1][2] if stack else None
        if top == "eval-rst":
            rst_lines.append(line)
            continue
        if top == "":
            continue  # code: nothing in it is markup, not even fences
        opens = fence is not None and len(fence.group(1)) < 4  # deeper: indented code
        if any(_hiding(entry[2]) for entry in stack):
            if opens and fence is not None and fence.group(3):
                stack.append(_fence(fence))  # tracked only to find where the block ends
            continue
        match = _MYST_EPISODE.match(line)
        if match:
            tags = _tags(_myst_options(lines, number, quoted=">" in line[: match.start(2)]))
            yield FoundEpisode(match.group(3), number, tags, _conditional(e[2] for e in stack))
        if opens and fence is not None and (fence.group(3) or fence.group(2)[0] != ":"):
            stack.append(_fence(fence))
            if stack[-1][2] == "eval-rst":
                rst_start = number + 1


def _myst_options(lines: list[str], start: int, quoted: bool) -> dict[str, str]:
    """The options of the MyST directive whose body starts at ``lines[start]``: a
    ``---`` YAML block, or ``:name: value`` lines (indented lines continue a value)."""
    body = [_QUOTE_PREFIX.sub("", line) if quoted else line for line in lines[start : start + 200]]
    options: dict[str, str] = {}
    if body and body[0].strip() == "---":
        for line in body[1:]:
            if line.strip() == "---":
                break
            match = _YAML_OPTION.match(line.strip())
            if match:
                options[match.group(1)] = _yaml_scalar(match.group(2))
        return options
    name = ""
    base = len(body[0]) - len(body[0].lstrip()) if body else 0
    for line in body:
        depth = len(line) - len(line.lstrip())
        match = _FIELD_OPTION.match(line.strip())
        if match and depth == base:
            name = match.group(1)
            options[name] = match.group(2) or ""
        elif name and line.strip() and depth > base:
            options[name] += " " + line.strip()
        else:
            break
    return options


def _yaml_scalar(value: str) -> str:
    """A YAML option value as the text the directive gets (a flow list: its items)."""
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        return ",".join(_yaml_scalar(item) for item in value[1:-1].split(","))
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _tags(options: Mapping[str, str]) -> tuple[str, ...]:
    # As the directive splits them.
    return tuple(t for t in (" ".join(p.split()) for p in options.get("tags", "").split(",")) if t)


def _fence(match: re.Match[str]) -> tuple[str, int, str]:
    marker, info = match.group(2), match.group(3)
    if info.startswith("{") and "}" in info:
        name = info[1 : info.index("}")].lower()
    else:
        name = "" if marker[0] != ":" else info.lower()  # ```python is code
    return marker[0], len(marker), name


def _hiding(name: str) -> bool:
    """Whether nothing in a block of directive *name* defines anything."""
    return name in _HIDING_DIRECTIVES and name not in _CONDITIONAL_DIRECTIVES


def _conditional(names: Iterable[str]) -> bool:
    return any(name in _CONDITIONAL_DIRECTIVES for name in names)


def _without_html_comments(text: str) -> str:
    """*text* with ``<!-- ... -->`` blanked out, line breaks kept (so lines still count)."""
    return re.sub(r"<!--.*?(?:-->|\Z)", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.DOTALL)


def scan_rst(text: str) -> Iterator[FoundEpisode]:
    """``episode`` directives of a reST page outside comments, literal blocks and
    hiding directives (counted by indentation, as reST nests them)."""
    # Open blocks: (indentation of the line that opened it, "hide" when nothing in it
    # is markup, "only" when it is conditional, else "")
    blocks: list[tuple[int, str]] = []
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        while blocks and indent <= blocks[-1][0]:
            blocks.pop()
        hidden = any(kind == "hide" for _indent, kind in blocks)
        explicit = _RST_EXPLICIT.match(line)
        if explicit:
            rest = explicit.group(2) or ""
            directive = _RST_DIRECTIVE.match(rest)
            if directive:
                name = directive.group(1).lower()
                if name in ("episode", "litreview:episode") and directive.group(2) and not hidden:
                    conditional = any(kind == "only" for _indent, kind in blocks)
                    tags = _tags(_rst_options(lines, number, indent))
                    yield FoundEpisode(directive.group(2), number, tags, conditional)
                kind = "hide" if _hiding(name) else "only" if _conditional((name,)) else ""
                blocks.append((indent, kind))
            elif _RST_OTHER_MARKUP.match(rest):
                blocks.append((indent, ""))  # a target, footnote or substitution
            else:
                blocks.append((indent, "hide"))  # a comment, with its indented block
            continue
        if line.rstrip().endswith("::"):
            blocks.append((indent, "hide"))  # a paragraph introducing a literal block


def _rst_options(lines: list[str], start: int, indent: int) -> dict[str, str]:
    """The option field list of the reST directive at indentation *indent* whose
    block starts at ``lines[start]`` (values may go on over more indented lines)."""
    options: dict[str, str] = {}
    name = ""
    name_indent = 0
    for line in lines[start : start + 200]:
        if not line.strip():
            break
        depth = len(line) - len(line.lstrip())
        if depth <= indent:
            break
        match = _FIELD_OPTION.match(line.strip())
        if match and (not name or depth <= name_indent):
            name, name_indent = match.group(1), depth
            options[name] = match.group(2) or ""
        elif name and depth > name_indent:
            options[name] += " " + line.strip()
        else:
            break
    return options
