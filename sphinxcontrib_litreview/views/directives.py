"""The listing directives: placeholders recorded while reading, filled in late."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst.states import RSTState

from ..directives import LitreviewDirective, option_spec
from ..domain import get_domain
from ..downloads import download_name
from ..warnings_ import LitreviewWarning
from .specs import (
    EPISODE_LIST_FORMATS,
    EPISODE_LIST_STYLES,
    EPISODE_SORT_CHOICES,
    INDEX_SORT_CHOICES,
    MAP_SELECT_CHOICES,
    SELECT_CHOICES,
    TAG_INDEX_STYLES,
    TOPIC_INDEX_STYLES,
    ViewKind,
)


class EpisodeListDirective(LitreviewDirective):
    """The episodes of a topic (this page by default), under an optional ``:heading:``."""

    option_spec = option_spec("topic", "select", "tag", "sort", "style", "heading", "format", "download")

    def run(self) -> list[nodes.Node]:
        options = self.checked_options()
        heading = self._heading(options.get("heading", ""))
        spec = {
            "topic": options.get("topic", "").strip(),
            "select": self.choice(options, "select", SELECT_CHOICES),
            "tag": options.get("tag", "").strip(),
            "sort": self.choice(options, "sort", EPISODE_SORT_CHOICES),
            "style": self.choice(options, "style", EPISODE_LIST_STYLES),
            "format": self._format(options),
        }
        if "download" in options:
            if options["download"]:
                self.warn(
                    LitreviewWarning.OPTION,
                    f"{self.name}: :download: takes no value (given {options['download']!r}); "
                    "the files are named after the topic",
                )
            spec["download"] = download_name(self._topic_name(spec["topic"]), spec["tag"], spec["select"])
        return [*heading, self.view(ViewKind.EPISODE_LIST, {k: v for k, v in spec.items() if v})]

    def _topic_name(self, target: str) -> str:
        """What a download is named after: the :topic: as given, else this page's
        topic ID (a topic-page directive above the list), else the page's name."""
        if target:
            return target
        topic = get_domain(self.env).topics.get(self.docname)
        return topic.id if topic is not None else self.docname

    def _format(self, options: dict[str, str]) -> str:
        shown = self.choice(options, "format", EPISODE_LIST_FORMATS)
        if shown == "reference" and not self.config.litreview_citation_style:
            self.warn(
                LitreviewWarning.OPTION,
                f"{self.name}: :format: reference shows references in the citation style "
                "of litreview_citation_style, which is not set; showing titles instead",
            )
        return "" if shown == "summary" else shown

    def _heading(self, text: str) -> list[nodes.Node]:
        """A rubric one level below the section the list is in: a heading that reads
        as part of the page but stays out of the table of contents. Made here, not
        with the list, so it is the page's own text (searchable, translatable)."""
        text = " ".join(text.split())
        if not text:
            return []
        inline, messages = self.parse_inline(text, lineno=self.lineno)
        rubric = nodes.rubric(text, "", *inline, classes=["litreview-heading"])
        rubric["heading-level"] = min(max(self._section_depth() + 1, 2), 6)
        self.set_source_info(rubric)
        return [rubric, *messages]

    def _section_depth(self) -> int:
        """How many sections enclose the directive (1 under the page title)."""
        if not isinstance(self.state, RSTState):
            # MyST's stand-in state has no parent node; its memo holds the depth.
            return int(getattr(self.state.memo, "section_level", 1))
        depth = 0
        node: nodes.Node | None = self.state.parent
        while node is not None:
            depth += isinstance(node, nodes.section)
            node = node.parent
        return depth


class TopicIndexDirective(LitreviewDirective):
    """Every topic in toctree order."""

    option_spec = option_spec("style")

    def run(self) -> list[nodes.Node]:
        options = self.checked_options()
        style = self.choice(options, "style", TOPIC_INDEX_STYLES)
        return [self.view(ViewKind.TOPIC_INDEX, {"style": style} if style else {})]


class EpisodeIndexDirective(LitreviewDirective):
    """A table of all episodes."""

    option_spec = option_spec("tag", "sort")

    def run(self) -> list[nodes.Node]:
        options = self.checked_options()
        spec = {
            "tag": options.get("tag", "").strip(),
            "sort": self.choice(options, "sort", INDEX_SORT_CHOICES),
        }
        return [self.view(ViewKind.EPISODE_INDEX, {k: v for k, v in spec.items() if v})]


class TermIndexDirective(LitreviewDirective):
    """All terms A–Z under letter headings."""

    option_spec = option_spec()

    def run(self) -> list[nodes.Node]:
        self.checked_options()
        return [self.view(ViewKind.TERM_INDEX)]


class ReviewMapDirective(LitreviewDirective):
    """Every topic and the episodes it cites, as a picture (HTML) or a table."""

    option_spec = option_spec("select")

    def run(self) -> list[nodes.Node]:
        options = self.checked_options()
        select = self.choice(options, "select", MAP_SELECT_CHOICES)
        return [self.view(ViewKind.REVIEW_MAP, {"select": select} if select else {})]


class EpisodeTimelineDirective(LitreviewDirective):
    """Episodes per year, of the whole review or of one topic."""

    option_spec = option_spec("topic", "select")

    def run(self) -> list[nodes.Node]:
        options = self.checked_options()
        spec = {
            "topic": options.get("topic", "").strip(),
            "select": self.choice(options, "select", MAP_SELECT_CHOICES),
        }
        if spec["select"] and not spec["topic"]:
            self.warn(
                LitreviewWarning.OPTION,
                f"{self.name}: :select: applies to the episodes of a :topic:; without "
                "one the timeline shows every episode. Ignoring it",
            )
            spec["select"] = ""
        return [self.view(ViewKind.EPISODE_TIMELINE, {k: v for k, v in spec.items() if v})]


class TagIndexDirective(LitreviewDirective):
    """Every tag A–Z with its number of episodes, as a list or (HTML) a weighted cloud."""

    option_spec = option_spec("style")

    def run(self) -> list[nodes.Node]:
        options = self.checked_options()
        style = self.choice(options, "style", TAG_INDEX_STYLES)
        return [self.view(ViewKind.TAG_INDEX, {"style": style} if style else {})]
