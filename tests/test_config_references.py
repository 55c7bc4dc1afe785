"""The reference config values: validated like the others, defaults keep today's look."""

from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import Any

import pytest

from sphinxcontrib_litreview.config import PREFIX, config_fields, default_of, validate_config


def validated(caplog: pytest.LogCaptureFixture, **values: Any) -> SimpleNamespace:
    config = SimpleNamespace(**{PREFIX + field.name: default_of(field) for field in config_fields()})
    for name, value in values.items():
        setattr(config, PREFIX + name, value)
    with caplog.at_level(logging.WARNING):
        validate_config(None, config)  # type: ignore[arg-type]
    return config


def test_defaults(caplog: pytest.LogCaptureFixture) -> None:
    config = validated(caplog)
    assert config.litreview_citation_style is None
    assert config.litreview_episode_label == "id"
    assert caplog.records == []


@pytest.mark.parametrize("style", ["apa", "chicago-author-date", "styles/my.csl"])
@pytest.mark.parametrize("label", ["id", "author-year", "title", "numeric"])
def test_good_values(caplog: pytest.LogCaptureFixture, style: str, label: str) -> None:
    config = validated(caplog, citation_style=style, episode_label=label)
    assert (config.litreview_citation_style, config.litreview_episode_label) == (style, label)
    assert caplog.records == []


@pytest.mark.parametrize(
    ("name", "value", "allowed"),
    [
        ("citation_style", "", "None, a style name, or a path to a .csl file"),
        ("citation_style", 3, "None, a style name, or a path to a .csl file"),
        ("episode_label", "author_year", "'id', 'author-year', 'title' or 'numeric'"),
        ("episode_label", None, "'id', 'author-year', 'title' or 'numeric'"),
    ],
)
def test_bad_values_fall_back(caplog: pytest.LogCaptureFixture, name: str, value: Any, allowed: str) -> None:
    config = validated(caplog, **{name: value})
    assert getattr(config, PREFIX + name) == {"citation_style": None, "episode_label": "id"}[name]
    [record] = caplog.records
    # Once Sphinx has set up logging in this process, it adds "WARNING: " and the type.
    assert (
        f"config value {PREFIX + name} = {value!r} is invalid; allowed: {allowed}. "
        f"Using the default {default_of(next(f for f in config_fields() if f.name == name))!r}."
    ) in record.getMessage()
