"""Hover/focus previews of ``{episode}`` and ``{term}`` references (HTML builders).

Each page carries, at its end, a ``<script type="application/json"
class="litreview-previews">`` block holding the preview data of every episode and
term it links to, keyed by the link's fragment (``episode-e026``,
``lr-term-entropy``). ``static/litreview-hover.js`` reads those blocks and shows
the preview; without JavaScript the link's ``title`` attribute remains.

The data comes from :mod:`.previews`, the same functions the incremental digests
hash, so a page is rewritten whenever what its previews show changes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform

from .domain import LitreviewDomain, get_domain
from .nodes import add_html_node, litreview_previews
from .previews import episode_preview, term_preview
from .tags import tag_pages_linked

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

JS_FILE = "litreview-hover.js"
CSS_FILE = "litreview-hover.css"
BLOCK_CLASS = "litreview-previews"
#: The block mapping each tag a preview shows to its page's URI, relative to the page.
TAG_LINKS_CLASS = "litreview-tag-links"
EPISODE_CLASS = "litreview-ref-episode"
TERM_CLASS = "litreview-ref-term"
HTML_BUILDERS = ("html", "dirhtml", "singlehtml")

# Fields the browser needs; docname/anchor are build-side only and would bloat pages.
_SHIPPED = {
    "episode": ("kind", "id", "title", "authors", "year", "venue", "reference", "summary", "tags"),
    "term": ("kind", "term", "aliases", "definition"),
}

# JSON is valid JavaScript, but inside <script> "</script>" or "<!--" would end or
# confuse the element; U+2028/9 are line terminators in older JS parsers.
_SCRIPT_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def hover_enabled(builder: Builder) -> bool:
    """Previews are for browsable HTML; epub readers mostly ignore scripts."""
    return builder.name in HTML_BUILDERS and bool(builder.config.litreview_hover)


def script_json(data: object) -> str:
    """*data* as JSON that can sit verbatim inside a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.translate(_SCRIPT_ESCAPES)


def fragment(ref: nodes.reference) -> str | None:
    """The anchor a resolved reference points at.

    singlehtml links look like ``#document-episodes#episode-e026``: the last part counts.
    """
    if ref.get("refid"):
        return str(ref["refid"])
    uri = str(ref.get("refuri", ""))
    if "#" not in uri:
        return None
    return uri.rsplit("#", 1)[1] or None


def _shipped_json(domain: LitreviewDomain, preview: dict[str, Any]) -> str:
    """The browser's part of *preview*, as script-safe JSON: once per object and build,
    however many pages link to it."""
    memo = domain.derived.previews
    key = ("json", preview["kind"], preview["docname"], preview["anchor"])
    if key not in memo:
        # A reference only with a citation style: no empty field on every page otherwise.
        memo[key] = script_json(
            {name: preview[name] for name in _SHIPPED[preview["kind"]]
             if name in preview and (preview[name] or name != "reference")}
        )
    return memo[key]  # type: ignore[no-any-return]


class _PreviewLookup:
    """Fragment -> preview for one document, cheapest source first."""

    def __init__(self, domain: LitreviewDomain, docnames: Iterable[str]) -> None:
        self.domain = domain
        self.by_anchor: dict[str, dict[str, Any]] = {}
        self._everything_loaded = False
        for docname in docnames:
            for episode_id in dict.fromkeys(domain.citations.get(docname, ())):
                self._add(episode_preview(domain, episode_id))
            for key in dict.fromkeys(domain.term_uses.get(docname, ())):
                self._add(term_preview(domain, key))

    def _add(self, preview: dict[str, Any] | None) -> None:
        if preview is not None:
            self.by_anchor.setdefault(preview["anchor"], preview)

    def find(self, ref: nodes.reference, anchor: str) -> dict[str, Any] | None:
        if anchor in self.by_anchor:
            return self.by_anchor[anchor]
        # Links made by views (episode lists, term indexes) are not recorded as page
        # citations; their text is the episode ID or the term name.
        text = ref.astext().strip()
        if EPISODE_CLASS in ref["classes"]:
            candidate = episode_preview(self.domain, text)
        else:
            candidate = term_preview(self.domain, text)
        if candidate is not None and candidate["anchor"] == anchor:
            self._add(candidate)
            return candidate
        self._load_everything()
        return self.by_anchor.get(anchor)

    def _load_everything(self) -> None:
        # Last resort, once per document: a link whose text is neither ID nor name.
        if self._everything_loaded:
            return
        self._everything_loaded = True
        for episode in self.domain.episodes():
            self._add(episode_preview(self.domain, episode.id))
        for term in self.domain.terms():
            self._add(term_preview(self.domain, term.key))


def _litreview_refs(document: nodes.document) -> Iterator[nodes.reference]:
    for ref in document.findall(nodes.reference):
        classes = ref.get("classes", ())
        if "litreview-ref" in classes and (EPISODE_CLASS in classes or TERM_CLASS in classes):
            yield ref


class MarkTermLinks(SphinxPostTransform):
    """Give every internal link to a term — made by Sphinx's own ``term`` role, by
    intersphinx-free ``:ref:``, by ``{litreview:term}`` — the term's preview and a
    ``title``, keeping the link otherwise as Sphinx made it (classes, URI, text)."""

    # After Sphinx's reference resolver (10) and the views (11).
    default_priority = 12
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        domain = get_domain(self.env)
        by_anchor = _term_by_anchor(domain)
        if not by_anchor:
            return
        for ref in self.document.findall(nodes.reference):
            if not ref.get("internal") or TERM_CLASS in ref["classes"]:
                continue
            anchor = fragment(ref)
            key = by_anchor.get(anchor) if anchor else None
            if key is None:
                continue
            ref["classes"] += ["litreview-ref", TERM_CLASS]
            if not ref.get("reftitle"):
                title = domain.term_title(key)
                if title:
                    ref["reftitle"] = title


def _term_by_anchor(domain: LitreviewDomain) -> dict[str, str]:
    """Anchor -> term key, for anchors that belong to exactly one term."""
    memo = domain.derived.previews
    if ("anchors",) not in memo:
        found: dict[str, str | None] = {}
        for (_docname, anchor), key in domain.derived.term_anchors.items():
            found[anchor] = key if found.get(anchor, key) == key else None
        memo[("anchors",)] = {a: k for a, k in found.items() if k is not None}
    return memo[("anchors",)]  # type: ignore[no-any-return]


class EmbedPreviews(SphinxPostTransform):
    """Mark the end of the page, where its preview data goes."""

    # Late, so that the marker stays the page's last node.
    default_priority = 900
    builders = HTML_BUILDERS

    def run(self, **kwargs: Any) -> None:
        if self.config.litreview_hover:
            self.document += litreview_previews()


def previews_html(document: nodes.document, builder: Builder) -> str:
    """The JSON block for every episode/term *document* links to ("" for none).

    Runs as the page is translated, when views have become links (see
    :mod:`.views.transform`) and, with ``-j N``, in the process writing the page.
    """
    refs = list(_litreview_refs(document))
    if not refs:
        return ""
    # singlehtml translates one tree assembled from every page of the toctree.
    docnames = [builder.current_docname]  # type: ignore[attr-defined]
    docnames += [n["docname"] for n in document.findall(addnodes.start_of_file)]
    domain = get_domain(builder.env)
    lookup = _PreviewLookup(domain, docnames)
    previews: dict[str, str] = {}
    tag_links: dict[str, str] = {}
    for ref in refs:
        anchor = fragment(ref)
        if anchor is None or anchor in previews:
            continue
        preview = lookup.find(ref, anchor)
        if preview is not None:
            previews[anchor] = _shipped_json(domain, preview)
            _add_tag_links(tag_links, preview, domain, builder)
    if not previews:
        return ""
    # The same text as script_json() of the whole mapping: keys sorted, no spaces.
    body = ",".join(f"{script_json(a)}:{previews[a]}" for a in sorted(previews))
    html = f'<script type="application/json" class="{BLOCK_CLASS}">{{{body}}}</script>\n'
    if tag_links:
        html += f'<script type="application/json" class="{TAG_LINKS_CLASS}">{script_json(tag_links)}</script>\n'
    return html


def _add_tag_links(
    found: dict[str, str], preview: dict[str, Any], domain: LitreviewDomain, builder: Builder
) -> None:
    """Tag (display form) -> relative URI of its page, for the tags *preview* shows: the
    previews are the same on every page, the links to tag pages relative to this one."""
    if not tag_pages_linked(builder):
        return
    for tag, docname in zip(preview.get("tags", ()), preview.get("tag_pages", ()), strict=True):
        if docname is None or tag in found:
            continue
        try:
            uri = domain.relative_uri(builder, builder.current_docname, docname)  # type: ignore[attr-defined]
        except NoUri:
            continue
        if uri:  # "" is this very page
            found[tag] = uri


def visit_previews(translator: Any, node: litreview_previews) -> None:
    translator.body.append(previews_html(translator.document, translator.builder))
    raise nodes.SkipNode


def add_hover_assets(app: Sphinx) -> None:
    """``builder-inited``: link the script and styles only where previews are embedded."""
    if hover_enabled(app.builder):
        app.add_css_file(CSS_FILE)
        # defer: runs after parsing, so every JSON block (they sit at the end) exists.
        app.add_js_file(JS_FILE, loading_method="defer")


def setup_hover(app: Sphinx) -> None:
    add_html_node(app, litreview_previews, visit_previews)
    app.add_post_transform(MarkTermLinks)
    app.add_post_transform(EmbedPreviews)
    app.connect("builder-inited", add_hover_assets)
