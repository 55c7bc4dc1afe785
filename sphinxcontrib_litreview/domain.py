"""The ``litreview`` domain: episodes, terms and topics, and who cites whom.

All state lives in ``self.data`` (pickled with the environment, merged from
parallel readers). Derived lookups (cited-by counts, alias maps) are rebuilt
lazily from that data and never stored, so they cannot drift from it.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain, Index, IndexEntry, ObjType
from sphinx.errors import NoUri

from .compat import std_domain
from .i18n import _
from .model import ORIGIN_CATALOG, Episode, GlossaryEntry, Term, Topic, term_key
from .nodes import litreview_tags
from .storage import PackedData
from .suggest import Suggester
from .tags import TagVocabulary, tag_key, tag_pages_linked
from .text import first_sentence, index_letter, natural_key, nodes_text, resolve_text
from .views.specs import ViewKind
from .warnings_ import LitreviewWarning, warn

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from .views.specs import ViewSpec


class TagInfo(NamedTuple):
    """A tag of the review, as the domain knows it once every page is read."""

    key: str
    #: How it is shown (see tags.py).
    display: str
    #: Its generated page, None when it has none.
    docname: str | None
    #: The episodes carrying it, in natural ID order.
    episodes: tuple[str, ...]


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
    #: anchor of a term (ours or a std glossary's) -> its key, for links made by std
    term_anchors: dict[tuple[str, str], str]
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
    #: filled on demand by suggest: kind -> index of known names
    suggesters: dict[str, Suggester]
    #: filled on demand by bibliography.py: inline labels and formatted references
    bibliography: dict[str, Any]
    #: filled on demand by tag_table and tag_vocabulary
    tags: dict[str, Any]


class _Text:
    """A class attribute translated when read: Sphinx's builders read an index's
    ``localname`` from the class and hand it to serialisers (``-b json``) that take
    only real strings, not lazy translation proxies."""

    def __init__(self, message: Any) -> None:
        self.message = message

    def __get__(self, obj: object, owner: type | None = None) -> str:
        return str(self.message)


class LitreviewDomain(Domain):
    """Literature review objects: episodes, glossary terms and topic pages."""

    name = "litreview"
    label = _("Literature review")  # shown in search results: "Literature review episode"
    object_types = {
        "episode": ObjType(_("episode"), "episode"),
        "term": ObjType(_("term"), "term"),
        "topic": ObjType(_("topic"), "topic"),
        "tag": ObjType(_("tag"), "tag"),
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
        # docname of a generated tag page -> (tag key, display form)
        "tag_pages": {},
        # docname -> tags referenced on that page with the {tag} role
        "tag_refs": {},
        # docname -> tags shown in the metadata of episodes on that page (tag_links.py)
        "tag_lists": {},
    }

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        if not isinstance(self.data, PackedData):
            self.data = env.domaindata[self.name] = PackedData(self.data)
        self.data.handback = self._handback
        self._derived: _Derived | None = None
        #: pages read by this process since reading began: in a parallel reader, its chunk
        self._read_here: set[str] = set()
        #: the process that began reading (Sphinx's main process; a forked reader
        #: inherits the number and so knows it is not that process)
        self._reading_pid: int | None = None

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

    @property
    def tag_pages(self) -> dict[str, tuple[str, str]]:
        return self.data.setdefault("tag_pages", {})

    @property
    def tag_refs(self) -> dict[str, list[str]]:
        return self.data.setdefault("tag_refs", {})

    @property
    def tag_lists(self) -> dict[str, list[str]]:
        return self.data.setdefault("tag_lists", {})

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

    def text(self, text: str) -> str:
        """Stored plain text as shown: references whose text Sphinx fills in late
        (``doc``, ``ref``) replaced by that text (see :func:`.text.nodes_text`)."""
        return resolve_text(text, self.env)

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
        glossary_by_key = {
            entry.key: entry
            for docname in sorted(self.glossary, reverse=True)
            for entry in reversed(self.glossary[docname])
        }
        term_anchors = {
            (entry.docname, entry.anchor): entry.key for entry in glossary_by_key.values()
        }
        for term in term_by_key.values():
            term_anchors[(term.docname, term.anchor)] = term.key
        from .views.data import doc_order

        return _Derived(
            term_by_key=term_by_key,
            cited_by=cited_by,
            citation_totals=totals,
            term_used_in={key: sorted(docs) for key, docs in used_in.items()},
            term_use_counts=use_counts,
            doc_order=doc_order(self.env),
            glossary_by_key=glossary_by_key,
            term_anchors=term_anchors,
            nav={},
            previews={},
            uris={},
            titles={},
            views={},
            suggesters={},
            bibliography={},
            tags={},
        )

    def in_page_order(self, docname: str) -> tuple[int, str]:
        """A sort key putting pages in toctree order; a page not found (which nothing
        read refers to) goes after all others."""
        order = self.derived.doc_order
        return order.get(docname, len(order)), docname

    def nav_target(self, config_name: str, kind: ViewKind) -> str | None:
        """The page a topic header links to: configured, else the first page holding *kind*."""
        cache = self.derived.nav
        if (config_name, kind) not in cache:
            cache[(config_name, kind)] = self._find_nav_target(config_name, kind)
        return cache[(config_name, kind)]

    def configured_page(self, config_name: str) -> str | None:
        """The docname a ``litreview_*_page`` setting names, if it names one."""
        configured = getattr(self.env.config, f"litreview_{config_name}")
        if not configured:
            return None
        return _as_docname(configured, self.env)

    def _find_nav_target(self, config_name: str, kind: ViewKind) -> str | None:
        if getattr(self.env.config, f"litreview_{config_name}"):
            # A setting that names no page is reported by check_consistency.
            return self.configured_page(config_name)
        holders = [doc for doc, specs in self.views.items() if any(s.kind is kind for s in specs)]
        if holders:
            return min(holders, key=self.in_page_order)
        if kind is ViewKind.TERM_INDEX:
            # No term-index: the page defining the most terms is the glossary.
            per_page = Counter(t.docname for t in self.terms())
            if not per_page:
                per_page = Counter(
                    entry.docname for entries in self.glossary.values() for entry in entries
                )
            if per_page:
                return min(per_page, key=lambda d: (-per_page[d], self.in_page_order(d)))
        return None

    # -- tags -------------------------------------------------------------------

    def tag_vocabulary(self) -> TagVocabulary:
        memo = self.derived.tags
        if "vocabulary" not in memo:
            memo["vocabulary"] = TagVocabulary(self.env.config.litreview_tag_aliases)
        return memo["vocabulary"]  # type: ignore[no-any-return]

    def tag_table(self) -> dict[str, TagInfo]:
        """Every tag, by key: those of the episodes (their winning definitions) and
        those with a generated page."""
        memo = self.derived.tags
        if "table" not in memo:
            memo["table"] = self._tag_table()
        return memo["table"]  # type: ignore[no-any-return]

    def _tag_table(self) -> dict[str, TagInfo]:
        vocabulary = self.tag_vocabulary()
        pages: dict[str, tuple[str, str]] = {}
        for docname in sorted(self.tag_pages):
            key, display = self.tag_pages[docname]
            pages.setdefault(key, (docname, display))
        spellings: list[str] = []
        carriers: dict[str, dict[str, None]] = {}
        for episode in self.episodes():
            spellings += episode.tags
            for spelling in episode.tags:
                carriers.setdefault(vocabulary.key(spelling), {})[episode.id] = None
        shown = vocabulary.display_forms(spellings)
        table: dict[str, TagInfo] = {}
        for key in sorted({*pages, *carriers}):
            page: str | None = None
            display = shown.get(key, key)
            if key in pages:
                page, display = pages[key]
            episodes = tuple(sorted(carriers.get(key, ()), key=natural_key))
            table[key] = TagInfo(key, display, page, episodes)
        return table

    def tag(self, spelling: str) -> TagInfo | None:
        """The tag *spelling* is (any case, or an alias), if the review has it."""
        return self.tag_table().get(self.tag_vocabulary().key(spelling))

    def tag_display(self, spelling: str) -> str:
        # Asked for every tag of every listed episode: memoised per spelling.
        shown: dict[str, str] = self.derived.tags.setdefault("display", {})
        if spelling not in shown:
            info = self.tag(spelling)
            shown[spelling] = info.display if info is not None else " ".join(spelling.split())
        return shown[spelling]

    def add_tag_page(self, docname: str, key: str, display: str) -> None:
        self.tag_pages[sys.intern(docname)] = (key, display)
        self._changed()

    # -- registration (called while reading) ---------------------------------

    def add_episode(self, episode: Episode) -> None:
        self._add_definition("episode", episode.id, episode)
        self._changed()

    def add_term(self, term: Term) -> None:
        for key in dict.fromkeys(term.keys):
            self._add_definition("term", key, term)
        self._changed()

    def _add_definition(self, kind: str, key: str, obj: Any) -> None:
        """Store *obj* under *key*. Clashes are reported once all pages are read
        (:meth:`check_consistency`), so they read the same at any ``-j``."""
        store: dict[str, list[Any]] = self.episode_defs if kind == "episode" else self.term_defs
        defs = store.setdefault(key, [])
        defs.append(obj)
        defs.sort(key=lambda d: d.rank)
        self.defined.setdefault(obj.docname, []).append((sys.intern(kind), sys.intern(key)))

    def add_topic(self, topic: Topic) -> bool:
        """Register *topic*; False if its page already has one."""
        if topic.docname in self.topics:
            return False
        self.topics[topic.docname] = topic
        self._changed()
        return True

    def note_citation(self, docname: str, episode_id: str) -> None:
        # Interned so each ID is pickled once, not once per citation.
        self.citations.setdefault(sys.intern(docname), []).append(sys.intern(episode_id))
        self._changed()

    def note_topic_ref(self, docname: str, target: str) -> None:
        self.topic_refs.setdefault(docname, []).append(target)

    def note_view(self, docname: str, spec: ViewSpec) -> None:
        self.views.setdefault(docname, []).append(spec)

    # -- Domain API -------------------------------------------------------------

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        """Record the page's term uses (whichever role made them: the standard ``term``
        role, ``{litreview:term}``) and keep the definitions of Sphinx ``glossary``
        terms, which the std domain does not."""
        self._read_here.add(docname)
        uses: list[str] = []
        tags: list[str] = []  # for the incremental digests (tags.py)
        listed: list[str] = []
        for ref in document.findall(_reference_or_tags):
            if isinstance(ref, litreview_tags):
                listed += (tag_key(spelling) for spelling in ref["tags"])
                continue
            assert isinstance(ref, addnodes.pending_xref)
            reftype = ref.get("reftype")
            if reftype == "term" and ref.get("refdomain") in ("std", "litreview"):
                uses.append(sys.intern(term_key(str(ref["reftarget"]))))
            elif reftype == "tag" and ref.get("refdomain") == "litreview":
                tags.append(str(ref["reftarget"]))
        if uses:
            self.term_uses[sys.intern(docname)] = uses
        if tags:
            self.tag_refs[sys.intern(docname)] = tags
        if listed:
            self.tag_lists[sys.intern(docname)] = listed
        entries: list[GlossaryEntry] = []
        for glossary in document.findall(addnodes.glossary):
            for item in glossary.findall(nodes.definition_list_item):
                definition = nodes_text(
                    child for child in item.children if isinstance(child, nodes.definition)
                )
                for term in item.findall(nodes.term):
                    if term["ids"]:
                        entries.append(
                            GlossaryEntry(term.astext(), docname, term["ids"][0], definition)
                        )
        if entries:
            self.glossary[docname] = entries
        if uses or entries:
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
        self._reading_pid = os.getpid()

    def _handback(self) -> dict[str, Any] | None:
        """What a parallel reader sends back: all that merge_domaindata reads for the
        pages it read (see storage.py), not the data of every page merged before.
        None in the process that began reading, which keeps the whole environment."""
        if self._reading_pid is None or self._reading_pid == os.getpid():
            return None
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
                sent[key] = [obj for obj in ours.get(key, ()) if obj.docname in docs]
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
                for obj in stores[kind].get(key, ()):
                    if obj.docname == docname:
                        self._add_definition(kind, key, obj)
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
            episode = self.episode(target.strip())
            if episode is None:
                return None
            shown = node.get(LABEL_ATTRIBUTE)
            if shown:
                contnode = self._labelled(contnode, episode.id, bare=shown == LABEL_BARE)
            return self.episode_refnode(builder, fromdocname, episode, contnode)
        if typ == "tag":
            return self._resolve_tag(fromdocname, builder, target, contnode)
        if typ == "term":
            term = self.term(target)
            if term is not None:
                return self.term_refnode(builder, fromdocname, term, contnode)
            # Terms of Sphinx's own glossary directive, through the std domain; the
            # hover transform marks the link as it marks every term link.
            return std_domain(env).resolve_xref(
                env, fromdocname, builder, "term", target, node, contnode
            )
        return None

    def _labelled(self, contnode: nodes.Element, episode_id: str, bare: bool) -> nodes.Element:
        """*contnode* showing the episode's label (``litreview_episode_label``), known
        only once every page is read; *bare*: a number without its brackets, inside
        a group's ("[3, 12]")."""
        from .bibliography import bibliography

        label = bibliography(self).labels.get(episode_id)
        if not label:
            return contnode
        if bare:
            label = label.strip("[]")
        contnode = contnode.deepcopy()
        contnode.children = []
        contnode += nodes.Text(label)
        return contnode

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
        ref = self.refnode(
            builder, fromdocname, term.docname, term.anchor, contnode, self.term_title(term.key)
        )
        ref["classes"] += ["litreview-ref", "litreview-ref-term"] if preview else ["litreview-ref-term"]
        return ref

    def term_title(self, key: str) -> str | None:
        """A term link's ``title``: the term and its definition, as plain text."""
        found: Term | GlossaryEntry | None = self.term(key) or self.derived.glossary_by_key.get(term_key(key))
        if found is None or not found.name:
            return None
        definition = self.text(found.definition)
        return f"{found.name}: {definition}" if definition else found.name

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

    def _resolve_tag(
        self, fromdocname: str, builder: Builder, target: str, contnode: nodes.Element
    ) -> nodes.reference | None:
        info = self.tag(target)
        if info is None:
            return None
        # A known tag without a page (a file of the user's in its way, a tag the scan
        # missed) was reported once, by catalog.py; its references are shown as text.
        return self.tag_refnode(builder, fromdocname, info, contnode)

    def tag_refnode(
        self, builder: Builder, fromdocname: str, info: TagInfo, contnode: nodes.Element
    ) -> nodes.reference:
        """A link to the page of tag *info*. Raises ``NoUri`` where the builder's output
        has no tag pages (the reference is then shown as text)."""
        if info.docname is None or not tag_pages_linked(builder):
            raise NoUri(info.key, "tag")
        # No title: a count there would make every page showing the tag depend on it.
        ref = self.refnode(builder, fromdocname, info.docname, None, contnode)
        ref["classes"] += ["litreview-ref-tag"]
        return ref

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
        # Terms are left to the std domain, which knows ours too (register_std_terms):
        # answering for them here as well would make every :any: term ambiguous.
        results: list[tuple[str, nodes.reference]] = []
        for typ in ("episode", "topic", "tag"):
            try:
                ref = self.resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
            except NoUri:  # a tag where the output has no tag pages: the others may match
                continue
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
        for key, info in self.tag_table().items():
            if info.docname is not None:
                yield key, info.display, "tag", info.docname, "", 1

    def get_full_qualified_name(self, node: nodes.Element) -> str | None:
        return node.get("reftarget")

    # -- after reading ------------------------------------------------------------

    def check_consistency(self) -> None:
        """Report what only shows once every page is read, in the main process and in a
        fixed order, so ``-j N`` reports exactly what ``-j 1`` does."""
        for key in sorted(self.episode_defs):
            _warn_duplicates(self.episode_defs[key], key, _warn_duplicate_episode)
        for key in sorted(self.term_defs):
            _warn_duplicates(self.term_defs[key], key, _warn_duplicate_term)
        self._check_term_shadowing()
        self._check_topic_ids()
        self._check_configured_pages()
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

    def _check_term_shadowing(self) -> None:
        """A term directive and a Sphinx glossary defining one term."""
        for key, term in sorted(self.derived.term_by_key.items()):
            entry = self.derived.glossary_by_key.get(key)
            if entry is None:
                continue
            warn(
                LitreviewWarning.DUPLICATE_TERM,
                f"term {key!r} is defined twice: as {term.name!r} in {term.docname}, line "
                f"{term.lineno} and by a glossary directive in {entry.docname}; :term: links "
                "to the glossary's, {litreview:term} to this one. Remove one of them",
                location=(term.docname, term.lineno),
            )

    def _check_topic_ids(self) -> None:
        by_id: dict[str, list[Topic]] = {}
        for docname in sorted(self.topics):
            topic = self.topics[docname]
            by_id.setdefault(topic.id, []).append(topic)
        for topic_id, topics in sorted(by_id.items()):
            first = topics[0]
            for other in topics[1:]:
                warn(
                    LitreviewWarning.OPTION,
                    f"topic id {topic_id!r} is already used by page {first.docname!r} "
                    f"(line {first.lineno}); give this topic-page a different :id:",
                    location=(other.docname, other.lineno),
                )

    def _check_configured_pages(self) -> None:
        for name in ("topic_index_page", "glossary_page"):
            value = getattr(self.env.config, f"litreview_{name}")
            if not value:
                continue
            docname = self.configured_page(name)
            if docname is None:
                warn(
                    LitreviewWarning.OPTION,
                    f"config value litreview_{name} = {value!r} names no document; write a "
                    "docname, without suffix, relative to the source directory (e.g. "
                    "'glossary'). The topic headers leave this link out",
                )
            elif docname != value.strip("/"):
                warn(
                    LitreviewWarning.OPTION,
                    f"config value litreview_{name} = {value!r} is a file name; using the "
                    f"document {docname!r}. Write the docname, without suffix",
                )

    # -- std terms ------------------------------------------------------------------

    def register_std_terms(self) -> None:
        """Make every litreview term (and alias) a Sphinx glossary term as well.

        Then the standard ``term`` role — ``{term}`` in MyST, ``:term:`` in reST, and
        intersphinx's ``std:term`` lookups from other projects — finds them with
        Sphinx's own rules, and the role itself stays Sphinx's. Run after reading
        (``env-updated``), from this domain's data, so the result is the same at any
        ``-j`` and on every rebuild. A name a Sphinx ``glossary`` already defines stays
        the glossary's (reported by :meth:`check_consistency`).
        """
        std = std_domain(self.env)
        objects: dict[tuple[str, str], tuple[str, str]] = std.objects
        # The glossary's case-insensitive map (Sphinx keeps it under "terms").
        lowered: dict[str, tuple[str, str]] = std.data.setdefault("terms", {})
        # What an earlier run put there (our anchors): taken out and put back fresh.
        _drop_ours(objects)
        _drop_ours(lowered)
        for term in self.terms():
            for name in (term.name, *term.aliases):
                place = (term.docname, term.anchor)
                objects.setdefault(("term", name), place)
                lowered.setdefault(name.lower(), place)

    # -- suggestions for unknown names ------------------------------------------

    def suggest(self, typ: str, target: str) -> str | None:
        """The closest known name to *target*, for "did you mean …?" hints.

        Bounded: the names are indexed once per build, so a review with thousands of
        unknown references to thousands of IDs still builds in seconds.
        """
        suggesters = self.derived.suggesters
        if typ not in suggesters:
            names: Iterable[str]
            if typ == "episode":
                names = self.episode_defs
            elif typ == "term":
                names = [*self.derived.term_by_key, *self.derived.glossary_by_key]
            elif typ == "tag":
                names = [key for key, info in self.tag_table().items() if info.docname]
            else:
                names = [t.id for t in self.topics.values()]
            suggesters[typ] = Suggester(names)
        if typ == "tag":
            found = suggesters[typ].closest(tag_key(target))
            return self.tag_display(found) if found else None
        return suggesters[typ].closest(term_key(target) if typ == "term" else target)


#: The attribute of an episode reference whose text is its label, decided when
#: resolved (see roles.EpisodeRole): LABEL_FULL ("[12]", "Doe, 2025") or LABEL_BARE
#: (a number inside a group's brackets).
LABEL_ATTRIBUTE = "litreview_label"
LABEL_FULL = "full"
LABEL_BARE = "bare"

#: Stored data keyed by the page it came from (merged page by page).
_PER_DOC = (
    "topics", "citations", "term_uses", "topic_refs", "views", "glossary", "tag_pages", "tag_refs",
    "tag_lists",
)


def _reference_or_tags(node: nodes.Node) -> bool:
    """What process_doc reads: references, and the tags of episodes' metadata."""
    return isinstance(node, (addnodes.pending_xref, litreview_tags))


#: Anchors of litreview terms start with this (see model.term_anchor).
TERM_ANCHOR_PREFIX = "lr-term-"


def _drop_ours(store: dict[Any, tuple[str, str]]) -> None:
    for stale in [key for key, (_doc, anchor) in store.items() if anchor.startswith(TERM_ANCHOR_PREFIX)]:
        del store[stale]


def _as_docname(value: str, env: BuildEnvironment) -> str | None:
    """*value* as a found docname: as written, or without a source suffix."""
    value = value.strip().strip("/")
    if value in env.found_docs:
        return value
    for suffix in env.config.source_suffix:
        if value.endswith(suffix) and value[: -len(suffix)] in env.found_docs:
            return value[: -len(suffix)]
    return None


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


def _warn_duplicates(defs: list[Any], key: str, report: Any) -> None:
    """One warning per definition after the first (they are sorted best first)."""
    seen = {_place(defs[0])} if defs else set()
    for other in defs[1:]:
        if _place(other) in seen:
            continue
        seen.add(_place(other))
        report(defs[0], other, key)


def _warn_duplicate_episode(first: Episode, second: Episode, key: str) -> None:
    if first.origin != second.origin:
        return  # a hand-written directive deliberately overrides a catalog record
    warn(
        LitreviewWarning.DUPLICATE_EPISODE,
        f"episode {key} is defined twice: in {_describe(first)} and in "
        f"{_describe(second)}; the first is used. Remove or renumber one of them",
        location=second.location,
    )


def _warn_duplicate_term(first: Term, second: Term, key: str) -> None:
    warn(
        LitreviewWarning.DUPLICATE_TERM,
        f"term {key!r} is defined twice: as {first.name!r} in {_describe(first)} and as "
        f"{second.name!r} in {_describe(second)}; the first is used",
        location=(second.docname, second.lineno),
    )


class GroupedIndex(Index):
    """A domain index whose entries fall into headed groups."""

    def entries(self, domain: LitreviewDomain) -> Iterable[tuple[str, str, IndexEntry]]:
        """(group heading, docname, entry) for every object listed."""
        raise NotImplementedError

    def order(self, groups: dict[str, list[IndexEntry]]) -> list[tuple[str, list[IndexEntry]]]:
        return sorted(groups.items())

    def is_empty(self) -> bool:
        """Whether :meth:`generate` would list nothing (without making the whole list)."""
        domain = self.domain
        assert isinstance(domain, LitreviewDomain)
        return next(iter(self.entries(domain)), None) is None

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


class EpisodeIndex(GroupedIndex):
    """All episodes, grouped by year (newest first)."""

    name = "episodeindex"
    localname = _Text(_("Episode Index"))
    shortname = _Text(_("episodes"))

    def entries(self, domain: LitreviewDomain) -> Iterable[tuple[str, str, IndexEntry]]:
        for episode in domain.episodes():
            group = str(episode.year) if episode.year is not None else "—"
            entry = IndexEntry(episode.id, 0, episode.docname, episode.anchor, "", "", episode.title)
            yield group, episode.docname, entry

    def order(self, groups: dict[str, list[IndexEntry]]) -> list[tuple[str, list[IndexEntry]]]:
        return sorted(groups.items(), key=lambda kv: (kv[0] == "—", _neg_year(kv[0])))


def _neg_year(group: str) -> int:
    return -int(group) if group.lstrip("-").isdigit() else 0


class TermIndex(GroupedIndex):
    """All terms A–Z."""

    name = "termindex"
    localname = _Text(_("Term Index"))
    shortname = _Text(_("terms"))

    def entries(self, domain: LitreviewDomain) -> Iterable[tuple[str, str, IndexEntry]]:
        for term in domain.terms():
            entry = IndexEntry(
                term.name, 0, term.docname, term.anchor, "", "",
                first_sentence(domain.text(term.definition)),
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
