"""objects.inv carries every litreview object, and another review links to them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from helpers import inventory_item
from sphinx.util.inventory import InventoryFile


def warnings_of(app: Any) -> list[str]:
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


def load_inventory(path: Path) -> Any:
    with path.open("rb") as stream:
        return InventoryFile.load(stream, "", lambda base, uri: uri)


@pytest.mark.sphinx("html", testroot="myst-project")
def test_objects_inv_holds_episodes_terms_and_topics(app: Any) -> None:
    app.build()
    assert warnings_of(app) == []
    inv = load_inventory(Path(app.outdir) / "objects.inv")
    episodes = {name: inventory_item(it) for name, it in inv["litreview:episode"].items()}
    assert episodes["E026"] == (
        "episodes.html#episode-e026", "E026: RL calibrates rather than discovers"
    )
    assert set(episodes) == {"E011", "E026", "E048"}
    terms = {name: inventory_item(item)[0] for name, item in inv["litreview:term"].items()}
    # Aliases are inventory names too, pointing at their term.
    assert terms["entropy"] == terms["entropies"] == "glossary.html#lr-term-entropy"
    assert "pass@k" in terms
    topics = {name: inventory_item(item) for name, item in inv["litreview:topic"].items()}
    assert topics == {
        "evaluation": ("evaluation.html", "Evaluating Reasoning"),
        "training": ("training.html", "Training Methods"),
    }
    # Sphinx's own glossary terms stay in the std domain.
    assert "rlvr" in {name.lower() for name in inv["std:term"]}


def test_a_second_review_links_to_the_first_through_intersphinx(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    for name in ("a", "b"):
        shutil.copytree(rootdir / f"test-intersphinx-{name}", tmp_path / name)
    app_a = make_app("html", srcdir=tmp_path / "a")
    app_a.build()
    assert warnings_of(app_a) == []
    # Release docutils' global registrations before the second app registers them again.
    app_a.cleanup()

    outdir_a = Path(app_a.outdir)
    # A local inventory file: no network. The base is A's output dir as a path.
    mapping = {"a": (str(outdir_a), str(outdir_a / "objects.inv"))}
    app_b = make_app(
        "html", srcdir=tmp_path / "b", confoverrides={"intersphinx_mapping": mapping}
    )
    app_b.build()
    assert warnings_of(app_b) == []

    soup = BeautifulSoup((Path(app_b.outdir) / "index.html").read_text("utf8"), "html.parser")
    links = [
        (a.get_text(strip=True), a["href"], a.get("class", [])) for a in soup.select("a.reference")
    ]
    internal = [(text, href) for text, href, classes in links if "internal" in classes]
    external = [(text, href) for text, href, classes in links if "external" in classes]
    assert ("E001", "#episode-e001") in internal

    def target_of(href: str) -> tuple[Path, str]:
        path, _, fragment = href.partition("#")
        return Path(path).resolve(), fragment

    # Both spellings of the role resolve to A's page, as external links that keep
    # showing the ID (not the inventory's "E501: title").
    e501 = [target_of(href) for text, href in external if text == "E501"]
    assert e501 == [((outdir_a / "episodes.html").resolve(), "episode-e501")] * 2
    assert [target_of(href) for text, href in external if text == "calibration"] == [
        ((outdir_a / "episodes.html").resolve(), "lr-term-calibration")
    ]
    # A topic reference shows the topic's title, as it does locally.
    assert [target_of(href) for text, href in external if text == "Methods of A"] == [
        ((outdir_a / "methods.html").resolve(), "")
    ]
