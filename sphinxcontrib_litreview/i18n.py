"""The extension's own message catalog, with plural forms."""

from __future__ import annotations

from pathlib import Path

from sphinx.locale import get_translation, get_translator, is_translator_registered

MESSAGE_CATALOG_NAME = "sphinxcontrib-litreview"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_ = get_translation(MESSAGE_CATALOG_NAME)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a plural form chosen for *n* (the ``%d`` is left to the caller)."""
    if is_translator_registered(MESSAGE_CATALOG_NAME):
        return get_translator(MESSAGE_CATALOG_NAME).ngettext(singular, plural, n)
    return singular if n == 1 else plural
