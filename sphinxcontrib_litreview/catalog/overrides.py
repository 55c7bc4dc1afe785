"""Find episode IDs the project defines by hand, so no page is generated for them.

This runs before Sphinx reads anything, so it cannot ask the domain; a cheap regex over
the source files is enough to spot ``episode`` directives. A false hit (the directive
shown inside a code block) only means no page is generated for that ID.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from sphinx.util.matching import get_matching_files

from .pages import is_generated

# MyST fences (``` or :::, optionally indented) and reST explicit markup, in either
# spelling of the directive name.
_HANDWRITTEN_EPISODE = re.compile(
    r"^[ \t>]*"
    r"(?:(?:`{3,}|:{3,})[ \t]*\{(?:litreview:)?episode\}|\.\.[ \t]+(?:litreview:)?episode::)"
    r"[ \t]+(\S+)",
    re.MULTILINE,
)


def handwritten_episode_ids(
    srcdir: Path,
    suffixes: Iterable[str],
    exclude_patterns: Iterable[str] = (),
    include_patterns: Iterable[str] = ("**",),
    skip_dirs: Iterable[Path] = (),
) -> set[str]:
    """IDs of ``episode`` directives in the project's source files (generated ones aside)."""
    suffixes = tuple(suffixes)
    excluded = [*exclude_patterns, ".*", "**/.*"]
    for directory in skip_dirs:
        # The output and doctree dirs may live inside the source dir without being excluded.
        try:
            excluded.append(directory.resolve().relative_to(srcdir.resolve()).as_posix())
        except ValueError:
            continue
    found: set[str] = set()
    for relative in get_matching_files(srcdir, include_patterns, excluded):
        if not str(relative).endswith(suffixes):
            continue
        path = srcdir / relative
        if is_generated(path):
            continue
        try:
            text = path.read_text(encoding="utf-8-sig", errors="replace")
        except OSError:
            continue
        found.update(match.group(1) for match in _HANDWRITTEN_EPISODE.finditer(text))
    return found
