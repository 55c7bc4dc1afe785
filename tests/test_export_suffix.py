"""``litreview.json`` URIs follow ``html_file_suffix``, singlehtml's page included."""

from __future__ import annotations

import json
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
