"""Tags: which spellings are one tag, how a tag is shown, and references to tag pages.

A tag's *key* is its text case-folded, with white space folded: ``RL``, ``rl`` and
`` rl `` are one tag. ``litreview_tag_aliases`` maps further spellings onto a tag
(``{"reinforcement-learning": "RL"}``); chains are followed.

A tag is shown in one form everywhere (tag pages, listings, previews, episode
pages): the alias target as written in ``litreview_tag_aliases`` when the tag is
one, else the spelling most episodes use (ties: the first in code point order,
so ``RL`` before ``rl``). Each tag has a generated page (``catalog/__init__.py``)
whose title is that form.

Tags shown on an episode (its metadata block) are one node (:func:`tags_node`),
made links when pages are written, after every tag is known (``tag_links.py``);
``{tag}`` references are ``pending_xref`` nodes of type ``tag``. Both are recorded
(``LitreviewDomain.process_doc``) so an incremental build rewrites the page when a
tag's page or form changes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .compat import current_builder, current_docname
from .nodes import litreview_tags
from .text import squash

if TYPE_CHECKING:
    from sphinx.builders import Builder

#: Builders that get tags as text: the tag pages are not part of the one document
#: they make (LaTeX, texinfo, singlehtml), or they have no links (man pages show a
#: link's target next to its text).
TEXT_ONLY_BUILDERS = frozenset({"latex", "texinfo", "singlehtml", "man"})

TAG_CLASS = "litreview-tag"
REF_CLASS = "litreview-ref-tag"


def tag_key(text: str) -> str:
    """Tags match case-insensitively (``casefold``: ``Straße`` is ``STRASSE``), with
    white space folded."""
    return " ".join(text.split()).casefold()


def alias_problem(value: Any) -> str | None:
    """What is wrong with a ``litreview_tag_aliases`` value, or None if nothing is."""
    if not isinstance(value, Mapping):
        return "not a dict"
    direct: dict[str, str] = {}
    for spelling, target in value.items():
        if not isinstance(spelling, str) or not isinstance(target, str):
            return f"{spelling!r}: {target!r} is not a pair of strings"
        if not spelling.strip() or not target.strip():
            return f"{spelling!r}: {target!r} has an empty tag"
        direct[tag_key(spelling)] = tag_key(target)
    for start in sorted(direct):
        seen = [start]
        current = direct[start]
        while current in direct and current != seen[-1]:
            if current in seen:
                cycle = " -> ".join([*seen[seen.index(current):], current])
                return f"the aliases go round in a circle: {cycle}"
            seen.append(current)
            current = direct[current]
    return None


class TagVocabulary:
    """The tags' spellings, as ``litreview_tag_aliases`` merges them."""

    def __init__(self, aliases: Mapping[str, str]) -> None:
        if alias_problem(aliases) is not None:  # warned about when the config was read
            aliases = {}
        direct = {tag_key(k): squash(v) for k, v in sorted(aliases.items())}
        #: key of a spelling -> key of the tag it stands for
        self.canonical: dict[str, str] = {}
        #: key of an alias target -> the target as written
        self.written: dict[str, str] = {}
        for spelling, target in direct.items():
            # A target that is itself an alias stands for that alias's target.
            while tag_key(target) in direct and direct[tag_key(target)] != target:
                target = direct[tag_key(target)]
            self.canonical[spelling] = tag_key(target)
            self.written.setdefault(tag_key(target), target)

    def key(self, spelling: str) -> str:
        key = tag_key(spelling)
        return self.canonical.get(key, key)

    def display_forms(self, spellings: Iterable[str]) -> dict[str, str]:
        """Key -> the form a tag is shown in, for the tags among *spellings* (every
        use of a tag counted, so the most common spelling can win)."""
        counts: dict[str, Counter[str]] = {}
        for spelling in spellings:
            spelling = squash(spelling)
            if spelling:
                counts.setdefault(self.key(spelling), Counter())[spelling] += 1
        return {
            key: self.written.get(key) or min(found, key=lambda s: (-found[s], s))
            for key, found in counts.items()
        }


def tag_pages_linked(builder: Builder) -> bool:
    """Whether *builder*'s output has the tag pages to link to."""
    return builder.name not in TEXT_ONLY_BUILDERS


def tags_node(spellings: Iterable[str], aliases: Mapping[str, str]) -> litreview_tags:
    """An episode's tags for its metadata block, the first spelling of each tag (an
    alias and its target are one), made links when written (see tag_links.py)."""
    vocabulary = TagVocabulary(aliases) if aliases else None
    unique: dict[str, str] = {}
    for spelling in spellings:
        unique.setdefault(vocabulary.key(spelling) if vocabulary else tag_key(spelling), spelling)
    # The text is what the search index sees: an alias as the tag it stands for. (The
    # form most episodes use is known only once every page is read.)
    text = ", ".join(
        vocabulary.written.get(key, spelling) if vocabulary else spelling for key, spelling in unique.items()
    )
    return litreview_tags("", text, tags=list(unique.values()))


class ShowTagForms(SphinxPostTransform):
    """Give every ``{tag}`` reference without text of its own the tag's display form,
    whether the builder then links it (the domain resolves it) or not."""

    # Before the reference resolvers (MyST's at 9, Sphinx's at 10), after the episode
    # appendix of one-document builders is added (5).
    default_priority = 8

    def run(self, **kwargs: Any) -> None:
        from .domain import get_domain

        domain = get_domain(self.env)
        # Most pages show no tag: spare walking them. (The builders that make one
        # document of many pages get tags as text; a tree of theirs may hold some.)
        many_pages = current_builder(self.env).name in TEXT_ONLY_BUILDERS
        if not many_pages and not domain.tag_refs.get(current_docname(self.env)):
            return
        for ref in list(self.document.findall(addnodes.pending_xref)):
            if ref.get("refdomain") != "litreview" or ref.get("reftype") != "tag":
                continue
            info = domain.tag(str(ref["reftarget"]))
            if info is None:
                continue
            if ref.get("refexplicit") or not ref.children:
                continue
            text = ref.children[0]
            if isinstance(text, nodes.Element):
                text.children = []
                text += nodes.Text(info.display)
