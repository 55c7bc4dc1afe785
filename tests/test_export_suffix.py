"""``litreview.json`` URIs follow ``html_file_suffix``, singlehtml's page included."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from sphinxcontrib_litreview.export import EXPORT_FILENAME


@pytest.mark.sphinx(
    "singlehtml", testroot="export", srcdir="export-suffix", confoverrides={"html_file_suffix": ".htm"}
)
def test_singlehtml_uris_use_the_configured_suffix(app: Any) -> None:
    app.build()
    data = json.loads((Path(app.outdir) / EXPORT_FILENAME).read_text("utf8"))
    uris = {e["id"]: e["uri"] for e in data["episodes"]}
    assert uris["E026"] == "index.htm#episode-e026"
    assert (Path(app.outdir) / "index.htm").exists()
    assert {t["id"]: t["uri"] for t in data["topics"]}["evaluation"] == "index.htm#document-topics/eval"



@pytest.mark.parametrize(
    ("builder", "page", "anchored"),
    [
        ("html", "topics/eval.html", "topics/eval.html#part"),
        ("dirhtml", "topics/eval/", "topics/eval/#part"),
        ("singlehtml", "index.html#document-topics/eval", "index.html#part"),
    ],
)
def test_page_uri_with_and_without_an_anchor(
    make_app: Any, rootdir: Path, tmp_path: Path, builder: str, page: str, anchored: str
) -> None:
    # build_export adds anchors itself; page_uri's anchor argument is for other callers.
    from sphinxcontrib_litreview.export import page_uri

    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-export", src)
    app = make_app(builder, srcdir=src)
    app.build()
    assert page_uri(app.builder, "topics/eval") == page
    assert page_uri(app.builder, "topics/eval", "part") == anchored
