"""``-j 2`` output equals ``-j 1`` output (Sphinx reads in parallel above 5 documents)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import body, inventory_item, litreview_warnings
from sphinx.util.inventory import InventoryFile

ROOT = Path(__file__).parent / "roots" / "test-parallel"


def snapshot(outdir: Path) -> dict[str, str]:
    pages = {}
    for path in sorted(outdir.rglob("*.html")):
        name = path.relative_to(outdir).with_suffix("").as_posix()
        if name in {"search", "genindex"} or name.startswith("_"):
            continue
        pages[name] = str(body(outdir, name))
    export = outdir / "litreview.json"
    if export.exists():
        pages["litreview.json"] = export.read_text("utf8")
    return pages


def inventory(outdir: Path) -> dict[str, dict[str, tuple[str, ...]]]:
    with open(outdir / "objects.inv", "rb") as f:
        inv = InventoryFile.load(f, "", lambda base, uri: uri)
    return {
        typ: {name: _item(item) for name, item in entries.items()}
        for typ, entries in (inv.data.items() if hasattr(inv, "data") else inv.items())
        if typ.startswith("litreview:")
    }


def _item(item: object) -> tuple[str, str]:
    if hasattr(item, "uri"):  # Sphinx 9 inventory items
        return inventory_item(item)
    fields = tuple(item)  # type: ignore[arg-type]
    return (fields[2], fields[3])


def build(make_app, tmp_path: Path, name: str, parallel: int, builder: str = "html"):  # type: ignore[no-untyped-def]
    src = tmp_path / name
    shutil.copytree(ROOT, src)
    app = make_app(builder, srcdir=src, parallel=parallel, freshenv=True)
    app.build()
    return app


def relative_warnings(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [w.replace(str(app.srcdir), "<src>") for w in litreview_warnings(app)]


# html and dirhtml render views as pages are translated, which -j 2 does in worker
# processes (views/transform.py); the other builders render them when resolving.
@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_parallel_read_and_write_equal_serial(make_app, tmp_path, builder):
    serial = build(make_app, tmp_path, "serial", 1, builder)
    parallel = build(make_app, tmp_path, "parallel", 2, builder)
    assert parallel.parallel == 2 and parallel.is_parallel_allowed("read")
    assert parallel.builder.parallel_ok  # pages were written by worker processes
    assert snapshot(parallel.outdir) == snapshot(serial.outdir)
    assert inventory(parallel.outdir) == inventory(serial.outdir)
    # warnings about views come once, from the main process, as in a serial build
    assert relative_warnings(parallel) == relative_warnings(serial)
    assert any("E999" in w and "topic4.md:3" in w for w in relative_warnings(parallel))
    page = "{}" if builder == "html" else "{}/index"
    assert page.format("episodes/E101") in snapshot(parallel.outdir)  # catalog pages too
    # the views really were filled with cross-document data
    topic = body(parallel.outdir, page.format("topic1"))
    assert topic.select_one(".litreview-kicker").get_text() == "Literature review · 2 episodes"
    e001 = body(parallel.outdir, page.format("eps-a")).select_one("#episode-e001")
    assert len(e001.find_parent("dl").select(".litreview-cited-in li")) == 1
    assert topic.find("script", class_="litreview-previews") is not None  # hover data too


def test_duplicates_are_reported_across_parallel_workers(make_app, tmp_path):
    for parallel in (1, 2):
        app = build(make_app, tmp_path, f"dup{parallel}", parallel)
        duplicates = [w for w in litreview_warnings(app) if "duplicate_episode" in w]
        assert len(duplicates) == 1, duplicates
        assert "eps-a, line 3" in duplicates[0] and "eps-d.md:27" in duplicates[0]
