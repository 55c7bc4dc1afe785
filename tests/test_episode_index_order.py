"""The domain index ``litreview-episodeindex``: year groups newest first, undated last."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import html, warnings_of


def year_groups(outdir: Any) -> list[tuple[str, list[str]]]:
    """(heading, episode IDs) of each group, in page order."""
    table = html(outdir, "litreview-episodeindex").select_one("table.indextable")
    assert table is not None
    groups: list[tuple[str, list[str]]] = []
    for row in table.select("tr"):
        if "cap" in row.get("class", []):
            groups.append((row.get_text(strip=True), []))
        elif (link := row.select_one("a")) is not None:
            groups[-1][1].append(link.get_text(strip=True))
    return groups


@pytest.mark.sphinx("html", testroot="episode-index-order")
def test_year_groups_newest_first_and_undated_last(app: Any) -> None:
    app.build()
    assert warnings_of(app) == []
    assert year_groups(app.outdir) == [
        ("2024", ["E004", "E006"]),
        ("2021", ["E001"]),
        ("2019", ["E003"]),
        ("-350", ["E007"]),  # a negative year is a year, older than any other
        ("—", ["E002", "E005"]),
    ]
