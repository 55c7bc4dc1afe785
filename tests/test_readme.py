"""The README's "30 seconds of MyST" builds as written, with only what the documented
install brings (no sphinx-design)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[1]
#: A code block whose first line names its file: "# conf.py" or "<!-- index.md -->".
LABEL = re.compile(r"(?:# |<!-- )(?P<name>[\w./-]+\.(?:py|yaml|md))(?: -->)?")


def readme_files() -> dict[str, str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## 30 seconds of MyST", 1)[1].split("\n## ", 1)[0]
    files: dict[str, str] = {}
    for block in re.findall(r"^```\w*\n(.*?)^```", section, re.S | re.M):
        match = LABEL.fullmatch(block.splitlines()[0])
        if match:
            files[match["name"]] = block
    return files


def test_readme_snippet_builds_with_W(tmp_path: Path) -> None:
    files = readme_files()
    assert set(files) == {"conf.py", "episodes.yaml", "index.md", "definitions.md"}
    source = tmp_path / "review"
    source.mkdir()
    for name, text in files.items():
        (source / name).write_text(text, encoding="utf-8")

    out = tmp_path / "html"
    # The documented install does not bring sphinx-design: make sure it is not needed.
    code = (
        "import sys; sys.modules['sphinx_design'] = None\n"
        "from sphinx.cmd.build import build_main\n"
        f"sys.exit(build_main(['-W', '--keep-going', '-b', 'html', {str(source)!r}, {str(out)!r}]))"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    build = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stdout + build.stderr

    page = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one(".litreview-kicker").get_text() == "Literature review · 2 episodes"
    links = {a.get_text(strip=True): str(a["href"]) for a in page.select("a.litreview-ref")}
    assert links["E026"].startswith("definitions.html#")
    assert "E011" in links["E011"] and not links["E011"].startswith("http")  # from the catalog
    assert links["entropy"].startswith("definitions.html#")
    heading = page.select_one(".litreview-heading")
    assert heading is not None and heading.get_text() == "Episodes anchoring this topic"
