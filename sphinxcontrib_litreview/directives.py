"""Directives that define the review's objects: ``episode``, ``term`` and ``topic-page``.

Options are accepted as plain strings and validated here rather than by docutils
converters, so a bad value becomes a ``litreview.option`` warning that says what
is allowed, and the rest of the directive still renders.
"""

from __future__ import annotations

import re
import sys
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from .compat import current_docname
from .domain import get_domain
from .i18n import _
from .model import (
    ORIGIN_CATALOG,
    ORIGIN_DIRECTIVE,
    Episode,
    Term,
    Topic,
)
from .nodes import litreview_view
from .text import squash
from .views.specs import ViewKind, ViewSpec
from .warnings_ import LitreviewWarning, warn


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


def split_list(value: str, separator: str) -> tuple[str, ...]:
    return tuple(part for part in (squash(p) for p in value.split(separator)) if part)


def split_ids(value: str) -> tuple[str, ...]:
    return tuple(part for part in re.split(r"[\s,;]+", value) if part)


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
        pairs = ((sys.intern(k), sys.intern(v)) for k, v in (options or {}).items())
        spec = ViewSpec(kind, tuple(sorted(pairs)), self.lineno)
        get_domain(self.env).note_view(self.docname, spec)
        node = litreview_view(spec=spec, docname=self.docname)
        self.set_source_info(node)
        return node

    def parse_body(self) -> list[nodes.Node]:
        if not self.content:
            return []
        return list(self.parse_content_to_nodes(allow_section_headings=False))


def _plain_text(body: list[nodes.Node]) -> str:
    parts: list[str] = []
    for node in body:
        if isinstance(node, nodes.system_message | litreview_view):
            continue
        parts.append(node.astext())
    return squash(" ".join(parts))


def _raw_html_as_text(body: list[nodes.Node]) -> None:
    """Catalog summaries come from elsewhere: show any raw HTML in them as text."""
    for index, node in enumerate(body):
        if isinstance(node, nodes.raw):
            body[index] = nodes.paragraph(node.astext(), node.astext())
        elif isinstance(node, nodes.Element):
            for raw in list(node.findall(nodes.raw)):
                text = nodes.Text(raw.astext())
                inline = isinstance(raw.parent, nodes.TextElement)
                raw.replace_self(text if inline else nodes.paragraph("", "", text))


class EpisodeDirective(LitreviewDirective):
    """Define an episode: ``:::{episode} E026`` with metadata options and a summary body."""

    has_content = True
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = option_spec(
        "title", "authors", "year", "venue", "url", "doi", "tags", "catalog"
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
                f"{pattern!r}); write e.g. ':::{{episode}} E026'. The episode is shown "
                "but cannot be referenced",
            )
        year = self._year(options.get("year", ""))
        from_catalog = "catalog" in options
        body = self.parse_body()
        if from_catalog:
            _raw_html_as_text(body)
        # Interned: the same strings recur in citations and indices, and pickle
        # stores an interned string once however often it is referenced.
        episode = Episode(
            id=sys.intern(episode_id),
            docname=sys.intern(self.docname),
            lineno=self.lineno,
            title=squash(options.get("title", "")),
            authors=split_list(options.get("authors", ""), ";"),
            year=year,
            venue=squash(options.get("venue", "")),
            url=self._url(options.get("url", "")),
            doi=_clean_doi(options.get("doi", "")),
            tags=split_list(options.get("tags", ""), ","),
            summary=_plain_text(body),
            origin=ORIGIN_CATALOG if from_catalog else ORIGIN_DIRECTIVE,
            catalog=sys.intern(options.get("catalog", "")),
        )
        if valid:
            get_domain(self.env).add_episode(episode)
        return [self._render(episode, body, valid)]

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
            signature += addnodes.desc_annotation("", "", nodes.Text(" " + episode.title))
        content = addnodes.desc_content()
        metadata = self._metadata(episode)
        if metadata is not None:
            content += metadata
        content.extend(body)
        if valid:
            content += self.view(ViewKind.CITED_IN, {"id": episode.id})
        desc += signature
        desc += content
        return desc

    def _metadata(self, episode: Episode) -> nodes.field_list | None:
        rows: list[tuple[str, list[nodes.Node]]] = []
        if episode.authors:
            rows.append((_("Authors"), [nodes.Text("; ".join(episode.authors))]))
        if episode.year is not None:
            rows.append((_("Year"), [nodes.Text(str(episode.year))]))
        if episode.venue:
            rows.append((_("Venue"), [nodes.Text(episode.venue)]))
        if episode.url:
            rows.append((_("Link"), [nodes.reference(episode.url, episode.url, refuri=episode.url)]))
        if episode.doi:
            doi_url = f"https://doi.org/{episode.doi}"
            rows.append((_("DOI"), [nodes.reference(episode.doi, episode.doi, refuri=doi_url)]))
        if episode.tags:
            tags: list[nodes.Node] = []
            for index, tag in enumerate(episode.tags):
                if index:
                    tags.append(nodes.Text(", "))
                tags.append(nodes.inline(tag, tag, classes=["litreview-tag"]))
            rows.append((_("Tags"), tags))
        if not rows:
            return None
        field_list = nodes.field_list(classes=["litreview-metadata"])
        for label, value in rows:
            field_list += nodes.field(
                "",
                # Our catalog translates the label: keep it out of the project's gettext output.
                nodes.field_name(label, label, translatable=False),
                nodes.field_body("", nodes.paragraph("", "", *value)),
            )
        return field_list


def _clean_doi(value: str) -> str:
    value = value.strip()
    for prefix in ("https://doi.org/", "http://doi.org/", "http://dx.doi.org/", "doi:"):
        if value.lower().startswith(prefix):
            return value[len(prefix) :]
    return value


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
            definition=_plain_text(body),
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
                    f"(pattern {pattern!r})",
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
