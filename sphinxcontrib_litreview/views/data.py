"""What each view shows, computed from the domain data as plain tuples.

The same functions feed rendering (``render.py``) and the incremental-build
digests (``incremental.py``): a page is rewritten exactly when what its views
would show has changed.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, NamedTuple

from ..bibliography import bibliography
from ..text import first_sentence, index_letter, natural_key
from . import chart_data
from .specs import COUNTED_SORTS, ViewKind, ViewSpec

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from ..domain import LitreviewDomain, TagInfo
    from ..model import Episode


class EpisodeItem(NamedTuple):
    id: str
    title: str
    year: int | None
    tags: tuple[str, ...]
    first_sentence: str
    #: How many topics cite the episode (the *Cited in* entries).
    cited_by: int
    known: bool
    #: How often topics cite the episode (the sum of the *Cited in* counts).
    citations: int = 0
    #: Where the episode is defined: part of the data, so a page listing it is rewritten
    #: when its definition moves to another page.
    docname: str = ""
    #: Shown nowhere in listings, but searched by the HTML tables' filter box.
    authors: tuple[str, ...] = ()
    venue: str = ""
    #: The formatted reference (rich text), in lists with ``:format: reference``.
    reference: str = ""


class TopicItem(NamedTuple):
    docname: str
    title: str
    summary: str
    episodes: int


class PageCount(NamedTuple):
    docname: str
    title: str
    times: int


class TermItem(NamedTuple):
    name: str
    key: str
    first_sentence: str
    uses: int
    docname: str = ""


class TagCount(NamedTuple):
    key: str
    display: str
    #: The episodes carrying the tag.
    episodes: int
    #: The tag's page, None when it has none.
    docname: str | None


class TaggedEpisode(NamedTuple):
    episode: EpisodeItem
    #: The topics citing it, as its *Cited in* lists them.
    cited_in: tuple[PageCount, ...]


class TagPage(NamedTuple):
    tag: TagCount
    episodes: tuple[TaggedEpisode, ...]
    #: The first page, in toctree order, holding a ``tag-index``.
    tag_index: str | None


class Header(NamedTuple):
    label: str
    episodes: int
    summary: str
    topic_index: str | None
    glossary: str | None
    unknown_anchors: tuple[str, ...]


def doc_order(env: BuildEnvironment) -> dict[str, int]:
    """Position of each document in toctree order from the root; the rest after, by name."""
    order: dict[str, int] = {}
    includes = env.toctree_includes
    stack = [env.config.root_doc]
    while stack:
        docname = stack.pop()
        if docname in order:
            continue
        order[docname] = len(order)
        stack.extend(reversed(includes.get(docname, ())))
    for docname in sorted(env.found_docs):
        order.setdefault(docname, len(order))
    return order


def topic_count(domain: LitreviewDomain, docname: str) -> int:
    topic = domain.topics.get(docname)
    if topic is not None and topic.anchors:
        return len(dict.fromkeys(topic.anchors))
    return len(dict.fromkeys(domain.citations.get(docname, ())))


def episode_item(
    domain: LitreviewDomain, episode_id: str, with_counts: bool = True
) -> EpisodeItem:
    # Once per build and episode: listings, indices and digests share it.
    memo = domain.derived.views
    key = ("episode", episode_id, with_counts)
    item = memo.get(key)
    if item is None:
        if with_counts:
            # Counts only where shown or sorted on, so a new citation elsewhere does
            # not make every page listing this episode look changed.
            citing = domain.derived.cited_by.get(episode_id, {})
            item = episode_item(domain, episode_id, with_counts=False)._replace(
                cited_by=len(citing), citations=sum(citing.values())
            )
        else:
            item = _episode_item(domain, episode_id)
        memo[key] = item
    return item  # type: ignore[no-any-return]


def _episode_item(domain: LitreviewDomain, episode_id: str) -> EpisodeItem:
    episode: Episode | None = domain.episode(episode_id)
    if episode is None:
        return EpisodeItem(episode_id, "", None, (), "", 0, False, 0)
    return EpisodeItem(
        episode.id,
        episode.title,
        episode.year,
        # Each tag once, as shown everywhere (see tags.py).
        tuple(dict.fromkeys(domain.tag_display(t) for t in episode.tags)),
        first_sentence(episode.summary),
        0,
        True,
        0,
        episode.docname,
        episode.authors,
        episode.venue,
    )


def _sorted_items(items: list[EpisodeItem], sort: str) -> list[EpisodeItem]:
    if sort == "id":
        return sorted(items, key=lambda i: natural_key(i.id))
    if sort == "year":
        return sorted(items, key=lambda i: (i.year is None, i.year or 0, natural_key(i.id)))
    if sort == "title":
        return sorted(items, key=lambda i: (i.title.casefold(), natural_key(i.id)))
    if sort == "citations":
        return sorted(items, key=lambda i: (-i.citations, -i.cited_by, natural_key(i.id)))
    if sort == "cited-by":
        return sorted(items, key=lambda i: (-i.cited_by, -i.citations, natural_key(i.id)))
    return items  # "cited": already in order of first citation


def episode_list(domain: LitreviewDomain, spec: ViewSpec, docname: str) -> list[EpisodeItem]:
    topic_doc = docname
    if spec.get("topic"):
        target = domain.topic(spec.get("topic"))
        if target is None:
            return []
        topic_doc = target.docname
    topic = domain.topics.get(topic_doc)
    anchors = topic.anchors if topic is not None else ()
    cited = list(dict.fromkeys(domain.citations.get(topic_doc, ())))
    select = spec.get("select") or ("anchors" if anchors else "cited")
    if select == "anchors":
        # Order of first citation; anchors never cited keep their declared order, after.
        position = {eid: i for i, eid in enumerate(cited)}
        ids = sorted(
            dict.fromkeys(anchors),
            key=lambda eid: (eid not in position, position.get(eid, 0)),
        )
    elif select == "all":
        ids = list(dict.fromkeys([*cited, *anchors]))
    else:
        ids = cited
    sort = spec.get("sort") or "cited"
    items = [episode_item(domain, eid, with_counts=sort in COUNTED_SORTS) for eid in ids]
    items = _with_tag(domain, items, spec.get("tag"))
    if spec.get("format") == "reference":
        references = bibliography(domain).references
        items = [i._replace(reference=references.get(i.id, "")) for i in items]
    return _sorted_items(items, sort)


def episode_index(domain: LitreviewDomain, spec: ViewSpec) -> list[EpisodeItem]:
    items = [episode_item(domain, e.id) for e in domain.episodes()]
    items = _with_tag(domain, items, spec.get("tag"))
    return _sorted_items(items, spec.get("sort") or "id")


def _with_tag(domain: LitreviewDomain, items: list[EpisodeItem], tag: str) -> list[EpisodeItem]:
    """The items carrying *tag* (any case, or an alias of it); all of them for no tag."""
    if not tag:
        return items
    vocabulary = domain.tag_vocabulary()
    key = vocabulary.key(tag)
    return [i for i in items if any(vocabulary.key(t) == key for t in i.tags)]


def tag_count(info: TagInfo) -> TagCount:
    return TagCount(info.key, info.display, len(info.episodes), info.docname)


def tag_page(domain: LitreviewDomain, key: str) -> TagPage:
    # The page registered its tag when it was read (catalog/parser.py), so the table
    # has it; a tag no episode carries any more (an edit since) has no episodes.
    info = domain.tag_table()[key]
    index = first_holder(domain, ViewKind.TAG_INDEX)
    tagged = tuple(
        TaggedEpisode(episode_item(domain, episode_id, with_counts=False), tuple(cited_in(domain, episode_id)))
        for episode_id in info.episodes
    )
    return TagPage(tag_count(info), tagged, index)


def tag_index(domain: LitreviewDomain) -> list[TagCount]:
    """Every tag that some episode carries, A–Z."""
    tags = [tag_count(info) for info in domain.tag_table().values() if info.episodes]
    return sorted(tags, key=lambda t: (index_letter(t.display), natural_key(t.display), t.key))


def first_holder(domain: LitreviewDomain, kind: ViewKind) -> str | None:
    """The first page, in toctree order, holding a view of *kind*."""
    memo = domain.derived.views
    if ("holder", kind) not in memo:
        holders = [doc for doc, specs in domain.views.items() if any(s.kind is kind for s in specs)]
        memo[("holder", kind)] = min(holders, key=domain.in_page_order, default=None)
    return memo[("holder", kind)]  # type: ignore[no-any-return]


def topic_index(domain: LitreviewDomain, env: BuildEnvironment) -> list[TopicItem]:
    return [
        TopicItem(docname, domain.topic_title(docname), topic.summary, topic_count(domain, docname))
        for docname, topic in sorted(domain.topics.items(), key=lambda kv: domain.in_page_order(kv[0]))
    ]


def cited_in(domain: LitreviewDomain, episode_id: str) -> list[PageCount]:
    # Once per build and episode: its page and every tag page listing it share it.
    memo = domain.derived.views
    key = ("cited-in", episode_id)
    if key not in memo:
        pages = domain.derived.cited_by.get(episode_id, {})
        memo[key] = [
            PageCount(docname, domain.topic_title(docname), count)
            for docname, count in sorted(pages.items(), key=lambda kv: domain.in_page_order(kv[0]))
        ]
    return memo[key]  # type: ignore[no-any-return]


def used_in(domain: LitreviewDomain, key: str, own_docname: str) -> list[PageCount]:
    term = domain.term(key)
    if term is None:
        return []
    uses = domain.derived.term_use_counts
    return [
        PageCount(docname, domain.topic_title(docname), uses[(term.key, docname)])
        for docname in sorted(domain.derived.term_used_in.get(term.key, ()), key=domain.in_page_order)
    ]


def term_index(domain: LitreviewDomain) -> list[tuple[str, list[TermItem]]]:
    totals: Counter[str] = Counter()
    for (key, _docname), count in domain.derived.term_use_counts.items():
        totals[key] += count
    groups: dict[str, list[TermItem]] = {}
    for term in domain.terms():
        groups.setdefault(index_letter(term.name), []).append(
            TermItem(
                term.name, term.key, first_sentence(domain.text(term.definition)),
                totals[term.key], term.docname,
            )
        )
    return sorted(groups.items())


def header(domain: LitreviewDomain, env: BuildEnvironment, docname: str) -> Header | None:
    topic = domain.topics.get(docname)
    if topic is None:
        return None
    unknown = tuple(a for a in dict.fromkeys(topic.anchors) if domain.episode(a) is None)
    topic_index_doc = domain.nav_target("topic_index_page", ViewKind.TOPIC_INDEX)
    glossary_doc = domain.nav_target("glossary_page", ViewKind.TERM_INDEX)
    return Header(
        env.config.litreview_title,
        topic_count(domain, docname),
        topic.summary,
        topic_index_doc if topic_index_doc != docname else None,
        glossary_doc if glossary_doc != docname else None,
        unknown,
    )


def compute(
    domain: LitreviewDomain, env: BuildEnvironment, spec: ViewSpec, docname: str
) -> object:
    """What the view *spec* on page *docname* shows (computed once per build: the
    incremental digests and the rendering both ask)."""
    memo = domain.derived.views
    key = (spec, docname)
    if key not in memo:
        memo[key] = _compute(domain, env, spec, docname)
    return memo[key]


def _compute(
    domain: LitreviewDomain, env: BuildEnvironment, spec: ViewSpec, docname: str
) -> object:
    kind = spec.kind
    if kind is ViewKind.TOPIC_HEADER:
        return header(domain, env, docname)
    if kind is ViewKind.EPISODE_LIST:
        return episode_list(domain, spec, docname)
    if kind is ViewKind.TOPIC_INDEX:
        return topic_index(domain, env)
    if kind is ViewKind.EPISODE_INDEX:
        return episode_index(domain, spec)
    if kind is ViewKind.TERM_INDEX:
        return term_index(domain)
    if kind is ViewKind.CITED_IN:
        return cited_in(domain, spec.get("id"))
    if kind is ViewKind.USED_IN:
        return used_in(domain, spec.get("key"), docname)
    if kind is ViewKind.REVIEW_MAP:
        return chart_data.review_map(domain, spec)
    if kind is ViewKind.EPISODE_TIMELINE:
        return chart_data.timeline(domain, spec)
    if kind is ViewKind.REFERENCE:
        return bibliography(domain).references.get(spec.get("id"))
    if kind is ViewKind.TAG_PAGE:
        return tag_page(domain, spec.get("tag"))
    if kind is ViewKind.TAG_INDEX:
        return tag_index(domain)
    raise ValueError(f"unknown view kind {kind!r}")
