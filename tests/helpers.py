"""Shared helpers for reading build output in tests."""

from __future__ import annotations

import json
import os
import re
import shutil
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def build_scope(fixture_name: str, config: Any) -> str:
    """The scope of a fixture that builds a site for a whole test module.

    While mutmut records which tests reach which function, every test builds its own
    (as ``sphinx_test_tempdir`` in conftest.py does for the roots): a module-wide
    build would be recorded for the first test only, the others would never run
    against a mutant, and mutants they kill would look like survivors.
    """
    return "function" if os.environ.get("MUTANT_UNDER_TEST") == "stats" else "module"


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


def build_site(
    tmp_path_factory: Any, root: Path, name: str, builder: str = "html",
    prepare: Callable[[Path], None] | None = None, **kwargs: Any,
) -> Path:
    """A copy of *root* built once, without warnings, for browser tests: its output folder."""
    srcdir = tmp_path_factory.mktemp(name) / "src"
    shutil.copytree(root, srcdir)
    if prepare is not None:
        prepare(srcdir)
    return build_folder(srcdir, builder, **kwargs)


def build_folder(srcdir: Path, builder: str = "html", **kwargs: Any) -> Path:
    """Build *srcdir* where it is (again: incrementally), without warnings; its output folder."""
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(builder, srcdir=srcdir, **kwargs)
    try:
        app.build()
        assert warnings_of(app) == []
        return Path(app.outdir)
    finally:
        app.cleanup()


def build_sites(
    tmp_path_factory: Any, root: Path, builders: Iterable[str],
    prepare: Callable[[Path], None] | None = None,
) -> dict[str, Path]:
    """*root* built once per builder (:func:`build_site`): the output folder of each."""
    return {
        builder: build_site(tmp_path_factory, root, f"{root.name}-{builder}", builder, prepare)
        for builder in builders
    }


def catalog_records(path: Path) -> tuple[dict[str, Any], list[Any]]:
    """The records of a catalog file by ID, and the problems reading it."""
    from sphinxcontrib_litreview.catalog.readers import read_catalog

    records, problems = read_catalog(path)
    return {record.id: record for record in records}, problems


def write_dedented(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def build_myst_page(make_app: Any, srcdir: Path, text: str, builder: str = "html") -> Any:
    """A one-page MyST project (colon fences on) holding *text*, built: the app."""
    srcdir.mkdir(exist_ok=True)
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_litreview"]\nmyst_enable_extensions = ["colon_fence"]\n'
    )
    (srcdir / "index.md").write_text(text)
    app = make_app(builder, srcdir=srcdir)
    app.build()
    return app


def clean_build(make_app: Any, src: Path, tmp_path: Path, **kwargs: Any) -> Any:
    """A fresh build of a copy of *src* (its ``_build`` left out): what an incremental
    build of *src* must equal."""
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = make_app("html", srcdir=clean_src, freshenv=True, **kwargs)
    clean.build()
    return clean


def index_groups(outdir: Path, docname: str) -> list[tuple[str, list[str]]]:
    """(heading, linked names) of each group of a domain index page, in page order."""
    table = html(outdir, docname).select_one("table.indextable")
    assert table is not None
    groups: list[tuple[str, list[str]]] = []
    for row in table.select("tr"):
        if "cap" in row.get("class", []):
            groups.append((row.get_text(strip=True), []))
        elif (link := row.select_one("a")) is not None:
            groups[-1][1].append(link.get_text(strip=True))
    return groups


#: Pages Sphinx makes by itself, whose content is not the extension's.
_SPHINX_PAGES = {"search", "genindex", "py-modindex"}

#: Files Sphinx writes in every build, beside the pages.
_SPHINX_FILES = {".buildinfo", "searchindex.js", "objects.inv"}


def _page(path: Path) -> str:
    soup = BeautifulSoup(path.read_text("utf8"), "html.parser")
    main = soup.select_one("div.body") or soup.select_one("[role=main]") or soup.body
    assert main is not None
    # Sphinx's own markup that changed between Sphinx 8 and 9.
    for clearer in main.select("div.clearer"):
        clearer.decompose()
    for prop in main.select("em.property"):
        prop.name = "span"
    parts = [main.prettify()]
    # Hover data and other JSON the extension puts in the page's head or foot.
    for script in soup.select("script[type='application/json']"):
        data = json.loads(script.string or "null")
        parts.append(f"<script id={script.get('id')!r}>\n{_json(data)}")
    return "\n".join(parts)


def _json(data: Any) -> str:
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False)


def _output(outdir: Path) -> list[tuple[str, str]]:
    """(name, normalised content) of each file of a build that the extension shapes."""
    files = []
    for path in sorted(outdir.rglob("*")):
        name = path.relative_to(outdir).as_posix()
        if not path.is_file() or name.startswith((".doctrees/", "_static/", "_sources/")):
            continue
        if name in _SPHINX_FILES or (path.suffix == ".html" and name[:-5] in _SPHINX_PAGES):
            continue
        if path.suffix == ".html":
            files.append((name, _page(path)))
        elif path.suffix == ".json":
            files.append((name, _json(json.loads(path.read_text("utf8")))))
        else:
            files.append((name, path.read_text("utf8")))
    return files


def _objects(app: Any) -> str:
    domain = app.env.get_domain("litreview")
    return "\n".join(
        " ".join(str(field) for field in entry) for entry in sorted(domain.get_objects())
    )


def warnings_text(app: Any) -> str:
    # The source folder is a temporary one; its place in the messages is what counts.
    return "\n".join(warnings_of(app)).replace(str(app.srcdir), "<srcdir>")


def joined(sections: list[tuple[str, str]]) -> str:
    return "".join(f"==== {name} ====\n{content.rstrip()}\n" for name, content in sections)


def output_text(app: Any) -> str:
    """A build's whole output as the extension shapes it, normalised for a kept copy
    (``file_regression``): its warnings, the domain's objects, then each page's main
    part and JSON, and every other file it writes."""
    sections = [("warnings", warnings_text(app)), ("objects", _objects(app))]
    return joined(sections + _output(Path(app.outdir)))
