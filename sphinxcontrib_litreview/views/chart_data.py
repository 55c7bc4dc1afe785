"""What the review map and the episode timeline show, as plain tuples.

Like every view's data (see ``data.py``), these feed both the pictures and the
incremental digests, so they hold everything the pictures depend on: titles, years,
the pages links point to.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, NamedTuple

from ..text import natural_key
from .specs import ViewKind, ViewSpec

if TYPE_CHECKING:
    from ..domain import LitreviewDomain
    from ..model import Episode, Topic


class MapEpisode(NamedTuple):
    id: str
    title: str
    year: int | None
    #: The page defining the episode.
    docname: str
    #: Whether the topic declares it in ``:anchors:``.
    anchor: bool
    #: How many topics of the map show it.
    topics: int


class MapTopic(NamedTuple):
    docname: str
    title: str
    #: Oldest first, undated last.
    episodes: tuple[MapEpisode, ...]


class ReviewMap(NamedTuple):
    topics: tuple[MapTopic, ...]

    @property
    def episode_count(self) -> int:
        return len({e.id for t in self.topics for e in t.episodes})

    @property
    def years(self) -> list[int]:
        """The years with at least one episode on the map, in order (a column each)."""
        return sorted({e.year for t in self.topics for e in t.episodes if e.year is not None})

    @property
    def undated(self) -> bool:
        return any(e.year is None for t in self.topics for e in t.episodes)


class YearCount(NamedTuple):
    year: int
    episodes: int
    #: The episodes of the year, for a timeline restricted to a topic (its bars link to
    #: the index showing exactly these); empty for a timeline of every episode.
    ids: tuple[str, ...] = ()


class Timeline(NamedTuple):
    #: Every year from the first to the last, years without episodes included.
    years: tuple[YearCount, ...]
    undated: int
    #: The topic's page and title when restricted to one, else "".
    topic: str
    topic_title: str
    #: The page with the episode index the bars link to, or None.
    index_page: str | None


def topic_episode_ids(domain: LitreviewDomain, topic: Topic, select: str) -> list[str]:
    """The episodes of *topic*: ``anchors``, ``cited``, or both (``all``, or no option)."""
    cited = domain.citations.get(topic.docname, ())
    if select == "anchors":
        ids = list(topic.anchors)
    elif select == "cited":
        ids = list(cited)
    else:
        ids = [*cited, *topic.anchors]
    return list(dict.fromkeys(ids))


def _year_order(episode: Episode) -> tuple[bool, int, tuple[tuple[int, int | str], ...]]:
    return (episode.year is None, episode.year or 0, natural_key(episode.id))


def review_map(domain: LitreviewDomain, spec: ViewSpec) -> ReviewMap:
    select = spec.get("select")
    rows: list[tuple[str, list[Episode], set[str]]] = []
    shown_in: Counter[str] = Counter()
    for docname, topic in sorted(domain.topics.items(), key=lambda kv: domain.in_page_order(kv[0])):
        episodes = [
            e for e in (domain.episode(i) for i in topic_episode_ids(domain, topic, select))
            if e is not None  # unknown anchors are warned about by the topic header
        ]
        episodes.sort(key=_year_order)
        shown_in.update(e.id for e in episodes)
        rows.append((docname, episodes, set(topic.anchors)))
    return ReviewMap(tuple(
        MapTopic(
            docname,
            domain.topic_title(docname),
            tuple(
                MapEpisode(e.id, e.title, e.year, e.docname, e.id in anchors, shown_in[e.id])
                for e in episodes
            ),
        )
        for docname, episodes, anchors in rows
    ))


def index_page(domain: LitreviewDomain) -> str | None:
    """The first page, in toctree order, holding an ``episode-index`` of every episode."""
    memo = domain.derived.views
    if "index-page" not in memo:
        holders = [
            doc for doc, specs in domain.views.items()
            if any(s.kind is ViewKind.EPISODE_INDEX and not s.get("tag") for s in specs)
        ]
        memo["index-page"] = min(holders, key=domain.in_page_order, default=None)
    return memo["index-page"]  # type: ignore[no-any-return]


def timeline(domain: LitreviewDomain, spec: ViewSpec) -> Timeline:
    target = spec.get("topic")
    topic_doc = ""
    if target:
        topic = domain.topic(target)
        if topic is None:  # warned about when the page is resolved
            return Timeline((), 0, "", "", index_page(domain))
        topic_doc = topic.docname
        found = (domain.episode(i) for i in topic_episode_ids(domain, topic, spec.get("select")))
        episodes = [e for e in found if e is not None]
    else:
        episodes = domain.episodes()
    per_year: dict[int, list[str]] = {}
    undated = 0
    for episode in episodes:
        if episode.year is None:
            undated += 1
        else:
            per_year.setdefault(episode.year, []).append(episode.id)
    years: list[YearCount] = []
    if per_year:
        for year in range(min(per_year), max(per_year) + 1):
            ids = sorted(per_year.get(year, ()), key=natural_key)
            years.append(YearCount(year, len(ids), tuple(ids) if topic_doc else ()))
    title = domain.topic_title(topic_doc) if topic_doc else ""
    return Timeline(tuple(years), undated, topic_doc, title, index_page(domain))
