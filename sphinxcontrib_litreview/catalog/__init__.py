"""Catalog files (YAML, JSON, CSL-JSON, BibTeX) → one generated page per episode.

Pages are generated at ``builder-inited``, before Sphinx looks for source files, so
they are read, cached and re-read on change exactly like hand-written pages. They are
``*.litreview`` files (pages.py) that Sphinx reads with this package's own source
parser (parser.py).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from .. import __version__
from ..domain import get_domain
from ..i18n import _
from ..model import ORIGIN_DIRECTIVE
from ..tags import TagVocabulary
from ..warnings_ import LitreviewWarning, warn
from .load import load_catalogs
from .overrides import FoundEpisode, handwritten_episodes, overriding_ids
from .pages import (
    APPENDIX_NAME,
    INDEX_NAME,
    ONE_DOCUMENT_BUILDERS,
    PAGE_FILETYPE,
    PAGE_SUFFIX,
    TAGS_DIR,
    existing_pages,
    page_names,
    page_text,
    sync_pages,
    tag_page_names,
)
from .parser import GeneratedPageParser
from .readers import read_catalog
from .records import CatalogProblem, CatalogRecord

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

__all__ = [
    "CatalogProblem",
    "CatalogRecord",
    "generate_catalog_pages",
    "read_catalog",
    "setup_catalog",
]

logger = logging.getLogger(__name__)

#: Bump when generated pages change form, so existing pages are regenerated.
PAGE_FORMAT = 3

# Keys of the domain's data that belong to the whole build, not to a page.
_STAMP = "catalog_stamp"
#: ID -> (file, line) of hand-written directives that suppressed a catalog page
_OVERRIDES = "catalog_overrides"
#: IDs whose page is generated although a directive seemed to override them
_FORCED = "catalog_forced"
#: docname of the appendix page, when there is one
_APPENDIX = "catalog_appendix"
#: tag key -> docname of each tag page the last generation meant to write
_TAG_PAGES = "catalog_tag_pages"
#: tag key -> display form of tags found only after reading (see check_tags)
_FORCED_TAGS = "catalog_forced_tags"


def setup_catalog(app: Sphinx) -> None:
    app.add_source_suffix(PAGE_SUFFIX, PAGE_FILETYPE)
    app.add_source_parser(GeneratedPageParser)
    app.connect("builder-inited", generate_catalog_pages)
    app.connect("env-updated", check_overrides)
    app.connect("env-updated", check_tags)


def generate_catalog_pages(app: Sphinx) -> None:
    config = app.config
    srcdir = Path(app.srcdir)
    episode_dir = config.litreview_episode_dir.strip("/")
    catalogs = list(config.litreview_catalog)
    exclude = _excluded(app)
    data = get_domain(app.env).data
    # Also without a catalog: hand-written episodes' tags get pages too.
    found = handwritten_episodes(
        srcdir,
        dict(config.source_suffix),
        exclude_patterns=exclude,
        include_patterns=config.include_patterns,
        skip_suffixes=(PAGE_SUFFIX,),
    )
    handwritten = overriding_ids(found) if catalogs else {}
    forced = set(data.get(_FORCED, ())) & set(handwritten)
    forced_tags: dict[str, str] = dict(data.get(_FORCED_TAGS, {}))
    markup = "myst" if _reads_markdown(app) else "rst"
    # Loading and rendering thousands of records is the slow part of an incremental
    # build; skip it when nothing the pages are made from, nor the pages, has changed.
    handwritten_tags = sorted(tag for _file, episode in found for tag in episode.tags)
    one_document = app.builder.name in ONE_DOCUMENT_BUILDERS
    stamp = _stamp(
        app, srcdir, catalogs, markup, handwritten, forced,
        [handwritten_tags, sorted(forced_tags.items()), sorted(config.litreview_tag_aliases.items()),
         one_document],
    )
    if data.get(_STAMP) == (stamp, _folder_state(srcdir / episode_dir)):
        return

    pages: dict[str, str] = {}
    overrides: dict[str, tuple[str, int]] = {}
    generated: list[str] = []
    records = (
        load_catalogs(srcdir, catalogs, config.litreview_episode_id_pattern) if catalogs else []
    )
    shown = [r for r in records if r.id not in handwritten or r.id in forced]
    if records:
        names = page_names(r.id for r in shown)
        for record in records:
            if record.id in handwritten and record.id not in forced:
                overrides[record.id] = handwritten[record.id]
                continue
            relative = f"{episode_dir}/{names[record.id]}{PAGE_SUFFIX}"
            pages[relative] = page_text(relative, _episode_page(record, srcdir, markup))
            generated.append(relative[: -len(PAGE_SUFFIX)])
        index = f"{episode_dir}/{INDEX_NAME}{PAGE_SUFFIX}"
        pages[index] = page_text(index, {"kind": "episode-index", "title": str(_("Episodes"))})
        if generated and one_document:
            appendix = f"{episode_dir}/{APPENDIX_NAME}{PAGE_SUFFIX}"
            pages[appendix] = page_text(
                appendix,
                {"kind": "appendix", "title": str(_("All episodes")), "pages": generated},
            )
    tag_docs = _tag_pages(config, episode_dir, shown, found, forced_tags, pages)
    # With no catalog configured this still runs, to remove pages a former catalog left.
    report = sync_pages(
        srcdir, pages, existing=existing_pages(srcdir, exclude), other_suffixes=config.source_suffix
    )
    _report(report, episode_dir)
    data[_OVERRIDES] = overrides
    data[_FORCED] = sorted(forced)
    appendix_doc = f"{episode_dir}/{APPENDIX_NAME}"
    data[_APPENDIX] = appendix_doc if f"{appendix_doc}{PAGE_SUFFIX}" in pages else None
    data[_TAG_PAGES] = tag_docs
    data[_STAMP] = (stamp, _folder_state(srcdir / episode_dir))
    if report.written or report.removed:
        logger.info(
            "litreview: %d generated page(s) written, %d removed", len(report.written),
            len(report.removed),
        )


def _tag_pages(
    config: Any, episode_dir: str, shown: list[CatalogRecord],
    found: list[tuple[str, FoundEpisode]], forced_tags: dict[str, str], pages: dict[str, str],
) -> dict[str, str]:
    """Add to *pages* a page for every tag of the shown catalog records, of the
    hand-written episode directives found, and of those found only after reading
    last time; return tag key -> docname of its page."""
    spellings = [tag for record in shown for tag in record.tags]
    spellings += [tag for _file, episode in found for tag in episode.tags]
    spellings += forced_tags.values()
    forms = TagVocabulary(config.litreview_tag_aliases).display_forms(spellings)
    names = tag_page_names(forms)
    docnames: dict[str, str] = {}
    for key, display in sorted(forms.items()):
        docnames[key] = f"{episode_dir}/{TAGS_DIR}/{names[key]}"
        relative = docnames[key] + PAGE_SUFFIX
        pages[relative] = page_text(
            relative,
            {"kind": "tag", "key": key, "display": display, "title": str(_("Tag: %s")) % display},
        )
    return docnames


def _episode_page(record: CatalogRecord, srcdir: Path, markup: str) -> dict[str, Any]:
    values = dataclasses.asdict(record)
    field_lines = dict(values.pop("field_lines", ()) or ())
    for build_side in ("source", "line"):
        values.pop(build_side, None)
    return {
        "kind": "episode",
        "markup": markup,
        "catalog": Path(os.path.relpath(record.source, srcdir)).as_posix(),
        "line": record.line,
        "field_lines": field_lines,
        "record": values,
    }


def _report(report: Any, episode_dir: str) -> None:
    tags_folder = f"{episode_dir}/{TAGS_DIR}/"
    for relative, clash in report.blocked:
        if relative.endswith(f"/{INDEX_NAME}{PAGE_SUFFIX}") or relative.endswith(
            f"/{APPENDIX_NAME}{PAGE_SUFFIX}"
        ):
            continue  # a hand-written index page is the user's choice
        if relative.startswith(tags_folder):
            warn(
                LitreviewWarning.CATALOG,
                f"{clash} is a page of your own where the tag page "
                f"{relative[: -len(PAGE_SUFFIX)]} would go; the tag page is not written and "
                "the tag is shown without a link. Rename or move your page",
            )
            continue
        warn(
            LitreviewWarning.CATALOG,
            f"{clash} is a page of your own where the catalog's page "
            f"{relative[: -len(PAGE_SUFFIX)]} would go, and it defines no episode of that ID; "
            "the catalog page is not written. Rename your page, or define the episode in "
            "it with an episode directive",
        )
    for relative in report.edited:
        if relative.startswith(tags_folder):
            warn(
                LitreviewWarning.CATALOG,
                f"{relative} was generated by sphinxcontrib-litreview and has been edited (or "
                "is not its own), so it is neither overwritten nor deleted. Delete it to have "
                "the tag page generated again",
            )
            continue
        warn(
            LitreviewWarning.CATALOG,
            f"{relative} was generated by sphinxcontrib-litreview and has been edited (or is "
            "not its own), so it is neither overwritten nor deleted. Delete it to have it "
            "generated again; to keep your text, define the episode with an episode "
            "directive in a page of your own",
        )
    for relative, reason in report.failed:
        warn(
            LitreviewWarning.CATALOG,
            f"could not write or remove the generated page {relative} ({reason}); the "
            "other pages are written",
        )


def check_overrides(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: every catalog page left out for a hand-written directive must
    have one, as read. If the scan was wrong (the directive sat somewhere that defines
    nothing), say so and generate the page from the next build on."""
    domain = get_domain(env)
    data = domain.data
    forced = set(data.get(_FORCED, ()))
    for episode_id, (file, line) in sorted(data.get(_OVERRIDES, {}).items()):
        episode = domain.episode(episode_id)
        if episode is not None and episode.origin == ORIGIN_DIRECTIVE:
            continue
        warn(
            LitreviewWarning.CATALOG,
            f"the catalog's episode {episode_id} has no page: an episode directive for it "
            f"seemed to be here, but reading the page defined no {episode_id} (is it in a "
            "comment, a code sample or an included file?). The catalog's page is written "
            "on the next build",
            location=f"{Path(app.srcdir) / file}:{line}",
        )
        forced.add(episode_id)
    # A forced page whose ID is now truly hand-written is no longer needed.
    forced = {
        i for i in forced
        if (e := domain.episode(i)) is None or e.origin != ORIGIN_DIRECTIVE
    }
    if forced != set(data.get(_FORCED, ())):
        data[_FORCED] = sorted(forced)
        data[_STAMP] = None


def catalog_stamp(env: BuildEnvironment) -> object:
    """What changes whenever a catalog, or anything generated pages are made from, does."""
    return get_domain(env).data.get(_STAMP)


def check_tags(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: every tag of an episode has its page. A tag the scan for
    hand-written directives missed (one in an included file, say) gets its page from
    the next build on; until then it is shown without a link, and this says why."""
    domain = get_domain(env)
    data = domain.data
    meant: dict[str, str] = data.get(_TAG_PAGES, {})
    before: dict[str, str] = data.get(_FORCED_TAGS, {})
    forced = dict(before)
    table = domain.tag_table()
    for key, info in table.items():
        # A page meant but not written (the user's file is in the way) was reported.
        if info.docname is not None or key in meant or not info.episodes:
            continue
        episode = domain.episode(info.episodes[0])
        warn(
            LitreviewWarning.CATALOG,
            f"tag {info.display!r} has no page in this build: the :tags: of episode "
            f"{info.episodes[0]} were not found before reading (is its episode directive "
            "in an included file, or made by another directive?). The tag's page is "
            "written on the next build",
            location=episode.location if episode is not None else None,
        )
        forced[key] = info.display
    forced = {key: shown for key, shown in forced.items() if key in table and table[key].episodes}
    if forced != before:
        data[_FORCED_TAGS] = forced
        data[_STAMP] = None


def appendix_docname(env: BuildEnvironment) -> str | None:
    """The generated page holding every generated episode page in a toctree, if any."""
    docname = get_domain(env).data.get(_APPENDIX)
    return docname if docname in env.found_docs else None


def _excluded(app: Sphinx) -> list[str]:
    """exclude_patterns plus the output and doctree folders when inside the source folder."""
    excluded = list(app.config.exclude_patterns)
    for folder in (Path(app.outdir), Path(app.doctreedir)):
        try:
            excluded.append(folder.resolve().relative_to(Path(app.srcdir).resolve()).as_posix())
        except ValueError:
            continue
    return excluded


def _stamp(
    app: Sphinx, srcdir: Path, catalogs: list[str], markup: str,
    handwritten: dict[str, tuple[str, int]], forced: set[str], more: list[Any],
) -> str:
    """A digest of everything the generated pages are made from."""
    config = app.config
    digest = hashlib.blake2b(digest_size=16)
    parts = [
        __version__, PAGE_FORMAT, markup, config.language, config.litreview_episode_dir,
        config.litreview_episode_id_pattern, sorted(handwritten), sorted(forced), catalogs,
        sorted(config.source_suffix), more,
    ]
    digest.update(repr(parts).encode())
    for catalog in catalogs:
        try:
            digest.update((srcdir / catalog).read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
    return digest.hexdigest()


def _folder_state(folder: Path) -> tuple[int, int]:
    """(number of files, newest modification) under *folder*: changes if a page is
    edited, added or deleted."""
    count = newest = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            try:
                newest = max(newest, os.stat(os.path.join(root, name)).st_mtime_ns)
            except OSError:
                continue
            count += 1
    return count, newest


def _reads_markdown(app: Sphinx) -> bool:
    """Whether catalog text is MyST: when myst_parser reads Markdown in this project."""
    suffixes: dict[str, str] = dict(app.config.source_suffix)
    return "myst_parser" in app.extensions and "markdown" in suffixes.values()
