"""Tags on incremental builds: after a tag is added, removed or respelled — in a catalog
or in a hand-written episode directive — an incremental build gives what a clean build
gives (pages, objects.inv), at -j 1 and -j 2."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import body, clean_build
from test_incremental import copy_root, edit
from test_parallel import inventory, snapshot


def nothing(src: Path) -> None:
    pass


def catalog_adds_tags(src: Path) -> None:
    # a new tag, and a catalog episode joins a hand-written tag
    edit(src / "catalog.yaml", "  year: 2025\n", "  year: 2025\n  tags: [Fresh, tag0]\n")


def catalog_removes_tag(src: Path) -> None:
    # E101 is the only episode tagged "catalog": its page goes
    edit(src / "catalog.yaml", "  tags: [catalog]\n", "")


def directive_adds_tag(src: Path) -> None:
    edit(src / "eps-d.md", ":tags: tag1\n", ":tags: tag1, Brand New\n")


def directive_has_solo_tag(src: Path) -> None:
    edit(src / "eps-d.md", ":tags: tag0\n", ":tags: tag0, solo\n")


def directive_removes_tag(src: Path) -> None:
    edit(src / "eps-d.md", ":tags: tag0, solo\n", ":tags: tag0\n")


def directive_respells_tag(src: Path) -> None:
    # tag2 is written so by four episodes; two of eight make it "Tag2" (first in code
    # point order on a tie): the tag's page title and every page showing it change.
    edit(src / "eps-d.md", ":tags: tag2\n", ":tags: Tag2\n")
    edit(src / "eps-c.md", ":tags: tag2\n", ":tags: Tag2\n")


def user_page_blocks_tag_page(src: Path) -> None:
    # The user's own page where tag1's page would go: tag1 is shown without a link.
    (src / "episodes" / "tags").mkdir(parents=True, exist_ok=True)
    (src / "episodes" / "tags" / "tag1.md").write_text("---\norphan: true\n---\n# Mine\n")


def user_page_unblocks_tag_page(src: Path) -> None:
    # Deleted: tag1 gets its page, and the listings showing tag1 link it.
    (src / "episodes" / "tags" / "tag1.md").unlink()


#: name -> (what the project has before the first build, the change, pages it removes)
CHANGES: dict[str, tuple[Callable[[Path], None], Callable[[Path], None], list[str]]] = {
    "catalog_adds_tags": (nothing, catalog_adds_tags, []),
    "catalog_removes_tag": (nothing, catalog_removes_tag, ["episodes/tags/catalog"]),
    "directive_adds_tag": (nothing, directive_adds_tag, []),
    "directive_removes_tag": (directive_has_solo_tag, directive_removes_tag, ["episodes/tags/solo"]),
    "directive_respells_tag": (nothing, directive_respells_tag, []),
    "user_page_unblocks_tag_page": (user_page_blocks_tag_page, user_page_unblocks_tag_page, []),
}


@pytest.mark.parametrize("parallel", [1, 2])
@pytest.mark.parametrize("change", list(CHANGES))
def test_tag_changes_build_as_clean_builds_do(make_app, tmp_path, change, parallel):  # type: ignore[no-untyped-def]
    before, after, removed = CHANGES[change]
    src = copy_root(tmp_path / "inc")
    before(src)
    first = make_app("html", srcdir=src, parallel=parallel, freshenv=True)
    first.build()
    old = snapshot(Path(first.outdir))
    after(src)
    again = make_app("html", srcdir=src, parallel=parallel)
    again.build()
    incremental = snapshot(Path(again.outdir))

    clean = clean_build(make_app, src, tmp_path, parallel=parallel)
    expected = snapshot(Path(clean.outdir))
    for gone in removed:  # Sphinx leaves a removed page's HTML file behind
        assert gone in old and gone not in expected
        incremental.pop(gone)
    assert incremental == expected
    assert inventory(Path(again.outdir)) == inventory(Path(clean.outdir))
    assert incremental != old


def test_added_tag_reaches_every_place_that_shows_it(make_app, tmp_path):  # type: ignore[no-untyped-def]
    src = copy_root(tmp_path / "src")
    make_app("html", srcdir=src, freshenv=True).build()
    directive_adds_tag(src)
    app = make_app("html", srcdir=src)
    app.build()
    out = Path(app.outdir)
    page = body(out, "episodes/tags/brand-new")
    assert [a.get_text() for a in page.select("a.litreview-ref-episode")] == ["E004"]
    e004 = body(out, "eps-d").select_one("#episode-e004").find_parent("dl")
    assert [a["href"] for a in e004.select("a.litreview-ref-tag")] == [
        "episodes/tags/tag1.html", "episodes/tags/brand-new.html"
    ]
    assert inventory(out)["litreview:tag"]["brand new"] == ("episodes/tags/brand-new.html", "Brand New")
