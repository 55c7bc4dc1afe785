"""How much of a summary or definition a hover preview shows: two sentences of an
episode's summary, at most 400 characters; three sentences of a definition, at
most 500; cut after the last whole word, with an ellipsis."""

from __future__ import annotations

import json
from typing import Any

import pytest
from helpers import html, warnings_of


def words(count: int) -> str:
    """The first *count* words after "Tests" of the long sentence in the root."""
    return "Tests " + " ".join(f"w{i:03}" for i in range(count))


@pytest.mark.sphinx("html", testroot="preview-lengths")
def test_previews_cut_at_their_sentence_and_character_limits(app: Any) -> None:
    app.build()
    assert warnings_of(app) == []
    block = html(app.outdir, "index").select_one("script.litreview-previews")
    assert block is not None
    data = json.loads(block.string or "")
    # The words ending on characters 400 and 500 are left out: they would end at the limit.
    assert data["episode-e001"]["summary"] == words(78) + "…"
    assert data["lr-term-long-term"]["definition"] == words(98) + "…"
    assert data["term-long-entry"]["definition"] == words(98) + "…"
    assert data["lr-term-four-sentences"]["definition"] == "One. Two. Three."
    assert data["term-four-entry"]["definition"] == "One. Two. Three."
    assert data["term-four-entry"]["aliases"] == []
