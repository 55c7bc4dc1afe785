"""What a citation style costs a build (issue 16: formatting 5,000 references must
take under 10% of a clean build).

    python benchmarks/reference_cost.py [--size large] [--style apa] [--work DIR]

Writes the litreview flavour of the benchmark corpus (corpus.py), then builds it
with ``-b html -j 1`` in fresh processes and folders:

1. without a style;
2. with ``litreview_citation_style`` set, clean (``-E``, no cache of formatted
   references): the time spent formatting is measured inside the build;
3. the same again with ``-E``, which discards the environment but finds the cache
   of formatted references in the doctree folder;
4. an incremental build after one topic gains a citation (what the labels and
   references cost every build: recomputed from the cache).

Each build's wall-clock and CPU time is printed, and the time spent formatting;
the share is formatting's CPU time over the whole of build 2's (on a shared
machine, CPU time is the steadier measure).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus as corpus_module

#: Run inside each build: times every computation of the review's labels and formatted
#: references (records, citation order, labels, cache, formatting), prints the total.
HOOK = """
import atexit, json, sys, time
from sphinxcontrib_litreview import bibliography

spent = [0.0, 0.0]
original = bibliography._bibliography

def timed(*args, **kwargs):
    started, cpu = time.perf_counter(), time.process_time()
    try:
        return original(*args, **kwargs)
    finally:
        spent[0] += time.perf_counter() - started
        spent[1] += time.process_time() - cpu

bibliography._bibliography = timed
atexit.register(lambda: print("FORMATTING " + json.dumps(spent), file=sys.stderr))
from sphinx.cmd.build import main
sys.exit(main(sys.argv[1:]))
"""


def build(src: Path, out: Path, extra: list[str], clean: bool = True) -> tuple[float, float, float, float]:
    """(wall seconds, CPU seconds, formatting wall seconds, formatting CPU seconds) of
    one build, clean (-E) unless told. On a shared machine CPU time is the steadier
    measure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", HOOK, "-q", *(["-E"] if clean else []), "-b", "html", "-j", "1", *extra,
         str(src), str(out / "html"), "-d", str(out / "doctrees")],
        capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"}, check=False,
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if done.returncode:
        raise SystemExit(f"build failed:\n{done.stderr[-3000:]}")
    spent = [0.0, 0.0]
    for line in done.stderr.splitlines():
        if line.startswith("FORMATTING "):
            spent = json.loads(line.split(" ", 1)[1])
    return seconds, cpu, spent[0], spent[1]


def report(label: str, figures: tuple[float, float, float, float], episodes: int) -> str:
    wall, cpu, formatting, formatting_cpu = figures
    line = f"  {label:<28} {wall:7.1f} s wall, {cpu:7.1f} s CPU"
    if formatting:
        line += (
            f"; formatting {formatting:.1f} s wall, {formatting_cpu:.1f} s CPU "
            f"({1000 * formatting_cpu / episodes:.2f} ms CPU a reference) = "
            f"{100 * formatting_cpu / cpu:.1f}% of the build's CPU time"
        )
    return line


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="large", choices=sorted(corpus_module.SIZES))
    parser.add_argument("--style", default="apa")
    parser.add_argument("--work", type=Path, default=Path(__file__).resolve().parent / "_work" / "references")
    args = parser.parse_args()

    work: Path = args.work
    shutil.rmtree(work, ignore_errors=True)
    src = work / "src"
    review = corpus_module.build_corpus(corpus_module.SIZES[args.size])
    corpus_module.write_corpus(review, "litreview", src)
    episodes = len(review.episodes)

    style = ["-D", f"litreview_citation_style={args.style}"]
    plain = build(src, work / "no-style", [])
    styled = build(src, work / "style", style)
    cached = build(src, work / "style", style)
    # One topic gains a citation, as in run.py's incremental measure.
    topic = sorted((src / "topics").glob("*.md"))[0]
    topic.write_text(topic.read_text("utf-8") + "\nOne more: {episode}`E0002`.\n", "utf-8")
    incremental = build(src, work / "style", style, clean=False)
    print(f"{args.size} corpus, {episodes} episodes, style {args.style!r}, -j 1, clean builds:")
    print(report("without a style:", plain, episodes))
    print(report("with the style, no cache:", styled, episodes))
    print(report("with the style, -E, cached:", cached, episodes))
    print(report("then one topic edited:", incremental, episodes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
