"""The extension's warning subtypes and the one function that emits them.

Every warning is ``type="litreview"`` with a subtype below, so users can write
``suppress_warnings = ["litreview.unknown_episode"]``. The docs' table of
warnings is generated from this enum.
"""

from __future__ import annotations

import functools
from enum import Enum
from typing import Any

from sphinx.util import logging

logger = logging.getLogger("sphinxcontrib_litreview")

WARNING_TYPE = "litreview"


class LitreviewWarning(Enum):
    """Subtypes of ``litreview`` warnings."""

    UNKNOWN_EPISODE = "unknown_episode"
    """A reference or anchor names an episode ID that nothing defines."""

    UNKNOWN_TERM = "unknown_term"
    """A term reference names a term that no ``term`` directive or glossary defines."""

    UNKNOWN_TOPIC = "unknown_topic"
    """A topic reference or ``:topic:`` option names no topic page, or a ``{tag}``
    reference names no tag (tags are the review's other grouping of episodes)."""

    DUPLICATE_EPISODE = "duplicate_episode"
    """Two directives, or two catalog records, define the same episode ID."""

    DUPLICATE_TERM = "duplicate_term"
    """Two ``term`` directives define the same term or alias."""

    BAD_ID = "bad_id"
    """An episode ID does not match ``litreview_episode_id_pattern``, or cannot be a
    BibTeX key (it is then left out of ``references.bib``)."""

    CATALOG = "catalog"
    """A catalog file is missing or unparsable, or one of its records is bad; or a
    generated page (an episode's, a tag's) cannot be written, or has no page yet."""

    OPTION = "option"
    """A directive option or configuration value has a value that is not allowed, or
    the citation style cannot be used."""

    UNREFERENCED_EPISODE = "unreferenced_episode"
    """An episode no page cites (only with ``litreview_warn_unreferenced = True``)."""

    @property
    def code(self) -> str:
        return f"{WARNING_TYPE}.{self.value}"

    @property
    def description(self) -> str:
        return _descriptions()[self]


# Enum members cannot carry attribute docstrings at run time; read them from the source,
# once, and only when the docs ask (builds never need them).
@functools.cache
def _descriptions() -> dict[LitreviewWarning, str]:
    import ast
    import inspect
    import itertools

    tree = ast.parse(inspect.getsource(LitreviewWarning))
    body = tree.body[0].body  # type: ignore[attr-defined]
    found: dict[LitreviewWarning, str] = {}
    for stmt, following in itertools.pairwise(body):
        if (
            isinstance(stmt, ast.Assign)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
        ):
            found[LitreviewWarning(stmt.value.value)] = str(following.value.value)  # type: ignore[attr-defined]
    return found



def warn(kind: LitreviewWarning, message: str, location: Any = None) -> None:
    """Emit a ``litreview.<kind>`` warning at *location* (node, docname, or (docname, line))."""
    logger.warning(message, type=WARNING_TYPE, subtype=kind.value, location=location)
