"""The domain index ``litreview-termindex``: terms A-Z under their initial letter, each
linked and shown with the first sentence of its definition."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import html, warnings_of
from test_episode_index_order import rows


def letter_groups(outdir: Any) -> list[tuple[str, list[str]]]:
    table = html(outdir, "litreview-termindex").select_one("table.indextable")
    assert table is not None
    groups: list[tuple[str, list[str]]] = []
    for row in table.select("tr"):
        if "cap" in row.get("class", []):
            groups.append((row.get_text(strip=True), []))
        elif (link := row.select_one("a")) is not None:
            groups[-1][1].append(link.get_text(strip=True))
    return groups


@pytest.mark.sphinx("html", testroot="term-index")
def test_terms_a_to_z_under_their_letter(app: Any) -> None:
    app.build()
    assert warnings_of(app) == []
    # Aliases are not listed; accents fold into their letter; digits go under "#".
    assert letter_groups(app.outdir) == [
        ("#", ["2-shot"]),
        ("B", ["baseline"]),
        ("E", ["entropy", "Éclair"]),
    ]


@pytest.mark.sphinx("html", testroot="term-index")
def test_each_row_links_the_term_and_shows_its_first_sentence(app: Any) -> None:
    app.build()
    listed = rows(app.outdir, "litreview-termindex")
    assert listed["entropy"] == (
        "glossary.html#lr-term-entropy", "entropy Uncertainty of the next-token distribution."
    )
    assert listed["baseline"] == ("glossary.html#lr-term-baseline", "baseline What a method is compared with.")
