"""Tags without a build: keys, aliases and display forms, the aliases' validation, tag
page names, and the pre-read scan of hand-written episodes' tags."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from docutils import nodes
from test_config_references import validated

from sphinxcontrib_litreview.catalog.overrides import FoundEpisode, scan_markdown, scan_rst
from sphinxcontrib_litreview.catalog.pages import tag_page_names
from sphinxcontrib_litreview.tags import TagVocabulary, alias_problem, tag_key

# -- keys, aliases, display forms -----------------------------------------------------------


def test_tags_match_any_case_and_white_space() -> None:
    assert tag_key("  Token   Level ") == tag_key("token level") == "token level"
    assert tag_key("STRASSE") == tag_key("Straße")  # casefold, not lower


def test_aliases_map_spellings_and_follow_chains() -> None:
    vocabulary = TagVocabulary({"reinforcement-learning": "RL", "Reinforcement Learning": "rl",
                                "rlhf": "reinforcement-learning"})
    spellings = ("rl", "RL", "REINFORCEMENT-learning", "reinforcement learning", "RLHF")
    assert {vocabulary.key(s) for s in spellings} == {"rl"}
    assert vocabulary.key("search") == "search"


def test_display_form_is_the_alias_target_as_written() -> None:
    vocabulary = TagVocabulary({"reinforcement-learning": "RL"})
    forms = vocabulary.display_forms(["rl", "rl", "reinforcement-learning"])
    assert forms == {"rl": "RL"}


def test_display_form_is_the_most_used_spelling_then_code_point_order() -> None:
    vocabulary = TagVocabulary({})
    assert vocabulary.display_forms(["Search", "search", "search"]) == {"search": "search"}
    assert vocabulary.display_forms(["token level", "Token Level"]) == {"token level": "Token Level"}
    assert vocabulary.display_forms(["  spaced   out "]) == {"spaced out": "spaced out"}


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ({"a": "b", "c": "b"}, None),
        ({"rl": "RL"}, None),  # a spelling of itself
        (["a", "b"], "not a dict"),
        ({"a": 3}, "'a': 3 is not a pair of strings"),
        ({"a": " "}, "'a': ' ' has an empty tag"),
        ({"a": "b", "B": "c", "c": "A"}, "the aliases go round in a circle: a -> b -> c -> a"),
    ],
)
def test_alias_problems(value: Any, problem: str | None) -> None:
    assert alias_problem(value) == problem


def test_bad_aliases_warn_and_fall_back(caplog: pytest.LogCaptureFixture) -> None:
    config = validated(caplog, tag_aliases={"x": "y", "y": "x"})
    assert config.litreview_tag_aliases == {}
    [record] = caplog.records
    assert record.levelno == logging.WARNING
    assert (
        "config value litreview_tag_aliases = {'x': 'y', 'y': 'x'} is invalid (the aliases go "
        "round in a circle: x -> y -> x); allowed: a dict of non-empty strings to non-empty "
        "strings, without cycles. Using the default {}."
    ) in record.getMessage()


def test_good_aliases_pass(caplog: pytest.LogCaptureFixture) -> None:
    config = validated(caplog, tag_aliases={"RLHF": "rl"})
    assert config.litreview_tag_aliases == {"RLHF": "rl"}
    assert caplog.records == []


# -- names of tag pages ---------------------------------------------------------------------


def test_tag_page_names_are_slugs() -> None:
    names = tag_page_names(["rl", "reinforcement learning", "schön", "c++", "v1.0"])
    assert names == {
        "rl": "rl", "reinforcement learning": "reinforcement-learning", "schön": "schon",
        "c++": "c", "v1.0": "v1.0",
    }


def test_tags_sharing_a_slug_get_hashed_names_except_the_exact_one() -> None:
    names = tag_page_names(["reinforcement learning", "reinforcement-learning", "c++", "c#"])
    assert names["reinforcement-learning"] == "reinforcement-learning"
    assert names["reinforcement learning"].startswith("reinforcement-learning~")
    assert names["c++"].startswith("c~") and names["c#"].startswith("c~")
    assert len({n.casefold() for n in names.values()}) == 4
    # The same names whatever the order the tags come in.
    assert tag_page_names(reversed(list(names))) == names


@pytest.mark.parametrize("key", ["学习", "index", "tags", "all-episodes", "x" * 300, "---"])
def test_tags_without_a_usable_slug_get_a_hashed_name(key: str) -> None:
    name = tag_page_names([key])[key]
    assert "~" in name and len(name.encode()) <= 100
    assert name.isascii()
    # The hash is the tag's own, so the name stays the same as other tags come and go.
    assert name == tag_page_names(["索引", key, "学习2"])[key]


def test_tags_without_slugs_get_different_names() -> None:
    names = tag_page_names(["学习", "索引", "检索"])
    assert len(set(names.values())) == 3
    assert all(n.startswith("tag~") for n in names.values())


# -- the scan before reading ------------------------------------------------------------------


def test_scan_reads_myst_tags_in_either_option_form() -> None:
    text = (
        ":::{episode} E001\n:title: A\n:tags: rl, Token level,\n   more\n\nBody :tags: no\n:::\n\n"
        "```{litreview:episode} E002\n---\ntitle: B\ntags: [a, \"b c\"]\n---\n```\n\n"
        "::::{only} html\n:::{episode} E003\n:tags: x\n:::\n::::\n\n"
        "- item\n\n  :::{episode} E004\n  :tags: nested\n  :::\n\n"
        "````markdown\n:::{episode} E005\n:tags: code\n:::\n````\n"
    )
    assert list(scan_markdown(text)) == [
        FoundEpisode("E001", 1, ("rl", "Token level", "more")),
        FoundEpisode("E002", 9, ("a", "b c")),
        FoundEpisode("E003", 17, ("x",), conditional=True),
        FoundEpisode("E004", 24, ("nested",)),
    ]


def test_scan_reads_rest_tags_with_continuation_lines() -> None:
    text = (
        ".. episode:: E010\n   :title: t\n   :tags: a, b,\n      c\n   :year: 2020\n\n"
        "   body\n\n"
        ".. ifconfig:: draft\n\n   .. episode:: E011\n      :tags: z\n\n"
        ".. a comment\n   .. episode:: E012\n      :tags: hidden\n"
    )
    assert list(scan_rst(text)) == [
        FoundEpisode("E010", 1, ("a", "b", "c")),
        FoundEpisode("E011", 11, ("z",), conditional=True),
    ]


def test_tag_index_is_a_to_z_by_the_shown_form_numbers_in_order() -> None:
    from sphinxcontrib_litreview.domain import TagInfo
    from sphinxcontrib_litreview.views.data import tag_index

    shown = {"tag10": "Tag10", "zeta": "Zeta", "tag9": "Tag9", "emile": "Émile", "alpha": "alpha", "none": "None"}

    class Domain:
        def tag_table(self) -> dict[str, TagInfo]:
            # "none" is left from an edit: no episode carries it, so it is not listed.
            return {k: TagInfo(k, d, None, () if k == "none" else ("E1",)) for k, d in sorted(shown.items())}

    listed = tag_index(Domain())  # type: ignore[arg-type]
    assert [t.display for t in listed] == ["alpha", "Émile", "Tag9", "Tag10", "Zeta"]


def test_tag_cloud_sizes_run_from_the_least_to_the_most_used_tag() -> None:
    from sphinxcontrib_litreview.views.data import TagCount
    from sphinxcontrib_litreview.views.render import Links, _tag_cloud

    # No tag with one episode: the scale starts at the least used (2), not at 1.
    counts = {"a": 2, "b": 4, "c": 8, "d": 3}
    items = [TagCount(key, key, number, None) for key, number in counts.items()]
    cloud = _tag_cloud(items, Links(None, None, "index"))  # type: ignore[arg-type]
    weights = {
        entry.astext().split()[0][0]: entry["classes"][0] for entry in cloud.findall(nodes.inline)
        if entry["classes"][0].startswith("litreview-tag-weight-")
    }
    assert weights == {
        "a": "litreview-tag-weight-1", "b": "litreview-tag-weight-3",
        "c": "litreview-tag-weight-5", "d": "litreview-tag-weight-2",
    }


def test_a_tag_the_review_does_not_have_is_shown_as_text() -> None:
    from sphinxcontrib_litreview.views.render import Links

    class Domain:
        def tag(self, spelling: str) -> None:
            return None

    shown = Links(Domain(), None, "index").tag("Gone")  # type: ignore[arg-type]
    assert shown.pformat() == '<inline classes="litreview-tag">\n    Gone\n'
