"""Adding the extension to an existing project changes none of its links or warnings.

The project (roots/test-dropin) has Sphinx's own glossary (doc/glossary.rst of the
Sphinx 9.0.4 sources), a glossary of non-ASCII and mixed-case terms, references with
``!``, custom text, the ``any`` role, intersphinx to Sphinx's real ``objects.inv``
(tests/data/sphinx-objects.inv, built from those sources), ``nitpick_ignore`` and
``suppress_warnings``. It is built without and with sphinxcontrib_litreview (appended
to ``extensions``, as a user would), on every builder that runs offline.
"""

from __future__ import annotations

import re
import shutil
import zlib
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from helpers import warnings_of

ROOT = Path(__file__).resolve().parent / "roots" / "test-dropin"
INVENTORY = Path(__file__).resolve().parent / "data" / "sphinx-objects.inv"

BUILDERS = [
    "html", "dirhtml", "singlehtml", "epub", "latex", "text", "man", "texinfo", "gettext",
    "xml", "json", "pickle",
]


def build(make_app, tmp_path: Path, flavour: str, buildername: str, **kwargs: Any):  # type: ignore[no-untyped-def]
    src = tmp_path / flavour
    shutil.copytree(ROOT, src)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            "intersphinx_mapping = {'sphinx': ('https://www.sphinx-doc.org/en/master/', "
            f"{str(INVENTORY)!r})}}\n"
        )
        if flavour == "litreview":
            conf.write("extensions.append('sphinxcontrib_litreview')\n")
    app = make_app(buildername, srcdir=src, freshenv=True, **kwargs)
    app.build()
    return app


def both(make_app, tmp_path: Path, buildername: str, **kwargs: Any):  # type: ignore[no-untyped-def]
    return (
        build(make_app, tmp_path, "plain", buildername, **kwargs),
        build(make_app, tmp_path, "litreview", buildername, **kwargs),
    )


def warnings(app) -> list[str]:  # type: ignore[no-untyped-def]
    # (Each app after the first in one process re-registers Sphinx's own nodes and says
    # so: that is the test harness, not the project.)
    return [
        line.replace(str(app.srcdir), "<src>") for line in warnings_of(app)
        if not re.search(r"while setting up extension .* already registered", line)
    ]


def anchors(outdir: Path, suffix: str) -> dict[str, list[tuple[str, str]]]:
    """Every page's <a href> and link text, page by page."""
    pages = {}
    for path in sorted(outdir.rglob(f"*{suffix}")):
        if "_static" in path.parts or "_sources" in path.parts:
            continue
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        pages[path.relative_to(outdir).as_posix()] = [
            (str(a["href"]), a.get_text(" ", strip=True)) for a in soup.select("a[href]")
        ]
    return pages


def inventory(outdir: Path) -> list[str]:
    data = (outdir / "objects.inv").read_bytes()
    header_end = [m.end() for m in re.finditer(rb"\n", data)][3]
    return sorted(zlib.decompress(data[header_end:]).decode().splitlines())


@pytest.mark.parametrize("buildername", BUILDERS)
def test_warnings_are_unchanged(make_app, tmp_path, buildername):
    plain, litreview = both(make_app, tmp_path, buildername)
    assert plain.statuscode == litreview.statuscode == 0
    expected = warnings(plain)
    # The project's own problems are there, typed as Sphinx types them...
    assert any("term not in glossary: 'no such term'" in w and "[ref.term]" in w for w in expected)
    assert not any("ignored term" in w for w in expected)
    # ...and the extension adds, changes or removes none of them.
    assert warnings(litreview) == expected


@pytest.mark.parametrize(("buildername", "suffix"), [
    ("html", ".html"), ("dirhtml", ".html"), ("singlehtml", ".html"), ("epub", ".xhtml"),
])
def test_links_are_unchanged(make_app, tmp_path, buildername, suffix):
    plain, litreview = both(make_app, tmp_path, buildername)
    expected = anchors(Path(plain.outdir), suffix)
    usage = {"singlehtml": "index.html", "dirhtml": "usage/index.html", "epub": "usage.xhtml"}.get(
        buildername, "usage.html"
    )
    hrefs = [href for href, _text in expected[usage]]
    # The references this project relies on resolve in the plain build (sanity)...
    assert any(href.startswith("https://www.sphinx-doc.org/en/master/glossary.html#term-role") for href in hrefs)
    assert any(href.endswith("#term-Strasze") for href in hrefs)
    # ...and every link of every page is the same with the extension.
    assert anchors(Path(litreview.outdir), suffix) == expected


def test_links_and_warnings_are_unchanged_in_parallel(make_app, tmp_path):
    plain, litreview = both(make_app, tmp_path, "html", parallel=2)
    assert anchors(Path(litreview.outdir), ".html") == anchors(Path(plain.outdir), ".html")
    assert sorted(warnings(litreview)) == sorted(warnings(plain))


def test_standard_term_links_keep_their_classes_and_get_a_clean_title(make_app, tmp_path):
    _plain, litreview = both(make_app, tmp_path, "html")
    page = BeautifulSoup((Path(litreview.outdir) / "usage.html").read_text("utf-8"), "html.parser")
    link = page.select_one('a[href$="#term-Strasze"]')
    assert link is not None
    assert link.select_one("span.xref.std.std-term") is not None  # Sphinx's own classes
    assert "litreview-ref-term" in link["class"]  # the preview, added alongside
    # The title is the definition as text: a reference in it shows its title, not
    # its raw target.
    logos = page.select_one('a[href$="#term-0"]')
    assert logos is not None and logos["title"] == "λόγος: Word, reason; see Using the terms."
    builder = page.select_one('a[href$="#term-builder"]')
    assert builder is not None and "See usage/builders/index for an overview" in builder["title"]


def test_objects_inventory_is_unchanged(make_app, tmp_path):
    plain, litreview = both(make_app, tmp_path, "html")
    assert inventory(Path(litreview.outdir)) == inventory(Path(plain.outdir))


@pytest.mark.parametrize("setting", [
    "html_static_path = ('_static',)",
    "suppress_warnings = ('ref.ref',)",
    "html_css_files = ('extra.css',)",
])
def test_config_values_in_every_form_sphinx_accepts(make_app, tmp_path, setting):
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    (src / "_static").mkdir()
    (src / "_templates").mkdir()
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"{setting}\nextensions.append('sphinxcontrib_litreview')\n")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert app.statuscode == 0
    assert (Path(app.outdir) / "_static" / "litreview.css").exists()
