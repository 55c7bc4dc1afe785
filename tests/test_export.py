"""``litreview.json``: content, edges, URIs, schema, and when it is (not) written."""

from __future__ import annotations

import json
import os
import re
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from helpers import inventory_item
from sphinx.util.inventory import InventoryFile

from sphinxcontrib_litreview.export import EXPORT_FILENAME, SCHEMA_PATH, write_export


def warnings_of(app: Any) -> list[str]:
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


def load_export(app: Any) -> dict[str, Any]:
    app.build()
    assert warnings_of(app) == []
    return json.loads((Path(app.outdir) / EXPORT_FILENAME).read_text("utf8"))


def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text("utf8"))


def by(items: list[dict[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    return {item[key]: item for item in items}


def inventory(outdir: Path) -> dict[str, dict[str, str]]:
    with (Path(outdir) / "objects.inv").open("rb") as stream:
        inv = InventoryFile.load(stream, "", lambda base, uri: uri)
    return {
        objtype: {name: inventory_item(item)[0] for name, item in entries.items()}
        for objtype, entries in inv.items()
        if objtype.startswith("litreview:")
    }


def test_schema_is_valid_draft_2020_12_and_shipped_as_package_data() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    shipped = resources.files("sphinxcontrib_litreview") / "litreview.schema.json"
    assert json.loads(shipped.read_text("utf8")) == schema()


@pytest.mark.sphinx("html", testroot="export")
def test_export_validates_against_the_schema(app: Any) -> None:
    data = load_export(app)
    jsonschema.Draft202012Validator(schema()).validate(data)
    assert data["version"] == 1
    assert list(data) == ["version", "episodes", "topics", "terms"]


@pytest.mark.sphinx("html", testroot="export")
def test_episodes_carry_fields_uri_and_cited_by(app: Any) -> None:
    episodes = by(load_export(app)["episodes"], "id")
    assert list(episodes) == ["E011", "E026", "E048", "E100"]  # sorted by ID
    e026 = episodes["E026"]
    assert e026["title"] == "RL calibrates rather than discovers"
    assert e026["authors"] == ["Doe, Jane", "Roe, Rick"]
    assert e026["year"] == 2025
    assert e026["doi"] == "10.1234/abcd"
    assert e026["tags"] == ["rl", "evaluation"]
    assert e026["summary"] == "RLVR narrows the sampling distribution."
    assert e026["uri"] == "episodes.html#episode-e026"
    # Topic pages only (notes is not a topic), with per-topic counts, sorted by topic id.
    assert e026["cited_by"] == [
        {"topic": "evaluation", "docname": "topics/eval", "count": 1},
        {"topic": "topics/rl", "docname": "topics/rl", "count": 2},
    ]
    assert e026["citations"] == 4  # every page, notes included
    assert episodes["E048"]["cited_by"] == []
    assert episodes["E048"]["citations"] == 1
    assert episodes["E048"]["year"] is None
    assert episodes["E100"]["citations"] == 0


@pytest.mark.sphinx("html", testroot="export")
def test_topics_carry_cited_episodes_with_counts_and_anchors(app: Any) -> None:
    topics = by(load_export(app)["topics"], "id")
    assert list(topics) == ["evaluation", "topics/rl"]
    rl = topics["topics/rl"]
    assert rl["title"] == "Reinforcement Learning"
    assert rl["summary"] == "How RL shapes reasoning."
    assert rl["uri"] == "topics/rl.html"
    assert rl["anchors"] == ["E026", "E011"]  # declared order, duplicate dropped
    assert rl["cites"] == [{"episode": "E011", "count": 1}, {"episode": "E026", "count": 2}]
    assert topics["evaluation"]["anchors"] == []


@pytest.mark.sphinx("html", testroot="export")
def test_terms_carry_aliases_and_used_in_pages(app: Any) -> None:
    terms = by(load_export(app)["terms"], "name")
    entropy = terms["entropy"]
    assert entropy["aliases"] == ["entropies"]
    assert entropy["definition"] == "Uncertainty of the next-token distribution."
    assert entropy["uri"] == "glossary.html#lr-term-entropy"
    # An alias use counts for the term.
    assert [(p["docname"], p["count"], p["uri"]) for p in entropy["used_in"]] == [
        ("topics/eval", 1, "topics/eval.html"),
        ("topics/rl", 2, "topics/rl.html"),
    ]
    assert terms["Überanpassung"]["used_in"][0]["title"] == "Reinforcement Learning"


@pytest.mark.sphinx("html", testroot="export")
def test_file_is_indented_utf8_with_trailing_newline(app: Any) -> None:
    app.build()
    raw = (Path(app.outdir) / EXPORT_FILENAME).read_text("utf8")
    assert raw.endswith("}\n")
    assert '\n  "episodes": [\n    {"id": ' in raw  # one object per line
    assert json.loads(raw) == load_export(app)
    assert "Überanpassung" in raw  # ensure_ascii=False
    assert "\\u" not in raw


@pytest.mark.sphinx("html", testroot="export")
def test_uris_match_objects_inv(app: Any) -> None:
    data = load_export(app)
    inv = inventory(app.outdir)
    assert {e["id"]: e["uri"] for e in data["episodes"]} == inv["litreview:episode"]
    assert {t["id"]: t["uri"] for t in data["topics"]} == inv["litreview:topic"]
    for term in data["terms"]:
        assert inv["litreview:term"][term["key"]] == term["uri"]


@pytest.mark.sphinx("dirhtml", testroot="export")
def test_dirhtml_uris(app: Any) -> None:
    data = load_export(app)
    assert by(data["episodes"], "id")["E026"]["uri"] == "episodes/#episode-e026"
    assert by(data["topics"], "id")["evaluation"]["uri"] == "topics/eval/"
    inv = inventory(app.outdir)
    assert {e["id"]: e["uri"] for e in data["episodes"]} == inv["litreview:episode"]


@pytest.mark.sphinx("singlehtml", testroot="export")
def test_singlehtml_uris_point_into_the_single_page(app: Any) -> None:
    data = load_export(app)
    assert by(data["episodes"], "id")["E026"]["uri"] == "index.html#episode-e026"
    assert by(data["topics"], "id")["evaluation"]["uri"] == "index.html#document-topics/eval"
    page = (Path(app.outdir) / "index.html").read_text("utf8")
    assert 'id="episode-e026"' in page
    assert 'id="document-topics/eval"' in page


@pytest.mark.sphinx("html", testroot="export", srcdir="export-rewrite")
def test_unchanged_content_is_not_rewritten(app: Any) -> None:
    app.build()
    path = Path(app.outdir) / EXPORT_FILENAME
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    app.build()
    assert path.stat().st_mtime_ns == 1_000_000_000
    # A changed file is replaced.
    path.write_text("{}\n", "utf8")
    app.build()
    assert json.loads(path.read_text("utf8"))["version"] == 1


@pytest.mark.sphinx(
    "html", testroot="export", srcdir="export-disabled", confoverrides={"litreview_export": False}
)
def test_disabled_export_writes_nothing(app: Any) -> None:
    app.build()
    assert not (Path(app.outdir) / EXPORT_FILENAME).exists()


@pytest.mark.sphinx("html", testroot="export")
def test_failed_build_writes_nothing(app: Any) -> None:
    app.build()
    path = Path(app.outdir) / EXPORT_FILENAME
    path.unlink()
    write_export(app, RuntimeError("build failed"))
    assert not path.exists()


@pytest.mark.sphinx("text", testroot="export", srcdir="export-text")
def test_text_builder_writes_nothing(app: Any) -> None:
    app.build()
    assert not (Path(app.outdir) / EXPORT_FILENAME).exists()


@pytest.mark.sphinx("epub", testroot="export", srcdir="export-epub")
def test_epub_writes_nothing(app: Any) -> None:
    # Its files are packed before build-finished: a litreview.json would not be in the book.
    app.build()
    assert not (Path(app.outdir) / EXPORT_FILENAME).exists()
