"""sphinxcontrib-litreview: publish literature reviews with Sphinx."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    from .extension import setup_extension

    return setup_extension(app)
