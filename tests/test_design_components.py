"""Cards are sphinx-design's own components: the same nesting of ``design_component``
containers as its ``grid`` + ``grid-item-card``, so its transforms, its LaTeX/XML
output and other extensions that look for them treat both alike."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag

PAGES = {
    "conf.py": 'extensions = ["myst_parser", "sphinx_design", "sphinxcontrib_litreview"]\n'
    'myst_enable_extensions = ["colon_fence"]\n',
    "index.md": "# Index\n\n```{toctree}\ntopic\ndesign\n```\n\n:::{topic-index}\n:style: cards\n:::\n",
    "topic.md": "# A topic\n\n:::{topic-page}\n:summary: Sum.\n:::\n",
    "design.md": "# Design\n\n::::{grid} 1 2 2 3\n:::{grid-item-card} Title\nText\n:::\n::::\n",
}


def components(path: Path) -> list[str]:
    return re.findall(r'design_component="([a-z-]+)"', path.read_text("utf8"))


def test_cards_nest_like_sphinx_designs_grid_item_cards(make_app: Any, tmp_path: Path) -> None:
    for name, text in PAGES.items():
        (tmp_path / name).write_text(text)
    app = make_app("pseudoxml", srcdir=tmp_path)
    app.build()
    ours, theirs = components(app.outdir / "index.pseudoxml"), components(app.outdir / "design.pseudoxml")
    assert ours == ["grid-container", "grid-row", "grid-item", "card", "card-body"]
    # sphinx-design gives the title a container of its own; ours is the body's paragraph.
    assert theirs == [*ours, "card-title"]


#: Three topics: cards in up to three columns, as sphinx-design's ``grid 1 2 2 3``.
DESIGN_GRID = "# Design\n\n::::{grid} 1 2 2 3\n:gutter: 3\n:::{grid-item-card} Title\nText\n:::\n::::\n"
CARD_PARTS = ("div.sd-container-fluid", "div.sd-row", "div.sd-col", "div.sd-card", "div.sd-card-body", ".sd-card-title")


def design_classes(page: Path) -> list[list[str]]:
    """The sphinx-design classes of a grid's first card, from the grid down."""
    found: Tag | None = BeautifulSoup(page.read_text("utf8"), "html.parser").select_one("div.body")
    classes = []
    for part in CARD_PARTS:
        assert found is not None
        found = found.select_one(part)
        assert found is not None, part
        classes.append([c for c in found["class"] if c.startswith("sd-")])
    return classes


def test_cards_have_the_classes_sphinx_design_gives_its_own(make_app: Any, tmp_path: Path) -> None:
    pages = dict(PAGES, **{"design.md": DESIGN_GRID})
    pages["index.md"] = pages["index.md"].replace("topic\n", "topic\ntopic2\ntopic3\n")
    for name in ("topic2", "topic3"):
        pages[f"{name}.md"] = PAGES["topic.md"].replace("A topic", name)
    for name, text in pages.items():
        (tmp_path / name).write_text(text)
    app = make_app("html", srcdir=tmp_path)
    app.build()
    assert design_classes(app.outdir / "index.html") == design_classes(app.outdir / "design.html")
