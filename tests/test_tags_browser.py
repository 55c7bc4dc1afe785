"""Tags in hover previews, in a real browser (Chromium through Playwright): each tag
links to its page, relative to the page showing the preview; a link that is not a
relative page link is shown as text."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import build_sites
from test_hover_browser import BUILDERS, Page, visible_tip

ROOT = Path(__file__).resolve().parent / "roots" / "test-tags"
E002 = "a.litreview-ref[href$='#episode-e002']"

pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    def without_unknown_tag(srcdir: Path) -> None:
        roles = srcdir / "roles.md"
        roles.write_text(roles.read_text().replace(", and unknown: {tag}`serch`", ""))

    return build_sites(tmp_path_factory, ROOT, BUILDERS, without_unknown_tag)


@pytest.fixture(params=BUILDERS)
def site(request: pytest.FixtureRequest, sites: dict[str, Path]) -> Path:
    return sites[request.param]


@pytest.fixture
def tab(browser: Any) -> Any:
    page = Page(browser, viewport={"width": 1000, "height": 700})
    yield page
    assert page.errors == []
    page.context.close()


def test_preview_links_each_tag_to_its_page(tab: Any, site: Path) -> None:
    page = tab.open(site, "topic")
    page.locator(E002).first.hover()
    tip = visible_tip(page)
    tags = tip.locator(".litreview-hover-tags a.litreview-hover-tag")
    assert tags.all_inner_texts() == ["RL", "Token Level"]
    tags.first.click()
    if site.name == "html":
        page.wait_for_url("**/episodes/tags/rl.html", timeout=3000)
        assert page.locator("h1").first.inner_text().startswith("Tag: RL")
    else:  # a folder: from file:// the browser lists it, the page is its index.html
        page.wait_for_url("**/episodes/tags/rl/", timeout=3000)
        assert (site / "episodes" / "tags" / "rl" / "index.html").is_file()


def test_a_tag_link_that_is_not_a_page_link_is_shown_as_text(tab: Any, sites: dict[str, Path]) -> None:
    site = sites["html"]
    original = (site / "topic.html").read_text("utf8")
    hostile = {
        "RL": "javascript:window.__pwned=1",
        "Token Level": "//evil.example/page.html",
        "search": "/etc/passwd",
        "hand-made": "data:text/html,x",
    }
    block = re.compile(r'(<script type="application/json" class="litreview-tag-links">)(.*?)(</script>)')
    assert block.search(original)
    (site / "hostile.html").write_text(
        block.sub(lambda m: m.group(1) + json.dumps(hostile) + m.group(3), original), "utf8"
    )
    page = tab.open(site, "hostile")
    page.locator(E002).first.hover()
    tip = visible_tip(page)
    assert tip.locator("a").count() == 0
    assert tip.locator("span.litreview-hover-tag").all_inner_texts() == ["RL", "Token Level"]
    assert page.evaluate("typeof window.__pwned") == "undefined"
