"""The CSS classes that docs/guide/views.md promises ("Styling the views") are in the
built HTML, on the elements it names: users' stylesheets rely on them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

ROOTS = Path(__file__).parent / "roots"
GUIDE = Path(__file__).parents[1] / "docs" / "guide" / "views.md"
#: Between them, these roots use every view, tag pages and generated episode pages.
SITES = ("test-tags", "test-views", "test-explore")
SELECTOR = re.compile(r"`([a-z0-9]+\.litreview-[a-z0-9-]+|-[a-z0-9-]+)`")


def promised_selectors() -> list[str]:
    """``element.class`` of each row of the guide's table; `-title` after
    `th.litreview-col-id` is short for `th.litreview-col-title`."""
    section = GUIDE.read_text("utf8").split("## Styling the views", 1)[1]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "`" in line]
    selectors: list[str] = []
    for row in rows:
        cell = row.rsplit("|", 2)[1]
        for token in SELECTOR.findall(cell):
            if token.startswith("-"):
                token = selectors[-1].rsplit("-", 1)[0] + token
            selectors.append(token)
    return selectors


def test_the_guide_lists_the_hooks() -> None:
    selectors = promised_selectors()
    assert len(selectors) > 30
    assert "th.litreview-col-cited-by" in selectors and "p.litreview-empty" in selectors


def test_every_promised_class_is_in_the_html(make_app: Any, tmp_path: Path) -> None:
    pages: list[BeautifulSoup] = []
    for name in SITES:
        src = tmp_path / name
        shutil.copytree(ROOTS / name, src)
        if name == "test-views":  # a list with nothing in it
            (src / "empty.md").write_text("---\norphan: true\n---\n# Empty\n\n```{episode-list}\n```\n")
        app = make_app("html", srcdir=src)
        app.build()
        pages += [BeautifulSoup(p.read_text("utf8"), "html.parser") for p in Path(app.outdir).rglob("*.html")]
    missing = [s for s in promised_selectors() if not any(page.select_one(s) for page in pages)]
    assert missing == []
