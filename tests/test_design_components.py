"""Cards are sphinx-design's own components: the same nesting of ``design_component``
containers as its ``grid`` + ``grid-item-card``, so its transforms, its LaTeX/XML
output and other extensions that look for them treat both alike."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

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
