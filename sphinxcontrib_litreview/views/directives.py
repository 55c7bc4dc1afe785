"""The listing directives: placeholders recorded while reading, filled in late."""

from __future__ import annotations

from docutils import nodes

from ..directives import LitreviewDirective, option_spec
from ..warnings_ import LitreviewWarning
from .specs import (
    EPISODE_LIST_STYLES,
    EPISODE_SORT_CHOICES,
    INDEX_SORT_CHOICES,
    MAP_SELECT_CHOICES,
    SELECT_CHOICES,
    TOPIC_INDEX_STYLES,
    ViewKind,
)


class EpisodeListDirective(LitreviewDirective):
    """The episodes of a topic (this page by default)."""

    option_spec = option_spec("topic", "select", "tag", "sort", "style")

    def run(self) -> list[nodes.Node]:
        options = self.checked_options()
        spec = {
            "topic": options.get("topic", "").strip(),
            "select": self.choice(options, "select", SELECT_CHOICES),
            "tag": options.get("tag", "").strip(),
            "sort": self.choice(options, "sort", EPISODE_SORT_CHOICES),
            "style": self.choice(options, "style", EPISODE_LIST_STYLES),
        }
        return [self.view(ViewKind.EPISODE_LIST, {k: v for k, v in spec.items() if v})]


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
