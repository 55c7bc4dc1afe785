"""What tags (tag pages, tag links, ``{tag}``) add to a full build.

Builds the litreview flavour of a benchmark corpus (``corpus.py``) with two revisions
of the extension — one before tags (``--before``, default the main branch as it was
when they were added) and one with them (``--after``, default ``HEAD``) — alternating
(ABBA), each build a fresh ``python -m sphinx -b html`` process on a fresh copy, as
``run.py`` does. It reports the median full-build wall and CPU times of each and
the difference.

The corpus maps its tags onto a curated vocabulary (100 tags for the large corpus's
5,000 episodes, see ``corpus.SIZES``). ``--tags 0`` keeps every word drawn, 2,882
tags for 5,000 episodes, most of them on one or two episodes: a review whose
keywords were imported wholesale::

    python benchmarks/tags_cost.py --size large --runs 2            # ~40 min
    python benchmarks/tags_cost.py --size large --runs 2 --tags 0
    python benchmarks/tags_cost.py --size large --runs 2 --untagged  # same code, no tags
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus as corpus_module
from run import Tree, alternating, snapshot_code, sphinx_build

#: main just before tags were added (the merge of the references work).
BEFORE = "ac9c136"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(corpus_module.SIZES), default="small")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument(
        "--tags", type=int, default=None, help="distinct tags (default the size's; 0: every word drawn)"
    )
    parser.add_argument("--before", default=BEFORE)
    parser.add_argument(
        "--untagged", action="store_true",
        help="before: the --after code on the corpus with every tag removed (what tags cost now)",
    )
    parser.add_argument("--after", default="HEAD")
    parser.add_argument("--work", type=Path, default=Path(__file__).parent / "_work" / "tags")
    args = parser.parse_args(argv)
    args.work = args.work.resolve()  # builds run in another folder

    corpus = corpus_module.build_corpus(corpus_module.SIZES[args.size], 20260, args.tags)
    tags = {tag for episode in corpus.episodes for tag in episode.tags}
    template = {name: args.work / f"template-{name}" for name in ("before", "after")}
    corpus_module.write_corpus(corpus, "litreview", template["after"])
    if args.untagged:
        args.before = args.after
        untagged = dataclasses.replace(
            corpus, episodes=tuple(dataclasses.replace(e, tags=()) for e in corpus.episodes)
        )
        corpus_module.write_corpus(untagged, "litreview", template["before"])
    else:
        corpus_module.write_corpus(corpus, "litreview", template["before"])
    code = {name: args.work / f"code-{name}" for name in ("before", "after")}
    described = {name: snapshot_code(getattr(args, name), code[name]) for name in code}
    print(f"corpus {args.size}: {len(corpus.episodes)} episodes, {len(tags)} tags")
    print("; ".join(f"{name}: {described[name]}" for name in code), flush=True)

    times: dict[str, list[tuple[float, float]]] = {"before": [], "after": []}
    pages: dict[str, int] = {}
    for run, name in alternating(["before", "after"], args.runs):
        root = args.work / name
        tree = Tree(root / "src", root / "html", root / "doctrees")
        if root.exists():
            shutil.rmtree(root)
        shutil.copytree(template[name], tree.src)
        result = sphinx_build(tree, code=code[name])
        if not result.ok:
            print(result.stderr[-3000:])
            return 1
        times[name].append((result.seconds, result.cpu_seconds))
        pages[name] = sum(1 for _ in tree.out.rglob("*.html"))
        print(
            f"  run {run + 1} {name:<6} {result.seconds:7.1f} s wall  {result.cpu_seconds:7.1f} s cpu"
            f"  {pages[name]} pages  {time.strftime('%H:%M:%S')}",
            flush=True,
        )
    wall = {name: statistics.median(t[0] for t in times[name]) for name in times}
    cpu = {name: statistics.median(t[1] for t in times[name]) for name in times}
    print(f"median wall: before {wall['before']:.1f} s, after {wall['after']:.1f} s: "
          f"+{wall['after'] - wall['before']:.1f} s ({wall['after'] / wall['before'] - 1:+.1%})")
    print(f"median cpu:  before {cpu['before']:.1f} s, after {cpu['after']:.1f} s: "
          f"+{cpu['after'] - cpu['before']:.1f} s ({cpu['after'] / cpu['before'] - 1:+.1%})")
    print(f"pages: before {pages['before']}, after {pages['after']} (+{pages['after'] - pages['before']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
