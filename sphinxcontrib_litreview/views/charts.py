"""The review map and the episode timeline: SVG figures in HTML, tables elsewhere.

HTML builders get a ``<figure>``: a caption, the SVG (``svg.py``) and, for screen
readers, the same data as a visually hidden table. Every other builder, epub
included (see ``filtering.in_browser``; e-readers' SVG support varies too), gets a
table: topics with their episodes, or years with their counts.
"""

from __future__ import annotations

from urllib.parse import quote

from docutils import nodes
from sphinx.errors import NoUri

from ..compat import single_fragment
from ..i18n import _, ngettext
from ..model import anchor_slug
from . import svg
from .chart_data import MapTopic, ReviewMap, Timeline, YearCount
from .filtering import in_browser
from .html_table import attribute, text
from .render import Links, _table, empty_message
from .specs import ViewSpec


def render_chart(spec: ViewSpec, data: object, links: Links) -> list[nodes.Node]:
    if isinstance(data, ReviewMap):
        return render_review_map(spec, data, links)
    if isinstance(data, Timeline):
        return render_timeline(spec, data, links)
    return []


def _figure_id(spec: ViewSpec, links: Links) -> str:
    # Unique on the page, and on singlehtml's page of pages: the page and line name it.
    return f"litreview-{spec.kind.value}-{anchor_slug(links.docname)}-{spec.lineno}"


def _href(links: Links, docname: str, anchor: str = "") -> str | None:
    """A link from the page being rendered to *docname* (at *anchor*), as views make them."""
    if docname == links.docname and anchor:
        return "#" + anchor
    try:
        uri = links.domain.relative_uri(links.builder, links.docname, docname)
    except NoUri:
        return None
    href = f"{uri}#{anchor}" if anchor else uri
    return single_fragment(href) if links.builder.name == "singlehtml" else href


def _figure(spec: ViewSpec, links: Links, caption: str, picture: str, extra: str, alternative: str) -> nodes.Node:
    ident = _figure_id(spec, links)
    html = (
        f'<figure class="litreview-figure litreview-{spec.kind.value}">\n'
        f'<figcaption id="{attribute(ident)}">{text(caption)}</figcaption>\n'
        f"{extra}"
        f'<div class="litreview-chart-scroll">{picture}</div>\n'
        f"{alternative}"
        "</figure>\n"
    )
    box = nodes.container(classes=["litreview-chart"])
    box += nodes.raw("", html, format="html")
    return box


def _hidden_table(caption: str, headers: list[str], rows: list[list[str]]) -> str:
    """The picture's data as a table for screen readers (cells are plain text)."""
    head = "".join(f'<th scope="col">{text(h)}</th>' for h in headers)
    body = "".join(
        "<tr>" + f'<th scope="row">{text(row[0])}</th>' + "".join(f"<td>{text(c)}</td>" for c in row[1:]) + "</tr>\n"
        for row in rows
    )
    return (
        f'<table class="litreview-visually-hidden"><caption>{text(caption)}</caption>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody></table>\n"
    )


# -- review map ------------------------------------------------------------------------


def _years_text(topic: MapTopic) -> str:
    years = [e.year for e in topic.episodes if e.year is not None]
    if not years:
        return ""
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def render_review_map(spec: ViewSpec, data: ReviewMap, links: Links) -> list[nodes.Node]:
    if not data.topics:
        return [empty_message(_("No topics yet."))]
    if not in_browser(links.builder):
        return [_map_table(data, links)]
    topics, episodes = len(data.topics), data.episode_count
    caption = (
        _("Review map") + ": "
        + ngettext("%d topic", "%d topics", topics) % topics + ", "
        + ngettext("%d episode", "%d episodes", episodes) % episodes + ". "
        + _("Each row is a topic, each dot an episode it cites, in the column of its year.")
    )
    picture = svg.map_svg(
        data,
        lambda docname: _href(links, docname),
        lambda docname, anchor: _href(links, docname, anchor),
        _figure_id(spec, links),
    )
    alternative = _hidden_table(
        _("Review map"),
        _map_headers(),
        [
            [t.title, str(len(t.episodes)), _years_text(t), ", ".join(e.id for e in t.episodes)]
            for t in data.topics
        ],
    )
    return [_figure(spec, links, caption, picture, _legend(), alternative)]


def _key(kind: str, radius: int) -> str:
    return (
        '<svg class="litreview-svg litreview-key" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">'
        f'<circle class="lr-dot {kind}" cx="6" cy="6" r="{radius}"/></svg>'
    )


def _legend() -> str:
    entries = (
        ("lr-anchor", svg.ANCHOR_RADIUS, _("anchor of the topic")),
        ("lr-shared", svg.RADIUS, _("also in other topics")),
        ("lr-only", svg.RADIUS, _("in this topic only")),
    )
    items = " ".join(
        f'<span class="litreview-key-item">{_key(kind, radius)} {text(label)}</span>'
        for kind, radius, label in entries
    )
    return f'<p class="litreview-legend">{items}</p>\n'


def _map_headers() -> list[str]:
    """The columns of the map as a table: for screen readers and for other formats."""
    return [_("Topic"), _("Episodes"), _("Years"), _("IDs")]


def _map_table(data: ReviewMap, links: Links) -> nodes.Node:
    rows: list[list[nodes.Node | str]] = []
    for topic in data.topics:
        episodes = nodes.inline()
        for number, episode in enumerate(topic.episodes):
            if number:
                episodes += nodes.Text(", ")
            episodes += links.episode_by_id(episode.id, preview=False)
        rows.append([links.doc(topic.docname, topic.title), str(len(topic.episodes)), _years_text(topic), episodes])
    return _table(
        _map_headers(), rows,
        classes=["litreview-review-map"], widths=[30, 10, 12, 48],
    )


# -- timeline --------------------------------------------------------------------------


def year_fragment(year: YearCount) -> str:
    """The episode index's filter for the bar of *year* (read by litreview-explore.js)."""
    fragment = f"year={year.year}"
    if year.ids:
        fragment += "&ids=" + quote(",".join(year.ids), safe=",")
    return fragment


def _year_href(links: Links, data: Timeline, year: YearCount) -> str | None:
    if data.index_page is None:
        return None
    if data.index_page == links.docname or links.builder.name == "singlehtml":
        return "#" + year_fragment(year)
    page = _href(links, data.index_page)
    return None if page is None else f"{page}#{year_fragment(year)}"


def render_timeline(spec: ViewSpec, data: Timeline, links: Links) -> list[nodes.Node]:
    if not data.years:
        return [empty_message(_("No episodes yet."))]
    if not in_browser(links.builder):
        return [_timeline_table(data)]
    total = sum(y.episodes for y in data.years)
    span = f"{data.years[0].year}–{data.years[-1].year}" if len(data.years) > 1 else str(data.years[0].year)
    caption = _("Episodes per year")
    if data.topic_title:
        caption += f" · {data.topic_title}"
    caption += f": {span}, " + ngettext("%d episode", "%d episodes", total) % total + "."
    if data.undated:
        caption += " " + ngettext(
            "%d episode without a year is not shown.", "%d episodes without a year are not shown.", data.undated
        ) % data.undated
    picture = svg.timeline_svg(data, lambda year: _year_href(links, data, year), _figure_id(spec, links))
    alternative = _hidden_table(
        _("Episodes per year"), [_("Year"), _("Episodes")],
        [[str(y.year), str(y.episodes)] for y in data.years],
    )
    return [_figure(spec, links, caption, picture, "", alternative)]


def _timeline_table(data: Timeline) -> nodes.Node:
    rows: list[list[nodes.Node | str]] = [[str(y.year), str(y.episodes)] for y in data.years]
    if data.undated:
        rows.append([_("No year"), str(data.undated)])
    return _table([_("Year"), _("Episodes")], rows, classes=["litreview-episode-timeline"], widths=[50, 50])
