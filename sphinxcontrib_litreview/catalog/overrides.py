"""Find episode IDs the project defines by hand, so no page is generated for them.

This runs before Sphinx reads anything, so it cannot ask the domain; a cheap line scan
of the source files spots ``episode`` directives. Code blocks are skipped, so a page
documenting the directive with an example does not hide that ID's catalog page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from sphinx.util.matching import get_matching_files

from .pages import is_generated

# MyST fences (``` or :::) and reST explicit markup, in either spelling of the name.
_EPISODE_DIRECTIVE = re.compile(
    r"^[ \t>]*"
    r"(?:(?:`{3,}|:{3,})[ \t]*\{(?:litreview:)?episode\}|\.\.[ \t]+(?:litreview:)?episode::)"
    r"[ \t]+(\S+)"
)
_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,}|:{3,})[ \t]*(\S*)")
_CODE_DIRECTIVES = ("code-block", "code", "sourcecode", "literalinclude")
_RST_CODE_DIRECTIVE = re.compile(r"^\s*\.\.\s+(?:code-block|code|sourcecode)::")


def handwritten_episode_ids(
    srcdir: Path,
    source_suffix: Mapping[str, str],
    exclude_patterns: Iterable[str] = (),
    include_patterns: Iterable[str] = ("**",),
    skip_dirs: Iterable[Path] = (),
) -> set[str]:
    """IDs of ``episode`` directives in the project's sources (generated pages aside).

    *source_suffix* maps suffixes to file types, as Sphinx's config value of that name.
    """
    excluded = [*exclude_patterns, ".*", "**/.*"]
    for directory in skip_dirs:
        # The output and doctree dirs may live inside the source dir without being excluded.
        try:
            excluded.append(directory.resolve().relative_to(srcdir.resolve()).as_posix())
        except ValueError:
            continue
    found: set[str] = set()
    for relative in get_matching_files(srcdir, include_patterns, excluded):
        kind = next(
            (kind for suffix, kind in source_suffix.items() if str(relative).endswith(suffix)),
            None,
        )
        if kind is None:
            continue
        path = srcdir / relative
        if is_generated(path):
            continue
        try:
            text = path.read_text(encoding="utf-8-sig", errors="replace")
        except OSError:
            continue
        lines = _markdown_lines(text) if kind == "markdown" else _rst_lines(text)
        for line in lines:
            if match := _EPISODE_DIRECTIVE.match(line):
                found.add(match.group(1))
    return found


def _markdown_lines(text: str) -> Iterator[str]:
    """The lines of a MyST page outside code fences."""
    closing: str | None = None
    for line in text.splitlines():
        fence = _FENCE.match(line)
        if closing is not None:
            if fence and fence.group(1).startswith(closing) and not fence.group(2):
                closing = None
            continue
        if fence:
            marker, info = fence.groups()
            directive = info.startswith("{")
            # ```python, ```markdown and {code-block} hold code; {episode}, {note}... do not.
            if (directive and info.strip("{}") in _CODE_DIRECTIVES) or (
                not directive and marker[0] != ":"
            ):
                closing = marker
                continue
        yield line


def _rst_lines(text: str) -> Iterator[str]:
    """The lines of a reST page outside literal blocks (``::`` and code directives)."""
    opener: int | None = None  # indentation of the line that opened a literal block
    for line in text.splitlines():
        indent = len(line) - len(line.lstrip())
        if opener is not None:
            if not line.strip() or indent > opener:
                continue
            opener = None
        stripped = line.strip()
        if _RST_CODE_DIRECTIVE.match(line) or (
            stripped.endswith("::") and not stripped.startswith("..")
        ):
            opener = indent
            continue
        yield line
