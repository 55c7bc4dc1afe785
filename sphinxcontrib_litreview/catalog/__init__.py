"""Catalog files (YAML, JSON, CSL-JSON, BibTeX) → one generated source page per episode.

Pages are generated at ``builder-inited``, before Sphinx looks for source files, so
they are read, cached and re-read on change exactly like hand-written pages.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from .. import __version__
from ..i18n import _
from ..model import anchor_slug
from ..warnings_ import LitreviewWarning, warn
from .load import load_catalogs
from .overrides import handwritten_episode_ids
from .pages import INDEX_NAME, MARKER, episode_page, index_page, sync_pages
from .readers import read_catalog
from .records import CatalogProblem, CatalogRecord

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = [
    "CatalogProblem",
    "CatalogRecord",
    "generate_catalog_pages",
    "read_catalog",
    "setup_catalog",
]

logger = logging.getLogger(__name__)

def setup_catalog(app: Sphinx) -> None:
    """Generate the catalog's pages when the builder starts."""
    app.connect("builder-inited", generate_catalog_pages)


def generate_catalog_pages(app: Sphinx) -> None:
    config = app.config
    srcdir = Path(app.srcdir)
    episode_dir = srcdir / config.litreview_episode_dir
    markdown, suffix = _page_format(app)
    pages: dict[str, str] = {}
    catalogs = list(config.litreview_catalog)
    handwritten = (
        handwritten_episode_ids(
            srcdir,
            dict(config.source_suffix),
            exclude_patterns=config.exclude_patterns,
            include_patterns=config.include_patterns,
            skip_dirs=(Path(app.outdir), Path(app.doctreedir)),
        )
        if catalogs
        else set()
    )
    # Loading and rendering thousands of records is the slow part of an incremental
    # build; skip it when nothing the pages are made from, nor the pages, has changed.
    domain_data = app.env.domains["litreview"].data
    stamp = _stamp(app, srcdir, catalogs, markdown, suffix, handwritten)
    if domain_data.get("catalog_stamp") == (stamp, _folder_state(episode_dir)):
        return
    if catalogs:
        records = load_catalogs(srcdir, catalogs, config.litreview_episode_id_pattern)
        for record in records:
            if record.id in handwritten:  # a hand-written directive overrides the catalog
                continue
            catalog = Path(os.path.relpath(record.source, srcdir)).as_posix()
            pages[page_name(record.id) + suffix] = episode_page(record, catalog, markdown=markdown)
        pages[INDEX_NAME + suffix] = index_page(str(_("Episodes")), markdown=markdown)
    # With no catalog configured this still runs, to remove pages a former catalog left.
    try:
        report = sync_pages(episode_dir, pages, suffixes=tuple(config.source_suffix))
    except OSError as exc:
        warn(LitreviewWarning.CATALOG, f"could not write the episode pages in {episode_dir}: {exc}")
        return
    for path in report.handwritten:
        if path.stem == INDEX_NAME:  # a hand-written index page is the user's choice
            continue
        warn(
            LitreviewWarning.CATALOG,
            f"{path} exists and was not generated (it has no '{MARKER}' line), so the "
            "catalog page is not written there. Delete the file, or define the episode in it "
            "with an episode directive.",
        )
    domain_data["catalog_stamp"] = (stamp, _folder_state(episode_dir))
    if report.written or report.removed:
        logger.info(
            "litreview: %d episode page(s) written, %d removed in %s",
            len(report.written),
            len(report.removed),
            episode_dir,
        )


#: Bump when generated pages change form, so existing pages are regenerated.
PAGE_FORMAT = 2


def _stamp(
    app: Sphinx, srcdir: Path, catalogs: list[str], markdown: bool, suffix: str,
    handwritten: set[str],
) -> str:
    """A digest of everything the generated pages are made from."""
    config = app.config
    digest = hashlib.blake2b(digest_size=16)
    parts = [
        __version__, PAGE_FORMAT, markdown, suffix, config.language,
        config.litreview_episode_dir, config.litreview_episode_id_pattern,
        sorted(handwritten), catalogs,
    ]
    digest.update(repr(parts).encode())
    for catalog in catalogs:
        try:
            digest.update((srcdir / catalog).read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
    return digest.hexdigest()


def _folder_state(folder: Path) -> tuple[int, int]:
    """(number of files, newest modification): changes if a page is edited or deleted."""
    count = newest = 0
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_file():
                    count += 1
                    newest = max(newest, entry.stat().st_mtime_ns)
    except OSError:
        pass
    return count, newest


_SAFE_NAME = re.compile(r"[A-Za-z0-9][\w.-]*")


def page_name(episode_id: str) -> str:
    """A file name (without suffix) for the page of *episode_id*.

    The ID pattern is the user's regex, so an ID may hold '/' or other characters a
    file name must not; those IDs get a readable slug made unique by a short hash.
    """
    if _SAFE_NAME.fullmatch(episode_id) and episode_id != INDEX_NAME:
        return episode_id
    digest = hashlib.sha1(episode_id.encode("utf-8")).hexdigest()[:8]
    return f"{anchor_slug(episode_id)}-{digest}"


def _page_format(app: Sphinx) -> tuple[bool, str]:
    """(MyST?, suffix): MyST when myst_parser reads Markdown in this project, else reST."""
    suffixes: dict[str, str] = dict(app.config.source_suffix)
    if "myst_parser" in app.extensions:
        markdown = [suffix for suffix, kind in suffixes.items() if kind == "markdown"]
        if markdown:
            return True, ".md" if ".md" in markdown else markdown[0]
    rst = [suffix for suffix, kind in suffixes.items() if kind == "restructuredtext"]
    return False, ".rst" if ".rst" in rst or not rst else rst[0]
