"""Shared helpers for reading build output in tests."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def html(outdir: Path, docname: str) -> BeautifulSoup:
    return BeautifulSoup((Path(outdir) / f"{docname}.html").read_text("utf8"), "html.parser")


def body(outdir: Path, docname: str) -> Tag:
    soup = html(outdir, docname)
    found = soup.select_one("div.body") or soup.select_one("[role=main]") or soup.body
    assert found is not None
    return found


def warnings_of(app) -> list[str]:  # type: ignore[no-untyped-def]
    text = _ANSI.sub("", app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


def litreview_warnings(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [w for w in warnings_of(app) if "[litreview." in w]


def links(tag: Tag, css: str = "a") -> list[tuple[str, str]]:
    """(text, href) of each link under *tag* matching *css*."""
    return [(a.get_text(" ", strip=True), str(a.get("href", ""))) for a in tag.select(css)]


def inventory_item(item) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """(uri, display name) of an intersphinx inventory entry: an object from Sphinx 8.2
    on, a (project, version, uri, display name) tuple before."""
    if isinstance(item, tuple):
        return item[2], item[3]
    return item.uri, getattr(item, "display_name", getattr(item, "displayname", ""))
