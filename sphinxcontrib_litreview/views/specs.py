"""What a view shows, as recorded while reading (plain, picklable data)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ViewKind(StrEnum):
    TOPIC_HEADER = "topic-header"
    EPISODE_LIST = "episode-list"
    TOPIC_INDEX = "topic-index"
    EPISODE_INDEX = "episode-index"
    TERM_INDEX = "term-index"
    CITED_IN = "cited-in"
    USED_IN = "used-in"
    REVIEW_MAP = "review-map"
    EPISODE_TIMELINE = "episode-timeline"
    #: An episode's formatted reference (``litreview_citation_style``), on its page.
    REFERENCE = "reference"
    TAG_PAGE = "tag-page"
    TAG_INDEX = "tag-index"


@dataclass(frozen=True, slots=True)
class ViewSpec:
    kind: ViewKind
    #: The view's validated options, as sorted (name, value) pairs.
    options: tuple[tuple[str, str], ...] = ()
    lineno: int = 0

    def get(self, name: str, default: str = "") -> str:
        for key, value in self.options:
            if key == name:
                return value
        return default


#: The ``part`` option of a topic header split in two for HTML (see placement.py).
HEADER_KICKER = "kicker"
HEADER_REST = "rest"

#: Allowed values of the listing directives' choice options; the first is the default
#: unless the directive computes one.
SELECT_CHOICES = ("anchors", "cited", "all")
EPISODE_SORT_CHOICES = ("cited", "id", "year", "title", "citations", "cited-by")
INDEX_SORT_CHOICES = ("id", "year", "title", "citations", "cited-by")
#: Sort orders on citation counts: ``citations`` puts the most often cited first
#: (all citations by topics), ``cited-by`` the episode cited by the most topics.
COUNTED_SORTS = ("citations", "cited-by")
EPISODE_LIST_STYLES = ("list", "table", "cards")
#: What each item of an episode list shows besides its ID: the title, year and first
#: sentence, or the formatted reference (with ``litreview_citation_style``).
EPISODE_LIST_FORMATS = ("summary", "reference")
TOPIC_INDEX_STYLES = ("list", "cards")
MAP_SELECT_CHOICES = ("all", "anchors", "cited")
TAG_INDEX_STYLES = ("list", "cloud")
