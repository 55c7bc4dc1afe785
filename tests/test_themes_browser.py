"""The extension's CSS in five popular themes, measured in Chromium (Playwright).

For each theme (furo also in its dark mode) the test-themes root is built and three
things are measured from computed layout, not judged from screenshots: the topic
header (kicker right above the title, text clear of the bar), the heading of a
hand-written ``episode`` directive (ID and title apart, on one line, the title not
in the code font) and the hover card (padding, its ID apart from the title, legible
colours)."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import build_site

ROOT = Path(__file__).resolve().parent / "roots" / "test-themes"

#: html_theme -> the package that provides it.
THEMES = {
    "alabaster": "alabaster",
    "furo": "furo",
    "sphinx_rtd_theme": "sphinx_rtd_theme",
    "pydata_sphinx_theme": "pydata_sphinx_theme",
    "sphinx_book_theme": "sphinx_book_theme",
}
CASES = [(theme, "light") for theme in THEMES] + [("furo", "dark")]



@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """The test-themes root built once per theme, on first use."""
    built: dict[str, Path] = {}

    def build(theme: str) -> Path:
        if theme not in built:
            if importlib.util.find_spec(THEMES[theme]) is None:
                pytest.skip(f"{THEMES[theme]} is not installed (pip install -e '.[test]')")
            built[theme] = build_site(tmp_path_factory, ROOT, theme, confoverrides={"html_theme": theme})
        return built[theme]

    yield build  # type: ignore[misc]


@pytest.fixture(params=CASES, ids=[f"{theme}-{scheme}" for theme, scheme in CASES])
def page(request: pytest.FixtureRequest, sites: Any, browser: Any) -> Iterator[Any]:
    theme, scheme = request.param
    outdir = sites(theme)
    context = browser.new_context(viewport={"width": 1100, "height": 800}, color_scheme=scheme)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.open = lambda docname: tab.goto((outdir / f"{docname}.html").as_uri())  # type: ignore[attr-defined]
    tab.scheme = scheme  # type: ignore[attr-defined]
    yield tab
    assert errors == []
    context.close()


def _px(value: str) -> float:
    return float(value.removesuffix("px"))


def _rgb(css: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)  # type: ignore[return-value]


def _luminance(css: str) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b, _ = _rgb(css)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


#: Boxes and styles read in the page, in CSS pixels.
_TOPIC = """() => {
  const box = e => e.getBoundingClientRect();
  const kicker = document.querySelector('p.litreview-kicker');
  const title = kicker.nextElementSibling;
  const header = document.querySelector('.litreview-topic-header');
  const summary = header.querySelector('.litreview-summary');
  const textOf = node => {
    const range = document.createRange();
    range.selectNodeContents(node);
    return range.getBoundingClientRect();
  };
  const style = getComputedStyle(header);
  return {
    title: title.tagName, kicker: box(kicker), titleBox: box(title), header: box(header),
    titleText: textOf(title.firstChild), kickerText: textOf(kicker),
    summaryText: textOf(summary), border: style.borderLeftWidth,
    paddingLeft: style.paddingLeft, kickerSize: getComputedStyle(kicker).fontSize,
    titleSize: getComputedStyle(title).fontSize,
  };
}"""

_EPISODE = """() => {
  const box = e => e.getBoundingClientRect();
  const heading = document.querySelector('dl.litreview-episode > dt');
  const id = heading.querySelector('.sig-name');
  const title = heading.querySelector('.property');
  const first = document.createRange();
  // The title's own first word: the ": " before it is for text output and hidden here.
  const word = title.querySelector(':scope > .pre') || title;
  first.selectNodeContents(word);
  return {
    id: box(id), idText: id.textContent, firstWord: first.getBoundingClientRect(),
    idFont: getComputedStyle(id).fontFamily, titleFont: getComputedStyle(word).fontFamily,
  };
}"""

_CARD = """() => {
  const card = document.querySelector('[role=tooltip]');
  const id = card.querySelector('.litreview-hover-id');
  const title = card.querySelector('.litreview-hover-title');
  const style = getComputedStyle(card);
  return {
    card: card.getBoundingClientRect(), id: id.getBoundingClientRect(),
    title: title.getClientRects()[0],
    padding: [style.paddingTop, style.paddingRight, style.paddingBottom, style.paddingLeft],
    color: style.color, background: style.backgroundColor, fontSize: style.fontSize,
    body: getComputedStyle(document.body).backgroundColor,
  };
}"""


def test_topic_header(page: Any) -> None:
    page.open("topic")
    m = page.evaluate(_TOPIC)
    assert m["title"] == "H1"
    # The kicker sits right above the title, aligned with it, and smaller.
    gap = m["titleBox"]["top"] - m["kicker"]["bottom"]
    assert 0 <= gap <= 8, gap
    assert abs(m["kickerText"]["left"] - m["titleText"]["left"]) <= 3
    assert _px(m["kickerSize"]) < _px(m["titleSize"]) / 2
    # The summary and navigation follow the title, their text clear of the bar.
    assert m["header"]["top"] >= m["titleBox"]["bottom"]
    assert _px(m["border"]) == 3
    assert _px(m["paddingLeft"]) >= 8
    assert m["summaryText"]["left"] - m["header"]["left"] >= 3 + 8


def test_episode_heading(page: Any) -> None:
    page.open("episodes")
    m = page.evaluate(_EPISODE)
    assert m["idText"] == "E001"
    # "E001  Example…", never "E001Example…": a visible gap, on the same line.
    gap = m["firstWord"]["left"] - m["id"]["right"]
    assert 4 <= gap <= 24, gap
    assert abs(m["firstWord"]["top"] - m["id"]["top"]) <= 8
    # A paper's title in the text font, not the code font of the ID.
    assert m["titleFont"] != m["idFont"]
    assert "mono" not in m["titleFont"].lower()


def test_hover_card(page: Any) -> None:
    page.open("topic")
    page.locator("a.litreview-ref-episode").first.hover()
    page.locator("[role=tooltip]").wait_for(state="visible", timeout=3000)
    m = page.evaluate(_CARD)
    top, right, bottom, left = (_px(p) for p in m["padding"])
    assert min(top, right, bottom, left) >= 6, m["padding"]
    assert m["id"]["left"] - m["card"]["left"] >= 6  # the content clear of the edge
    gap = m["title"]["left"] - m["id"]["right"]
    assert 2 <= gap <= 16, gap
    assert _px(m["fontSize"]) == 14
    assert m["card"]["right"] <= 1100 and m["card"]["bottom"] <= 800
    assert _rgb(m["background"])[3] == 1  # opaque: the page does not show through
    assert _contrast(m["color"], m["background"]) >= 4.5
    if page.scheme == "dark":  # the card follows the theme's dark mode
        assert _luminance(m["body"]) < 0.1 and _luminance(m["background"]) < 0.1
