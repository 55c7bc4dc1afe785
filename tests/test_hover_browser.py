"""Hover previews in a real browser (Chromium through Playwright), from ``file://`` pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import build_sites

ROOT = Path(__file__).resolve().parent / "roots" / "test-hover"
TIP = "[role=tooltip]"
E026 = "a.litreview-ref[href$='#episode-e026']"
E666 = "a.litreview-ref[href$='#episode-e666']"
ENTROPY = "a.litreview-ref[href$='#lr-term-entropy']"
BUILDERS = ("html", "dirhtml")



@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The test-hover root built once per builder."""
    return build_sites(tmp_path_factory, ROOT, BUILDERS)


class Page:
    """A browser page that records console errors and uncaught exceptions."""

    def __init__(self, browser: Any, **context_options: Any) -> None:
        self.context = browser.new_context(**context_options)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on(
            "console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None
        )
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def open(self, site: Path, docname: str) -> Any:
        path = site / (f"{docname}.html" if site.name == "html" else _dirhtml_page(docname))
        self.page.goto(path.as_uri())
        return self.page


def _dirhtml_page(docname: str) -> str:
    return "index.html" if docname == "index" else f"{docname}/index.html"


@pytest.fixture(params=BUILDERS)
def site(request: pytest.FixtureRequest, sites: dict[str, Path]) -> Path:
    return sites[request.param]


@pytest.fixture
def tab(browser: Any) -> Iterator[Page]:
    page = Page(browser, viewport={"width": 1000, "height": 700})
    yield page
    assert page.errors == []
    page.context.close()


def visible_tip(page: Any) -> Any:
    tip = page.locator(TIP)
    tip.wait_for(state="visible", timeout=3000)
    return tip


def test_hover_shows_the_episode(tab: Page, site: Path) -> None:
    page = tab.open(site, "index")
    link = page.locator(E026).first
    link.hover()
    tip = visible_tip(page)
    text = tip.inner_text()
    for expected in ("E026", "RL calibrates rather than discovers", "Doe, Jane", "2025 (arXiv)"):
        assert expected in text
    assert "A third sentence" not in text  # first sentences only
    tip_id = tip.get_attribute("id")
    assert tip_id and page.locator(f"#{tip_id}").count() == 1
    assert link.get_attribute("aria-describedby") == tip_id
    # Leaving the link hides the card and restores the link as it was.
    page.mouse.move(5, 5)
    tip.wait_for(state="hidden", timeout=3000)
    assert link.get_attribute("aria-describedby") is None
    assert link.get_attribute("title") == "E026: RL calibrates rather than discovers"


def test_hover_shows_the_term(tab: Page, site: Path) -> None:
    page = tab.open(site, "index")
    page.locator(ENTROPY).first.hover()
    text = visible_tip(page).inner_text()
    assert "entropy" in text
    assert "Uncertainty of the next-token distribution." in text


def test_keyboard_focus_and_escape(tab: Page, site: Path) -> None:
    page = tab.open(site, "index")
    link = page.locator(E026).first
    # Tab through the page until the link has focus, as a keyboard user would.
    for _ in range(60):
        page.keyboard.press("Tab")
        if link.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the E026 link")
    tip = visible_tip(page)
    assert "RL calibrates rather than discovers" in tip.inner_text()
    assert link.get_attribute("aria-describedby") == tip.get_attribute("id")
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden", timeout=3000)
    assert link.get_attribute("aria-describedby") is None
    assert link.evaluate("el => el === document.activeElement")  # Esc does not move focus


def test_focus_moves_the_preview_to_the_next_link(tab: Page, site: Path) -> None:
    page = tab.open(site, "index")
    page.locator(E026).first.focus()
    assert "E026" in visible_tip(page).inner_text()
    page.locator(ENTROPY).first.focus()
    text = visible_tip(page).inner_text()
    assert "entropy" in text and "E026" not in text
    assert page.locator(TIP).count() == 1
    assert page.locator(E026).first.get_attribute("aria-describedby") is None


def test_injected_script_does_not_run(tab: Page, site: Path) -> None:
    page = tab.open(site, "evil")
    link = page.locator(E666).first
    link.hover()
    tip = visible_tip(page)
    text = tip.inner_text()
    assert "<script>window.__pwned = 1</script>" in text  # shown as text
    assert "<script>window.__pwned = 2</script>" in text
    assert tip.locator("script").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_preview_stays_inside_a_narrow_viewport(browser: Any, sites: dict[str, Path]) -> None:
    tab = Page(browser, viewport={"width": 360, "height": 640})
    page = tab.open(sites["html"], "evil")
    page.locator(E666).first.focus()
    box = visible_tip(page).bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert box["y"] >= 0 and box["y"] + box["height"] <= 640
    assert tab.errors == []
    tab.context.close()


def test_touch_first_tap_previews_second_tap_follows(browser: Any, sites: dict[str, Path]) -> None:
    tab = Page(browser, viewport={"width": 400, "height": 800}, has_touch=True, is_mobile=True)
    page = tab.open(sites["html"], "index")
    link = page.locator(E026).first
    link.tap()
    assert "E026" in visible_tip(page).inner_text()
    assert page.url.endswith("/index.html")  # the first tap did not navigate
    link.tap()
    page.wait_for_url("**/episodes.html#episode-e026", timeout=3000)
    assert tab.errors == []
    tab.context.close()
