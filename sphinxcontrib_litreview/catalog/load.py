"""Read every configured catalog, report its problems, and keep one record per valid ID."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..warnings_ import LitreviewWarning, warn
from .readers import read_catalog
from .records import CatalogRecord


def load_catalogs(srcdir: Path, catalogs: Iterable[str], id_pattern: str) -> list[CatalogRecord]:
    """The usable records of all *catalogs*, in file order; every problem is warned about."""
    pattern = re.compile(id_pattern)
    kept: dict[str, CatalogRecord] = {}
    for catalog in catalogs:
        records, problems = read_catalog(srcdir / catalog)
        for problem in problems:
            warn(LitreviewWarning.CATALOG, problem.message, problem.location)
        for record in records:
            if not pattern.fullmatch(record.id):
                warn(
                    LitreviewWarning.BAD_ID,
                    f"catalog record ID {record.id!r} does not match "
                    f"litreview_episode_id_pattern '{id_pattern}'; the record is skipped. "
                    "Change the ID (for CSL-JSON and BibTeX: the citation key) or the pattern.",
                    record.sphinx_location,
                )
                continue
            first = kept.get(record.id)
            if first is not None:
                # First wins: catalogs are listed in priority order in conf.py.
                warn(
                    LitreviewWarning.DUPLICATE_EPISODE,
                    f"episode {record.id} is defined twice, at {first.location} and at "
                    f"{record.location}; using the first. Remove or rename one of them.",
                    record.sphinx_location,
                )
                continue
            kept[record.id] = record
    return list(kept.values())
