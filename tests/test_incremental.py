"""Incremental builds equal clean builds after edits, additions and deletions,
and rewrite only the pages whose views depend on what changed."""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import clean_build
from test_parallel import ROOT, snapshot


def copy_root(target: Path) -> Path:
    shutil.copytree(ROOT, target)
    # Sphinx compares modification times: date the originals back so every later edit
    # is newer, without dating edits into the future (which would look outdated forever).
    past = time.time() - 3600
    for path in target.rglob("*"):
        os.utime(path, (past, past))
    return target


def written(app) -> set[str]:  # type: ignore[no-untyped-def]
    status = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    return set(re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", status))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new))


def add_citation(src: Path) -> None:
    # topic1 gains E010 and loses its E009 citation
    edit(src / "topic1.md", "{episode}`E009`", "{episode}`E010`")


def add_topic(src: Path) -> None:
    (src / "topic5.md").write_text(
        "# Topic 5\n\n:::{topic-page}\n:summary: New.\n:::\n\nCites {episode}`E012`.\n"
    )
    edit(src / "index.md", "topic4\n", "topic4\ntopic5\n")


def delete_topic(src: Path) -> None:
    (src / "topic2.md").unlink()
    edit(src / "index.md", "topic2\n", "")


def move_citation(src: Path) -> None:
    edit(src / "topic3.md", "{episode}`E011`", "")
    edit(src / "topic4.md", "Text citing", "Text citing {episode}`E011`,")


def retitle_episode(src: Path) -> None:
    edit(src / "eps-c.md", "Episode number 3\n", "A renamed third episode\n")


def delete_episode_page(src: Path) -> None:
    (src / "eps-d.md").unlink()
    edit(src / "index.md", "eps-d\n", "")


def edit_catalog(src: Path) -> None:
    # a catalog record changes: its generated page, and every page showing its title
    edit(src / "catalog.yaml", "From the catalog, one", "Renamed in the catalog")
    edit(src / "catalog.yaml", "  year: 2025\n", "")


def rename_pages(src: Path) -> None:
    # Definitions move to another page: every listing linking them must follow
    # (the term list and the episode index are on pages that are not re-read).
    (src / "glossary.md").rename(src / "lexicon.md")
    (src / "eps-c.md").rename(src / "eps-c2.md")
    edit(src / "index.md", "glossary\n", "lexicon\n")
    edit(src / "index.md", "eps-c\n", "eps-c2\n")


CHANGES: dict[str, Callable[[Path], None]] = {
    "edit_catalog": edit_catalog,
    "add_citation": add_citation,
    "add_topic": add_topic,
    "delete_topic": delete_topic,
    "move_citation": move_citation,
    "retitle_episode": retitle_episode,
    "delete_episode_page": delete_episode_page,
    "rename_pages": rename_pages,
}


@pytest.mark.parametrize("parallel", [1, 2])
@pytest.mark.parametrize("change", list(CHANGES))
def test_incremental_build_equals_clean_build(make_app, tmp_path, change, parallel):
    src = copy_root(tmp_path / "inc")
    first = make_app("html", srcdir=src, parallel=parallel, freshenv=True)
    first.build()
    CHANGES[change](src)
    again = make_app("html", srcdir=src, parallel=parallel)
    again.build()
    incremental = snapshot(again.outdir)

    clean = clean_build(make_app, src, tmp_path, parallel=parallel)
    expected = snapshot(clean.outdir)
    # Sphinx leaves a deleted page's old HTML file behind; it is no longer linked.
    for gone in {"delete_topic": ["topic2"], "delete_episode_page": ["eps-d"],
                 "rename_pages": ["glossary", "eps-c"]}.get(change, []):
        incremental.pop(gone, None)
    assert incremental == expected


def test_only_dependent_pages_are_rewritten(make_app, tmp_path):
    src = copy_root(tmp_path / "deps")
    make_app("html", srcdir=src, freshenv=True).build()

    add_citation(src)
    app = make_app("html", srcdir=src)
    app.build()
    # topic1 itself and its toctree parent (Sphinx's own rule); the pages of E009 and
    # E010 (Cited in); the episode index (cited-by counts); the pages of E009's and
    # E010's tags (each episode with its topics). Not topic2, which lists E010.
    assert written(app) == {
        "topic1", "index", "eps-a", "eps-b", "catalog", "episodes/index",
        "episodes/tags/tag0", "episodes/tags/tag1",
    }

    # A prose-only edit changes no view anywhere: only the page itself is rewritten.
    edit(src / "topic3.md", "Text citing", "Prose citing")
    app = make_app("html", srcdir=src)
    app.build()
    assert written(app) == {"topic3", "index"}

    # Nothing changed: nothing is written.
    app = make_app("html", srcdir=src)
    app.build()
    assert written(app) == set()
