"""``litreview.json``: which catalog an episode comes from (null for one written by
hand), and topics in id order."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import warnings_of

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
