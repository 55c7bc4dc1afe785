"""The review map and the timelines are views like the others: ``-j 2`` output equals
``-j 1`` output, and after a topic gains a citation an incremental build rewrites the
page holding them and equals a clean build."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import body, clean_build
from test_incremental import add_citation, copy_root, edit, written
from test_parallel import snapshot

EXPLORE_PAGE = """\
# Explore

:::{review-map}
:::

:::{episode-timeline}
:::

:::{episode-timeline}
:topic: topic1
:::
"""


def with_explore_page(src: Path) -> Path:
    """The parallel root plus a page holding a review map and two timelines."""
    (src / "explore.md").write_text(EXPLORE_PAGE)
    edit(src / "index.md", "glossary\n", "glossary\nexplore\n")
    return src


def topic1_row(outdir: Path) -> list[str]:
    svg = body(outdir, "explore").select_one("svg.litreview-map-svg")
    row = next(r for r in svg.select("g.lr-row") if r.select_one("a.lr-topic-link")["href"] == "topic1.html")
    return [a.title.get_text().split(":")[0] for a in row.select("a.lr-episode")]


@pytest.mark.parametrize("parallel", [1, 2])
def test_a_new_citation_updates_map_and_timelines(make_app, tmp_path, parallel):  # type: ignore[no-untyped-def]
    src = with_explore_page(copy_root(tmp_path / "inc"))
    first = make_app("html", srcdir=src, parallel=parallel, freshenv=True)
    first.build()
    before = snapshot(Path(first.outdir))
    assert "E009" in topic1_row(Path(first.outdir))

    add_citation(src)  # topic1 cites E010 instead of E009
    again = make_app("html", srcdir=src, parallel=parallel)
    again.build()
    if parallel == 1:  # (-j 2 logs the pages it writes in chunks)
        assert "explore" in written(again)
    incremental = snapshot(Path(again.outdir))
    assert incremental["explore"] != before["explore"]
    row = topic1_row(Path(again.outdir))
    assert "E010" in row and "E009" not in row

    clean = clean_build(make_app, src, tmp_path, parallel=parallel)
    assert incremental == snapshot(Path(clean.outdir))


def test_unrelated_edits_leave_the_map_page_alone(make_app, tmp_path):  # type: ignore[no-untyped-def]
    src = with_explore_page(copy_root(tmp_path / "deps"))
    make_app("html", srcdir=src, freshenv=True).build()
    edit(src / "topic3.md", "Text citing", "Prose citing")
    app = make_app("html", srcdir=src)
    app.build()
    assert "explore" not in written(app)


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_parallel_build_equals_serial(make_app, tmp_path, builder):  # type: ignore[no-untyped-def]
    outputs = {}
    for parallel in (1, 2):
        src = with_explore_page(copy_root(tmp_path / f"j{parallel}"))
        app = make_app(builder, srcdir=src, parallel=parallel, freshenv=True)
        app.build()
        outputs[parallel] = snapshot(Path(app.outdir))
    page = "explore" if builder == "html" else "explore/index"
    assert "lr-dot" in outputs[2][page] and "lr-bar" in outputs[2][page]
    assert outputs[2] == outputs[1]
