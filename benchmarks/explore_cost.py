"""What the review map, the timelines and the filterable index add to a build.

Builds the litreview flavour of a benchmark corpus (``corpus.py``) once, in this
process, with one more page holding a ``review-map``, an ``episode-timeline`` of
every episode and one of the first topic, and times the functions that make them:

* computing the pictures' data (``chart_data.review_map`` / ``timeline``), which the
  incremental digests and the rendering share;
* rendering them (``charts.render_chart``: SVG and text alternative);
* hashing that data into the page's digest (``incremental.digest`` of the page);
* the filterable index's extra markup (``filtering.controls_html`` and
  ``row_attributes`` for every row of the generated episode index).

It reports each as a share of the whole build's wall time. Run it with the Python of
the environment that has Sphinx and the extension::

    python benchmarks/explore_cost.py --size large   # 5,000 episodes, ~5 min
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus as corpus_module

EXPLORE_PAGE = """\
# Explore

:::{{review-map}}
:::

:::{{episode-timeline}}
:::

:::{{episode-timeline}}
:topic: {topic}
:::
"""

spent: dict[str, float] = defaultdict(float)


def timed(name: str, function: Callable[..., Any], only: Callable[..., bool] | None = None) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            if only is None or only(*args, **kwargs):
                spent[name] += time.perf_counter() - start

    return wrapper


def instrument() -> None:
    from sphinxcontrib_litreview import incremental
    from sphinxcontrib_litreview.views import chart_data, charts, filtering

    chart_data.review_map = timed("compute: review map", chart_data.review_map)
    chart_data.timeline = timed("compute: timelines", chart_data.timeline)
    charts.render_chart = timed("render: SVG figures", charts.render_chart)
    filtering.controls_html = timed("filter: controls", filtering.controls_html)
    filtering.row_attributes = timed("filter: row attributes", filtering.row_attributes)

    def has_chart(inputs: list[object]) -> bool:
        return any(
            isinstance(i, tuple) and len(i) == 2 and type(i[1]).__name__ in ("ReviewMap", "Timeline")
            for i in inputs
        )

    incremental.digest = timed("digest: explore page", incremental.digest, has_chart)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(corpus_module.SIZES), default="small")
    parser.add_argument("--work", type=Path, default=Path(__file__).parent / "_work" / "explore")
    args = parser.parse_args(argv)

    corpus = corpus_module.build_corpus(corpus_module.SIZES[args.size], 20260)
    src = args.work / args.size
    corpus_module.write_corpus(corpus, "litreview", src)
    (src / "explore.md").write_text(EXPLORE_PAGE.format(topic=f"topics/{corpus.topics[0].slug}"))
    index = src / "index.md"
    index.write_text(index.read_text().replace("glossary\n", "glossary\nexplore\n", 1))
    assert "explore" in index.read_text(), "the corpus's toctree changed: add the page another way"

    instrument()
    from sphinx.cmd.build import build_main

    out = src / "_build"
    start = time.perf_counter()
    status = build_main(["-q", "-E", "-b", "html", str(src), str(out / "html"), "-d", str(out / "doctrees")])
    total = time.perf_counter() - start
    if status:
        return status
    page = out / "html" / "explore.html"
    index_page = out / "html" / "episodes" / "index.html"
    print(f"corpus {args.size}: {len(corpus.episodes)} episodes, {len(corpus.topics)} topics")
    print(f"full build: {total:.1f} s")
    added = 0.0
    for name in sorted(spent):
        added += spent[name]
        print(f"  {name:<24} {spent[name] * 1000:8.1f} ms  {spent[name] / total:6.2%}")
    print(f"  {'all of it':<24} {added * 1000:8.1f} ms  {added / total:6.2%}")
    sizes = {p.name if p == page else "episodes/index.html": p.stat().st_size / 1e6 for p in (page, index_page)}
    print("; ".join(f"{name}: {size:.2f} MB" for name, size in sizes.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
