"""The review's references as a whole, decided once every page is read.

- :func:`episode_record`: an :class:`~.model.Episode` as the
  :class:`~.catalog.records.CatalogRecord` the reference modules work on;
- :func:`bibliography`: every episode's inline label (``litreview_episode_label``),
  its number in first-citation order, and its formatted reference
  (``litreview_citation_style``), computed from the domain data in the process that
  asks (the same at any ``-j``) and once per build.

Labels and references depend on every page (the citation order numbers them and
orders ``2025a``/``2025b``), so pages show them through late-rendered parts (roles
resolved, views filled) whose inputs :mod:`.incremental` hashes: a page is rewritten
when a label or reference it shows changes.

Formatting is the expensive part (about 1.5 ms a reference with citeproc-py), so
formatted references are cached in a file of the doctree folder,
``litreview-references.json``, keyed by a digest of everything formatting reads:
the style's XML (after its parent style is resolved), the locale, the item, the
version of citeproc-py and of this package's formatting code. An entry is therefore
exactly what formatting would produce again, and a clean ``-E`` rebuild (which
discards the environment, not that folder) may use it safely.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .warnings_ import LitreviewWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .catalog.records import CatalogRecord
    from .domain import LitreviewDomain
    from .model import Episode
    from .references.styles import LoadedStyle

CACHE_FILENAME = "litreview-references.json"


def episode_record(episode: Episode, summary: str | None = None) -> CatalogRecord:
    """*episode* as a record; its summary is the plain text unless *summary* is given
    (a catalog's summary as written, for exports that are read back as catalogs)."""
    from .catalog.records import CatalogRecord

    return CatalogRecord(
        id=episode.id,
        title=episode.rich_title,
        authors=episode.authors,
        year=episode.year,
        venue=episode.rich_venue,
        url=episode.url,
        doi=episode.doi,
        tags=episode.tags,
        summary=episode.summary if summary is None else summary,
        type=episode.type,
        editors=episode.editors,
        volume=episode.volume,
        issue=episode.issue,
        pages=episode.pages,
        publisher=episode.publisher,
        isbn=episode.isbn,
        accessed=episode.accessed,
    )


@dataclass(frozen=True)
class Bibliography:
    """What the review's pages show of its episodes as references."""

    #: The label mode (``litreview_episode_label``).
    mode: str
    #: ID → what ``{episode}`` shows (the ID itself in "id" mode).
    labels: dict[str, str] = field(default_factory=dict)
    #: ID → formatted reference (rich text), with a citation style only.
    references: dict[str, str] = field(default_factory=dict)


def bibliography(domain: LitreviewDomain) -> Bibliography:
    """The labels and references of every episode, computed once per build."""
    memo = domain.derived.bibliography
    if "value" not in memo:
        memo["value"] = _bibliography(domain)
    return memo["value"]  # type: ignore[no-any-return]


def citation_order(domain: LitreviewDomain) -> list[str]:
    """Episode IDs as pages cite them, pages in toctree order (repeats kept)."""
    cited: list[str] = []
    for docname in sorted(domain.citations, key=domain.in_page_order):
        cited += domain.citations[docname]
    return cited


def _bibliography(domain: LitreviewDomain) -> Bibliography:
    from .references.labels import episode_labels, year_suffixes

    config = domain.env.config
    mode = config.litreview_episode_label
    episodes = domain.episodes()
    style = citation_style(domain.env)
    if mode == "id" and style is None:
        return Bibliography(mode)
    records = [episode_record(episode, summary="") for episode in episodes]
    order = citation_order(domain)
    labels = episode_labels(records, mode, order) if mode != "id" else {}
    references: dict[str, str] = {}
    if style is not None:
        # Numbered as "numeric" labels are, whatever the label mode.
        numbers = {
            record_id: int(label.strip("[]"))
            for record_id, label in episode_labels(records, "numeric", order).items()
        }
        suffixes = year_suffixes(records, order) if style.disambiguates else {}
        references = _format(domain.env, style, records, numbers, suffixes)
    return Bibliography(mode, labels, references)


def citation_style(env: BuildEnvironment, *, report: bool = False) -> LoadedStyle | None:
    """The configured citation style, loaded; None when unset or unusable (*report*:
    say why, once per build, from :func:`check_style`)."""
    name = env.config.litreview_citation_style
    if not name:
        return None
    from .references.styles import StyleError, load_style

    try:
        return load_style(name.strip(), locale=csl_locale(env.config.language), base_dir=Path(env.srcdir))
    except StyleError as exc:
        if report:
            warn(
                LitreviewWarning.OPTION,
                f"config value litreview_citation_style = {name!r}: {exc}. Episode pages "
                "show no formatted reference",
            )
        return None


def csl_locale(language: str | None) -> str | None:
    """The CSL locale for the project's ``language``: the style's own for English
    (American or British, as the style says), else the project's language."""
    if not language or language.split("_")[0].split("-")[0].lower() == "en":
        return None
    return language.replace("_", "-")


def check_style(app: Sphinx) -> None:
    """``builder-inited``: report an unusable style once, before any page is read."""
    citation_style(app.env, report=True)


def _format(
    env: BuildEnvironment, style: LoadedStyle, records: list[CatalogRecord],
    numbers: dict[str, int], suffixes: dict[str, str],
) -> dict[str, str]:
    from .references.styles import format_loaded

    cache_path = Path(env.doctreedir) / CACHE_FILENAME
    known = _read_cache(cache_path)
    cache = dict(known)
    result = format_loaded(records, style, cache=cache, numbers=numbers, year_suffixes=suffixes)
    for record_id in result.failed:
        warn(
            LitreviewWarning.OPTION,
            f"episode {record_id} could not be formatted in the citation style "
            f"{env.config.litreview_citation_style!r} (citeproc-py failed on it); its page "
            "shows its fields only",
            location=_location(env, record_id),
        )
    # What this build used, no more: the file does not grow with every edit.
    used = {key: cache[key] for key in sorted(result.used) if key in cache}
    if used != known:
        _write_cache(cache_path, used)
    return result.references


def _location(env: BuildEnvironment, episode_id: str) -> tuple[str, int] | None:
    from .domain import get_domain

    episode = get_domain(env).episode(episode_id)
    return episode.location if episode is not None else None


def _read_cache(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: value for key, value in data.items() if isinstance(key, str) and isinstance(value, str)}


def _write_cache(path: Path, cache: dict[str, Any]) -> None:
    from .files import write_if_changed

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(cache, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        write_if_changed(path, text.encode("utf-8"))
    except OSError:
        pass  # a cache that cannot be written is only a slower next build


def summary_sources(env: BuildEnvironment, episodes: list[Episode]) -> dict[str, str]:
    """ID → the summary as its catalog wrote it, for episodes from catalogs: read from
    their generated pages (the environment keeps only its plain text)."""
    from .catalog.pages import PAGE_SUFFIX, read_page

    found: dict[str, str] = {}
    for episode in episodes:
        if not episode.catalog:
            continue
        path = os.path.join(env.srcdir, episode.docname + PAGE_SUFFIX)
        try:
            with open(path, encoding="utf-8") as file:
                page, _checksum = read_page(file.read())
        except OSError:
            continue
        record = page.get("record") if page else None
        if isinstance(record, dict) and isinstance(record.get("summary"), str):
            found[episode.id] = record["summary"]
    return found
