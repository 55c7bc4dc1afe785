"""Every litreview.* warning: its subtype, its location, and that it can be silenced."""

from __future__ import annotations

import re

import pytest
from helpers import build_myst_page, litreview_warnings, warnings_of


def find(warnings: list[str], subtype: str, *needles: str) -> str:
    for line in warnings:
        if f"[litreview.{subtype}]" in line and all(n in line for n in needles):
            return line
    raise AssertionError(f"no litreview.{subtype} warning with {needles} in:\n" + "\n".join(warnings))


def location(line: str) -> tuple[str, int]:
    match = re.match(r"(.+?):(\d+): WARNING", line)
    assert match, line
    return match.group(1).rsplit("/", 1)[-1], int(match.group(2))


@pytest.fixture
def warned(app):  # type: ignore[no-untyped-def]
    app.build()
    return litreview_warnings(app)


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True)
def test_unknown_episode_with_suggestion_and_location(warned):
    line = find(warned, "unknown_episode", "'E002'", "did you mean 'E0")
    assert location(line) == ("topic.md", 7)
    anchor = find(warned, "unknown_episode", "anchor E027", "did you mean E026?")
    assert location(anchor) == ("topic.md", 3)
    assert len([w for w in warned if "anchor E027" in w]) == 1  # once, though the header has two parts


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True)
def test_unknown_term_and_topic(warned):
    assert location(find(warned, "unknown_term", "'entropi'", "did you mean 'entropy'?")) == (
        "topic.md", 7,
    )
    find(warned, "unknown_topic", "'a-topik'")
    find(warned, "unknown_topic", ":topic: 'nowhere'")


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True)
def test_unknown_standard_term_keeps_sphinx_warning(app):
    """{term} is Sphinx's own role: an unknown term warns as Sphinx does (ref.term),
    so suppress_warnings and nitpick_ignore entries of existing projects keep working."""
    app.build()
    warnings = warnings_of(app)
    standard = [w for w in warnings if "'entropyy'" in w]
    assert len(standard) == 1
    assert standard[0].endswith("[ref.term]")
    assert "term not in glossary" in standard[0]


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True)
def test_duplicates_name_both_places(warned):
    episode = find(warned, "duplicate_episode", "E001", "defs, line 3", "more, line 3")
    assert location(episode) == ("more.md", 3)
    term = find(warned, "duplicate_term", "'entropy'", "defs, line 13", "more, line 7")
    assert location(term) == ("more.md", 7)


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True)
def test_bad_ids(warned):
    assert location(find(warned, "bad_id", "'X12'")) == ("topic.md", 7)
    assert location(find(warned, "bad_id", "'not-an-id'")) == ("defs.md", 17)


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True)
def test_bad_options_say_what_is_allowed(warned):
    style = find(warned, "option", ":style: 'fancy'", "list, table, cards")
    assert location(style) == ("topic.md", 10)
    assert location(find(warned, "option", ":year: 'soon'")) == ("defs.md", 3)
    find(warned, "option", "unknown option :colour:", ":title:")


@pytest.mark.sphinx(
    "html", testroot="warnings", freshenv=True,
    confoverrides={"litreview_episode_id_pattern": "([", "litreview_title": 5},
)
def test_bad_config_values_fall_back_to_defaults(app):
    app.build()
    warned = litreview_warnings(app)
    find(warned, "option", "litreview_episode_id_pattern", "valid regular expression")
    find(warned, "option", "litreview_title = 5")
    assert app.config.litreview_title == "Literature review"
    assert app.config.litreview_episode_id_pattern == r"E\d{3,}"


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True, confoverrides={"litreview_warn_unreferenced": True})
def test_unreferenced_episodes_only_when_asked(app):
    app.build()
    line = find(litreview_warnings(app), "unreferenced_episode", "E099")
    assert location(line) == ("more.md", 11)


@pytest.mark.sphinx("html", testroot="warnings", freshenv=True)
def test_unreferenced_is_off_by_default(warned):
    assert not [w for w in warned if "unreferenced_episode" in w]


SUBTYPES = [
    "unknown_episode", "unknown_term", "unknown_topic", "duplicate_episode",
    "duplicate_term", "bad_id", "option",
]


@pytest.mark.sphinx(
    "html", testroot="warnings", freshenv=True,
    confoverrides={"suppress_warnings": [f"litreview.{s}" for s in SUBTYPES]},
)
def test_every_subtype_can_be_suppressed(app):
    app.build()
    assert litreview_warnings(app) == []


@pytest.mark.sphinx(
    "html", testroot="warnings", freshenv=True, confoverrides={"suppress_warnings": ["litreview.unknown_episode"]}
)
def test_suppressing_one_subtype_keeps_the_others(app):
    app.build()
    warned = litreview_warnings(app)
    assert not [w for w in warned if "unknown_episode" in w]
    find(warned, "unknown_term", "entropi")


def test_a_term_also_in_a_sphinx_glossary_is_reported_once_at_the_term(make_app, tmp_path):  # type: ignore[no-untyped-def]
    page = "# Terms\n\n:::{term} Entropy\nUncertainty.\n:::\n\n```{glossary}\nentropy\n   Disorder.\n```\n"
    app = build_myst_page(make_app, tmp_path, page)
    assert litreview_warnings(app) == [
        f"{tmp_path}/index.md:3: WARNING: term 'entropy' is defined twice: as 'Entropy' in index, "
        "line 3 and by a glossary directive in index; :term: links to the glossary's, "
        "{litreview:term} to this one. Remove one of them [litreview.duplicate_term]"
    ]
