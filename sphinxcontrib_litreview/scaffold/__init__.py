"""The starter review written by ``litreview new``."""

from __future__ import annotations

import json
from datetime import date
from string import Template

from .. import __version__
from . import content

#: Relative path -> template, in the order the files are reported to the user.
TEMPLATES: dict[str, str] = {
    "conf.py": content.CONF_PY,
    "index.md": content.INDEX_MD,
    "topics.md": content.TOPICS_MD,
    "example-topic.md": content.TOPIC_MD,
    "glossary.md": content.GLOSSARY_MD,
    "episodes.yaml": content.EPISODES_YAML,
    "requirements.txt": content.REQUIREMENTS_TXT,
    ".readthedocs.yaml": content.READTHEDOCS_YAML,
    ".gitignore": content.GITIGNORE,
}


def render(title: str, author: str, year: int | None = None) -> dict[str, str]:
    """Return the text of every scaffold file for a review called *title* by *author*."""
    year = date.today().year if year is None else year

    def literal(text: str) -> str:
        # JSON string syntax is valid Python and matches the double quotes of formatted code.
        return json.dumps(text, ensure_ascii=False)

    values = {
        "title": title,
        "title_literal": literal(title),
        "author_literal": literal(author),
        "copyright_literal": literal(f"{year}, {author}"),
        "version": __version__,
    }
    # substitute(), not safe_substitute(): a mistyped placeholder should fail loudly in tests.
    return {path: Template(text).substitute(values) for path, text in TEMPLATES.items()}
