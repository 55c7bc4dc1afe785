"""The ``litreview`` command line and the review it scaffolds."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from sphinxcontrib_litreview import __version__
from sphinxcontrib_litreview.cli import main
from sphinxcontrib_litreview.scaffold import TEMPLATES

REPO = Path(__file__).resolve().parents[1]


def _run_python(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python ARGS`` with this checkout importable, whether or not it is installed."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def _conf_values(conf_py: Path) -> dict[str, object]:
    """Execute conf.py the way Sphinx does and return its settings."""
    namespace: dict[str, object] = {"__file__": str(conf_py)}
    exec(compile(conf_py.read_text(encoding="utf-8"), str(conf_py), "exec"), namespace)
    return namespace


@pytest.fixture
def review(tmp_path: Path) -> Path:
    directory = tmp_path / "my-review"
    assert main(["new", str(directory)]) == 0
    return directory


# --- what `new` writes ---------------------------------------------------------------


def test_new_writes_every_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    directory = tmp_path / "nested" / "my-review"
    assert main(["new", str(directory)]) == 0

    written = {p.relative_to(directory).as_posix() for p in directory.rglob("*") if p.is_file()}
    expected = {
        "conf.py",
        "index.md",
        "topics.md",
        "example-topic.md",
        "glossary.md",
        "episodes.yaml",
        "requirements.txt",
        ".readthedocs.yaml",
        ".gitignore",
    }
    assert written == expected == set(TEMPLATES)
    for name in expected:
        text = (directory / name).read_text(encoding="utf-8")
        assert text.strip() and "$" not in text, name  # no unfilled template placeholders

    out = capsys.readouterr().out
    assert "sphinx-build -W . _build/html" in out
    assert f"cd {directory}" in out


def test_conf_py(review: Path) -> None:
    conf = _conf_values(review / "conf.py")
    assert conf["project"] == "My review"  # from the directory name
    assert conf["extensions"][:1] == ["myst_parser"]
    assert "sphinxcontrib_litreview" in conf["extensions"]
    assert "sphinx_design" in conf["extensions"]  # installed in the test environment
    assert conf["myst_enable_extensions"] == ["colon_fence"]
    assert conf["litreview_catalog"] == ["episodes.yaml"]


def test_conf_py_builds_without_sphinx_design(review: Path) -> None:
    conf_py = review / "conf.py"
    # A None entry in sys.modules makes `import sphinx_design` raise ImportError.
    code = (
        f"import sys, runpy; sys.modules['sphinx_design'] = None; print(runpy.run_path({str(conf_py)!r})['extensions'])"
    )
    result = _run_python("-c", code)
    assert result.returncode == 0, result.stderr
    assert ast.literal_eval(result.stdout.strip()) == ["myst_parser", "sphinxcontrib_litreview"]


def test_catalog_has_three_example_records(review: Path) -> None:
    records = yaml.safe_load((review / "episodes.yaml").read_text(encoding="utf-8"))
    assert [r["id"] for r in records] == ["E001", "E002", "E003"]
    for record in records:
        assert {"id", "title", "authors", "year", "venue", "url", "tags", "summary"} <= set(record)
        assert record["title"].startswith("Example:")
        assert isinstance(record["authors"], list) and isinstance(record["tags"], list)
        assert isinstance(record["year"], int)


def test_pages_use_the_extension(review: Path) -> None:
    index = (review / "index.md").read_text(encoding="utf-8")
    assert index.startswith("# My review\n")
    for entry in ("topics", "example-topic", "glossary", "episodes/index"):
        assert f"\n{entry}\n" in index

    topic = (review / "example-topic.md").read_text(encoding="utf-8")
    for snippet in (":::{topic-page}", ":summary:", ":anchors:", ":::{episode-list}"):
        assert snippet in topic
    assert "{episode}`E001`" in topic and "{term}`" in topic

    glossary = (review / "glossary.md").read_text(encoding="utf-8")
    assert ":::{term} calibration" in glossary and ":aliases:" in glossary
    assert ":::{term-index}" in glossary
    assert ":::{topic-index}" in (review / "topics.md").read_text(encoding="utf-8")


def test_hosting_files(review: Path) -> None:
    rtd = yaml.safe_load((review / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert rtd["version"] == 2
    assert rtd["sphinx"] == {"configuration": "conf.py", "fail_on_warning": True}
    assert rtd["python"]["install"] == [{"requirements": "requirements.txt"}]
    assert rtd["build"]["os"]  # Read the Docs rejects a config without build.os

    requirements = (review / "requirements.txt").read_text(encoding="utf-8").split()
    assert [r.split(">=")[0] for r in requirements] == ["sphinxcontrib-litreview", "sphinx-design"]

    ignored = (review / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "_build/" in ignored and "episodes/" in ignored


@pytest.mark.parametrize(
    ("given", "expected"),
    [("My Review", "My Review"), ('  Quotes "and"\n  backslash \\ ', 'Quotes "and" backslash \\')],
)
def test_title_option(tmp_path: Path, given: str, expected: str) -> None:
    assert main(["new", str(tmp_path / "x"), "--title", given]) == 0
    assert _conf_values(tmp_path / "x" / "conf.py")["project"] == expected
    assert (tmp_path / "x" / "index.md").read_text(encoding="utf-8").startswith(f"# {expected}\n")


# --- refusing and forcing ------------------------------------------------------------


def test_refuses_to_overwrite(review: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    (review / "conf.py").write_text("# mine\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in review.iterdir()}

    assert main(["new", str(review)]) == 1

    err = capsys.readouterr().err
    assert "refusing to overwrite" in err and "--force" in err
    assert str(review / "conf.py") in err and str(review / "glossary.md") in err
    assert "Traceback" not in err
    assert {p.name: p.read_bytes() for p in review.iterdir()} == before


def test_refusal_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # One clashing file is enough to refuse, and the missing files are not created either.
    (tmp_path / "glossary.md").write_text("# My glossary\n", encoding="utf-8")
    assert main(["new", str(tmp_path)]) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["glossary.md"]
    err = capsys.readouterr().err
    assert str(tmp_path / "glossary.md") in err and "conf.py" not in err


def test_force_overwrites(review: Path) -> None:
    (review / "conf.py").write_text("# mine\n", encoding="utf-8")
    (review / "notes.txt").write_text("keep me\n", encoding="utf-8")

    assert main(["new", str(review), "--force"]) == 0

    assert "sphinxcontrib_litreview" in (review / "conf.py").read_text(encoding="utf-8")
    assert (review / "notes.txt").read_text(encoding="utf-8") == "keep me\n"


def test_directory_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "file"
    target.write_text("", encoding="utf-8")
    assert main(["new", str(target)]) == 1
    assert "not a directory" in capsys.readouterr().err


# --- usage ---------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [[], ["new"], ["frobnicate"], ["new", "x", "--nope"], ["new", "x", "--title", " "]])
def test_usage_errors_exit_2(argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert not (tmp_path / "x").exists()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"litreview {__version__}"


def test_python_m_help() -> None:
    result = _run_python("-m", "sphinxcontrib_litreview", "--help")
    assert result.returncode == 0, result.stderr
    assert "usage: litreview" in result.stdout and "new" in result.stdout

    result = _run_python("-m", "sphinxcontrib_litreview", "new", "--help")
    assert result.returncode == 0, result.stderr
    assert "--title" in result.stdout and "--force" in result.stdout


def test_console_script_entry_point() -> None:
    try:
        dist = metadata.distribution("sphinxcontrib-litreview")
    except metadata.PackageNotFoundError:
        pytest.skip("package not installed; the entry point exists only in its metadata")
    scripts = {ep.name: ep.value for ep in dist.entry_points if ep.group == "console_scripts"}
    assert scripts["litreview"] == "sphinxcontrib_litreview.cli:main"


# --- the scaffold builds -------------------------------------------------------------


def _links(html: Path) -> dict[str, str]:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    return {a.get_text(strip=True): str(a.get("href", "")) for a in soup.find_all("a")}


def test_scaffold_builds_with_W(tmp_path: Path) -> None:
    source = tmp_path / "review"
    result = _run_python("-m", "sphinxcontrib_litreview", "new", str(source))
    assert result.returncode == 0, result.stderr

    out = tmp_path / "html"
    # Exactly what the printed next step asks the user to run.
    build = _run_python("-m", "sphinx", "-W", "--keep-going", "-b", "html", ".", str(out), cwd=source)
    assert build.returncode == 0, build.stdout + build.stderr

    links = _links(out / "example-topic.html")
    for episode in ("E001", "E002", "E003"):
        assert episode in links, f"no link to {episode}"
        assert episode in links[episode] and not links[episode].startswith("http")
    assert "benchmarks" in links and "glossary.html#" in links["benchmarks"]
    assert "calibrated" in links and "glossary.html#" in links["calibrated"]
    assert (out / "episodes" / "index.html").is_file()
    assert (out / "topics.html").is_file() and (out / "glossary.html").is_file()


def test_scaffold_builds_without_sphinx_design(tmp_path: Path) -> None:
    source = tmp_path / "review"
    assert main(["new", str(source)]) == 0
    code = (
        "import sys; sys.modules['sphinx_design'] = None\n"
        "from sphinx.cmd.build import build_main\n"
        f"sys.exit(build_main(['-W', '--keep-going', '-b', 'html', {str(source)!r}, "
        f"{str(tmp_path / 'html')!r}]))"
    )
    build = _run_python("-c", code)
    assert build.returncode == 0, build.stdout + build.stderr
    assert "E001" in _links(tmp_path / "html" / "example-topic.html")
