"""Malformed directives and roles never raise: they warn and the build goes on."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from helpers import warnings_of

HUGE = "lorem ipsum " * 20_000

MYST_CASES = [
    ":::{episode}\n:::",
    ":::{episode} E001 extra words here\n:::",
    ":::{episode} É001\n:title: Ünïcödé 熵 🎲\n:::",
    ":::{episode} E002\n:title:\n:authors:\n:year:\n:tags:\n:::",
    ":::{episode} E003\n:title: a\n:title: b\n:::",
    f":::{{episode}} E004\n:title: {HUGE[:50_000]}\n\n{HUGE}\n:::",
    ":::{episode} E005\n:year: -5\n:url: javascript:alert(1)\n:doi: doi:10.1/x\n:::",
    ":::{episode} E006\n:year: 99999999999\n:::",
    ":::{episode} E007\n\n:::{episode} E008\nNested.\n:::\n:::",
    "{episode}`,,,` {episode}`<>` {episode}`text <>` {episode}`a <E001,E002>`",
    "{term}` ` {topic}` ` {term}`<>` {episode}`E0000000000000000000001`",
    ":::{term}\nOrphan definition.\n:::",
    ":::{term} 熵\n:aliases: ,,, , 熵\n:::",
    ":::{term} x\n:aliases: x, X, y\n:::\n\n:::{term} y\n:::",
    ":::{topic-page}\n:anchors: ,,, E Ex E001\n:id: has space\n:::",
    ":::{topic-page}\n:::\n\n:::{topic-page}\n:summary: second\n:::",
    ":::{episode-list}\n:sort:\n:select: x\n:tag:\n:style: cards\n:::",
    ":::{episode-list}\n:topic: {topic}\n:::",
    ":::{topic-index}\n:style: 42\n:bogus:\n:::",
    ":::{episode-index}\n:sort: year\n:tag: nothing\n:::",
    ":::{term-index}\n:x: y\nbody text\n:::",
    "```{only} html\n:::{episode} E009\n:::\n```",
    "{litreview:episode}`E001` {litreview:term}`x` {litreview:topic}`fuzz0`",
    "{litreview:term}` ` {litreview:term}`no such term` {term}`no such std term`",
]

RST_CASES = [
    ".. episode::\n",
    ".. episode:: E101\n   :title: x\n   :title: y\n",
    ".. episode:: E102\n   :unknown:\n\n   Body :episode:`E999`.\n",
    ".. term::\n\n   No term.\n",
    ".. topic-page::\n   :anchors:\n",
    ":episode:`` :term:`` :topic:`` :episode:`<E1>`\n",
    ".. litreview:topic::\n   :id: t\n",
]


def write_project(src: Path, seed: int) -> None:
    rng = random.Random(seed)
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_design", "sphinxcontrib_litreview"]\n'
        'myst_enable_extensions = ["colon_fence"]\n'
    )
    names = []
    for index, case in enumerate(MYST_CASES):
        names.append(f"fuzz{index}")
        (src / f"fuzz{index}.md").write_text(f"# Case {index}\n\n{case}\n", encoding="utf8")
    for index, case in enumerate(RST_CASES):
        names.append(f"rst{index}")
        (src / f"rst{index}.rst").write_text(f"Case {index}\n=======\n\n{case}", encoding="utf8")
    # random recombinations of fragments
    fragments = [c for c in MYST_CASES if len(c) < 1000]
    for index in range(10):
        names.append(f"mix{index}")
        mixed = "\n\n".join(rng.sample(fragments, 4))
        (src / f"mix{index}.md").write_text(f"# Mix {index}\n\n{mixed}\n", encoding="utf8")
    toctree = "\n".join(names)
    (src / "index.md").write_text(f"# Fuzz\n\n```{{toctree}}\n{toctree}\n```\n")


@pytest.mark.parametrize("builder", ["html", "text", "latex"])
def test_malformed_input_never_raises(make_app, tmp_path, builder):
    src = tmp_path / "src"
    src.mkdir()
    write_project(src, seed=7)
    app = make_app(builder, srcdir=src)
    app.build()  # raises on any exception inside the extension
    warned = warnings_of(app)
    assert warned, "malformed input must be reported"
    assert not any("Traceback" in w or "Exception" in w for w in warned)
    litreview = [w for w in warned if "[litreview." in w]
    for subtype in ("bad_id", "option", "unknown_episode", "unknown_term", "duplicate_term"):
        assert any(f"[litreview.{subtype}]" in w for w in litreview), subtype
