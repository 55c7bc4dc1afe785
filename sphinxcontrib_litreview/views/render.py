"""Turn view data (``data.py``) into docutils nodes that every builder understands.

Views link only to objects known to exist, so their links are made as resolved
``reference`` nodes straight away, exactly as Sphinx's resolver would make them from
a ``pending_xref`` (through the builder, so relative URIs are right for html,
dirhtml, singlehtml, latex, epub and the rest), without that round trip: an index
page can hold thousands of links.
Cards use sphinx-design's CSS classes on plain containers when it is loaded.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.errors import NoUri
from sphinx.util.osutil import relative_uri

from ..compat import single_fragment
from ..config import LitreviewConfig
from ..domain import episode_link_title
from ..downloads import REVIEW_DOWNLOAD, writes_downloads
from ..episode_nodes import id_node, reference_nodes
from ..i18n import _, ngettext
from ..tags import REF_CLASS, TAG_CLASS, tag_pages_linked
from ..text import index_letter
from . import filtering, html_table
from .data import EpisodeItem, Header, PageCount, TagCount, TagPage, TermItem, TopicItem
from .specs import HEADER_KICKER, HEADER_REST, ViewKind, ViewSpec

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from ..domain import LitreviewDomain


_EPISODE_CLASSES = "xref litreview litreview-episode"

#: From this many rows on, HTML builders get the episode index as ready-made HTML.
HTML_TABLE_ROWS = 500


class Links:
    """Makes the links of the views on one page."""

    def __init__(self, domain: LitreviewDomain, builder: Builder, docname: str) -> None:
        self.domain = domain
        self.builder = builder
        self.docname = docname

    def episode(self, item: EpisodeItem, preview: bool = True) -> nodes.Node:
        """*preview* is off in index tables: their rows already show what a preview
        would, and previews for thousands of rows would make the page megabytes heavier."""
        return self.episode_by_id(item.id, preview) if item.known else self.unknown(item.id)

    def unknown(self, episode_id: str) -> nodes.Node:
        return nodes.inline(episode_id, episode_id, classes=["litreview-unknown"])

    def episode_by_id(self, episode_id: str, preview: bool = True) -> nodes.Node:
        text = id_node(episode_id, _EPISODE_CLASSES.split())
        episode = self.domain.episode(episode_id)
        if episode is None:
            return self.unknown(episode_id)
        try:
            return self.domain.episode_refnode(self.builder, self.docname, episode, text, preview)
        except NoUri:  # e.g. latex, for a page outside the document
            return text

    def episode_html(self, item: EpisodeItem) -> str:
        """An index row's link to *item*, as HTML (see html_table.py); no preview."""
        episode = self.domain.episode(item.id) if item.known else None
        if episode is None:
            return f'<span class="litreview-unknown">{html_table.text(item.id)}</span>'
        if episode.docname == self.docname:
            href = "#" + episode.anchor
        else:
            try:
                uri = self.domain.relative_uri(self.builder, self.docname, episode.docname)
            except NoUri:
                return f'<span class="{_EPISODE_CLASSES}">{html_table.text(item.id)}</span>'
            href = f"{uri}#{episode.anchor}"
            if self.builder.name == "singlehtml":
                href = single_fragment(href)
        return html_table.link_html(
            href, episode_link_title(episode), "litreview-ref-episode", item.id, _EPISODE_CLASSES
        )

    @property
    def html(self) -> bool:
        return self.builder.format == "html"

    def download(self, filename: str) -> str | None:
        """The URI of *filename* in the output folder from this page, for builders
        that write the reference downloads there (None for the others)."""
        if not writes_downloads(self.builder):
            return None
        if self.builder.name == "singlehtml":
            return filename  # every page is part of the root file, at the top
        return relative_uri(self.builder.get_target_uri(self.docname), filename)

    def term(self, item: TermItem) -> nodes.Node:
        text = nodes.inline(item.name, item.name, classes=["xref", "litreview", "litreview-term"])
        term = self.domain.term(item.key)
        if term is None:
            return text
        try:
            # No preview: only the term index links terms, and it shows each definition.
            return self.domain.term_refnode(self.builder, self.docname, term, text, preview=False)
        except NoUri:
            return text

    def tag(self, text: str) -> nodes.Node:
        """A tag an episode carries (in its display form), linked to the tag's page."""
        info = self.domain.tag(text)
        if info is None:
            return nodes.inline(text, text, classes=[TAG_CLASS])
        return self.tag_page(info.display, info.docname)

    def tag_page(self, display: str, docname: str | None, title: str = "") -> nodes.Node:
        label = nodes.inline(display, display, classes=[TAG_CLASS])
        if docname is None or not tag_pages_linked(self.builder):
            return label
        try:
            ref = self.domain.refnode(self.builder, self.docname, docname, None, label, title or None)
        except NoUri:
            return label
        ref["classes"].append(REF_CLASS)
        return ref

    def tags(self, shown: Iterable[str]) -> nodes.inline:
        """Tags, each linked, separated by commas."""
        box = nodes.inline(classes=["litreview-tags"])
        for index, text in enumerate(shown):
            if index:
                box += nodes.Text(", ")
            box += self.tag(text)
        return box

    def tags_html(self, shown: Iterable[str]) -> str:
        """:meth:`tags` as HTML (see html_table.py)."""
        return f'<span class="litreview-tags">{self.tag_links_html(shown)}</span>'

    def tag_links_html(self, shown: Iterable[str]) -> str:
        """Tags, each linked, separated by commas, as HTML (without :meth:`tags`' box)."""
        parts = []
        for text in shown:
            info = self.domain.tag(text)
            label = html_table.text(info.display if info else text)
            if info is None or info.docname is None or not tag_pages_linked(self.builder):
                parts.append(f'<span class="{TAG_CLASS}">{label}</span>')
                continue
            try:
                href = self.domain.relative_uri(self.builder, self.docname, info.docname)
            except NoUri:
                parts.append(f'<span class="{TAG_CLASS}">{label}</span>')
                continue
            parts.append(
                f'<a class="{REF_CLASS} reference internal" href="{html_table.attribute(href)}">'
                f'<span class="{TAG_CLASS}">{label}</span></a>'
            )
        return ", ".join(parts)

    def doc_html(self, target: str, text: str) -> str:
        """:meth:`doc` as HTML (see html_table.py)."""
        inner = f'<span class="doc">{html_table.text(text)}</span>'
        if target not in self.domain.env.all_docs:
            return inner
        try:
            uri = self.domain.relative_uri(self.builder, self.docname, target)
        except NoUri:
            return inner
        return f'<a class="reference internal" href="{html_table.attribute(uri)}">{inner}</a>'

    def doc(self, target: str, text: str) -> nodes.Node:
        """A link to a page, as the ``doc`` role makes it."""
        inner = nodes.inline(text, text, classes=["doc"])
        if target not in self.domain.env.all_docs:
            return inner
        try:
            return self.domain.refnode(self.builder, self.docname, target, None, inner)
        except NoUri:
            return inner


_DEFAULT_TITLE = LitreviewConfig().title


def empty_message(text: str) -> nodes.paragraph:
    """What a view shows when it has nothing to list."""
    return nodes.paragraph(text, "", nodes.emphasis(text, text), classes=["litreview-empty"])


def title_text(title: str) -> str:
    """The header label: the built-in default follows the project's language, a title
    the user configured stays as written."""
    return _("Literature review") if title == _DEFAULT_TITLE else title


def count_text(count: int) -> str:
    return ngettext("%d episode", "%d episodes", count) % count


def _title_year(item: EpisodeItem) -> list[nodes.Node]:
    parts: list[nodes.Node] = []
    if item.title:
        parts += [nodes.Text(" "), nodes.strong(item.title, item.title)]
    if item.year is not None:
        parts.append(nodes.Text(f" ({item.year})"))
    return parts


def render_header(data: Header, links: Links, part: str = "") -> list[nodes.Node]:
    """The topic header; *part* ``kicker`` is its first line alone, ``rest`` the
    others (HTML shows the kicker above the page title, see ``placement.py``)."""
    label = title_text(data.label)
    kicker_text = f"{label} · {count_text(data.episodes)}" if label else count_text(data.episodes)
    kicker = nodes.paragraph(kicker_text, kicker_text, classes=["litreview-kicker"])
    if part == HEADER_KICKER:
        return [kicker]
    box = nodes.container(classes=["litreview-topic-header"])
    if part != HEADER_REST:
        box += kicker
    if data.summary:
        box += nodes.paragraph(data.summary, data.summary, classes=["litreview-summary"])
    nav: list[nodes.Node] = []
    if data.topic_index:
        nav.append(links.doc(data.topic_index, "← " + _("All topics")))
    if data.glossary:
        if nav:
            nav.append(nodes.Text(" · "))
        nav.append(links.doc(data.glossary, _("Glossary") + " →"))
    if nav:
        box += nodes.paragraph("", "", *nav, classes=["litreview-nav"])
    return [box] if box.children else []


def render_episode_list(
    items: list[EpisodeItem], links: Links, style: str, have_design: bool, sort: str = "",
    reference: bool = False,
) -> list[nodes.Node]:
    if not items:
        return [empty_message(_("No episodes yet."))]
    if reference:
        return [_reference_list(items, links)]
    if style == "table":
        in_html = filtering.in_browser(links.builder)
        table = _table(
            [_("ID"), _("Title"), _("Year"), _("Summary")],
            [[links.episode(i), i.title, _year(i), i.first_sentence] for i in items],
            classes=["litreview-episode-list"], widths=[10, 35, 8, 47],
            columns=("id", "title", "year", "summary") if in_html else (),
            row_attributes=[filtering.row_attributes(i) for i in items] if in_html else (),
        )
        if in_html:
            return [filtering.filterable(filtering.controls_html(items, sort), table)]
        return [table]
    if style == "cards" and have_design:
        return [_cards([
            (
                [links.episode(i), *_title_year(i)],
                "",
                i.first_sentence,
            )
            for i in items
        ], classes=["litreview-episode-list"])]
    bullets = nodes.bullet_list(classes=["litreview-episode-list"])
    for item in items:
        entry = nodes.list_item()
        entry += nodes.paragraph("", "", links.episode(item), *_title_year(item))
        if item.first_sentence:
            entry += nodes.paragraph(
                item.first_sentence, item.first_sentence, classes=["litreview-first-sentence"]
            )
        bullets += entry
    return [bullets]


def _reference_list(items: list[EpisodeItem], links: Links) -> nodes.bullet_list:
    """Each episode's formatted reference after its linked ID (title and year where a
    record could not be formatted)."""
    bullets = nodes.bullet_list(classes=["litreview-episode-list", "litreview-references"])
    for item in items:
        paragraph = nodes.paragraph("", "", links.episode(item))
        if item.reference:
            reference = nodes.inline("", "", *reference_nodes(item.reference), classes=["litreview-reference"])
            paragraph += [nodes.Text(" "), reference]
        else:
            paragraph += _title_year(item)
        bullets += nodes.list_item("", paragraph)
    return bullets


def render_reference(reference: str) -> list[nodes.Node]:
    """An episode page's formatted reference (``litreview_citation_style``)."""
    return [nodes.paragraph("", "", *reference_nodes(reference), classes=["litreview-reference"])]


def render_downloads(links: Links, name: str) -> list[nodes.Node]:
    """"Download: BibTeX · CSL-JSON", linking ``<name>.bib`` and ``<name>.json`` in the
    output folder (nothing where the builder writes no such files)."""
    bib, json = links.download(f"{name}.bib"), links.download(f"{name}.json")
    if bib is None or json is None:
        return []
    label = _("Download:")
    paragraph = nodes.paragraph("", "", classes=["litreview-downloads"])
    paragraph += nodes.Text(label + " ")
    paragraph += nodes.reference("BibTeX", "BibTeX", refuri=bib, classes=["litreview-download"])
    paragraph += nodes.Text(" · ")
    paragraph += nodes.reference("CSL-JSON", "CSL-JSON", refuri=json, classes=["litreview-download"])
    return [paragraph]


def render_topic_index(
    items: list[TopicItem], links: Links, style: str, have_design: bool
) -> list[nodes.Node]:
    if not items:
        return [empty_message(_("No topics yet."))]
    if style == "cards" and have_design:
        # The count on a line of its own: after the title it wrapped in narrow cards.
        return [_cards([
            ([links.doc(t.docname, t.title)], count_text(t.episodes), t.summary)
            for t in items
        ], classes=["litreview-topic-index"])]
    bullets = nodes.bullet_list(classes=["litreview-topic-index"])
    for topic in items:
        entry = nodes.list_item()
        entry += nodes.paragraph(
            "", "", links.doc(topic.docname, topic.title),
            nodes.Text(" · " + count_text(topic.episodes)),
        )
        if topic.summary:
            entry += nodes.paragraph(topic.summary, topic.summary, classes=["litreview-summary"])
        bullets += entry
    return [bullets]


def render_episode_index(items: list[EpisodeItem], links: Links, sort: str = "") -> list[nodes.Node]:
    if not items:
        return [empty_message(_("No episodes yet."))]
    headers = [_("ID"), _("Title"), _("Year"), _("Tags"), _("Cited by")]
    classes = ["litreview-table", "litreview-episode-index"]
    # HTML tables filter and sort in the browser (filtering.py); other formats get them plain.
    in_browser = filtering.in_browser(links.builder)
    columns = ("id", "title", "year", "tags", "cited-by") if in_browser else ()
    row_attributes = [filtering.row_attributes(i) for i in items] if in_browser else []
    table: nodes.Node
    if links.html and len(items) >= HTML_TABLE_ROWS:
        escape = html_table.text
        rows = [
            [links.episode_html(i), escape(i.title), _year(i), links.tags_html(i.tags), str(i.cited_by)]
            for i in items
        ]
        # Left out of the search index with the container holding it (see render()).
        html = html_table.table_html(
            classes, headers, rows, [filtering.column_class(c) for c in columns], row_attributes
        )
        table = nodes.raw("", html, format="html")
    else:
        table = _table(
            headers,
            [
                [links.episode(i, preview=False), i.title, _year(i), links.tags(i.tags), str(i.cited_by)]
                for i in items
            ],
            classes=classes, widths=[10, 50, 8, 20, 12],
            columns=columns, row_attributes=row_attributes,
        )
    if in_browser:
        return [filtering.filterable(filtering.controls_html(items, sort or "id"), table)]
    return [table]


def render_term_index(groups: list[tuple[str, list[TermItem]]], links: Links) -> list[nodes.Node]:
    box = nodes.container(classes=["litreview-term-index"])
    for letter, items in groups:
        box += nodes.rubric(letter, letter, classes=["litreview-letter"])
        bullets = nodes.bullet_list()
        for item in items:
            uses = uses_text(item.uses)
            para = nodes.paragraph("", "", links.term(item))
            if item.first_sentence:
                para += nodes.Text(" — " + item.first_sentence)
            para += nodes.inline(f" ({uses})", f" ({uses})", classes=["litreview-count"])
            bullets += nodes.list_item("", para)
        box += bullets
    return [box]


#: From this many episodes on, HTML builders get a tag page's list as ready-made HTML
#: (as the big episode index, see html_table.py): a review with a hundred tags has tag
#: pages of a hundred episodes each, each with its topics.
TAG_HTML_ENTRIES = 50


def render_tag_page(data: TagPage, links: Links) -> list[nodes.Node]:
    """A tag page's content: its episodes, each with the topics citing it. Without
    previews: the list shows what a preview would (as the episode index does)."""
    box = nodes.container(classes=["litreview-tag-episodes"])
    summary = nodes.paragraph("", "", nodes.Text(count_text(len(data.episodes))), classes=["litreview-tag-summary"])
    if data.tag_index:
        summary += [nodes.Text(" · "), links.doc(data.tag_index, _("All tags"))]
    box += summary
    if not data.episodes:
        box += empty_message(_("No episode carries this tag."))
        return [box]
    if links.html and len(data.episodes) >= TAG_HTML_ENTRIES:
        box += nodes.raw("", _tag_list_html(data, links), format="html")
        return [box]
    bullets = nodes.bullet_list(classes=["litreview-episode-list"])
    for tagged in data.episodes:
        item = tagged.episode
        entry = nodes.list_item()
        entry += nodes.paragraph("", "", links.episode(item, preview=False), *_title_year(item))
        if item.first_sentence:
            entry += nodes.paragraph(
                item.first_sentence, item.first_sentence, classes=["litreview-first-sentence"]
            )
        if tagged.cited_in:
            cited = nodes.paragraph("", "", classes=["litreview-tag-cited-in"])
            cited += nodes.Text(_("Cited in") + ": ")
            for number, page in enumerate(tagged.cited_in):
                if number:
                    cited += nodes.Text(", ")
                cited += links.doc(page.docname, page.title)
            entry += cited
        bullets += entry
    box += bullets
    return [box]


def _tag_list_html(data: TagPage, links: Links) -> str:
    """The list of :func:`render_tag_page` as Sphinx's HTML writer writes it."""
    escape = html_table.text
    out = ['<ul class="litreview-episode-list">\n']
    for tagged in data.episodes:
        item = tagged.episode
        line = links.episode_html(item)
        if item.title:
            line += f" <strong>{escape(item.title)}</strong>"
        if item.year is not None:
            line += f" ({item.year})"
        out.append(f"<li><p>{line}</p>\n")
        if item.first_sentence:
            out.append(f'<p class="litreview-first-sentence">{escape(item.first_sentence)}</p>\n')
        if tagged.cited_in:
            cited = ", ".join(links.doc_html(page.docname, page.title) for page in tagged.cited_in)
            out.append(f'<p class="litreview-tag-cited-in">{escape(_("Cited in"))}: {cited}</p>\n')
        out.append("</li>\n")
    out.append("</ul>\n")
    return "".join(out)


#: The tag cloud's font sizes, as classes (see litreview.css).
CLOUD_WEIGHTS = 5


def render_tag_index(items: list[TagCount], links: Links, style: str) -> list[nodes.Node]:
    if not items:
        return [empty_message(_("No tags yet."))]
    if style == "cloud" and links.html:
        return [_tag_cloud(items, links)]
    box = nodes.container(classes=["litreview-tag-index"])
    groups: dict[str, list[TagCount]] = {}
    for item in items:
        groups.setdefault(index_letter(item.display), []).append(item)
    for letter, group in groups.items():  # in A–Z order already
        box += nodes.rubric(letter, letter, classes=["litreview-letter"])
        bullets = nodes.bullet_list()
        for item in group:
            count = f" ({count_text(item.episodes)})"
            bullets += nodes.list_item("", nodes.paragraph(
                "", "", links.tag_page(item.display, item.docname),
                nodes.inline(count, count, classes=["litreview-count"]),
            ))
        box += bullets
    return [box]


def _tag_cloud(items: list[TagCount], links: Links) -> nodes.container:
    """Tags A–Z, each in one of CLOUD_WEIGHTS sizes by its number of episodes (on a
    log scale: a few big tags do not shrink the rest to one size)."""
    low = math.log(min(item.episodes for item in items))
    span = math.log(max(item.episodes for item in items)) - low
    cloud = nodes.paragraph(classes=["litreview-tag-cloud"])
    for number, item in enumerate(items):
        if number:
            cloud += nodes.Text(" ")
        weight = 1 + (round((CLOUD_WEIGHTS - 1) * (math.log(item.episodes) - low) / span) if span else 0)
        entry = nodes.inline(classes=[f"litreview-tag-weight-{weight}"])
        entry += links.tag_page(item.display, item.docname, count_text(item.episodes))
        count = str(item.episodes)
        entry += nodes.inline(count, count, classes=["litreview-count"])
        cloud += entry
    return nodes.container("", cloud, classes=["litreview-tag-index", "litreview-tag-cloud-box"])


def citations_text(count: int) -> str:
    return ngettext("%d citation", "%d citations", count) % count


def uses_text(count: int) -> str:
    return ngettext("%d use", "%d uses", count) % count


def render_backlinks(
    pages: list[PageCount], links: Links, label: str, css: str, times: Callable[[int], str]
) -> list[nodes.Node]:
    box = nodes.container(classes=[css, "litreview-backlinks"])
    box += nodes.rubric(label, label)
    bullets = nodes.bullet_list()
    for page in pages:
        para = nodes.paragraph("", "", links.doc(page.docname, page.title))
        count = f" ({times(page.times)})"
        para += nodes.inline(count, count, classes=["litreview-count"])
        bullets += nodes.list_item("", para)
    box += bullets
    return [box]


#: Sphinx leaves elements with this class out of its search index. A listing repeats
#: what its objects' own pages say: a search should find those pages, not every page
#: listing them (and indexing the same titles again costs time on big reviews).
NO_SEARCH = "no-search"


def renders_nothing(spec: ViewSpec, data: object) -> bool:
    """Whether the view shows nothing at all: back-links to no page, an empty term
    index, a header whose data is missing. (Empty listings say so in a sentence.)"""
    if spec.kind is ViewKind.TOPIC_HEADER:
        return not isinstance(data, Header)
    if spec.kind in (ViewKind.CITED_IN, ViewKind.USED_IN, ViewKind.TERM_INDEX, ViewKind.REFERENCE):
        return not data
    return False


def render(spec: ViewSpec, data: object, links: Links, have_design: bool) -> list[nodes.Node]:
    # The one place that decides emptiness; the render_* functions get something to show.
    if renders_nothing(spec, data):
        return []
    shown = _render(spec, data, links, have_design)
    for part in shown:
        if isinstance(part, nodes.Element) and not isinstance(part, nodes.raw):
            part["classes"].append(NO_SEARCH)
    return shown


def _render(spec: ViewSpec, data: object, links: Links, have_design: bool) -> list[nodes.Node]:
    kind = spec.kind
    if kind is ViewKind.TOPIC_HEADER:
        return render_header(data, links, spec.get("part")) if isinstance(data, Header) else []
    if kind is ViewKind.EPISODE_LIST:
        shown = render_episode_list(
            data, links, spec.get("style"), have_design, spec.get("sort"),  # type: ignore[arg-type]
            reference=spec.get("format") == "reference",
        )
        if spec.get("download"):
            shown += render_downloads(links, spec.get("download"))
        return shown
    if kind is ViewKind.TOPIC_INDEX:
        return render_topic_index(data, links, spec.get("style"), have_design)  # type: ignore[arg-type]
    if kind is ViewKind.EPISODE_INDEX:
        downloads = render_downloads(links, REVIEW_DOWNLOAD) if data else []
        return [*downloads, *render_episode_index(data, links, spec.get("sort"))]  # type: ignore[arg-type]
    if kind is ViewKind.REFERENCE:
        return render_reference(data)  # type: ignore[arg-type]
    if kind is ViewKind.TERM_INDEX:
        return render_term_index(data, links)  # type: ignore[arg-type]
    if kind is ViewKind.CITED_IN:
        return render_backlinks(data, links, _("Cited in"), "litreview-cited-in", citations_text)  # type: ignore[arg-type]
    if kind is ViewKind.USED_IN:
        return render_backlinks(data, links, _("Used in"), "litreview-used-in", uses_text)  # type: ignore[arg-type]
    if kind is ViewKind.TAG_PAGE:
        return render_tag_page(data, links)  # type: ignore[arg-type]
    if kind is ViewKind.TAG_INDEX:
        return render_tag_index(data, links, spec.get("style"))  # type: ignore[arg-type]
    if kind in (ViewKind.REVIEW_MAP, ViewKind.EPISODE_TIMELINE):
        from .charts import render_chart  # charts.py builds on this module

        return render_chart(spec, data, links)
    return []


def _year(item: EpisodeItem) -> str:
    return str(item.year) if item.year is not None else ""


def _cell(value: nodes.Node | str) -> nodes.entry:
    if isinstance(value, str):
        return nodes.entry("", nodes.paragraph(value, value))
    return nodes.entry("", nodes.paragraph("", "", value))


def _table(
    headers: list[str],
    rows: list[list[nodes.Node | str]],
    classes: list[str],
    widths: list[int],
    columns: Sequence[str] = (),
    row_attributes: Sequence[str] = (),
) -> nodes.table:
    """*columns* (keys naming the columns) and *row_attributes* (HTML data attributes,
    one string per row) make the table filterable in HTML; see filtering.py."""
    table = nodes.table(classes=["litreview-table", *classes])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    cells = [_cell(h) for h in headers]
    for entry, key in zip(cells, columns, strict=False):
        entry["classes"].append(filtering.column_class(key))
    head += nodes.row("", *cells)
    group += head
    body = nodes.tbody()
    for number, row in enumerate(rows):
        if row_attributes:
            body += filtering.litreview_filter_row("", *(_cell(v) for v in row), attributes=row_attributes[number])
        else:
            body += nodes.row("", *(_cell(v) for v in row))
    group += body
    return table


def _cards(cards: list[tuple[list[nodes.Node], str, str]], classes: list[str]) -> nodes.container:
    """A sphinx-design grid of cards, built from its CSS classes (degrades to plain blocks).

    Each card is (title, a short line under it, text). Up to three columns, but no
    more than there are cards, so two topics share the width instead of leaving a
    third of it empty."""
    most = max(1, min(len(cards), 3))
    columns = [f"sd-row-cols-{size}-{min(n, most)}" for size, n in (("xs", 1), ("sm", 2), ("md", 2), ("lg", 3))]
    grid = nodes.container(
        is_div=True, design_component="grid-container",
        classes=["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", *classes],
    )
    row = nodes.container(
        is_div=True, design_component="grid-row",
        classes=["sd-row", "sd-row-cols-1", *columns,
                 "sd-g-3", "sd-g-xs-3", "sd-g-sm-3", "sd-g-md-3", "sd-g-lg-3"],
    )
    grid += row
    for title, meta, text in cards:
        column = nodes.container(
            is_div=True, design_component="grid-item", classes=["sd-col", "sd-d-flex-row"]
        )
        card = nodes.container(
            is_div=True, design_component="card",
            classes=["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm"],
        )
        card_body = nodes.container(
            is_div=True, design_component="card-body", classes=["sd-card-body"]
        )
        card_body += nodes.paragraph(
            "", "", *title, classes=["sd-card-title", "sd-font-weight-bold"]
        )
        if meta:
            card_body += nodes.paragraph(meta, meta, classes=["sd-card-text", "litreview-card-meta"])
        if text:
            card_body += nodes.paragraph(text, text, classes=["sd-card-text"])
        card += card_body
        column += card
        row += column
    return grid
