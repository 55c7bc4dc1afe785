"""``litreview.json``: which catalog an episode comes from (null for one written by
hand), and topics in id order, then page name."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import litreview_warnings, warnings_of

from sphinxcontrib_litreview.export import EXPORT_FILENAME


@pytest.mark.sphinx("html", testroot="export-catalog")
def test_episodes_name_their_catalog(app: Any) -> None:
    app.build()
    assert warnings_of(app) == []
    data = json.loads((Path(app.outdir) / EXPORT_FILENAME).read_text("utf8"))
    assert {e["id"]: e["catalog"] for e in data["episodes"]} == {"E001": "catalog.yaml", "E002": None}


@pytest.mark.sphinx("html", testroot="export-topic-order")
def test_topics_are_listed_by_id(app: Any) -> None:
    app.build()
    assert warnings_of(app) == []
    data = json.loads((Path(app.outdir) / EXPORT_FILENAME).read_text("utf8"))
    assert [(t["id"], t["docname"]) for t in data["topics"]] == [("alpha", "b-page"), ("zeta", "a-page")]


@pytest.mark.sphinx("html", testroot="export-duplicate-topic-id")
def test_topics_sharing_an_id_are_exported_by_page_name(app: Any) -> None:
    app.build()
    (warning,) = litreview_warnings(app)
    assert "[litreview.option]" in warning and "'same'" in warning
    data = json.loads((Path(app.outdir) / EXPORT_FILENAME).read_text("utf8"))
    assert [(t["id"], t["docname"]) for t in data["topics"]] == [("same", "a-page"), ("same", "b-page")]
