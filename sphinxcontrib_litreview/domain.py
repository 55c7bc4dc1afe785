"""The ``litreview`` domain: episodes, terms and topics, and who cites whom.

All state lives in ``self.data`` (pickled with the environment, merged from
parallel readers). Derived lookups (cited-by counts, alias maps) are rebuilt
lazily from that data and never stored, so they cannot drift from it.
"""

from __future__ import annotations

import difflib
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain, Index, IndexEntry, ObjType

from .compat import std_domain
from .i18n import _
from .model import ORIGIN_CATALOG, Episode, GlossaryEntry, Term, Topic, term_key
from .storage import PackedData, note_reading_process
from .text import first_sentence, index_letter, squash
from .views.specs import ViewKind
from .warnings_ import LitreviewWarning, warn

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from .views.specs import ViewSpec


@dataclass(frozen=True, slots=True)
class _Derived:
    """Lookups computed from the domain data; rebuilt whenever the data changes."""

    term_by_key: dict[str, Term]
    #: episode id -> {topic docname: number of citations on that topic page}
    cited_by: dict[str, dict[str, int]]
    #: episode id -> citations anywhere (any page)
    citation_totals: Counter[str]
    #: term key (canonical) -> docnames using it, sorted
    term_used_in: dict[str, list[str]]
    #: (canonical term key, docname) -> uses of the term on that page
    term_use_counts: Counter[tuple[str, str]]
    #: docname -> position in toctree order
    doc_order: dict[str, int]
    #: term key -> entry of a Sphinx glossary directive
    glossary_by_key: dict[str, GlossaryEntry]
    #: filled on demand by nav_target: (config name, kind) -> docname or None
    nav: dict[tuple[str, ViewKind], str | None]
    #: filled on demand by previews.py and hover.py: (kind, key) -> preview data or None,
    #: ("json", ...) -> a preview as shipped to the browser
    previews: dict[tuple[str, ...], Any]
    #: filled on demand by relative_uri: (builder, from docname, to docname) -> relative URI
    uris: dict[tuple[str, str, str], str]
    #: filled on demand by topic_title: docname -> title text
    titles: dict[str, str]
    #: filled on demand by views/data.py: view data, computed once for digest and render
    views: dict[Any, Any]


class LitreviewDomain(Domain):
    """Literature review objects: episodes, glossary terms and topic pages."""

    name = "litreview"
    label = _("Literature review")  # shown in search results: "Literature review episode"
    object_types = {
        "episode": ObjType(_("episode"), "episode"),
        "term": ObjType(_("term"), "term"),
        "topic": ObjType(_("topic"), "topic"),
    }
    initial_data = {
        # episode id -> every definition, best first (see Episode.rank)
        "episodes": {},
        # docname -> ("episode", id) / ("term", key) pairs it defines, so clear_doc
        # does not scan every object for every page re-read
        "defined": {},
        # term key (name or alias) -> every definition claiming it, best first
        "terms": {},
        # docname -> Topic
        "topics": {},
        # docname -> episode ids cited on that page, in order, repeats kept
        "citations": {},
        # docname -> term keys used on that page, in order
        "term_uses": {},
        # docname -> view placeholders on that page
        "views": {},
        # docname -> topic targets referenced with {topic} on that page
        "topic_refs": {},
        # docname -> entries of Sphinx glossary directives on that page (for previews)
        "glossary": {},
        # docname -> digest of everything its late-rendered output depends on
        "digests": {},
    }

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        if not isinstance(self.data, PackedData):
            self.data = env.domaindata[self.name] = PackedData(self.data)
        self.data.handback = self._handback
        self._derived: _Derived | None = None
        #: pages read by this process since reading began: in a parallel reader, its chunk
        self._read_here: set[str] = set()

    # -- typed access to the stored data ------------------------------------

    @property
    def episode_defs(self) -> dict[str, list[Episode]]:
        return self.data.setdefault("episodes", {})

    @property
    def defined(self) -> dict[str, list[tuple[str, str]]]:
        return self.data.setdefault("defined", {})

    @property
    def term_defs(self) -> dict[str, list[Term]]:
        return self.data.setdefault("terms", {})

    @property
    def topics(self) -> dict[str, Topic]:
        return self.data.setdefault("topics", {})

    @property
    def citations(self) -> dict[str, list[str]]:
        return self.data.setdefault("citations", {})

    @property
    def term_uses(self) -> dict[str, list[str]]:
        return self.data.setdefault("term_uses", {})

    @property
    def views(self) -> dict[str, list[ViewSpec]]:
        return self.data.setdefault("views", {})

    @property
    def topic_refs(self) -> dict[str, list[str]]:
        return self.data.setdefault("topic_refs", {})

    @property
    def glossary(self) -> dict[str, list[GlossaryEntry]]:
        return self.data.setdefault("glossary", {})

    @property
    def digests(self) -> dict[str, bytes]:
        return self.data.setdefault("digests", {})

    def _changed(self) -> None:
        self._derived = None

    # -- lookups --------------------------------------------------------------

    def episode(self, episode_id: str) -> Episode | None:
        defs = self.episode_defs.get(episode_id)
        return defs[0] if defs else None

    def episodes(self) -> list[Episode]:
        """The winning definition of every episode, in ID order."""
        return [defs[0] for _id, defs in sorted(self.episode_defs.items()) if defs]

    def term(self, text: str) -> Term | None:
        return self.derived.term_by_key.get(term_key(text))

    def terms(self) -> list[Term]:
        """Each defined term once (by its winning definition), sorted by name."""
        seen: dict[tuple[str, int], Term] = {}
        for term in self.derived.term_by_key.values():
            seen[(term.docname, term.lineno)] = term
        return sorted(seen.values(), key=lambda t: (t.key, t.docname, t.lineno))

    def topic(self, target: str) -> Topic | None:
        """A topic by its ``:id:`` or by its docname."""
        target = target.strip()
        if target.startswith("/"):
            target = target[1:]
        if target in self.topics:
            return self.topics[target]
        for topic in self.topics.values():
            if topic.id == target:
                return topic
        return None

    @property
    def derived(self) -> _Derived:
        if self._derived is None:
            self._derived = self._derive()
        return self._derived

    def _derive(self) -> _Derived:
        term_by_key = {key: defs[0] for key, defs in self.term_defs.items() if defs}
        cited_by: dict[str, dict[str, int]] = {}
        totals: Counter[str] = Counter()
        for docname in sorted(self.citations):
            ids = self.citations[docname]
            totals.update(ids)
            if docname in self.topics:
                for episode_id, count in Counter(ids).items():
                    cited_by.setdefault(episode_id, {})[docname] = count
        used_in: dict[str, set[str]] = {}
        use_counts: Counter[tuple[str, str]] = Counter()
        for docname, keys in self.term_uses.items():
            for key in keys:
                term = term_by_key.get(key)
                if term is not None:
                    used_in.setdefault(term.key, set()).add(docname)
                    use_counts[(term.key, docname)] += 1
        from .views.data import doc_order

        return _Derived(
            term_by_key=term_by_key,
            cited_by=cited_by,
            citation_totals=totals,
            term_used_in={key: sorted(docs) for key, docs in used_in.items()},
            term_use_counts=use_counts,
            doc_order=doc_order(self.env),
            glossary_by_key={
                entry.key: entry
                for docname in sorted(self.glossary, reverse=True)
                for entry in reversed(self.glossary[docname])
            },
            nav={},
            previews={},
            uris={},
            titles={},
            views={},
        )

    @property
    def doc_order(self) -> dict[str, int]:
        return self.derived.doc_order

    def nav_target(self, config_name: str, kind: ViewKind) -> str | None:
        """The page a topic header links to: configured, else the first page holding *kind*."""
        cache = self.derived.nav
        if (config_name, kind) not in cache:
            cache[(config_name, kind)] = self._find_nav_target(config_name, kind)
        return cache[(config_name, kind)]

    def _find_nav_target(self, config_name: str, kind: ViewKind) -> str | None:
        configured = getattr(self.env.config, f"litreview_{config_name}")
        if configured:
            configured = configured.strip("/")
            return configured if configured in self.env.found_docs else None
        order = self.doc_order
        holders = [doc for doc, specs in self.views.items() if any(s.kind is kind for s in specs)]
        if holders:
            return min(holders, key=lambda d: (order.get(d, len(order)), d))
        if kind is ViewKind.TERM_INDEX:
            # No term-index: the page defining the most terms is the glossary.
            per_page = Counter(t.docname for t in self.terms())
            if not per_page:
                std_terms = std_domain(self.env).data.get("terms", {})
                per_page = Counter(doc for doc, _anchor in std_terms.values())
            if per_page:
                return min(per_page, key=lambda d: (-per_page[d], order.get(d, len(order)), d))
        return None

    # -- registration (called while reading) ---------------------------------

    def add_episode(self, episode: Episode) -> None:
        self._add_definition("episode", episode.id, episode)
        self._changed()

    def add_term(self, term: Term) -> None:
        for key in dict.fromkeys(term.keys):
            self._add_definition("term", key, term)
        self._changed()

    def _add_definition(
        self, kind: str, key: str, obj: Any, already_warned: Set[tuple[str, int]] = frozenset()
    ) -> None:
        """Store *obj* under *key*, warning once about a clash with another definition."""
        store: dict[str, list[Any]] = self.episode_defs if kind == "episode" else self.term_defs
        defs = store.setdefault(key, [])
        for other in defs:
            if _place(other) != _place(obj) and _place(other) not in already_warned:
                if kind == "episode":
                    _warn_duplicate_episode(obj, other)
                else:
                    _warn_duplicate_term(obj, other, key)
                break
        defs.append(obj)
        defs.sort(key=lambda d: d.rank)
        self.defined.setdefault(obj.docname, []).append((sys.intern(kind), sys.intern(key)))

    def add_topic(self, topic: Topic) -> bool:
        """Register *topic*; False if its page already has one."""
        if topic.docname in self.topics:
            return False
        for other in self.topics.values():
            if other.id == topic.id:
                warn(
                    LitreviewWarning.OPTION,
                    f"topic id {topic.id!r} is already used by page {other.docname!r} "
                    f"(line {other.lineno}); give this topic-page a different :id:",
                    location=(topic.docname, topic.lineno),
                )
        self.topics[topic.docname] = topic
        self._changed()
        return True

    def note_citation(self, docname: str, episode_id: str) -> None:
        # Interned so each ID is pickled once, not once per citation.
        self.citations.setdefault(sys.intern(docname), []).append(sys.intern(episode_id))
        self._changed()

    def note_term_use(self, docname: str, target: str) -> None:
        self.term_uses.setdefault(sys.intern(docname), []).append(sys.intern(term_key(target)))
        self._changed()

    def note_topic_ref(self, docname: str, target: str) -> None:
        self.topic_refs.setdefault(docname, []).append(target)

    def note_view(self, docname: str, spec: ViewSpec) -> None:
        self.views.setdefault(docname, []).append(spec)

    # -- Domain API -------------------------------------------------------------

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        """Keep the definitions of Sphinx ``glossary`` terms, which the std domain does not."""
        self._read_here.add(docname)
        entries: list[GlossaryEntry] = []
        for glossary in document.findall(addnodes.glossary):
            for item in glossary.findall(nodes.definition_list_item):
                definition = " ".join(
                    child.astext() for child in item.children if isinstance(child, nodes.definition)
                )
                for term in item.findall(nodes.term):
                    if term["ids"]:
                        entries.append(
                            GlossaryEntry(term.astext(), docname, term["ids"][0], squash(definition))
                        )
        if entries:
            self.glossary[docname] = entries
            self._changed()

    def clear_doc(self, docname: str) -> None:
        for kind, key in self.defined.pop(docname, ()):
            if kind == "episode":
                _drop_doc(self.episode_defs, key, docname)
            else:
                _drop_doc(self.term_defs, key, docname)
        for name in _PER_DOC:
            self.data.setdefault(name, {}).pop(docname, None)
        # The digest stays: it is what the previous build wrote, compared after reading.
        self._changed()

    def reading_begins(self) -> None:
        """``env-before-read-docs``: parallel readers fork after this."""
        self._read_here.clear()
        note_reading_process()

    def _handback(self) -> dict[str, Any]:
        """What a parallel reader sends back: all that merge_domaindata reads for the
        pages it read (see storage.py), not the data of every page merged before."""
        docs = self._read_here
        defined = {doc: self.defined[doc] for doc in docs if doc in self.defined}
        data: dict[str, Any] = {"defined": defined, "episodes": {}, "terms": {}}
        stores: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
            "episode": (self.episode_defs, data["episodes"]),
            "term": (self.term_defs, data["terms"]),
        }
        for pairs in defined.values():
            for kind, key in pairs:
                ours, sent = stores[kind]
                if key in ours:
                    # every definition of the key, so the merge knows which clashes
                    # the reader has already warned about
                    sent[key] = ours[key]
        for name in _PER_DOC:
            mine = self.data.get(name, {})
            data[name] = {doc: mine[doc] for doc in docs if doc in mine}
        return data

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        # Visit only what the worker's pages define (its "defined" index), not every
        # object it knows.
        other_defined: dict[str, list[tuple[str, str]]] = otherdata["defined"]
        stores = {"episode": otherdata["episodes"], "term": otherdata["terms"]}
        for docname in sorted(docnames):
            for kind, key in dict.fromkeys(other_defined.get(docname, ())):
                defs = stores[kind].get(key, ())
                # The worker already warned about clashes with definitions it could see.
                worker_saw = set(map(_place, defs))
                for obj in defs:
                    if obj.docname == docname:
                        self._add_definition(kind, key, obj, worker_saw)
        for name in _PER_DOC:
            theirs = otherdata[name]
            for docname in docnames:
                if docname in theirs:
                    self.data[name][docname] = theirs[docname]
        self._changed()

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        if typ == "topic":
            return self._resolve_topic(fromdocname, builder, target, node, contnode)
        if typ == "episode":
            ref = self._resolve_episode(fromdocname, builder, target, contnode)
        elif typ == "term":
            ref = self._resolve_term(env, fromdocname, builder, target, node, contnode)
        else:
            return None
        return ref

    def _resolve_episode(
        self, fromdocname: str, builder: Builder, target: str, contnode: nodes.Element
    ) -> nodes.reference | None:
        episode = self.episode(target.strip())
        if episode is None:
            return None
        return self.episode_refnode(builder, fromdocname, episode, contnode)

    def _resolve_term(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        term = self.term(target)
        if term is not None:
            return self.term_refnode(builder, fromdocname, term, contnode)
        # Terms of Sphinx's own glossary directive resolve through the std domain.
        std_ref = std_domain(env).resolve_xref(env, fromdocname, builder, "term", target, node, contnode)
        entry = self.derived.glossary_by_key.get(term_key(target))
        if std_ref is not None and entry is not None:
            std_ref["reftitle"] = f"{entry.name}: {entry.definition}" if entry.definition else entry.name
            std_ref["classes"] += ["litreview-ref", "litreview-ref-term"]
        return std_ref

    # -- reference nodes (shared by the roles' resolution and the views) -------

    def episode_refnode(
        self, builder: Builder, fromdocname: str, episode: Episode, contnode: nodes.Element,
        preview: bool = True,
    ) -> nodes.reference:
        title = episode_link_title(episode)
        ref = self.refnode(builder, fromdocname, episode.docname, episode.anchor, contnode, title)
        # The hover script only picks up "litreview-ref"; index rows keep just the title.
        ref["classes"] += ["litreview-ref", "litreview-ref-episode"] if preview else ["litreview-ref-episode"]
        return ref

    def term_refnode(
        self, builder: Builder, fromdocname: str, term: Term, contnode: nodes.Element,
        preview: bool = True,
    ) -> nodes.reference:
        title = f"{term.name}: {term.definition}" if term.definition else term.name
        ref = self.refnode(builder, fromdocname, term.docname, term.anchor, contnode, title)
        ref["classes"] += ["litreview-ref", "litreview-ref-term"] if preview else ["litreview-ref-term"]
        return ref

    def refnode(
        self,
        builder: Builder,
        fromdocname: str,
        todocname: str,
        targetid: str | None,
        child: nodes.Node,
        title: str | None = None,
    ) -> nodes.reference:
        """Sphinx's ``make_refnode``, with relative URIs from ``relative_uri``."""
        node = nodes.reference("", "", internal=True)
        if fromdocname == todocname and targetid:
            node["refid"] = targetid
        else:
            uri = self.relative_uri(builder, fromdocname, todocname)
            node["refuri"] = f"{uri}#{targetid}" if targetid else uri
        if title:
            node["reftitle"] = title
        node += child
        return node

    def relative_uri(self, builder: Builder, fromdocname: str, todocname: str) -> str:
        """``builder.get_relative_uri``, computed once per page pair and build.

        A page's links share few targets (every term lives on the glossary page), and a
        relative URI costs two URL-quotings. Raises ``NoUri`` where the builder does.
        """
        key = (builder.name, fromdocname, todocname)
        uris = self.derived.uris
        uri = uris.get(key)
        if uri is None:
            uri = uris[key] = builder.get_relative_uri(fromdocname, todocname)
        return uri

    def _resolve_topic(
        self,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        topic = self.topic(target)
        if topic is None:
            return None
        if not node.get("refexplicit"):
            contnode = contnode.deepcopy()
            contnode.children = [nodes.Text(self.topic_title(topic.docname))]
        return self.refnode(builder, fromdocname, topic.docname, None, contnode, topic.summary)

    def topic_title(self, docname: str) -> str:
        titles = self.derived.titles
        text = titles.get(docname)
        if text is None:
            title = self.env.titles.get(docname)
            text = titles[docname] = title.astext() if title is not None else docname
        return text

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        results: list[tuple[str, nodes.reference]] = []
        for typ in ("episode", "term", "topic"):
            if typ == "term" and self.term(target) is None:
                continue  # the any role leaves std glossary terms to the std domain
            ref = self.resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
            if ref is not None:
                results.append((f"litreview:{typ}", ref))
        return results

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for episode in self.episodes():
            display = f"{episode.id}: {episode.title}" if episode.title else episode.id
            yield episode.id, display, "episode", episode.docname, episode.anchor, 1
        for key, term in sorted(self.derived.term_by_key.items()):
            # Aliases are findable through intersphinx but kept out of search results.
            prio = 1 if key == term.key else -1
            yield key, term.name, "term", term.docname, term.anchor, prio
        for docname, topic in sorted(self.topics.items()):
            yield topic.id, self.topic_title(docname), "topic", docname, "", 1

    def get_full_qualified_name(self, node: nodes.Element) -> str | None:
        return node.get("reftarget")

    def check_consistency(self) -> None:
        if not self.env.config.litreview_warn_unreferenced:
            return
        totals = self.derived.citation_totals
        for episode in self.episodes():
            if not totals.get(episode.id):
                warn(
                    LitreviewWarning.UNREFERENCED_EPISODE,
                    f"episode {episode.id} is not cited by any page; cite it with "
                    f"{{episode}}`{episode.id}` or remove it",
                    location=episode.location,
                )

    # -- suggestions for unknown names ------------------------------------------

    def suggest(self, typ: str, target: str) -> str | None:
        """The closest known name to *target*, for "did you mean …?" hints."""
        candidates: Iterable[str]
        if typ == "episode":
            candidates = self.episode_defs
            needle = target
        elif typ == "term":
            std_terms = std_domain(self.env).data.get("terms", {})
            candidates = [*self.derived.term_by_key, *std_terms]
            needle = term_key(target)
        else:
            candidates = [t.id for t in self.topics.values()]
            needle = target
        matches = difflib.get_close_matches(needle, list(candidates), n=1, cutoff=0.6)
        return matches[0] if matches else None


#: Stored data keyed by the page it came from (merged page by page).
_PER_DOC = ("topics", "citations", "term_uses", "topic_refs", "views", "glossary")


def _drop_doc(store: dict[str, list[Any]], key: str, docname: str) -> None:
    kept = [d for d in store.get(key, ()) if d.docname != docname]
    if kept:
        store[key] = kept
    else:
        store.pop(key, None)


def _place(obj: Episode | Term) -> tuple[str, int]:
    return (obj.docname, obj.lineno)


def _describe(obj: Episode | Term) -> str:
    if isinstance(obj, Episode) and obj.origin == ORIGIN_CATALOG and obj.catalog:
        return f"catalog {obj.catalog}"
    return f"{obj.docname}, line {obj.lineno}"


def _warn_duplicate_episode(new: Episode, old: Episode) -> None:
    if new.origin != old.origin:
        return  # a hand-written directive deliberately overrides a catalog record
    first, second = sorted((new, old), key=lambda e: e.rank)
    warn(
        LitreviewWarning.DUPLICATE_EPISODE,
        f"episode {new.id} is defined twice: in {_describe(first)} and in "
        f"{_describe(second)}; the first is used. Remove or renumber one of them",
        location=second.location,
    )


def _warn_duplicate_term(new: Term, old: Term, key: str) -> None:
    first, second = sorted((new, old), key=lambda t: t.rank)
    warn(
        LitreviewWarning.DUPLICATE_TERM,
        f"term {key!r} is defined twice: as {first.name!r} in {_describe(first)} and as "
        f"{second.name!r} in {_describe(second)}; the first is used",
        location=(second.docname, second.lineno),
    )


class _GroupedIndex(Index):
    """A domain index whose entries fall into headed groups."""

    def entries(self, domain: LitreviewDomain) -> Iterable[tuple[str, str, IndexEntry]]:
        """(group heading, docname, entry) for every object listed."""
        raise NotImplementedError

    def order(self, groups: dict[str, list[IndexEntry]]) -> list[tuple[str, list[IndexEntry]]]:
        return sorted(groups.items())

    def generate(
        self, docnames: Iterable[str] | None = None
    ) -> tuple[list[tuple[str, list[IndexEntry]]], bool]:
        domain = self.domain
        assert isinstance(domain, LitreviewDomain)
        wanted = set(docnames) if docnames is not None else None
        groups: dict[str, list[IndexEntry]] = {}
        for group, docname, entry in self.entries(domain):
            if wanted is None or docname in wanted:
                groups.setdefault(group, []).append(entry)
        return self.order(groups), False


class EpisodeIndex(_GroupedIndex):
    """All episodes, grouped by year (newest first)."""

    name = "episodeindex"
    localname = _("Episode Index")
    shortname = _("episodes")

    def entries(self, domain: LitreviewDomain) -> Iterable[tuple[str, str, IndexEntry]]:
        for episode in domain.episodes():
            group = str(episode.year) if episode.year is not None else "—"
            entry = IndexEntry(episode.id, 0, episode.docname, episode.anchor, "", "", episode.title)
            yield group, episode.docname, entry

    def order(self, groups: dict[str, list[IndexEntry]]) -> list[tuple[str, list[IndexEntry]]]:
        return sorted(groups.items(), key=lambda kv: (kv[0] == "—", _neg_year(kv[0])))


def _neg_year(group: str) -> int:
    return -int(group) if group.lstrip("-").isdigit() else 0


class TermIndex(_GroupedIndex):
    """All terms A–Z."""

    name = "termindex"
    localname = _("Term Index")
    shortname = _("terms")

    def entries(self, domain: LitreviewDomain) -> Iterable[tuple[str, str, IndexEntry]]:
        for term in domain.terms():
            entry = IndexEntry(
                term.name, 0, term.docname, term.anchor, "", "", first_sentence(term.definition)
            )
            yield index_letter(term.name), term.docname, entry


def episode_link_title(episode: Episode) -> str:
    """The ``title`` of a link to *episode* (shown where there is no preview)."""
    return f"{episode.id}: {episode.title}" if episode.title else episode.id


def get_domain(env: BuildEnvironment) -> LitreviewDomain:
    domain = env.domains["litreview"]
    assert isinstance(domain, LitreviewDomain)
    return domain


LitreviewDomain.indices = [EpisodeIndex, TermIndex]
