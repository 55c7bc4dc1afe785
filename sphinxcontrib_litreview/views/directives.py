"""The listing directives: placeholders recorded while reading, filled in late."""

from __future__ import annotations

from docutils import nodes

from ..directives import LitreviewDirective, option_spec
from .specs import (
    EPISODE_LIST_STYLES,
    EPISODE_SORT_CHOICES,
    INDEX_SORT_CHOICES,
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
