"""Where the review map and the timeline put their shapes: rows as tall as their
wrapped dots, dots inside their row, bars side by side inside the plot, long topic
titles shortened. Built from the chart data directly, so every case is exact."""

from __future__ import annotations

import itertools

from bs4 import BeautifulSoup, Tag

from sphinxcontrib_litreview.views import svg
from sphinxcontrib_litreview.views.chart_data import MapEpisode, MapTopic, ReviewMap, Timeline, YearCount

LONG_TITLE = "A topic whose title is far too long to fit in the label column"


def picture(markup: str) -> Tag:
    found = BeautifulSoup(markup, "html.parser").svg
    assert found is not None
    return found


def topic(name: str, years: list[int | None], title: str = "") -> MapTopic:
    episodes = tuple(
        MapEpisode(f"{name}{n}", f"Episode {n}", year, "episodes", False, 1) for n, year in enumerate(years)
    )
    return MapTopic(name, title or name.title(), episodes)


def review_map() -> Tag:
    topics = (
        topic("crowded", [2020] * 10),  # more than a line of dots in 2020
        topic("sparse", [2020, 2021]),
        topic("undated", [None], LONG_TITLE),
    )
    return picture(svg.map_svg(ReviewMap(topics), lambda d: None, lambda d, a: None, "caption"))


def test_map_rows_are_as_tall_as_their_lines_of_dots() -> None:
    rules = [float(line["y1"]) for line in review_map().select("line.lr-rule")]
    heights = [b - a for a, b in itertools.pairwise(rules)]
    two_lines, one_line = 2 * svg.PITCH + 2 * svg.ROW_PAD, svg.PITCH + 2 * svg.ROW_PAD
    assert heights == [two_lines, one_line, one_line]


def test_map_dots_stay_inside_their_row_and_apart() -> None:
    drawing = review_map()
    rules = [float(line["y1"]) for line in drawing.select("line.lr-rule")]
    for row, (top, bottom) in zip(drawing.select("g.lr-row"), itertools.pairwise(rules), strict=True):
        dots = [(float(c["cx"]), float(c["cy"]), float(c["r"])) for c in row.select("circle")]
        assert all(top < cy - r and cy + r < bottom for _, cy, r in dots)
        for (x1, y1, _), (x2, y2, _) in itertools.combinations(dots, 2):
            assert max(abs(x1 - x2), abs(y1 - y2)) >= svg.PITCH
    crowded = drawing.select_one("g.lr-row")
    assert len({c["cy"] for c in crowded.select("circle")}) == 2  # wrapped after MAX_PER_LINE
    assert len({c["cx"] for c in crowded.select("circle")}) == svg.MAX_PER_LINE
    # The crowded year's column is as wide as its line of dots: the next year's dots
    # (in the sparse row) start a pitch and a gap to the right of the last of them.
    sparse = drawing.select("g.lr-row")[1]
    x2020 = max(float(c["cx"]) for c in crowded.select("circle"))
    x2021 = max(float(c["cx"]) for c in sparse.select("circle"))
    assert x2021 - x2020 >= svg.PITCH + svg.COLUMN_GAP


def test_map_shortens_long_topic_titles_but_keeps_them_whole_in_the_tooltip() -> None:
    *_, last = review_map().select("g.lr-row")
    label = last.select_one("text.lr-topic")
    shown = label.find(string=True, recursive=False)
    assert shown == LONG_TITLE[: svg.LABEL_CHARS - 1].rstrip() + "…"
    assert len(shown) <= svg.LABEL_CHARS
    assert last.select_one("title").get_text() == f"{LONG_TITLE} · 1 episode"
    # A title that fits is shown as it is.
    first = review_map().select_one("g.lr-row text.lr-topic")
    assert first.find(string=True, recursive=False) == "Crowded"


def test_timeline_bars_stand_side_by_side_inside_the_plot() -> None:
    years = tuple(YearCount(y, n) for y, n in zip(range(2018, 2024), [1, 3, 0, 2, 5, 1], strict=True))
    drawing = picture(svg.timeline_svg(Timeline(years, 0, "", "", None), lambda y: None, "caption"))
    width = float(drawing["width"])
    bars = [(float(r["x"]), float(r["width"])) for r in drawing.select("rect.lr-bar")]
    assert len(bars) == 5
    left, right = bars[0][0], bars[-1][0] + bars[-1][1]
    assert left >= svg.MARGIN_LEFT and right <= width - svg.MARGIN_RIGHT
    assert all(x1 + w1 < x2 for (x1, w1), (x2, _) in itertools.pairwise(bars))
    # The plot is used: one bar's width plus its gap apart, the last one at the right edge.
    pitch = (width - svg.MARGIN_LEFT - svg.MARGIN_RIGHT) / len(years)
    assert right > width - svg.MARGIN_RIGHT - pitch / 2
    labels = [float(t["x"]) for t in drawing.select("g.lr-years text")]
    assert [b - a for a, b in itertools.pairwise(labels)] == [pitch] * (len(years) - 1)


def test_map_labels_sit_on_their_first_line_of_dots_and_bands_behind_their_year() -> None:
    drawing = review_map()
    for row in drawing.select("g.lr-row"):
        first_line = min(float(c["cy"]) for c in row.select("circle"))
        assert float(row.select_one("text.lr-topic")["y"]) == first_line + 4
    # Every other year column has a band behind it, centred on the column's label.
    years = [float(t["x"]) for t in drawing.select("g.lr-years text")]
    bands = [float(r["x"]) + float(r["width"]) / 2 for r in drawing.select("rect.lr-band")]
    assert bands == years[1::2]
