"""The project's own documentation (the demo review) builds as Read the Docs builds it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import body

DOCS = Path(__file__).resolve().parent.parent / "docs"


def read_the_docs_build(out: Path, builder: str = "html") -> subprocess.CompletedProcess[str]:
    # Read the Docs' own command line, run from docs/ (fail_on_warning adds -W).
    command = [
        sys.executable, "-m", "sphinx", "-T", "-W", "--keep-going", "-n", "-b", builder,
        "-d", str(out / "doctrees"), "-D", "language=en", ".", str(out / builder),
    ]
    return subprocess.run(command, cwd=DOCS, capture_output=True, text=True, timeout=600)


@pytest.mark.skipif(not (DOCS / "conf.py").exists(), reason="docs/ is not part of this checkout")
def test_docs_build_with_warnings_as_errors(tmp_path: Path) -> None:
    result = read_the_docs_build(tmp_path)
    assert result.returncode == 0, result.stderr[-4000:]
    html = tmp_path / "html"
    topic = body(html, "demo/training-methods")
    assert topic.select_one(".litreview-kicker").get_text() == "Literature review · 6 episodes"
    assert topic.select("a.litreview-ref-episode") and topic.select("a.litreview-ref-term")
    assert (html / "litreview.json").exists()
    # every demo episode page exists, generated or hand-written
    assert (html / "demo" / "episodes" / "index.html").exists()
