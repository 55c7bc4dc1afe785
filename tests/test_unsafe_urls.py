"""``javascript:`` URLs become no link anywhere: not on a page, not in the hover
data, not in ``litreview.json``; the author is told with a warning."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import html, litreview_warnings

from sphinxcontrib_litreview.export import EXPORT_FILENAME

# Browsers ignore ASCII whitespace and control characters inside a scheme.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20]")


def is_script_url(value: str) -> bool:
    return _IGNORED_IN_SCHEME.sub("", value).lower().startswith(("javascript:", "vbscript:"))


def strings(data: object) -> Iterator[str]:
    """Every string in a JSON document, keys included."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from strings(item)


def pages(outdir: Path) -> list[str]:
    return sorted(
        path.relative_to(outdir).with_suffix("").as_posix()
        for path in outdir.rglob("*.html")
        if not path.relative_to(outdir).as_posix().startswith("_")
    )


def script_urls_in_pages(outdir: Path) -> list[tuple[str, str]]:
    found = []
    for page in pages(outdir):
        for tag in html(outdir, page).select("[href], [src], [action], [formaction]"):
            for name in ("href", "src", "action", "formaction"):
                if is_script_url(str(tag.get(name, ""))):
                    found.append((page, str(tag[name])))
    return found


def script_urls_in_hover_data(outdir: Path) -> tuple[int, list[str]]:
    """(number of previews shipped, URL-like strings among them)."""
    shipped, found = 0, []
    for page in pages(outdir):
        for block in html(outdir, page).select("script.litreview-previews"):
            data = json.loads(block.string or "")
            shipped += len(data)
            found += [s for s in strings(data) if is_script_url(s)]
    return shipped, found


def export(outdir: Path) -> dict[str, Any]:
    return json.loads((outdir / EXPORT_FILENAME).read_text("utf8"))


# One test per output, so that each shows on its own which output leaks; each in its own
# source dir, so that none sees a build another test left behind (no warnings then).
@pytest.mark.sphinx("html", testroot="unsafe-url", srcdir="unsafe-url-warning")
def test_episode_directive_warns_about_a_javascript_url(app: Any) -> None:
    app.build()
    warnings = litreview_warnings(app)
    assert len(warnings) == 2, warnings
    for line, url in ((3, "javascript:alert(1)"), (10, "JavaScript:alert(document.cookie)")):
        (warning,) = [w for w in warnings if f"episodes.md:{line}:" in w]
        assert "[litreview.option]" in warning and url in warning


@pytest.mark.sphinx("html", testroot="unsafe-url", srcdir="unsafe-url-pages")
def test_episode_directive_links_no_javascript_url_on_pages(app: Any) -> None:
    app.build()
    outdir = Path(app.outdir)
    assert script_urls_in_pages(outdir) == []
    # The check can see a link: the episode with an http(s) address has one.
    links = [a["href"] for a in html(outdir, "episodes").select(".litreview-metadata a[href]")]
    assert links == ["https://example.org/paper"]
    # The rest of the directive still renders.
    e001 = html(outdir, "episodes").select_one("#episode-e001")
    assert e001 is not None and "Script link" in e001.get_text()


@pytest.mark.sphinx("html", testroot="unsafe-url", srcdir="unsafe-url-hover")
def test_episode_directive_ships_no_javascript_url_in_hover_data(app: Any) -> None:
    app.build()
    shipped, found = script_urls_in_hover_data(Path(app.outdir))
    assert shipped == 3 and found == []


@pytest.mark.sphinx("html", testroot="unsafe-url", srcdir="unsafe-url-export")
def test_episode_directive_exports_no_javascript_url(app: Any) -> None:
    app.build()
    data = export(Path(app.outdir))
    assert [s for s in strings(data) if is_script_url(s)] == []
    assert [e["url"] for e in data["episodes"]] == ["", "", "https://example.org/paper"]


@pytest.mark.sphinx("html", testroot="unsafe-url-catalog", srcdir="unsafe-url-catalog-outputs")
def test_catalog_record_with_a_javascript_url_is_linked_nowhere(app: Any) -> None:
    app.build()
    outdir = Path(app.outdir)
    assert script_urls_in_pages(outdir) == []
    links = [a["href"] for a in html(outdir, "episodes/E003").select(".litreview-metadata a[href]")]
    assert links == ["https://example.org/paper"]
    shipped, found = script_urls_in_hover_data(outdir)
    assert shipped == 3 and found == []
    data = export(outdir)
    assert [s for s in strings(data) if is_script_url(s)] == []
    assert {e["id"]: e["url"] for e in data["episodes"]} == {
        "E001": "", "E002": "", "E003": "https://example.org/paper"
    }


@pytest.mark.sphinx("html", testroot="unsafe-url-catalog", srcdir="unsafe-url-catalog-warning")
def test_catalog_record_with_a_javascript_url_is_reported_as_catalog_data(app: Any) -> None:
    # SPEC: what restricted catalog text drops is a litreview.catalog warning naming
    # the catalog file, the record and the field.
    app.build()
    warnings = [w for w in litreview_warnings(app) if "javascript:alert(1)" in w]
    assert len(warnings) == 1, litreview_warnings(app)
    assert "catalog.yaml" in warnings[0]
    assert "E001" in warnings[0] and "url" in warnings[0]
    assert "[litreview.catalog]" in warnings[0]
