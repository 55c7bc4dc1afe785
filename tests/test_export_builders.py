"""Which builders get ``litreview.json``, for builders that Sphinx does not ship."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from sphinxcontrib_litreview.export import wants_export


def builder(**attributes: Any) -> Any:
    return SimpleNamespace(**attributes)


def test_an_html_builder_without_an_embedded_attribute_gets_the_export() -> None:
    # Sphinx's HTML builders all define ``embedded``; a third party's need not.
    assert wants_export(builder(format="html")) is True
    assert wants_export(builder(format="html", embedded=False)) is True
    assert wants_export(builder(format="html", embedded=True)) is False
    assert wants_export(builder(format="latex")) is False
