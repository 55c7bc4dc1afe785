"""Draw a uniform random sample of mutmut's mutants, for estimating the mutation score
of every configured module without a whole run (docs/contributing.md).

Run ``mutmut run`` once on anything (it writes ``mutants/**/*.meta`` with every
mutant's name), then::

    python benchmarks/mutation_sample.py draw --seed 20261130 --size 200 > sample.txt
    mutmut run --max-children 2 $(python benchmarks/mutation_sample.py todo sample.txt)
    python benchmarks/mutation_sample.py report sample.txt
"""

from __future__ import annotations

import argparse
import json
import math
import random
from collections import Counter
from pathlib import Path

META = Path("mutants") / "sphinxcontrib_litreview"
#: mutmut's exit codes: 1 = a test failed (killed), 0 = every test passed (survived).
KILLED, SURVIVED = 1, 0


def results() -> dict[str, int | None]:
    found: dict[str, int | None] = {}
    for meta in sorted(META.glob("**/*.meta")):
        found.update(json.loads(meta.read_text("utf-8"))["exit_code_by_key"])
    return found


def wilson(killed: int, total: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of killed / total."""
    share = killed / total
    centre = share + z * z / (2 * total)
    spread = z * math.sqrt(share * (1 - share) / total + z * z / (4 * total * total))
    return (centre - spread) / (1 + z * z / total), (centre + spread) / (1 + z * z / total)


def module(name: str) -> str:
    return ".".join(name.split(".")[1:-1]) or "(package)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    draw = sub.add_parser("draw", help="print a sample of mutant names")
    draw.add_argument("--seed", type=int, required=True)
    draw.add_argument("--size", type=int, default=200)
    draw.add_argument("--exclude", type=Path, action="append", default=[], help="a previous sample")
    for name in ("todo", "report"):
        sub.add_parser(name).add_argument("sample", type=Path)
    args = parser.parse_args()
    found = results()
    if args.command == "draw":
        excluded = {n for path in args.exclude for n in path.read_text().split()}
        names = sorted(n for n in found if n not in excluded)
        print("\n".join(random.Random(args.seed).sample(names, args.size)))
        return
    sample = args.sample.read_text().split()
    if args.command == "todo":  # mutants not known to be killed under the current code
        print(" ".join(n for n in sample if found.get(n) != KILLED))
        return
    codes = Counter(found.get(n) for n in sample)
    killed, survived = codes[KILLED], codes[SURVIVED]
    low, high = wilson(killed, killed + survived)
    print(f"{len(sample)} mutants: {killed} killed, {survived} survived, {codes[None]} not run")
    print(f"score {100 * killed / (killed + survived):.1f}% (95% interval {100 * low:.1f}–{100 * high:.1f}%)")
    for name in sorted(n for n in sample if found.get(n) == SURVIVED):
        print(f"  survived: {name}")
    per_module = Counter(module(n) for n in sample)
    print("per module:", ", ".join(f"{m} {c}" for m, c in sorted(per_module.items())))


if __name__ == "__main__":
    main()
