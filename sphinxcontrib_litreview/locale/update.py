"""Re-extract, merge and compile the extension's message catalog.

Run from anywhere (needs Babel, a development tool only: ``pip install babel``)::

    python sphinxcontrib_litreview/locale/update.py            # all three steps
    python sphinxcontrib_litreview/locale/update.py extract    # code -> .pot
    python sphinxcontrib_litreview/locale/update.py update     # .pot -> every .po
    python sphinxcontrib_litreview/locale/update.py compile    # every .po -> .mo
    python sphinxcontrib_litreview/locale/update.py init fr    # start a new language

Commit the ``.pot``, ``.po`` and ``.mo`` files: users install no tools to get
translated labels. ``tests/test_i18n.py`` fails when the ``.pot`` or a ``.mo`` is
out of date with the code or its ``.po``.
"""

from __future__ import annotations

import re
import sys
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

LOCALE_DIR = Path(__file__).resolve().parent
PACKAGE_DIR = LOCALE_DIR.parent
DOMAIN = "sphinxcontrib-litreview"
POT_PATH = LOCALE_DIR / f"{DOMAIN}.pot"
#: ``_`` and ``ngettext`` from ``sphinxcontrib_litreview.i18n``.
KEYWORDS = {"_": None, "ngettext": (1, 2)}


HEADER = (
    "# Messages of sphinxcontrib-litreview: labels the extension generates.\n"
    "# This file is distributed under the same license as the sphinxcontrib-litreview project.\n"
    "#"
)


def package_version() -> str:
    # Read, not imported: the script runs without the package on sys.path.
    text = (PACKAGE_DIR / "__init__.py").read_text("utf8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    return match.group(1) if match else "0"


def extract() -> Catalog:
    """Every translatable message in the package's Python code, sorted by msgid."""
    catalog = Catalog(
        project=DOMAIN, version=package_version(), domain=DOMAIN, header_comment=HEADER, fuzzy=False
    )
    found = extract_from_dir(
        str(PACKAGE_DIR),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
    )
    for filename, lineno, message, comments, context in found:
        location = (f"sphinxcontrib_litreview/{Path(filename).as_posix()}", lineno)
        catalog.add(message, None, [location], auto_comments=comments, context=context)
    return catalog


def po_files() -> list[Path]:
    return sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def _write_po(path: Path, catalog: Catalog, **options: bool) -> None:
    buffer = BytesIO()
    # No creation date, line numbers or wrapping: re-running without message changes
    # is a no-op (PO-Revision-Date stays: it is the translator's).
    write_po(buffer, catalog, width=0, sort_output=True, include_lineno=False, **options)
    text = b"\n".join(
        line for line in buffer.getvalue().split(b"\n")
        if not line.startswith(b'"POT-Creation-Date:')
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text)


def write_pot() -> None:
    _write_po(POT_PATH, extract(), ignore_obsolete=True)


def update() -> None:
    template = read_po(POT_PATH.open("rb"))
    for path in po_files():
        with path.open("rb") as stream:
            catalog = read_po(stream, locale=path.parent.parent.name)
        catalog.update(template, no_fuzzy_matching=True)
        _write_po(path, catalog, ignore_obsolete=True)


def compile_all() -> None:
    for path in po_files():
        with path.open("rb") as stream:
            catalog = read_po(stream, locale=path.parent.parent.name)
        with path.with_suffix(".mo").open("wb") as stream:
            write_mo(stream, catalog, use_fuzzy=False)


def init(language: str) -> None:
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if path.exists():
        raise SystemExit(f"{path} exists; use 'update'")
    catalog = read_po(POT_PATH.open("rb"), locale=language)
    _write_po(path, catalog)


def main(argv: list[str]) -> None:
    steps = argv or ["extract", "update", "compile"]
    if steps[0] == "init" and len(steps) == 2:
        init(steps[1])
        return
    actions = {"extract": write_pot, "update": update, "compile": compile_all}
    for step in steps:
        if step not in actions:
            raise SystemExit(f"unknown step {step!r}; use extract, update, compile or init LANG")
        actions[step]()


if __name__ == "__main__":
    main(sys.argv[1:])
