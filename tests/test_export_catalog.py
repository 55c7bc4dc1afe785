"""``litreview.json`` says which catalog an episode comes from, and null for one
written by hand."""

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
