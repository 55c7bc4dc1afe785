"""The generated pages: their file format, their names, and writing them losslessly.

A generated page is a small JSON file with the suffix ``.litreview``: the record it
shows (or, for the index pages, what they list), read by :mod:`.parser` straight into
a doctree. Catalog text never passes through the project's own Markdown or reST
parser as a page of its own, so nothing in it can escape into page-level markup.

Each file carries a checksum of its own name and content. A file is the extension's
to overwrite or delete only while that checksum holds: a file the user wrote, copied
or edited is never touched (it is reported instead). Files are written only when
their bytes change, so Sphinx re-reads only what changed and sphinx-autobuild does
not loop on the extension's own output.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from sphinx.util.matching import get_matching_files

from .. import __version__
from ..files import write_if_changed
from ..model import anchor_slug, short_hash

PAGE_SUFFIX = ".litreview"
#: The source type Sphinx reads ``.litreview`` files as (see parser.py).
PAGE_FILETYPE = "litreview"
GENERATOR = f"sphinxcontrib-litreview {__version__}; generated from the catalog, edits are not kept"
INDEX_NAME = "index"
#: An orphan page whose hidden toctree holds every generated episode page, so builders
#: that make one document (LaTeX, texinfo, singlehtml) can include them as an appendix.
APPENDIX_NAME = "all-episodes"
#: The builders that get it. Other builders do not: the page would be an empty page of
#: the site, and the toctree parent of every episode page, rewritten with any of them.
ONE_DOCUMENT_BUILDERS = ("latex", "texinfo", "singlehtml")
#: The folder, under the episode folder, holding one generated page per tag.
TAGS_DIR = "tags"
RESERVED_NAMES = frozenset({INDEX_NAME, APPENDIX_NAME, TAGS_DIR})

#: File names are capped well below every file system's limit (255 bytes).
MAX_NAME_BYTES = 100


# -- format -----------------------------------------------------------------------------


def page_text(relative_path: str, page: Mapping[str, Any]) -> str:
    """The file content for *page* at *relative_path* (POSIX, relative to the source dir)."""
    body = _canonical(page)
    return (
        json.dumps(
            {"generated-by": GENERATOR, "checksum": _checksum(relative_path, body), "page": page},
            ensure_ascii=False, indent=1, sort_keys=True,
        )
        + "\n"
    )


def read_page(text: str) -> tuple[dict[str, Any] | None, str]:
    """(page, its checksum as written); the page is None when *text* is not a
    generated page at all."""
    try:
        data = json.loads(text)
    except ValueError:
        return None, ""
    if not isinstance(data, dict) or not isinstance(data.get("page"), dict):
        return None, ""
    return data["page"], str(data.get("checksum", ""))


def checksum_holds(text: str, relative_path: str) -> bool:
    """Whether *text* is a generated page unchanged since it was written at *relative_path*."""
    page, written = read_page(text)
    return page is not None and written == _checksum(relative_path, _canonical(page))


def is_owned(path: Path, relative_path: str) -> bool:
    """Whether *path* is a page this extension wrote and nobody changed since."""
    if path.is_symlink():
        return False
    try:
        return checksum_holds(path.read_text("utf-8"), relative_path)
    except (OSError, UnicodeDecodeError):
        return False


def _canonical(page: Mapping[str, Any]) -> str:
    return json.dumps(page, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _checksum(relative_path: str, body: str) -> str:
    # The name is part of it: a verbatim copy under another name is the user's file.
    return hashlib.sha256(f"{relative_path}\n{body}".encode()).hexdigest()


# -- names ------------------------------------------------------------------------------


def page_names(ids: Iterable[str]) -> dict[str, str]:
    """A file name (without suffix) for the page of each episode ID, all distinct.

    An ID is its own name when it is a plain file name; otherwise (``/``, leading dots,
    other characters) and whenever two names would clash — also on file systems that
    ignore case — a readable slug with a hash of the ID is used, capped in length.
    """
    wanted = {episode_id: _plain_name(episode_id) for episode_id in ids}
    taken: dict[str, list[str]] = {}
    for episode_id, name in wanted.items():
        taken.setdefault(name.casefold(), []).append(episode_id)
    names: dict[str, str] = {}
    for episode_id, name in wanted.items():
        if len(taken[name.casefold()]) > 1 and name == episode_id:
            name = _hashed_name(episode_id)
        names[episode_id] = name
    return _settled(names)


def tag_page_names(keys: Iterable[str]) -> dict[str, str]:
    """A file name (without suffix) for the page of each tag key (see tags.py), all
    distinct: the tag as an ASCII slug (``reinforcement learning`` ->
    ``reinforcement-learning``, ``Schön`` -> ``schon``). When tags share a slug, a
    tag that is its own slug keeps it and the others get the slug with a hash of the
    tag; so does a tag with nothing left of it as a slug (``学习``)."""
    wanted = {key: _tag_slug(key) for key in sorted(keys)}
    sharing: dict[str, int] = {}
    for name in wanted.values():
        sharing[name] = sharing.get(name, 0) + 1
    names = {
        key: _hashed_name(key, "tag") if sharing[name] > 1 and name != key else name
        for key, name in wanted.items()
    }
    return _settled(names)


_SLUG_UNSAFE = re.compile(r"[^a-z0-9._-]+")


def _tag_slug(key: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG_UNSAFE.sub("-", ascii_text.lower()).strip("-._")
    slug = re.sub(r"-{2,}", "-", slug)
    if not slug or len(slug.encode()) > MAX_NAME_BYTES or slug in RESERVED_NAMES:
        return _hashed_name(key, "tag")
    return slug


def _settled(names: dict[str, str]) -> dict[str, str]:
    """*names* (what -> file name) with every clash left resolved: a hashed name may
    (by design of an adversarial catalog) equal a plain one, also when case is ignored."""
    seen: set[str] = set()
    for what in sorted(names, key=lambda i: names[i] != i):
        name = names[what]
        while name.casefold() in seen:
            name = _hashed_name(what + "#" + name)
        seen.add(name.casefold())
        names[what] = name
    return names


def _plain_name(episode_id: str) -> str:
    safe = (
        episode_id[:1].isalnum()
        and all(c.isalnum() or c in "._-" for c in episode_id)
        and episode_id.isascii()
        and len(episode_id.encode()) <= MAX_NAME_BYTES
        and episode_id.lower() not in RESERVED_NAMES
    )
    return episode_id if safe else _hashed_name(episode_id)


def _hashed_name(text: str, fallback: str = "episode") -> str:
    slug = anchor_slug(text).encode("utf-8")[: MAX_NAME_BYTES - 10].decode("utf-8", "ignore")
    slug = "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "-" for c in slug)
    return f"{slug.strip('-') or fallback}~{short_hash(text)}"


# -- writing ------------------------------------------------------------------------------


@dataclass
class SyncReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    #: Generated pages the user edited: neither overwritten nor deleted.
    edited: list[str] = field(default_factory=list)
    #: Pages not written because a file of the user's has that name.
    blocked: list[tuple[str, str]] = field(default_factory=list)
    #: Pages that could not be written: (relative path, reason).
    failed: list[tuple[str, str]] = field(default_factory=list)


def existing_pages(srcdir: Path, exclude: Iterable[str]) -> Iterator[str]:
    """Relative paths of every ``.litreview`` file in the project."""
    for relative in get_matching_files(srcdir, ("**" + PAGE_SUFFIX,), [*exclude, "**/.*"]):
        yield PurePosixPath(relative).as_posix()


def sync_pages(
    srcdir: Path,
    pages: Mapping[str, str],
    *,
    existing: Iterable[str],
    other_suffixes: Iterable[str],
) -> SyncReport:
    """Make the project hold exactly *pages* (relative path -> content) among the
    generated pages it has (*existing*), touching only files the extension owns."""
    report = SyncReport()
    suffixes = [s for s in other_suffixes if s != PAGE_SUFFIX]
    for relative, content in pages.items():
        path = srcdir / relative
        stem = relative[: -len(PAGE_SUFFIX)]
        clash = next((stem + s for s in suffixes if (srcdir / (stem + s)).is_file()), None)
        if clash is not None:
            report.blocked.append((relative, clash))
            continue
        if path.is_symlink() or (path.exists() and not is_owned(path, relative)):
            # Not ours (any more): leave it, and say so unless it already says the same.
            if path.is_symlink() or not path.is_file() or path.read_bytes() != content.encode("utf-8"):
                report.edited.append(relative)
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if write_if_changed(path, content.encode("utf-8")):
                report.written.append(relative)
        except OSError as exc:
            report.failed.append((relative, exc.strerror or str(exc)))
    for relative in sorted(set(existing) - set(pages)):
        path = srcdir / relative
        if path.is_symlink() or not is_owned(path, relative):
            report.edited.append(relative)
            continue
        try:
            path.unlink()
        except OSError as exc:
            report.failed.append((relative, exc.strerror or str(exc)))
            continue
        report.removed.append(relative)
        _remove_empty_dirs(path.parent, srcdir)
    return report


def _remove_empty_dirs(folder: Path, stop: Path) -> None:
    """Remove folders the extension emptied (never the source dir itself)."""
    try:
        while folder != stop and folder.is_relative_to(stop) and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    except OSError:
        pass


def relative_to_srcdir(path: Path, srcdir: Path) -> str:
    return Path(os.path.relpath(path, srcdir)).as_posix()
