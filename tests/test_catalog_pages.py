"""Generated page files: format and ownership, names, lossless writing, and the
hand-written override scan."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sphinxcontrib_litreview.catalog.overrides import handwritten_episode_ids
from sphinxcontrib_litreview.catalog.pages import (
    MAX_NAME_BYTES,
    PAGE_SUFFIX,
    checksum_holds,
    existing_pages,
    is_owned,
    page_names,
    page_text,
    read_page,
    sync_pages,
)

PAGE = {"kind": "episode", "record": {"id": "E001", "title": "One"}}


def write(src: Path, relative: str, page: dict[str, object] = PAGE) -> str:
    text = page_text(relative, page)
    (src / relative).parent.mkdir(parents=True, exist_ok=True)
    (src / relative).write_text(text, encoding="utf-8")
    return text


# -- format and ownership -----------------------------------------------------------


def test_page_text_round_trips_and_owns_itself() -> None:
    text = page_text("episodes/E001.litreview", PAGE)
    assert read_page(text)[0] == PAGE
    assert checksum_holds(text, "episodes/E001.litreview")
    assert "generated-by" in text and text.endswith("\n")


def test_an_edited_page_is_not_owned() -> None:
    text = page_text("episodes/E001.litreview", PAGE)
    assert not checksum_holds(text.replace('"One"', '"One, annotated"'), "episodes/E001.litreview")


def test_a_copy_under_another_name_is_not_owned(tmp_path: Path) -> None:
    original = write(tmp_path, "episodes/E001.litreview")
    (tmp_path / "episodes" / "mine.litreview").write_text(original, encoding="utf-8")
    assert is_owned(tmp_path / "episodes" / "E001.litreview", "episodes/E001.litreview")
    assert not is_owned(tmp_path / "episodes" / "mine.litreview", "episodes/mine.litreview")


def test_text_that_is_not_a_page_is_not_owned() -> None:
    assert read_page("# A notes page\n") == (None, "")
    assert not checksum_holds("[1, 2]", "x.litreview")


# -- names ------------------------------------------------------------------------------


def test_plain_ids_are_their_own_names() -> None:
    assert page_names(["E026", "smith2020a", "Label--ITEM-1"]) == {
        "E026": "E026", "smith2020a": "smith2020a", "Label--ITEM-1": "Label--ITEM-1",
    }


def test_ids_up_to_the_name_limit_keep_their_name() -> None:
    longest, too_long = "E" + "1" * (MAX_NAME_BYTES - 1), "E" + "1" * MAX_NAME_BYTES
    names = page_names([longest, too_long])
    assert names[longest] == longest
    assert "~" in names[too_long] and len(names[too_long].encode()) <= MAX_NAME_BYTES


@pytest.mark.parametrize("episode_id", ["a/../b", "index", "all-episodes", "tags", ".hidden", "E1²", "x y"])
def test_unsafe_or_reserved_ids_get_a_hashed_name(episode_id: str) -> None:
    name = page_names([episode_id])[episode_id]
    assert name != episode_id and "~" in name
    assert "/" not in name and name.isascii() and not name.startswith(".")


def test_names_never_clash_not_even_ignoring_case() -> None:
    ids = ["a/b", "a-b~" + page_names(["a/b"])["a/b"].split("~")[1], "E001", "e001", "E.1", "E-1"]
    names = page_names(ids)
    assert len({name.casefold() for name in names.values()}) == len(ids)


def test_long_ids_are_capped() -> None:
    long_id = "E" + "1" * 300
    name = page_names([long_id])[long_id]
    assert len(name.encode()) <= MAX_NAME_BYTES


def test_a_long_non_ascii_id_cut_inside_a_character() -> None:
    # Two-byte characters after one ASCII one: the cut at MAX_NAME_BYTES - 10 bytes
    # falls in the middle of a character, which is dropped, not an error.
    long_id = "E" + "é" * 100
    name = page_names([long_id])[long_id]
    assert name.isascii() and len(name.encode()) <= MAX_NAME_BYTES


# -- writing ------------------------------------------------------------------------------


def test_sync_writes_only_changed_files_and_removes_stale_ones(tmp_path: Path) -> None:
    one, two = "episodes/E001.litreview", "episodes/E002.litreview"
    pages = {one: page_text(one, PAGE), two: page_text(two, {"kind": "episode", "record": {"id": "E002"}})}
    report = sync_pages(tmp_path, pages, existing=[], other_suffixes=[".md"])
    assert sorted(report.written) == [one, two]

    past = 1_000_000_000
    for path in (tmp_path / "episodes").iterdir():
        os.utime(path, (past, past))
    report = sync_pages(tmp_path, pages, existing=existing_pages(tmp_path, []), other_suffixes=[".md"])
    assert report.written == report.removed == []
    assert all(path.stat().st_mtime == past for path in (tmp_path / "episodes").iterdir())

    changed = {one: page_text(one, {"kind": "episode", "record": {"id": "E001", "title": "Uno"}})}
    report = sync_pages(tmp_path, changed, existing=existing_pages(tmp_path, []), other_suffixes=[".md"])
    assert report.written == [one] and report.removed == [two]
    assert sorted(p.name for p in (tmp_path / "episodes").iterdir()) == ["E001.litreview"]


def test_sync_never_touches_files_of_the_user(tmp_path: Path) -> None:
    episodes = tmp_path / "episodes"
    episodes.mkdir()
    (episodes / "E001.md").write_text("# My own page\n", encoding="utf-8")
    (episodes / "notes.md").write_text("# Notes mentioning sphinxcontrib-litreview\n", encoding="utf-8")
    edited = write(tmp_path, "episodes/E003.litreview").replace('"One"', '"One!"')
    (episodes / "E003.litreview").write_text(edited, encoding="utf-8")
    copy = write(tmp_path, "episodes/E004.litreview")
    (episodes / "copy-of-E004.litreview").write_text(copy, encoding="utf-8")

    wanted = {f"episodes/E00{n}.litreview": page_text(f"episodes/E00{n}.litreview", PAGE) for n in (1, 2, 3)}
    report = sync_pages(
        tmp_path, wanted, existing=existing_pages(tmp_path, []), other_suffixes=[".md", ".rst", PAGE_SUFFIX],
    )
    assert report.blocked == [("episodes/E001.litreview", "episodes/E001.md")]
    assert sorted(report.edited) == ["episodes/E003.litreview", "episodes/copy-of-E004.litreview"]
    assert report.removed == ["episodes/E004.litreview"]
    assert (episodes / "E001.md").read_text(encoding="utf-8") == "# My own page\n"
    assert not (episodes / "E001.litreview").exists()
    assert (episodes / "notes.md").exists()
    assert (episodes / "E003.litreview").read_text(encoding="utf-8") == edited
    assert (episodes / "copy-of-E004.litreview").read_text(encoding="utf-8") == copy


def test_sync_does_not_write_through_a_symlink(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    src = tmp_path / "src"
    (src / "episodes").mkdir(parents=True)
    (src / "episodes" / "E001.litreview").symlink_to(outside)  # dangling
    relative = "episodes/E001.litreview"
    report = sync_pages(src, {relative: page_text(relative, PAGE)}, existing=[], other_suffixes=[])
    assert not outside.exists()
    assert report.written == []
    assert report.edited == [relative]


def test_a_page_that_cannot_be_written_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "episodes" / "E001.litreview").mkdir(parents=True)  # a folder in the way
    pages = {f"episodes/E00{n}.litreview": page_text(f"episodes/E00{n}.litreview", PAGE) for n in (1, 2)}
    report = sync_pages(tmp_path, pages, existing=[], other_suffixes=[])
    assert report.written == ["episodes/E002.litreview"]
    assert [relative for relative, _reason in report.failed + [(r, "") for r in report.edited]] == [
        "episodes/E001.litreview"
    ]


def test_old_folders_are_cleaned_up_and_removed_when_emptied(tmp_path: Path) -> None:
    write(tmp_path, "old-episodes/E001.litreview")
    (tmp_path / "old-episodes" / "keep.md").write_text("mine\n", encoding="utf-8")
    write(tmp_path, "older/E002.litreview")
    report = sync_pages(tmp_path, {}, existing=existing_pages(tmp_path, []), other_suffixes=[])
    assert sorted(report.removed) == ["old-episodes/E001.litreview", "older/E002.litreview"]
    assert (tmp_path / "old-episodes" / "keep.md").exists()
    assert not (tmp_path / "older").exists()


# -- the hand-written override scan --------------------------------------------------------


def test_handwritten_scan(tmp_path: Path) -> None:
    files = {
        "topic.md": ":::{episode} E001\n:title: One\n:::\n\n````{litreview:episode} E002\n````\n",
        "sub/page.rst": ".. episode:: E003\n\n.. litreview:episode:: E004\n   :title: x\n",
        "sub/evalrst.md": "```{eval-rst}\n  .. episode:: E005\n```\n",
        "references.md": "{episode}`E006` is only cited here.\n",
        "_build/html/_sources/old.md": ".. episode:: E007\n",
        ".hidden/page.md": ":::{episode} E008\n:::\n",
        "excluded/page.md": ":::{episode} E009\n:::\n",
        "data.yaml": "- id: E010  # {episode} E010\n",
        "episodes/E011.litreview": page_text("episodes/E011.litreview", PAGE),
        # Examples in code blocks document the directive; they define nothing.
        "guide.md": (
            "````markdown\n:::{episode} E012\n:::\n````\n\n"
            "```{code-block} rst\n.. episode:: E013\n```\n\n"
            "~~~\n```{episode} E014\n```\n~~~\n\n"
            "::::{note}\n:::{episode} E015\n:::\n::::\n"
        ),
        "guide.rst": (
            "Example::\n\n   .. episode:: E016\n\n"
            ".. code-block:: rst\n\n   .. episode:: E017\n\n"
            ".. note::\n\n   .. episode:: E018\n"
        ),
        # Places where a directive defines nothing, or only in some outputs.
        "hidden.md": (
            "<!-- not now\n:::{episode} E019\n:::\n-->\n\n"
            "    :::{episode} E020\n    :::\n\n"
            "::::{only} latex\n:::{episode} E021\n:::\n::::\n"
        ),
        "hidden.rst": (
            ".. a comment\n   .. episode:: E022\n\n"
            "..\n   .. episode:: E023\n\n"
            ".. only:: latex\n\n   .. episode:: E024\n\n"
            ".. ifconfig:: draft\n\n   .. episode:: E025\n"
        ),
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    found = handwritten_episode_ids(
        tmp_path,
        {".md": "markdown", ".rst": "restructuredtext", PAGE_SUFFIX: "litreview"},
        exclude_patterns=["excluded", "_build"],
        skip_suffixes=(PAGE_SUFFIX,),
    )
    assert set(found) == {"E001", "E002", "E003", "E004", "E005", "E015", "E018"}
    assert found["E003"] == ("sub/page.rst", 1)
    assert found["E005"] == ("sub/evalrst.md", 2)
    shutil.rmtree(tmp_path)
