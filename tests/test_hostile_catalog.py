"""Catalog text is data: a hostile catalog cannot run, read files, redirect, replace a
record or break the build, in MyST projects and in reST projects.

Each record of roots/test-hostile-{myst,rst}/hostile.yaml tries one attack; the
project's own pages (roles.rst defines a raw role, as authors may) keep full power.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from helpers import litreview_warnings, warnings_of

ROOTS = Path(__file__).resolve().parent / "roots"
SECRETS = ("CONF-SECRET-4f7a", "SECRET-FILE-9b2e", "SUBSTITUTED-7c1d", "EVALUATED")
#: Records whose summaries hold constructs that must be dropped (and reported).
DROPPING = {
    "hostile-myst": ["H002", "H003", "H004", "H005", "H006", "H008", "H010", "H012"],
    "hostile-rst": ["H002", "H004", "H005", "H006", "H007", "H008", "H009", "H010"],
}
THEME_SCRIPT = "document.getElementById('searchbox').style.display = \"block\""
_UNSAFE_URL = re.compile(r"^\s*(javascript|data|vbscript):", re.IGNORECASE)


def build(make_app: Any, tmp_path: Path, root: str, buildername: str = "html") -> Any:
    src = tmp_path / root
    shutil.copytree(ROOTS / f"test-{root}", src)
    app = make_app(buildername, srcdir=src, freshenv=True)
    app.build()
    return app


@pytest.fixture(params=["hostile-myst", "hostile-rst"])
def site(request: pytest.FixtureRequest, make_app: Any, tmp_path: Path) -> tuple[str, Any]:
    return request.param, build(make_app, tmp_path, request.param)


def pages(outdir: Path) -> dict[str, BeautifulSoup]:
    return {
        path.relative_to(outdir).as_posix(): BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for path in outdir.rglob("*.html")
    }


def test_nothing_can_run(site: tuple[str, Any]) -> None:
    _root, app = site
    assert app.statuscode == 0
    for name, soup in pages(Path(app.outdir)).items():
        for tag in soup.find_all(True):
            for attribute, value in tag.attrs.items():
                values = value if isinstance(value, list) else [value]
                assert not attribute.lower().startswith("on"), (name, tag.name, attribute)
                if attribute in ("href", "src", "action", "formaction", "data", "srcdoc", "xlink:href"):
                    assert not any(_UNSAFE_URL.match(str(v)) for v in values), (name, str(tag)[:200])
        for script in soup.find_all("script"):
            # Sphinx's and the extension's own files, the previews' JSON data, or the
            # theme's own snippet (alabaster shows its search box so).
            assert script.get("src", "").startswith(("_static/", "../_static/", "searchindex.js")) or (
                script.get("type") == "application/json" and "litreview-previews" in script["class"]
            ) or script.get_text() == THEME_SCRIPT, (name, str(script)[:200])
        assert soup.select("meta[http-equiv]") == [], name
        body = soup.select_one("div.body") or soup
        embedded = body.select("iframe, object, embed, img, video, audio")
        if name != "search.html":  # Sphinx's own search form
            embedded += body.select("form")
        assert embedded == [], name


def test_nothing_is_read_or_evaluated(site: tuple[str, Any]) -> None:
    _root, app = site
    outdir = Path(app.outdir)
    for path in outdir.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="replace")
            found = [secret for secret in SECRETS if secret in text]
            assert not found, f"{path.relative_to(outdir)} holds {found}"
    for folder in ("_downloads", "_images"):
        assert not any((outdir / folder).rglob("*.txt")) if (outdir / folder).exists() else True


def test_no_record_is_replaced(site: tuple[str, Any]) -> None:
    _root, app = site
    episode = app.env.domains["litreview"].episode("H001")
    assert (episode.title, episode.url, episode.docname) == (
        "The genuine record", "https://example.org/genuine", "episodes/H001",
    )
    text = Path(app.outdir).joinpath("episodes", "H001.html").read_text("utf-8")
    assert "The genuine record" in text and "evil.example" not in text
    everything = "".join(p.read_text("utf-8") for p in Path(app.outdir).rglob("*.html"))
    assert "Hijacked record" not in everything


def test_allowed_markup_still_works_and_titles_are_text(site: tuple[str, Any]) -> None:
    _root, app = site
    page = BeautifulSoup(
        Path(app.outdir).joinpath("episodes", "H011.html").read_text("utf-8"), "html.parser"
    )
    section = page.select_one("section.litreview-episode-page")
    assert section.select_one("h1").get_text().rstrip("¶") == (
        "H011: <script>alert(11)</script> in a title"
    )
    assert section.select_one("em").get_text() == "emphasis"
    assert section.select_one("code, tt").get_text() == "code"
    assert section.select_one('a[href$="#lr-term-entropy"]') is not None
    assert section.select_one('a[href$="H001.html#episode-h001"]') is not None
    links = BeautifulSoup(
        Path(app.outdir).joinpath("episodes", "H002.html").read_text("utf-8"), "html.parser"
    ).select("section a[href]")
    assert "https://example.org/fine" in [a["href"] for a in links]


def test_every_dropped_construct_is_reported(site: tuple[str, Any]) -> None:
    root, app = site
    catalog = Path(app.srcdir) / "hostile.yaml"
    warnings = [w for w in litreview_warnings(app) if "[litreview.catalog]" in w]
    assert not any("Traceback" in w for w in warnings_of(app))
    for record in DROPPING[root]:
        reported = [w for w in warnings if f"record {record}, field 'summary'" in w]
        assert reported, f"nothing reported for {record}:\n" + "\n".join(warnings)
        assert all(w.startswith(f"{catalog}:") for w in reported), reported
    assert not [w for w in warnings if "record H001," in w or "record H011," in w]


def test_hover_data_and_export_hold_no_unsafe_url(site: tuple[str, Any]) -> None:
    _root, app = site
    outdir = Path(app.outdir)
    export = json.loads((outdir / "litreview.json").read_text("utf-8"))
    assert all(not _UNSAFE_URL.match(e["url"]) for e in export["episodes"])
    for soup in pages(outdir).values():
        for block in soup.select("script.litreview-previews"):
            assert "javascript:" not in block.get_text().lower()


@pytest.mark.parametrize("buildername", ["singlehtml", "latex", "text"])
def test_other_builders_stay_inert(make_app: Any, tmp_path: Path, buildername: str) -> None:
    for root in ("hostile-myst", "hostile-rst"):
        app = build(make_app, tmp_path / buildername, root, buildername)
        assert app.statuscode == 0
        for path in Path(app.outdir).rglob("*"):
            if path.is_file() and path.suffix in (".html", ".tex", ".txt"):
                text = path.read_text("utf-8", errors="replace")
                assert not [s for s in SECRETS if s in text], path
                # Unsafe URLs survive only as text, never as link targets.
                link_to_script = re.search(r"(href=\"|\\href\{|\\url\{)\s*javascript:", text, re.I)
                assert path.suffix == ".txt" or not link_to_script, path


# -- in a real browser ------------------------------------------------------------------

def test_hostile_pages_run_nothing_in_a_browser(site: tuple[str, Any], browser: Any) -> None:
    """Open every generated page from file://, hover and focus every link: no dialog
    opens, no script error is raised, and the page never navigates away."""
    _root, app = site
    outdir = Path(app.outdir)
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # Anything leaving file:// (a redirect, a beacon) is recorded and refused.
    requests: list[str] = []
    context.route(
        "**/*",
        lambda route: (requests.append(route.request.url), route.abort())
        if not route.request.url.startswith("file://") else route.continue_(),
    )
    try:
        for path in sorted((outdir / "episodes").glob("H*.html")):
            url = path.as_uri()
            page.goto(url)
            page.wait_for_timeout(50)
            for link in page.query_selector_all("div.body a[href]"):
                link.dispatch_event("mouseover")
                link.dispatch_event("mouseenter")
                link.focus()
                page.wait_for_timeout(20)
            page.wait_for_timeout(300)  # past the preview's show delay
            assert page.url == url, f"{path.name} navigated to {page.url}"
    finally:
        context.close()
    assert dialogs == []
    assert errors == []
    assert requests == []
