"""Each test root's whole output, compared with the copy kept in ``test_output_regression/``.

The other tests assert the behaviours one by one; these catch what none of them names:
a class, a label, an order, a coordinate in a picture, the wording of a warning. A
change that alters the output on purpose updates the copies with
``pytest tests/test_output_regression.py --force-regen`` and shows the difference in
its commit (as MyST-Parser's and sphinx-design's regression files do).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import sphinx
from helpers import joined, output_text, warnings_text

ROOTS = Path(__file__).parent / "roots"

#: Roots built as they are with the HTML builder; left out are those that mean
#: something only beside a second project (intersphinx), in another language or
#: without the extension (drop-in), whose own tests compare their output.
SNAPSHOT_ROOTS = sorted(
    path.name.removeprefix("test-")
    for path in ROOTS.glob("test-*")
    if path.name not in {"test-intersphinx-a", "test-intersphinx-b", "test-i18n", "test-dropin"}
)


def _build(make_app: Any, root: Path, tmp_path: Path, builder: str) -> Any:
    srcdir = tmp_path / root.name
    shutil.copytree(root, srcdir)
    app = make_app(builder, srcdir=srcdir, freshenv=True)
    app.build()
    return app


@pytest.mark.parametrize("root", SNAPSHOT_ROOTS)
def test_html_output_matches_the_kept_copy(
    root: str, make_app: Any, rootdir: Path, tmp_path: Path, file_regression: Any,
) -> None:
    app = _build(make_app, rootdir / f"test-{root}", tmp_path, "html")
    file_regression.check(output_text(app), basename=root, extension=".txt")


@pytest.mark.parametrize("root", SNAPSHOT_ROOTS)
def test_text_output_matches_the_kept_copy(
    root: str, make_app: Any, rootdir: Path, tmp_path: Path, file_regression: Any,
) -> None:
    """The same roots as plain text: what the views give builders without HTML."""
    app = _build(make_app, rootdir / f"test-{root}", tmp_path, "text")
    outdir = Path(app.outdir)
    sections = [("warnings", warnings_text(app))] + [
        (path.relative_to(outdir).as_posix(), path.read_text("utf8"))
        for path in sorted(outdir.rglob("*.txt"))
    ]
    file_regression.check(joined(sections), basename=f"{root}.text", extension=".txt")


#: Roots whose views, tags and one-document appendix differ by builder.
OTHER_BUILDER_ROOTS = ["builders", "explore", "tags", "views"]


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml", "latex", "texinfo"])
@pytest.mark.parametrize("root", OTHER_BUILDER_ROOTS)
def test_other_builders_output_matches_the_kept_copy(
    root: str, builder: str, make_app: Any, rootdir: Path, tmp_path: Path, file_regression: Any,
) -> None:
    """Links to folders (dirhtml), one page with the appendix (singlehtml), and the
    document body of LaTeX and Texinfo (their preambles are Sphinx's)."""
    app = _build(make_app, rootdir / f"test-{root}", tmp_path, builder)
    if builder in ("latex", "texinfo"):
        # From the document's start to its end, without the preamble.
        begin, end = (r"\begin{document}", r"\end{document}") if builder == "latex" else ("@node Top", None)
        sections = [("warnings", warnings_text(app))]
        for path in sorted(Path(app.outdir).glob("*.te[xi]*")):
            text = path.read_text("utf8")
            start = text.index(begin)
            sections.append((path.name, text[start : text.index(end) if end else None]))
        text = joined(sections)
    else:
        text = output_text(app)
    # Sphinx 9 changed its LaTeX markup and how singlehtml links a glossary term:
    # one copy per major version for those two.
    version = f".sphinx{sphinx.version_info[0]}" if builder in ("latex", "singlehtml") else ""
    file_regression.check(text, basename=f"{root}.{builder}{version}", extension=".txt")
