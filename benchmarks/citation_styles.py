"""Time to format N references in a CSL style (issue 16: 5,000 under 10% of a build).

    python benchmarks/citation_styles.py [N] [style ...]

Records are varied like a real review's: journal articles, conference papers, books
and preprints, 1-12 authors, a fifth with rich-text titles.
"""

from __future__ import annotations

import sys
import time

from sphinxcontrib_litreview.catalog.records import CatalogRecord
from sphinxcontrib_litreview.references.styles import format_references

KINDS = ("article-journal", "paper-conference", "book", "article", "chapter")


def records(count: int) -> list[CatalogRecord]:
    made = []
    for index in range(count):
        kind = KINDS[index % len(KINDS)]
        authors = tuple(f"Author{(index * 7 + k) % 900}, Given{k} M." for k in range(1 + index % 12))
        made.append(
            CatalogRecord(
                id=f"E{index:05d}",
                type=kind,
                title=(f"A study of <i>item</i> {index}: methods and results" if index % 5 == 0
                       else f"A study of item {index}: methods and results"),
                authors=authors,
                editors=("Editor, Erin",) if kind == "chapter" else (),
                year=1990 + index % 35,
                venue="Journal of Studies" if kind == "article-journal" else "Proceedings of the Conference",
                volume=str(index % 40),
                issue=str(index % 4 + 1),
                pages=f"{index % 300}-{index % 300 + 12}",
                publisher="Press" if kind in ("book", "chapter") else "",
                doi=f"10.1234/e{index}",
            )
        )
    return made


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    styles = sys.argv[2:] or ["apa", "chicago-author-date", "ieee"]
    data = records(count)
    for style in styles:
        started = time.perf_counter()
        result = format_references(data, style)
        seconds = time.perf_counter() - started
        print(f"{style}: {count} references in {seconds:.1f} s ({1000 * seconds / count:.2f} ms each), "
              f"{len(result.failed)} failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
