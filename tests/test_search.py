"""Episodes, terms and topics are objects in the HTML search index."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from sphinxcontrib_litreview.model import term_anchor


def warnings_of(app: Any) -> list[str]:
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


def search_index(outdir: Path) -> dict[str, Any]:
    text = (Path(outdir) / "searchindex.js").read_text("utf8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def search_objects(outdir: Path) -> dict[str, set[tuple[str, str, str]]]:
    """objtype -> {(displayed name, page, anchor)}."""
    index = search_index(outdir)
    found: dict[str, set[tuple[str, str, str]]] = {}
    for prefix, entries in index["objects"].items():
        for doc, typ, _prio, anchor, name in entries:
            objtype = index["objtypes"][str(typ)]
            found.setdefault(objtype, set()).add(
                (prefix + name, index["docnames"][doc], anchor)
            )
    return found


@pytest.mark.sphinx("html", testroot="myst-project")
def test_search_index_lists_episodes_terms_and_topics(app: Any) -> None:
    app.build()
    assert warnings_of(app) == []
    found = search_objects(app.outdir)
    # Episodes are found by ID and by title words.
    assert found["litreview:episode"] == {
        ("E011: High-entropy minority tokens", "episodes", "episode-e011"),
        ("E026: RL calibrates rather than discovers", "episodes", "episode-e026"),
        ("E048: DAPO", "episodes", "episode-e048"),
    }
    # Terms once each: aliases resolve but stay out of search results.
    assert found["litreview:term"] == {
        ("entropy", "glossary", "lr-term-entropy"),
        ("pass@k", "glossary", term_anchor("pass@k")),
    }
    # Topics by their page title, pointing at the page itself.
    assert found["litreview:topic"] == {
        ("Evaluating Reasoning", "evaluation", ""),
        ("Training Methods", "training", ""),
    }


@pytest.mark.sphinx("html", testroot="myst-project")
def test_search_result_kinds_are_labelled(app: Any) -> None:
    app.build()
    index = search_index(app.outdir)
    labels = {f"{domain}:{typ}": label for domain, typ, label in index["objnames"].values()}
    assert labels["litreview:episode"] == "Literature review episode"
    assert labels["litreview:term"] == "Literature review term"
    assert labels["litreview:topic"] == "Literature review topic"


@pytest.mark.sphinx("html", testroot="views")
def test_listings_are_left_out_of_full_text_search(app: Any) -> None:
    """A listing repeats what its objects' own pages say: a search for an episode's
    title finds the episode's page, not every topic that lists it."""
    app.build()
    index = search_index(app.outdir)
    pages = index["docnames"]

    def pages_with(word: str) -> set[str]:
        hits = index["terms"].get(word, [])
        return {pages[n] for n in ([hits] if isinstance(hits, int) else hits)}

    # "zeta" is only in E001's title: on its own page, and in alpha's listings.
    assert pages_with("zeta") == {"episodes"}
    # Prose is still indexed, and so are the words of a definition.
    assert "alpha" in pages_with("first")
    body = (app.outdir / "alpha.html").read_text("utf8")
    assert 'class="litreview-episode-list no-search' in body
