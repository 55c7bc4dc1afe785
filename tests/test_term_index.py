"""The domain index ``litreview-termindex``: terms A-Z under their initial letter, each
linked and shown with the first sentence of its definition."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import index_groups, warnings_of
from test_episode_index_order import rows


def letter_groups(outdir: Any) -> list[tuple[str, list[str]]]:
    return index_groups(outdir, "litreview-termindex")


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
