"""The review's references as files: ``references.bib`` and ``references.json``.

HTML builders that publish a site (those that write ``litreview.json``) get, in the
output folder, every episode as BibTeX and as CSL-JSON, linked from the episode
index; an ``episode-list`` with ``:download:`` gets its own pair,
``references-<topic>.bib``/``.json``, holding the episodes it lists.

Catalog episodes are written with their summary as the catalog has it (read from
their generated pages), so a file read back as a catalog gives the same records.

Files are written at ``build-finished`` and only when their content changes; a stamp
of what they were made from (in the doctree folder, next to the environment) lets an
unchanged build skip making them at all.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .model import anchor_slug, short_hash
from .warnings_ import LitreviewWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from .catalog.records import CatalogRecord
    from .domain import LitreviewDomain

#: The site's own pair: ``references.bib`` and ``references.json``.
REVIEW_DOWNLOAD = "references"
STAMP_FILENAME = "litreview-downloads.json"
SUFFIXES = (".bib", ".json")


def writes_downloads(builder: Builder) -> bool:
    """Builders whose output folder is a browsable site (as for ``litreview.json``)."""
    from .export import wants_export

    return wants_export(builder)


def download_name(target: str, tag: str = "", select: str = "") -> str:
    """The file name (without suffix) of an episode list's download: after its topic
    (*target*: a topic id or docname), its tag and selection; a hash keeps apart
    names that would otherwise read alike."""
    parts = [target.strip("/").replace("/", "-")]
    if tag:
        parts.append(f"tag-{tag}")
    if select:
        parts.append(select)
    wanted = "-".join(" ".join(part.split()) for part in parts)
    slug = anchor_slug(wanted)
    if slug != wanted:
        slug = f"{slug}-{short_hash(wanted)}"
    return f"{REVIEW_DOWNLOAD}-{slug}"


def _wanted(domain: LitreviewDomain) -> dict[str, list[str]]:
    """File name → the IDs of the episodes it holds, in order."""
    from .views.data import compute
    from .views.specs import ViewKind

    wanted: dict[str, list[str]] = {}
    episodes = [episode.id for episode in domain.episodes()]
    if episodes:
        wanted[REVIEW_DOWNLOAD] = episodes
    for docname in sorted(domain.views):
        for spec in domain.views[docname]:
            name = spec.get("download")
            if spec.kind is ViewKind.EPISODE_LIST and name:
                items = compute(domain, domain.env, spec, docname)
                wanted[name] = [item.id for item in items if item.known]  # type: ignore[attr-defined]
    return wanted


def _stamp(domain: LitreviewDomain, wanted: dict[str, list[str]]) -> str:
    from .catalog import catalog_stamp

    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((sorted(wanted.items()), catalog_stamp(domain.env))).encode())
    for episode in domain.episodes():
        digest.update(repr(episode).encode())
    return digest.hexdigest()


def write_downloads(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: write the reference files that changed, remove those no
    longer wanted."""
    if exception is not None or not writes_downloads(app.builder):
        return
    from .domain import get_domain

    domain = get_domain(app.env)
    outdir = Path(app.outdir)
    wanted = _wanted(domain)
    stamp = _stamp(domain, wanted)
    stamp_path = Path(app.doctreedir) / STAMP_FILENAME
    before = _read_stamp(stamp_path)
    same_place = before.get("outdir") == str(outdir)
    files = [outdir / (name + suffix) for name in wanted for suffix in SUFFIXES]
    if same_place and before.get("stamp") == stamp and all(path.is_file() for path in files):
        return
    _write(domain, outdir, wanted)
    if same_place:
        for name in set(before.get("names", ())) - set(wanted):
            for suffix in SUFFIXES:
                (outdir / (str(name) + suffix)).unlink(missing_ok=True)
    try:
        text = json.dumps({"outdir": str(outdir), "stamp": stamp, "names": sorted(wanted)})
        stamp_path.write_text(text, encoding="utf-8")
    except OSError:
        pass  # the next build makes the files again, and finds them unchanged


def _read_stamp(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write(domain: LitreviewDomain, outdir: Path, wanted: dict[str, list[str]]) -> None:
    from .bibliography import episode_record, summary_sources
    from .files import write_if_changed
    from .references.bibtex_export import write_bibtex
    from .references.csl_json import write_csl_json

    episodes = domain.episodes()
    summaries = summary_sources(domain.env, episodes)
    records: dict[str, CatalogRecord] = {
        episode.id: episode_record(episode, summaries.get(episode.id)) for episode in episodes
    }
    warned: set[str] = set()
    for name, ids in wanted.items():
        chosen = [records[episode_id] for episode_id in ids if episode_id in records]
        bibtex = write_bibtex(chosen)
        for skipped in bibtex.skipped:
            if skipped not in warned:
                warned.add(skipped)
                episode = domain.episode(skipped)
                warn(
                    LitreviewWarning.BAD_ID,
                    f"episode {skipped!r} is left out of the BibTeX downloads: a BibTeX key "
                    "holds none of , {{ }} ( ) = \" # % ' \\. Its CSL-JSON is written",
                    location=episode.location if episode is not None else None,
                )
        write_if_changed(outdir / f"{name}.bib", bibtex.text.encode("utf-8"))
        write_if_changed(outdir / f"{name}.json", write_csl_json(chosen).encode("utf-8"))


def setup_downloads(app: Sphinx) -> None:
    app.connect("build-finished", write_downloads)
