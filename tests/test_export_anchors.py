"""``litreview.json``: a topic's ``anchors`` are the declared anchors that exist,
whether or not the page cites them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import warnings_of

from sphinxcontrib_litreview.export import EXPORT_FILENAME


@pytest.mark.sphinx("html", testroot="export-anchors")
def test_declared_anchors_are_exported_even_when_not_cited(app: Any) -> None:
    app.build()
    assert warnings_of(app) == []
    data = json.loads((Path(app.outdir) / EXPORT_FILENAME).read_text("utf8"))
    (topic,) = data["topics"]
    # E003 and E002 are defined but never cited on the page: still anchors, in declared order.
    assert topic["anchors"] == ["E003", "E001", "E002"]
    assert topic["cites"] == [{"episode": "E001", "count": 1}]
