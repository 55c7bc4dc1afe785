"""Build the benchmark corpus plain and with litreview; report the cost ratios.

    python benchmarks/run.py --size small            # full report, 3 runs
    python benchmarks/run.py --size tiny --runs 1    # smoke check
    python benchmarks/run.py --size small --profile  # + cProfile of the litreview build

Every sphinx-build runs in a fresh subprocess on a fresh copy of the sources with
fresh output and doctree folders; plain and litreview builds alternate (ABBA order)
so drift of the machine cancels out. Results go to stdout and to
``benchmarks/results/<size>.md`` and ``<size>.json``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import corpus as corpus_mod
from corpus import FLAVOURS, SIZES, Corpus, build_corpus, write_corpus

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "results"
#: Which size's ratio a size's ratio is compared with, and the most it may grow: from
#: 2,000 to 5,000 episodes the extension must not lose ground on plain Sphinx.
SCALING_REFERENCE = {"medium": ("small", 1.1), "large": ("medium", 1.0), "huge": ("large", 1.1)}
#: Where a size has a target of its own (litreview / plain): on big reviews the extension
#: generates pages far cheaper than hand-written ones, so it must be clearly faster.
SIZE_LIMITS: dict[str, dict[str, float]] = {
    "medium": {"full_s": 0.65, "full_cpu_s": 0.65},
    "large": {"full_s": 0.5, "full_cpu_s": 0.5, "incremental_s": 1.3, "incremental_cpu_s": 1.3},
}
#: Targets on the litreview flavour's own figures, not on ratios: a review this big
#: must build within Read the Docs' 15 minutes on its 2-CPU builders, in its memory.
#: (summary key, label, limit, "le"/"ge").
ABSOLUTE_TARGETS: dict[str, tuple[tuple[str, str, float, str], ...]] = {
    "huge": (
        ("full_s", "full build, -j 1 (s)", 900.0, "le"),
        ("peak_rss_mb", "peak memory, -j 1 (MB)", 2000.0, "le"),
        ("j2_speedup", "-j 2 speedup (j1 / j2 time)", 1.0, "ge"),
    ),
}
#: The topic edited by the incremental-build measure.
EDITED_TOPIC = 0

_READING = re.compile(r"^reading sources\.\.\. \[\s*\d+%\] (\S+)", re.M)
_WRITING = re.compile(r"^writing output\.\.\. \[\s*\d+%\] (\S+)", re.M)
_WARNING = re.compile(r"WARNING|ERROR|CRITICAL|SEVERE")


@dataclass
class Build:
    """One sphinx-build process and what it cost."""

    seconds: float
    #: User + system CPU time of the process and its waited-for workers: unlike wall
    #: time, hardly affected by other load on the machine.
    cpu_seconds: float
    max_rss_mb: float
    returncode: int
    warnings: list[str]
    stdout: str = field(repr=False, default="")
    stderr: str = field(repr=False, default="")

    @property
    def ok(self) -> bool:
        return self.returncode == 0


@dataclass
class Tree:
    """A private copy of one flavour's sources with its own output folders."""

    src: Path
    out: Path
    doctrees: Path

    @property
    def pickle(self) -> Path:
        return self.doctrees / "environment.pickle"


class BuildFailed(RuntimeError):
    pass


PACKAGE = "sphinxcontrib_litreview"


def snapshot_code(revision: str, dest: Path) -> str:
    """Copy the extension as of *revision* (or the working tree) into *dest*; describe it.

    Builds import this copy, not the repository: a commit landing during a long run
    would otherwise change the code between builds (and even bump env_version, turning
    an incremental rebuild into a full one).
    """
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    if revision == "worktree":
        shutil.copytree(REPO / PACKAGE, dest / PACKAGE, ignore=shutil.ignore_patterns("__pycache__"))
        dirty = git("status", "--porcelain", "--", PACKAGE)
        return f"{git('rev-parse', '--short', 'HEAD')} + working tree" + (" (uncommitted changes)" if dirty else "")
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", revision, PACKAGE],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return git("rev-parse", "--short", revision)


def child_env(code: Path) -> dict[str, str]:
    env = dict(os.environ)
    # The snapshot comes first on sys.path, ahead of the venv's editable install.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH", "")]))
    env["PYTHONHASHSEED"] = "0"
    env.pop("SPHINXOPTS", None)
    return env


def sphinx_build(
    tree: Tree,
    *,
    code: Path,
    jobs: int = 1,
    quiet: bool = True,
    python_args: Iterable[str] = (),
) -> Build:
    """Run one build in a new process; time it and read its peak RSS from ``wait4``."""
    cmd = [sys.executable, *python_args, "-m", "sphinx", "-b", "html"]
    cmd += ["-q"] if quiet else []
    cmd += ["-j", str(jobs)] if jobs != 1 else []
    cmd += [str(tree.src), str(tree.out), "-d", str(tree.doctrees)]
    out_path = tree.out.parent / "stdout.txt"
    err_path = tree.out.parent / "stderr.txt"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        start = time.perf_counter()
        # `python -m` puts the current folder first on sys.path: run outside the repository.
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=child_env(code), cwd=tree.src.parent)
        # wait4 gives this child's own rusage (with its waited-for workers), unlike
        # RUSAGE_CHILDREN, which is the maximum over every child so far.
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stdout = out_path.read_text(errors="replace")
    stderr = err_path.read_text(errors="replace")
    return Build(
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        max_rss_mb=usage.ru_maxrss / 1024,
        returncode=proc.returncode,
        warnings=[line for line in stderr.splitlines() if _WARNING.search(line)],
        stdout=stdout,
        stderr=stderr,
    )


class Bench:
    """The corpus of one size, its pristine sources, and the measures taken on it."""

    def __init__(
        self, corpus: Corpus, work: Path, conf: dict[str, str], code: Path, log: Callable[[str], None]
    ) -> None:
        self.corpus = corpus
        self.code = code
        self.work = work
        self.log = log
        self.templates: dict[str, Path] = {}
        self.source_stats: dict[str, dict[str, float]] = {}
        start = time.perf_counter()
        for flavour in FLAVOURS:
            template = work / flavour / "template"
            files, size = write_corpus(corpus, flavour, template, conf[flavour])
            self.templates[flavour] = template
            self.source_stats[flavour] = {"files": files, "mb": round(size / 1e6, 2)}
        self.generate_seconds = time.perf_counter() - start

    def fresh_tree(self, flavour: str, name: str) -> Tree:
        root = self.work / flavour / name
        if root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True)
        tree = Tree(root / "src", root / "html", root / "doctrees")
        shutil.copytree(self.templates[flavour], tree.src)
        return tree

    def build(self, flavour: str, tree: Tree, what: str, **kwargs: Any) -> Build:
        result = sphinx_build(tree, code=self.code, **kwargs)
        self.log(
            f"  {what:<12} {flavour:<9} {result.seconds:7.2f} s  (cpu {result.cpu_seconds:7.2f} s)"
            f"  {result.max_rss_mb:7.1f} MB"
            + (f"  {len(result.warnings)} warnings" if result.warnings else "")
            + ("" if result.ok else f"  FAILED (exit {result.returncode})")
        )
        if not result.ok:
            tail = "\n".join(result.stderr.strip().splitlines()[-25:])
            raise BuildFailed(f"{what} build of the {flavour} flavour failed:\n{tail}")
        return result


def alternating(flavours: list[str], runs: int) -> Iterable[tuple[int, str]]:
    """ABBA order: each flavour goes first in half of the runs."""
    for run in range(runs):
        for flavour in flavours if run % 2 == 0 else flavours[::-1]:
            yield run, flavour


def html_mtimes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in root.rglob("*.html")}


def source_mtimes(root: Path) -> dict[str, int]:
    return {
        str(p.relative_to(root)): p.stat().st_mtime_ns
        for p in root.rglob("*")
        if p.is_file() and p.suffix in {".md", ".rst"}
    }


def changed(before: dict[str, int], after: dict[str, int]) -> list[str]:
    return sorted(k for k, v in after.items() if before.get(k) != v)


def measure(bench: Bench, flavours: list[str], args: argparse.Namespace, data: dict[str, dict[str, Any]]) -> None:
    """Take every measure on every flavour into *data* (kept when a build fails)."""
    data.update({f: {"full": [], "j2": [], "incremental": []} for f in flavours})
    last_tree: dict[str, Tree] = {}

    bench.log(f"full builds (-j 1), {args.runs} runs")
    for run, flavour in alternating(flavours, args.runs):
        tree = bench.fresh_tree(flavour, f"full-{run}")
        result = bench.build(flavour, tree, "full", jobs=1)
        data[flavour]["full"].append(
            {
                "seconds": result.seconds,
                "cpu_seconds": result.cpu_seconds,
                "max_rss_mb": result.max_rss_mb,
                "pickle_mb": tree.pickle.stat().st_size / 1e6,
                "html_files": sum(1 for _ in tree.out.rglob("*.html")),
                "warnings": result.warnings,
            }
        )
        if flavour in last_tree:
            shutil.rmtree(last_tree[flavour].src.parent)
        last_tree[flavour] = tree

    if not args.no_incremental:
        bench.log(f"incremental rebuilds after editing one topic, {args.runs} runs")
        topic = bench.corpus.topics[EDITED_TOPIC]
        for run, flavour in alternating(flavours, args.runs):
            tree = last_tree[flavour]
            page = tree.src / "topics" / f"{topic.slug}.md"
            episode = corpus_mod.uncited_episode(bench.corpus, topic, run)
            html_before, src_before = html_mtimes(tree.out), source_mtimes(tree.src)
            with page.open("a", encoding="utf-8") as fh:
                fh.write(corpus_mod.citation_sentence(bench.corpus, flavour, episode, run))
            result = bench.build(flavour, tree, "incremental", jobs=1, quiet=False)
            written = changed(html_before, html_mtimes(tree.out))
            regenerated = [s for s in changed(src_before, source_mtimes(tree.src)) if s != f"topics/{topic.slug}.md"]
            data[flavour]["incremental"].append(
                {
                    "seconds": result.seconds,
                    "cpu_seconds": result.cpu_seconds,
                    "max_rss_mb": result.max_rss_mb,
                    "cited": episode,
                    "read": _READING.findall(result.stdout),
                    "written": _WRITING.findall(result.stdout),
                    "html_changed": written,
                    "sources_rewritten": regenerated,
                    "warnings": result.warnings,
                }
            )

    for tree in last_tree.values():
        if not args.keep:
            shutil.rmtree(tree.src.parent)

    if not args.no_parallel:
        bench.log(f"full builds (-j 2), {args.runs} runs")
        for run, flavour in alternating(flavours, args.runs):
            tree = bench.fresh_tree(flavour, f"j2-{run}")
            result = bench.build(flavour, tree, "full -j 2", jobs=2)
            data[flavour]["j2"].append(
                {
                    "seconds": result.seconds,
                    "cpu_seconds": result.cpu_seconds,
                    "max_rss_mb": result.max_rss_mb,
                    "warnings": result.warnings,
                }
            )
            if not args.keep:
                shutil.rmtree(tree.src.parent)


def median(rows: list[dict[str, Any]], key: str) -> float | None:
    return statistics.median(r[key] for r in rows) if rows else None


def summarise(data: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    summary: dict[str, dict[str, Any]] = {}
    for flavour, runs in data.items():
        full, inc, j2 = runs["full"], runs["incremental"], runs["j2"]
        s: dict[str, Any] = {
            "full_s": median(full, "seconds"),
            "full_cpu_s": median(full, "cpu_seconds"),
            "peak_rss_mb": median(full, "max_rss_mb"),
            "pickle_mb": median(full, "pickle_mb"),
            "html_files": full[-1]["html_files"] if full else None,
            "warnings": len(full[-1]["warnings"]) if full else None,
            "incremental_s": median(inc, "seconds"),
            "incremental_cpu_s": median(inc, "cpu_seconds"),
            "incremental_read": len(inc[0]["read"]) if inc else None,
            "incremental_written": len(inc[0]["written"]) if inc else None,
            "incremental_written_docs": inc[0]["written"][:12] if inc else None,
            "incremental_sources_rewritten": len(inc[0]["sources_rewritten"]) if inc else None,
            "j2_s": median(j2, "seconds"),
            "j2_peak_rss_mb": median(j2, "max_rss_mb"),
        }
        s["j2_speedup"] = s["full_s"] / s["j2_s"] if s["full_s"] and s["j2_s"] else None
        summary[flavour] = s
    return summary


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    unit: str
    limit: float | None
    #: "le": ratio must be at most limit; "ge": at least; None: for information.
    sense: str | None
    digits: int = 2


TARGETS = (
    Target("full_s", "full build, -j 1", "s", 1.15, "le"),
    Target("full_cpu_s", "full build, -j 1, CPU time", "s", 1.15, "le"),
    Target("incremental_s", "incremental rebuild (1 topic edited)", "s", 1.5, "le"),
    Target("incremental_cpu_s", "incremental rebuild, CPU time", "s", 1.5, "le"),
    Target("peak_rss_mb", "peak memory (max RSS)", "MB", 1.2, "le", 0),
    Target("pickle_mb", "environment.pickle", "MB", 1.3, "le", 3),
    Target("j2_s", "full build, -j 2", "s", None, None),
    Target("j2_speedup", "-j 2 speedup (j1 / j2 time)", "x", 1.0, "ge"),
    Target("incremental_read", "docs re-read on incremental", "", None, None, 0),
    Target("incremental_written", "docs re-written on incremental", "", None, None, 0),
    Target("incremental_sources_rewritten", "generated sources rewritten", "", None, None, 0),
    Target("html_files", "HTML pages", "", None, None, 0),
    Target("warnings", "warnings (full build)", "", None, None, 0),
)


def ratios(summary: dict[str, dict[str, Any]]) -> dict[str, float | None]:
    if set(summary) != set(FLAVOURS):
        return {}
    plain, lit = summary["plain"], summary["litreview"]
    out: dict[str, float | None] = {}
    for t in TARGETS:
        a, b = plain.get(t.key), lit.get(t.key)
        out[t.key] = b / a if isinstance(a, (int, float)) and a and b is not None else None
    return out


def limit_of(target: Target, size: str) -> float | None:
    return SIZE_LIMITS.get(size, {}).get(target.key, target.limit)


def verdict(value: float | None, limit: float | None, sense: str | None) -> str:
    if value is None or limit is None or sense is None:
        return ""
    good = value <= limit if sense == "le" else value >= limit
    return "pass" if good else "**FAIL**"


def scaling(size: str, ratio: dict[str, float | None]) -> dict[str, Any] | None:
    """This size's full-build ratio against the reference size's, from its saved JSON."""
    if size not in SCALING_REFERENCE:
        return None
    reference, most = SCALING_REFERENCE[size]
    path = RESULTS / f"{reference}.json"
    if not path.exists():
        return {"reference": reference, "missing": str(path.relative_to(REPO))}
    ref_ratio = json.loads(path.read_text())["ratios"].get("full_s")
    mine = ratio.get("full_s")
    return {
        "reference": reference,
        "limit": most,
        "reference_full_ratio": ref_ratio,
        "full_ratio": mine,
        "scaling": mine / ref_ratio if mine and ref_ratio else None,
    }


def absolute(size: str, summary: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The litreview flavour's figures against this size's absolute targets."""
    mine = summary.get("litreview", {})
    return [
        {"key": key, "label": label, "value": mine.get(key), "limit": limit, "sense": sense}
        for key, label, limit, sense in ABSOLUTE_TARGETS.get(size, ())
    ]


def fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def markdown(report: dict[str, Any]) -> str:
    summary, ratio = report["summary"], report["ratios"]
    size = report["size"]
    lines = [
        f"# Benchmark: {size['name']} corpus",
        "",
        f"{size['episodes']} episodes, {size['topics']} topics x "
        f"{size['citations_per_topic']} citations, {size['terms']} terms x "
        f"{size['uses_per_term']} uses. Median of {report['runs']} run(s) per measure; "
        f"{report['machine']}; commit {report['commit']}; {report['date']}.",
        "",
        "| measure | plain | litreview | ratio | target | |",
        "|---|---:|---:|---:|---:|---|",
    ]
    flavours = list(summary)
    for t in TARGETS:
        values = [summary[f].get(t.key) for f in flavours]
        if all(v is None for v in values):
            continue
        cells = {f: fmt(summary[f].get(t.key), t.digits) for f in flavours}
        r = ratio.get(t.key)
        limit = limit_of(t, size["name"])
        if t.key == "j2_speedup":
            target = "lit ≥ plain"
        elif limit is not None:
            target = f"≤ {limit:.2f}x"
        else:
            target = ""
        unit = f" ({t.unit})" if t.unit else ""
        lines.append(
            f"| {t.label}{unit} | {cells.get('plain', '-')} | {cells.get('litreview', '-')} | "
            f"{fmt(r) + 'x' if r is not None else '-'} | {target} | "
            f"{verdict(r, limit, t.sense)} |"
        )
    sc = report.get("scaling")
    if sc:
        if "missing" in sc:
            lines.append(f"| full-build ratio vs {sc['reference']} | run {sc['reference']} first |")
        else:
            lines.append(
                f"| full-build ratio, {size['name']} / {sc['reference']} | "
                f"{fmt(sc['reference_full_ratio'])}x ({sc['reference']}) | "
                f"{fmt(sc['full_ratio'])}x ({size['name']}) | {fmt(sc['scaling'])}x | "
                f"≤ {sc['limit']:.2f}x | {verdict(sc['scaling'], sc['limit'], 'le')} |"
            )
    lines.append("")
    rows = [row for row in report.get("absolute", []) if row["value"] is not None]
    if rows:
        lines += ["| litreview, absolute | value | target | |", "|---|---:|---:|---|"]
        for row in rows:
            sign = "≤" if row["sense"] == "le" else "≥"
            lines.append(
                f"| {row['label']} | {fmt(row['value'])} | {sign} {fmt(row['limit'])} | "
                f"{verdict(row['value'], row['limit'], row['sense'])} |"
            )
        lines.append("")
    for f in flavours:
        docs = summary[f].get("incremental_written_docs")
        if docs:
            lines.append(f"- {f}, docs re-written after the edit: {', '.join(docs)}")
    lines.append(
        f"- corpus generated in {report['generate_seconds']:.2f} s; sources: "
        + ", ".join(f"{f} {s['files']} files / {s['mb']} MB" for f, s in report["sources"].items())
    )
    for f in flavours:
        warnings = report["warnings"].get(f)
        if warnings:
            lines.append(f"- {f} warnings (first of {len(warnings)}): `{warnings[0][:200]}`")
    if report.get("error"):
        lines += ["", "## Build failure", "", "```", report["error"], "```"]
    return "\n".join(lines) + "\n"


def write_pstats(prof: Path, out: Path, title: str) -> None:
    """The top 40 by cumulative time, then the extension's own functions."""
    with out.open("w") as fh:
        fh.write(f"# {title}\n\n## Top 40 by cumulative time\n\n")
        stats = pstats.Stats(str(prof), stream=fh)
        stats.strip_dirs().sort_stats("cumulative").print_stats(40)
        fh.write("\n## The extension's own functions (sphinxcontrib_litreview), by cumulative\n\n")
        own = pstats.Stats(str(prof), stream=fh)
        own.sort_stats("cumulative").print_stats("sphinxcontrib_litreview", 40)
        fh.write("\n## The extension's own functions, by internal time\n\n")
        own.sort_stats("tottime").print_stats("sphinxcontrib_litreview", 25)


def write_pstats_diff(plain: Path, lit: Path, out: Path, title: str, top: int = 40) -> None:
    """Where the litreview build spends more than the plain one, function by function."""

    def table(path: Path) -> dict[str, tuple[float, float, int]]:
        raw: dict[Any, Any] = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
        rows: dict[str, tuple[float, float, int]] = {}
        for (filename, line, func), (_cc, calls, tottime, cumtime, _callers) in raw.items():
            key = f"{os.path.basename(filename)}:{line}({func})"
            t, c, n = rows.get(key, (0.0, 0.0, 0))
            rows[key] = (t + tottime, max(c, cumtime), n + calls)
        return rows

    a, b = table(plain), table(lit)
    keys = set(a) | set(b)
    zero = (0.0, 0.0, 0)

    def section(heading: str, index: int) -> list[str]:
        ranked = sorted(keys, key=lambda k: b.get(k, zero)[index] - a.get(k, zero)[index])
        lines = [
            f"## {heading}",
            "",
            f"{'delta s':>8} {'plain s':>8} {'lit s':>8} {'plain n':>9} {'lit n':>9}  function",
        ]
        for k in reversed(ranked[-top:]):
            pa, pb = a.get(k, zero), b.get(k, zero)
            lines.append(f"{pb[index] - pa[index]:8.3f} {pa[index]:8.3f} {pb[index]:8.3f} {pa[2]:9d} {pb[2]:9d}  {k}")
        return [*lines, ""]

    text = [f"# {title}", ""]
    text += section("Largest increase in cumulative time (litreview - plain)", 1)
    text += section("Largest increase in internal time (litreview - plain)", 0)
    out.write_text("\n".join(text))


def profile(bench: Bench, args: argparse.Namespace, log: Callable[[str], None]) -> list[Path]:
    """Profile litreview's full and incremental builds (and plain's full build, to diff)."""
    if args.profiler == "pyinstrument":
        profiler = ["-m", "pyinstrument", "-r", "html", "-o"]
        suffix = "html"
    else:
        profiler = ["-m", "cProfile", "-o"]
        suffix = "prof"
    written: list[Path] = []
    raws: dict[str, Path] = {}
    kinds = {k.strip() for k in args.profile_builds.split(",")}
    runs = [("litreview", "full"), ("litreview", "incremental")]
    if args.profiler == "cprofile":
        runs.append(("plain", "full"))
    runs = [(f, k) for f, k in runs if (k if f == "litreview" else f) in kinds]
    for flavour, kind in runs:
        tree = bench.fresh_tree(flavour, f"profile-{kind}")
        name = f"{args.size}-profile" + ("" if kind == "full" else f"-{kind}")
        name += "" if flavour == "litreview" else f"-{flavour}"
        raw = bench.work / f"{name}.{suffix}"
        if kind == "incremental":
            bench.build(flavour, tree, "unprofiled")
            topic = bench.corpus.topics[EDITED_TOPIC]
            episode = corpus_mod.uncited_episode(bench.corpus, topic, 0)
            with (tree.src / "topics" / f"{topic.slug}.md").open("a", encoding="utf-8") as fh:
                fh.write(corpus_mod.citation_sentence(bench.corpus, flavour, episode, 0))
        log(f"profile: {flavour} {kind} build under {args.profiler}")
        bench.build(flavour, tree, "profiled", python_args=[*profiler, str(raw)])
        raws[f"{flavour}-{kind}"] = raw
        if args.profiler == "pyinstrument":
            out = RESULTS / f"{name}.html"
            shutil.copyfile(raw, out)
            written.append(out)
        elif flavour == "litreview":
            out = RESULTS / f"{name}.txt"
            write_pstats(raw, out, f"cProfile of a {kind} -j 1 {flavour} build, {args.size} corpus")
            written.append(out)
        if not args.keep:
            shutil.rmtree(tree.src.parent)
    if {"plain-full", "litreview-full"} <= raws.keys():
        out = RESULTS / f"{args.size}-profile-diff.txt"
        write_pstats_diff(
            raws["plain-full"],
            raws["litreview-full"],
            out,
            f"cProfile, full -j 1 builds, {args.size} corpus: litreview minus plain",
        )
        written.append(out)
    return written


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True, check=True).stdout.strip()


def versions() -> str:
    import docutils
    import myst_parser
    import sphinx

    return (
        f"Python {platform.python_version()}, Sphinx {sphinx.__version__}, "
        f"MyST {myst_parser.__version__}, docutils {docutils.__version__}, "
        f"{os.cpu_count()} CPUs"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark sphinxcontrib-litreview against plain Sphinx/MyST.")
    parser.add_argument("--size", choices=list(SIZES), default="small")
    parser.add_argument("--runs", type=int, default=3, help="runs per measure (median)")
    parser.add_argument("--seed", type=int, default=20260)
    parser.add_argument("--flavour", choices=(*FLAVOURS, "both"), default="both")
    parser.add_argument("--work", type=Path, default=HERE / "_work", help="scratch folder")
    parser.add_argument("--no-incremental", action="store_true")
    parser.add_argument("--no-parallel", action="store_true", help="skip the -j 2 builds")
    parser.add_argument("--profile", action="store_true", help="also profile the litreview build")
    parser.add_argument("--profile-only", action="store_true", help="only profile; measure nothing else")
    parser.add_argument(
        "--profile-builds",
        default="full,incremental,plain",
        metavar="LIST",
        help="which profiles to take: full (litreview), incremental (litreview), plain (full, for the diff)",
    )
    parser.add_argument("--profiler", choices=("cprofile", "pyinstrument"), default="cprofile")
    parser.add_argument(
        "--conf",
        action="append",
        default=[],
        metavar="LINE",
        help="extra line for the litreview conf.py, e.g. 'litreview_hover = False'",
    )
    parser.add_argument(
        "--common-conf",
        action="append",
        default=[],
        metavar="LINE",
        help="extra line for both conf.py files, e.g. 'extensions.append(\"sphinx_design\")'",
    )
    parser.add_argument(
        "--code",
        default="HEAD",
        metavar="REV",
        help="the extension's code to measure: a git revision (default HEAD) or 'worktree' for the "
        "working tree, uncommitted changes included; it is copied first, so commits landing "
        "during the run do not change it",
    )
    parser.add_argument("--keep", action="store_true", help="keep the built trees")
    parser.add_argument("--no-save", action="store_true", help="do not write benchmarks/results")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    size = SIZES[args.size]
    work = args.work.resolve() / size.name
    RESULTS.mkdir(exist_ok=True)
    conf = {
        "plain": "\n".join(args.common_conf),
        "litreview": "\n".join([*args.common_conf, *args.conf]),
    }
    try:
        code = snapshot_code(args.code, work / "_code")
    except subprocess.CalledProcessError as exc:
        parser.error(f"--code {args.code}: {exc.stderr.decode(errors='replace').strip()}")
    log(f"extension code: {code}")
    bench = Bench(build_corpus(size, args.seed), work, conf, work / "_code", log)
    log(f"{size.name}: corpus generated in {bench.generate_seconds:.2f} s under {work}")

    if args.profile_only:
        log(f"profiles written to {', '.join(map(str, profile(bench, args, log)))}")
        return 0

    flavours = list(FLAVOURS) if args.flavour == "both" else [args.flavour]
    error = None
    data: dict[str, dict[str, Any]] = {}
    try:
        measure(bench, flavours, args, data)
    except BuildFailed as exc:
        error = str(exc)
        log(error)

    summary = summarise(data) if data else {}
    ratio = ratios(summary)
    report: dict[str, Any] = {
        "size": asdict(size),
        "seed": args.seed,
        "runs": args.runs,
        "conf_litreview": args.conf,
        "conf_common": args.common_conf,
        "machine": versions(),
        "commit": code,
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "generate_seconds": bench.generate_seconds,
        "sources": bench.source_stats,
        "summary": summary,
        "ratios": ratio,
        "scaling": scaling(size.name, ratio),
        "absolute": absolute(size.name, summary),
        "warnings": {f: d["full"][-1]["warnings"] if d["full"] else [] for f, d in data.items()},
        "raw": data,
        "error": error,
    }
    text = markdown(report)
    print(text)
    if not args.no_save and not error and args.flavour == "both" and not args.conf + args.common_conf:
        (RESULTS / f"{size.name}.md").write_text(text)
        (RESULTS / f"{size.name}.json").write_text(json.dumps(report, indent=1) + "\n")
        log(f"saved {RESULTS / size.name}.md and .json")
    elif not args.no_save:
        suffix = "partial" if error or args.flavour != "both" else "conf"
        (RESULTS / f"{size.name}-{suffix}.md").write_text(text)
        (RESULTS / f"{size.name}-{suffix}.json").write_text(json.dumps(report, indent=1) + "\n")
        log(f"saved {RESULTS / size.name}-{suffix}.md and .json")

    if args.profile and not error:
        log(f"profiles written to {', '.join(map(str, profile(bench, args, log)))}")
    return 1 if error else 0


if __name__ == "__main__":
    sys.exit(main())
