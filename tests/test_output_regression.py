"""Each test root's whole output, compared with the copy kept in ``test_output_regression/``.

The other tests assert the behaviours one by one; these catch what none of them names:
a class, a label, an order, a coordinate in a picture, the wording of a warning. A
change that alters the output on purpose updates the copies with
``pytest tests/test_output_regression.py --force-regen`` and shows the difference in
its commit (as MyST-Parser's and sphinx-design's regression files do).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from helpers import warnings_of

ROOTS = Path(__file__).parent / "roots"

#: Roots built as they are with the HTML builder; left out are those that mean
#: something only beside a second project (intersphinx), in another language or
#: without the extension (drop-in), whose own tests compare their output.
SNAPSHOT_ROOTS = sorted(
    path.name.removeprefix("test-")
    for path in ROOTS.glob("test-*")
    if path.name not in {"test-intersphinx-a", "test-intersphinx-b", "test-i18n", "test-dropin"}
)

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


def _warnings(app: Any) -> str:
    text = "\n".join(warnings_of(app))
    # The source folder is a temporary one; its place in the messages is what counts.
    text = text.replace(str(app.srcdir), "<srcdir>")
    return re.sub(r"\\", "/", text)


def _build(make_app: Any, root: Path, tmp_path: Path, builder: str) -> Any:
    srcdir = tmp_path / root.name
    shutil.copytree(root, srcdir)
    app = make_app(builder, srcdir=srcdir, freshenv=True)
    app.build()
    return app


def _joined(sections: list[tuple[str, str]]) -> str:
    return "".join(f"==== {name} ====\n{content.rstrip()}\n" for name, content in sections)


@pytest.mark.parametrize("root", SNAPSHOT_ROOTS)
def test_html_output_matches_the_kept_copy(
    root: str, make_app: Any, rootdir: Path, tmp_path: Path, file_regression: Any,
) -> None:
    app = _build(make_app, rootdir / f"test-{root}", tmp_path, "html")
    sections = [("warnings", _warnings(app)), ("objects", _objects(app))]
    sections += _output(Path(app.outdir))
    file_regression.check(_joined(sections), basename=root, extension=".txt")


@pytest.mark.parametrize("root", SNAPSHOT_ROOTS)
def test_text_output_matches_the_kept_copy(
    root: str, make_app: Any, rootdir: Path, tmp_path: Path, file_regression: Any,
) -> None:
    """The same roots as plain text: what the views give builders without HTML."""
    app = _build(make_app, rootdir / f"test-{root}", tmp_path, "text")
    outdir = Path(app.outdir)
    sections = [("warnings", _warnings(app))] + [
        (path.relative_to(outdir).as_posix(), path.read_text("utf8"))
        for path in sorted(outdir.rglob("*.txt"))
    ]
    file_regression.check(_joined(sections), basename=f"{root}.text", extension=".txt")
