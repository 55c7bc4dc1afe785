"""Big episode indexes are written as ready-made HTML: the same markup Sphinx's HTML
writer makes of the docutils table, on every HTML builder."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sphinxcontrib_litreview.views import render

ROOTS = Path(__file__).parent / "roots"
_TABLE = re.compile(r'<table class="[^"]*litreview-episode-index.*?</table>\n', re.S)


def index_tables(outdir: Path) -> dict[str, list[str]]:
    """Every episode-index table in the output, per file."""
    found: dict[str, list[str]] = {}
    for page in sorted(outdir.rglob("*.html")):
        tables = _TABLE.findall(page.read_text("utf8"))
        if tables:
            found[page.relative_to(outdir).as_posix()] = tables
    return found


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml"])
@pytest.mark.parametrize("root", ["catalog-myst", "views"])
def test_html_table_matches_the_node_table(make_app, tmp_path, monkeypatch, builder, root):
    outputs = {}
    for name, threshold in (("nodes", 10**9), ("html", 0)):
        monkeypatch.setattr(render, "HTML_TABLE_ROWS", threshold)
        src = tmp_path / name
        shutil.copytree(ROOTS / f"test-{root}", src)
        app = make_app(builder, srcdir=src, freshenv=True)
        app.build()
        outputs[name] = index_tables(Path(app.outdir))
    assert outputs["nodes"], "the root has an episode index"
    assert outputs["html"] == outputs["nodes"]


def test_other_builders_keep_the_node_table(make_app, tmp_path, monkeypatch):
    # However long the index, only HTML builders get it as ready-made HTML.
    monkeypatch.setattr(render, "HTML_TABLE_ROWS", 0)
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-views", src)
    app = make_app("text", srcdir=src, freshenv=True)
    app.build()
    text = (Path(app.outdir) / "episodes.txt").read_text("utf8")
    assert "<table" not in text and "<tr" not in text
    assert re.search(r"\| ID +\| Title +\| Year +\| Tags +\| Cited by +\|", text)


def test_escaping_follows_docutils():
    from sphinxcontrib_litreview.views import html_table

    assert html_table.text('a < b & "c" > d @ e') == "a &lt; b &amp; &quot;c&quot; &gt; d &#64; e"
    assert html_table.attribute("one\ttwo\nthree") == "one two three"


def test_plain_table_markup_without_column_classes_or_row_attributes():
    """What Sphinx's HTML writer makes of a table whose columns have no class of their
    own (a header class may be empty) and whose rows carry no filter attributes."""
    from sphinxcontrib_litreview.views import html_table

    rows = [["1", "2"], ["3", "4"]]
    expected_body = (
        "<tbody>\n"
        '<tr class="row-even"><td><p>1</p></td>\n<td><p>2</p></td>\n</tr>\n'
        '<tr class="row-odd"><td><p>3</p></td>\n<td><p>4</p></td>\n</tr>\n'
        "</tbody>\n</table>\n"
    )
    assert html_table.table_html(["c"], ["A", "B"], rows) == (
        '<table class="c docutils align-default">\n<thead>\n'
        '<tr class="row-odd"><th class="head"><p>A</p></th>\n<th class="head"><p>B</p></th>\n</tr>\n'
        "</thead>\n" + expected_body
    )
    assert html_table.table_html(["c"], ["A", "B"], rows, header_classes=["id", ""]).startswith(
        '<table class="c docutils align-default">\n<thead>\n'
        '<tr class="row-odd"><th class="head id"><p>A</p></th>\n<th class="head"><p>B</p></th>\n</tr>\n'
    )
