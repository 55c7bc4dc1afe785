"""The domain index ``litreview-episodeindex``: year groups newest first, undated last;
each row links its episode and shows its title."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import html, index_groups, warnings_of


def year_groups(outdir: Any) -> list[tuple[str, list[str]]]:
    """(heading, episode IDs) of each group, in page order."""
    return index_groups(outdir, "litreview-episodeindex")


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


def rows(outdir: Any, docname: str) -> dict[str, tuple[str, str]]:
    """Listed name -> (link target, text of the whole row) of a domain index page."""
    table = html(outdir, docname).select_one("table.indextable")
    assert table is not None
    found: dict[str, tuple[str, str]] = {}
    for row in table.select("tr"):
        if (link := row.select_one("a")) is not None:
            # A plain row: no sub-entry toggle, no sub-entry indent.
            assert row.select("img.toggler") == [] and not row.get("class"), row
            found[link.get_text(strip=True)] = (str(link["href"]), row.get_text(" ", strip=True))
    return found


@pytest.mark.sphinx("html", testroot="episode-index-order")
def test_each_row_links_the_episode_and_shows_its_title(app: Any) -> None:
    app.build()
    listed = rows(app.outdir, "litreview-episodeindex")
    assert listed["E004"] == ("episodes.html#episode-e004", "E004 Newest")
    assert listed["E002"] == ("episodes.html#episode-e002", "E002 Undated")
    assert len(listed) == 7
