"""Directives that define the review's objects: ``episode``, ``term`` and ``topic-page``.

Options are accepted as plain strings and validated here rather than by docutils
converters, so a bad value becomes a ``litreview.option`` warning that says what
is allowed, and the rest of the directive still renders.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from .cite_blocks import cite_placeholder
from .compat import current_docname
from .domain import get_domain
from .episode_nodes import clean_doi, metadata_list, rich_nodes
from .i18n import _
from .model import (
    ORIGIN_CONDITIONAL,
    ORIGIN_DIRECTIVE,
    Episode,
    Term,
    Topic,
)
from .nodes import litreview_view
from .references.names import is_person
from .references.richtext import plain_and_rich
from .text import nodes_text, squash
from .views.specs import ViewKind, ViewSpec
from .warnings_ import LitreviewWarning, warn

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


class PermissiveOptions(dict[str, Any]):
    """An option_spec that accepts unknown options, so the directive can warn about them
    as ``litreview.option`` (naming the allowed ones) instead of failing as a whole."""

    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> Any:
        return dict.get(self, key, directives.unchanged)

    def get(self, key: str, default: Any = None) -> Any:
        return dict.get(self, key, directives.unchanged)


def option_spec(*names: str) -> PermissiveOptions:
    return PermissiveOptions({name: directives.unchanged for name in names})


#: The episode directive's options for the fields catalogs call bibliographic.
BIBLIOGRAPHIC_OPTIONS = ("type", "editors", "volume", "issue", "pages", "publisher", "isbn", "accessed")


def split_list(value: str, separator: str) -> tuple[str, ...]:
    return tuple(part for part in (squash(p) for p in value.split(separator)) if part)


def split_ids(value: str) -> tuple[str, ...]:
    return tuple(part for part in re.split(r"[\s,;]+", value) if part)


def view_node(
    env: BuildEnvironment, docname: str, kind: ViewKind, options: dict[str, str] | None,
    lineno: int,
) -> litreview_view:
    """A view placeholder on page *docname*, recorded in the domain (filled in late)."""
    pairs = ((sys.intern(k), sys.intern(v)) for k, v in (options or {}).items())
    spec = ViewSpec(kind, tuple(sorted(pairs)), lineno)
    get_domain(env).note_view(docname, spec)
    return litreview_view(spec=spec, docname=docname)


class LitreviewDirective(SphinxDirective):
    """Shared option handling for the extension's directives."""

    option_spec: ClassVar[PermissiveOptions] = PermissiveOptions()  # type: ignore[assignment]

    @property
    def docname(self) -> str:
        return current_docname(self.env)

    @property
    def location(self) -> tuple[str, int]:
        return (self.docname, self.lineno)

    def warn(self, kind: LitreviewWarning, message: str) -> None:
        warn(kind, message, location=self.location)

    def checked_options(self) -> dict[str, str]:
        """The given options with unknown ones reported (and dropped)."""
        known = dict.keys(self.option_spec)
        options: dict[str, str] = {}
        for name, value in self.options.items():
            if name not in known:
                self.warn(
                    LitreviewWarning.OPTION,
                    f"{self.name}: unknown option :{name}: (given {value!r}); "
                    f"allowed: {', '.join(':' + k + ':' for k in sorted(known))}",
                )
                continue
            options[name] = "" if value is None else str(value).strip()
        return options

    def choice(self, options: dict[str, str], name: str, allowed: tuple[str, ...]) -> str:
        """A validated choice option, '' (meaning: the default) when absent or bad."""
        value = options.get(name, "").strip().lower()
        if value and value not in allowed:
            self.warn(
                LitreviewWarning.OPTION,
                f"{self.name}: :{name}: {value!r} is not allowed; use one of "
                f"{', '.join(allowed)}. Using the default",
            )
            return ""
        return value

    def view(self, kind: ViewKind, options: dict[str, str] | None = None) -> litreview_view:
        node = view_node(self.env, self.docname, kind, options, self.lineno)
        self.set_source_info(node)
        return node

    def parse_body(self) -> list[nodes.Node]:
        if not self.content:
            return []
        return list(self.parse_content_to_nodes(allow_section_headings=False))


class EpisodeDirective(LitreviewDirective):
    """Define an episode: ``:::{episode} E026`` with metadata options and a summary body."""

    has_content = True
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = option_spec(
        "title", "authors", "year", "venue", "url", "doi", "tags",
        *BIBLIOGRAPHIC_OPTIONS,
    )

    def run(self) -> list[nodes.Node]:
        options = self.checked_options()
        episode_id = squash(self.arguments[0]) if self.arguments else ""
        pattern = self.config.litreview_episode_id_pattern
        valid = bool(episode_id) and re.fullmatch(pattern, episode_id) is not None
        if not valid:
            shown = repr(episode_id) if episode_id else "no ID"
            self.warn(
                LitreviewWarning.BAD_ID,
                f"episode: {shown} is not a valid episode ID (pattern "
                f"'{pattern}'); write e.g. ':::{{episode}} E026'. The episode is shown "
                "but cannot be referenced",
            )
        year = self._year(options.get("year", ""))
        fields = self._bibliographic(options)
        body = self.parse_body()
        title, title_rich = plain_and_rich(squash(options.get("title", "")))
        venue, venue_rich = plain_and_rich(squash(options.get("venue", "")))
        # Interned: the same strings recur in citations and indices, and pickle
        # stores an interned string once however often it is referenced.
        episode = Episode(
            id=sys.intern(episode_id),
            docname=sys.intern(self.docname),
            lineno=self.lineno,
            title=title,
            authors=tuple(name for name in split_list(options.get("authors", ""), ";") if is_person(name)),
            year=year,
            venue=venue,
            url=self._url(options.get("url", "")),
            doi=clean_doi(options.get("doi", "")),
            tags=split_list(options.get("tags", ""), ","),
            summary=nodes_text(body),
            origin=ORIGIN_CONDITIONAL if self._conditional() else ORIGIN_DIRECTIVE,
            title_rich=title_rich,
            venue_rich=venue_rich,
            **fields,
        )
        if valid:
            get_domain(self.env).add_episode(episode)
        return [self._render(episode, body, valid)]

    def _bibliographic(self, options: dict[str, str]) -> dict[str, Any]:
        """The options a catalog record also has (:type:, :editors:, :isbn: ...), checked
        by the catalogs' own rules; a bad value is reported and left out."""
        from .catalog.fields import Dialect, RawRecord, normalize

        given = {name: options[name] for name in BIBLIOGRAPHIC_OPTIONS if options.get(name)}
        if not given:
            return {}
        record, problems = normalize(RawRecord({"id": "x", **given}, index=1), "", Dialect.PLAIN)
        for problem in problems:
            if problem.field in given:
                self.warn(LitreviewWarning.OPTION, f"episode: :{problem.field}: {problem.reason}")
        assert record is not None
        return {
            name: sys.intern(getattr(record, name)) if name == "type" else getattr(record, name)
            for name in BIBLIOGRAPHIC_OPTIONS
        }

    def _conditional(self) -> bool:
        """Whether the directive sits in an ``only`` block: then it may be missing from
        some outputs, and a catalog record of that ID keeps its page (and wins links)."""
        # docutils' state knows the node being filled; MyST's mock state leaves that to
        # its renderer.
        renderer = getattr(self.state, "_renderer", None)
        node: nodes.Node | None = (
            renderer.current_node if renderer is not None else getattr(self.state, "parent", None)
        )
        while node is not None:
            if isinstance(node, addnodes.only):
                return True
            node = node.parent
        return False

    def _url(self, value: str) -> str:
        value = value.strip()
        # Catalog data comes from elsewhere: a javascript: link would run in the reader's page.
        if value and not re.match(r"(?i)(https?|ftp)://", value):
            self.warn(
                LitreviewWarning.OPTION,
                f"episode: :url: {value!r} is not an http(s) or ftp address; it is not linked",
            )
            return ""
        return value

    def _year(self, value: str) -> int | None:
        if not value:
            return None
        if re.fullmatch(r"-?\d{1,4}", value.strip()):
            return int(value)
        self.warn(
            LitreviewWarning.OPTION,
            f"episode: :year: {value!r} is not a year; write a number such as 2026",
        )
        return None

    def _render(self, episode: Episode, body: list[nodes.Node], valid: bool) -> nodes.Element:
        desc = addnodes.desc(
            domain="litreview", objtype="episode", desctype="episode", noindex=not valid,
            classes=["litreview", "episode", "litreview-episode"],
        )
        signature = addnodes.desc_signature("", "")
        self.set_source_info(signature)
        if valid:
            signature["ids"].append(episode.anchor)
            self.state.document.note_explicit_target(signature)
        signature += addnodes.desc_name(episode.id, episode.id)
        if episode.title:
            # A real separator, not just a space: some themes collapse the gap between
            # the signature's parts ("E001Example...").
            signature += addnodes.desc_annotation(
                "", "", nodes.inline(": ", ": ", classes=["litreview-sep"]),
                *rich_nodes(episode.rich_title),
            )
        content = addnodes.desc_content()
        if valid and self.config.litreview_citation_style:
            content += self.view(ViewKind.REFERENCE, {"id": episode.id})
        metadata = metadata_list(episode, self.config.litreview_tag_aliases)
        if metadata is not None:
            content += metadata
        content.extend(body)
        if valid:
            content += cite_placeholder(episode)
            content += self.view(ViewKind.CITED_IN, {"id": episode.id})
        desc += signature
        desc += content
        return desc


class TermDirective(LitreviewDirective):
    """Define a glossary term: ``:::{term} entropy`` with ``:aliases:`` and a definition."""

    has_content = True
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = option_spec("aliases")

    def run(self) -> list[nodes.Node]:
        options = self.checked_options()
        name = squash(self.arguments[0]) if self.arguments else ""
        body = self.parse_body()
        if not name:
            self.warn(
                LitreviewWarning.OPTION,
                "term: no term given; write the term after the directive name, "
                "e.g. ':::{term} entropy'. The definition is shown without a term",
            )
            return body
        aliases = tuple(
            a for a in split_list(options.get("aliases", ""), ",") if a.casefold() != name.casefold()
        )
        term = Term(
            name=name,
            docname=sys.intern(self.docname),
            lineno=self.lineno,
            aliases=aliases,
            definition=nodes_text(body),
        )
        get_domain(self.env).add_term(term)

        term_node = nodes.term(name, name, ids=[term.anchor])
        self.set_source_info(term_node)
        self.state.document.note_explicit_target(term_node)
        definition = nodes.definition("", *body)
        if aliases:
            label = _("Also: ")
            definition.insert(
                0,
                nodes.paragraph(
                    "", "", nodes.emphasis(label + ", ".join(aliases), label + ", ".join(aliases)),
                    classes=["litreview-aliases"],
                ),
            )
        definition += self.view(ViewKind.USED_IN, {"key": term.key})
        item = nodes.definition_list_item("", term_node, definition)
        return [nodes.definition_list("", item, classes=["glossary", "litreview-term"])]


class TopicPageDirective(LitreviewDirective):
    """Mark the page as a topic: ``:::{topic-page}`` with ``:summary:``, ``:anchors:``, ``:id:``."""

    has_content = True
    option_spec = option_spec("summary", "anchors", "id")

    def run(self) -> list[nodes.Node]:
        options = self.checked_options()
        topic_id = options.get("id", "").strip() or self.docname
        if re.search(r"\s", topic_id):
            self.warn(
                LitreviewWarning.OPTION,
                f"topic-page: :id: {topic_id!r} contains white space; use e.g. "
                f"{'-'.join(topic_id.split())!r}. Using the page name",
            )
            topic_id = self.docname
        anchors = split_ids(options.get("anchors", ""))
        pattern = self.config.litreview_episode_id_pattern
        for anchor in anchors:
            if re.fullmatch(pattern, anchor) is None:
                self.warn(
                    LitreviewWarning.BAD_ID,
                    f"topic-page: anchor {anchor!r} is not a valid episode ID "
                    f"(pattern '{pattern}')",
                )
        anchors = tuple(a for a in anchors if re.fullmatch(pattern, a))
        topic = Topic(
            id=topic_id,
            docname=self.docname,
            lineno=self.lineno,
            summary=squash(options.get("summary", "")),
            anchors=anchors,
        )
        result: list[nodes.Node] = []
        if get_domain(self.env).add_topic(topic):
            result.append(self.view(ViewKind.TOPIC_HEADER))
        else:
            self.warn(
                LitreviewWarning.OPTION,
                "topic-page: this page already has a topic-page directive; only the "
                "first one counts. Remove this one",
            )
        result.extend(self.parse_body())
        return result
