"""The review map and the episode timeline as inline SVG, computed at build time.

Pure functions of the view data (``chart_data.py``) and of the links' targets; no
JavaScript, no fonts measured. Shapes carry classes only: colours come from
``static/litreview-explore.css``, which takes them from the theme's CSS variables,
so dark modes follow. Every text from the review is escaped (``html_table.text``);
every topic, episode and bar is an ``<a>`` with a ``<title>``, which browsers show
as a tooltip and screen readers read as the link's name.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from ..i18n import _, ngettext
from ..model import episode_anchor
from .chart_data import MapEpisode, MapTopic, ReviewMap, Timeline, YearCount
from .html_table import attribute, text

#: href of a page and anchor, or None where the builder cannot link.
Href = Callable[[str, str], "str | None"]

# -- review map ------------------------------------------------------------------------

PITCH = 12  # px between dot centres
RADIUS = 4
ANCHOR_RADIUS = 5
MAX_PER_LINE = 8  # dots side by side in a year column before wrapping to the next line
COLUMN_GAP = 10
MIN_COLUMN = 30  # px a year label needs above its column
ROW_PAD = 5
LABEL_WIDTH = 250
LABEL_CHARS = 34  # what fits in LABEL_WIDTH at the map's font size, roughly
AXIS_HEIGHT = 22
#: Rows from which the year axis is repeated under the map.
AXIS_AGAIN_AFTER = 15


def _svg_open(width: float, height: float, classes: str, labelledby: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="litreview-svg {classes}" '
        f'width="{_n(width)}" height="{_n(height)}" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'aria-labelledby="{attribute(labelledby)}">\n'
    )


def _n(value: float) -> str:
    """A coordinate, short: 12 rather than 12.0."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _link(href: str | None, title: str, body: str, classes: str = "") -> str:
    """*body* (SVG shapes) as a link to *href* with a tooltip, or just titled without one."""
    css = f' class="{classes}"' if classes else ""
    inner = f"<title>{text(title)}</title>{body}"
    if href is None:
        return f"<g{css}>{inner}</g>\n"
    return f'<a href="{attribute(href)}"{css}>{inner}</a>\n'


def _truncate(label: str, chars: int) -> str:
    return label if len(label) <= chars else label[: chars - 1].rstrip() + "…"


def episode_tooltip(episode: MapEpisode) -> str:
    parts = [f"{episode.id}: {episode.title}" if episode.title else episode.id]
    if episode.year is not None:
        parts[0] += f" ({episode.year})"
    if episode.anchor:
        parts.append(_("anchor"))
    if episode.topics > 1:
        parts.append(ngettext("in %d topic", "in %d topics", episode.topics) % episode.topics)
    return " · ".join(parts)


def map_svg(
    data: ReviewMap, topic_href: Callable[[str], str | None], episode_href: Href, labelledby: str
) -> str:
    """Rows of topics; in each, a dot per episode, in the column of its year."""
    columns: list[int | None] = [*data.years]
    if data.undated:
        columns.append(None)
    widest = dict.fromkeys(columns, 1)
    for topic in data.topics:
        for column, count in _per_column(topic).items():
            widest[column] = max(widest[column], count)
    per_line = {c: min(widest[c], MAX_PER_LINE) for c in columns}
    column_width = {c: max(per_line[c] * PITCH, MIN_COLUMN) for c in columns}
    left: dict[int | None, float] = {}  # where a column's first dot goes (dots are centred)
    x = LABEL_WIDTH
    for column in columns:
        left[column] = x + (column_width[column] - per_line[column] * PITCH) / 2
        x += column_width[column] + COLUMN_GAP
    width = x
    heights = [
        max([math.ceil(n / per_line[c]) for c, n in _per_column(t).items()] or [1]) * PITCH + 2 * ROW_PAD
        for t in data.topics
    ]
    axis_below = len(data.topics) >= AXIS_AGAIN_AFTER
    height = AXIS_HEIGHT + sum(heights) + (AXIS_HEIGHT if axis_below else 0)

    out = [_svg_open(width, height, "litreview-map-svg", labelledby)]
    # Bands behind every other year column guide the eye down long maps.
    for number, column in enumerate(columns):
        if number % 2:
            band = column_width[column] + COLUMN_GAP
            middle = left[column] + per_line[column] * PITCH / 2
            out.append(
                f'<rect class="lr-band" x="{_n(middle - band / 2)}" y="0" '
                f'width="{_n(band)}" height="{_n(height)}"/>\n'
            )
    out.append(_year_axis(columns, left, per_line, AXIS_HEIGHT - 7))
    y = float(AXIS_HEIGHT)
    for topic, row_height in zip(data.topics, heights, strict=True):
        out.append(f'<line class="lr-rule" x1="0" x2="{_n(width)}" y1="{_n(y)}" y2="{_n(y)}"/>\n')
        out.append(_topic_row(topic, y, row_height, left, per_line, topic_href, episode_href))
        y += row_height
    out.append(f'<line class="lr-rule" x1="0" x2="{_n(width)}" y1="{_n(y)}" y2="{_n(y)}"/>\n')
    if axis_below:
        out.append(_year_axis(columns, left, per_line, y + AXIS_HEIGHT - 7))
    out.append("</svg>")
    return "".join(out)


def _per_column(topic: MapTopic) -> dict[int | None, int]:
    counts: dict[int | None, int] = {}
    for episode in topic.episodes:
        counts[episode.year] = counts.get(episode.year, 0) + 1
    return counts


def _year_axis(
    columns: list[int | None], left: dict[int | None, float], per_line: dict[int | None, int], y: float
) -> str:
    labels = []
    for column in columns:
        middle = left[column] + per_line[column] * PITCH / 2
        label = _("n.d.") if column is None else str(column)
        labels.append(f'<text class="lr-axis" x="{_n(middle)}" y="{_n(y)}">{text(label)}</text>')
    return '<g class="lr-years">' + "".join(labels) + "</g>\n"


def _topic_row(
    topic: MapTopic,
    top: float,
    height: float,
    left: dict[int | None, float],
    per_line: dict[int | None, int],
    topic_href: Callable[[str], str | None],
    episode_href: Href,
) -> str:
    count = len(topic.episodes)
    shown = ngettext("%d episode", "%d episodes", count) % count
    label = (
        f'<text class="lr-topic" x="4" y="{_n(top + ROW_PAD + PITCH / 2 + 4)}">'
        f"{text(_truncate(topic.title, LABEL_CHARS))}"
        f'<tspan class="lr-count"> {count}</tspan></text>'
    )
    out = ['<g class="lr-row">', _link(topic_href(topic.docname), f"{topic.title} · {shown}", label, "lr-topic-link")]
    placed: dict[int | None, int] = {}
    for episode in topic.episodes:
        index = placed.get(episode.year, 0)
        placed[episode.year] = index + 1
        line, position = divmod(index, per_line[episode.year])
        cx = left[episode.year] + position * PITCH + PITCH / 2
        cy = top + ROW_PAD + line * PITCH + PITCH / 2
        if episode.anchor:
            kind, radius = "lr-anchor", ANCHOR_RADIUS
        else:
            kind, radius = ("lr-shared" if episode.topics > 1 else "lr-only"), RADIUS
        dot = f'<circle class="lr-dot {kind}" cx="{_n(cx)}" cy="{_n(cy)}" r="{radius}"/>'
        href = episode_href(episode.docname, episode_anchor(episode.id))
        out.append(_link(href, episode_tooltip(episode), dot, "lr-episode"))
    out.append("</g>\n")
    return "".join(out)


# -- timeline --------------------------------------------------------------------------

PLOT_HEIGHT = 140
PLOT_WIDTH = 640  # the bars' natural width; narrow for few years, each bar at most BAR_MAX
BAR_MAX = 40
BAR_MIN = 3
MARGIN_LEFT = 34
MARGIN_TOP = 18
MARGIN_BOTTOM = 24
MARGIN_RIGHT = 8
YEAR_LABEL_WIDTH = 36  # px a year label needs, so they do not overlap
LABEL_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000)


def year_tooltip(year: YearCount) -> str:
    return f"{year.year}: " + ngettext("%d episode", "%d episodes", year.episodes) % year.episodes


def label_step(bar: float) -> int:
    """Every how many years a year label fits under bars *bar* px wide."""
    return next((s for s in LABEL_STEPS if s * bar >= YEAR_LABEL_WIDTH), LABEL_STEPS[-1])


def timeline_svg(data: Timeline, year_href: Callable[[YearCount], str | None], labelledby: str) -> str:
    """A bar per year from the first to the last, its height the number of episodes."""
    years = data.years
    bar = max(BAR_MIN, min(BAR_MAX, PLOT_WIDTH // max(len(years), 1)))
    gap = max(1.0, round(bar * 0.2, 1))
    width = MARGIN_LEFT + bar * len(years) + MARGIN_RIGHT
    height = MARGIN_TOP + PLOT_HEIGHT + MARGIN_BOTTOM
    most = max((y.episodes for y in years), default=0) or 1
    base = MARGIN_TOP + PLOT_HEIGHT
    step = label_step(bar)

    out = [_svg_open(width, height, "litreview-timeline-svg", labelledby)]
    # The scale: the baseline and a line at the highest count.
    out.append(
        f'<line class="lr-grid" x1="{MARGIN_LEFT}" x2="{_n(width - MARGIN_RIGHT)}" '
        f'y1="{MARGIN_TOP}" y2="{MARGIN_TOP}"/>'
        f'<text class="lr-axis lr-scale" x="{MARGIN_LEFT - 4}" y="{MARGIN_TOP + 4}">{most}</text>'
        f'<text class="lr-axis lr-scale" x="{MARGIN_LEFT - 4}" y="{base + 4}">0</text>\n'
    )
    labels = []
    for number, year in enumerate(years):
        x = MARGIN_LEFT + number * bar
        middle = x + bar / 2
        if year.episodes:
            tall = max(1.0, PLOT_HEIGHT * year.episodes / most)
            shapes = (
                f'<rect class="lr-bar" x="{_n(x + gap / 2)}" y="{_n(base - tall)}" '
                f'width="{_n(bar - gap)}" height="{_n(tall)}"/>'
            )
            if bar >= 14:
                shapes += (
                    f'<text class="lr-count" x="{_n(middle)}" y="{_n(base - tall - 4)}">{year.episodes}</text>'
                )
            out.append(_link(year_href(year), year_tooltip(year), shapes, "lr-year"))
        if (year.year - years[0].year) % step == 0:
            labels.append(f'<text class="lr-axis" x="{_n(middle)}" y="{base + 16}">{year.year}</text>')
    out.append(
        f'<line class="lr-baseline" x1="{MARGIN_LEFT}" x2="{_n(width - MARGIN_RIGHT)}" '
        f'y1="{base}" y2="{base}"/>\n'
    )
    out.append('<g class="lr-years">' + "".join(labels) + "</g>\n")
    out.append("</svg>")
    return "".join(out)
