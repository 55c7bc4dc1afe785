"""*Cited in* and cited-by counts count topic pages only: a citation on a page that is
not a topic (notes, episode summaries) counts in the export's ``citations`` total and
nowhere else, and the export is written without error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import body, warnings_of

from sphinxcontrib_litreview.export import EXPORT_FILENAME


def build(app: Any) -> Any:
    app.build()  # the export is written here, at build-finished
    assert warnings_of(app) == []
    return app


def cited_in(page: Any, episode_id: str) -> list[str] | None:
    entry = page.select_one(f"#episode-{episode_id.lower()}").find_parent("dl")
    block = entry.select_one(".litreview-cited-in")
    return None if block is None else [li.get_text(" ", strip=True) for li in block.select("li")]


# Without the export, so that this test fails on what the pages show, whatever the export does.
@pytest.mark.sphinx(
    "html", testroot="cited-in-topics", srcdir="cited-in-pages", confoverrides={"litreview_export": False}
)
def test_citations_from_a_non_topic_page_are_not_in_cited_in(app: Any) -> None:
    page = body(build(app).outdir, "episodes")
    assert cited_in(page, "E001") == ["Topic (1 citation)"]  # not Notes (2 citations)
    assert cited_in(page, "E002") is None  # cited by the notes only
    rows = {
        cells[0]: cells[-1]
        for cells in ([td.get_text(strip=True) for td in tr.select("td")]
                      for tr in page.select("table.litreview-episode-index tbody tr"))
    }
    assert rows == {"E001": "1", "E002": "0"}  # topics citing it


@pytest.mark.sphinx("html", testroot="cited-in-topics", srcdir="cited-in-export")
def test_export_with_citations_on_a_non_topic_page(app: Any) -> None:
    data = json.loads((Path(build(app).outdir) / EXPORT_FILENAME).read_text("utf8"))
    episodes = {episode["id"]: episode for episode in data["episodes"]}
    assert episodes["E001"]["cited_by"] == [{"topic": "topic", "docname": "topic", "count": 1}]
    assert episodes["E001"]["citations"] == 3  # every page
    assert episodes["E002"]["cited_by"] == []
    assert episodes["E002"]["citations"] == 1
    assert [topic["docname"] for topic in data["topics"]] == ["topic"]
