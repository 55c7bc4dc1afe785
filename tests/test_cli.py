"""The ``litreview`` command line and the review it scaffolds."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from datetime import date
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
    # How to go on: a new topic page goes into the toctree of index.md.
    assert "topic-page" in out and "toctree in index.md" in out


def test_conf_py(review: Path) -> None:
    conf = _conf_values(review / "conf.py")
    assert conf["project"] == "My review"  # from the directory name
    assert conf["extensions"][:1] == ["myst_parser"]
    assert "sphinxcontrib_litreview" in conf["extensions"]
    assert "sphinx_design" in conf["extensions"]  # installed in the test environment
    assert conf["myst_enable_extensions"] == ["colon_fence"]
    assert conf["litreview_catalog"] == ["episodes.yaml"]
    # What the footer, EPUB and LaTeX need: not "©." and no empty version.
    assert conf["author"] == "The authors of My review"
    assert conf["copyright"] == f"{date.today().year}, The authors of My review"
    assert conf["version"] == conf["release"] == "0.1"


def test_author_option(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "x"), "--author", ' Ada "A." Example ']) == 0
    conf = _conf_values(tmp_path / "x" / "conf.py")
    assert conf["author"] == 'Ada "A." Example'
    assert str(conf["copyright"]).endswith(', Ada "A." Example')


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

    lines = (review / "requirements.txt").read_text(encoding="utf-8").splitlines()
    requirements = [line for line in lines if line and not line.startswith("#")]
    assert [r.split(">=")[0] for r in requirements] == ["sphinxcontrib-litreview", "sphinx-design"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_gitignore_ignores_only_generated_files(review: Path) -> None:
    subprocess.run(["git", "init", "-q", str(review)], check=True)
    generated = ["_build/html/index.html", "episodes/E001.litreview", "episodes/tags/rl.litreview"]
    written_by_hand = [
        "episodes/index.md", "episodes/E001.md", "episodes/notes.rst", "episodes/tags/index.md",
        "episodes.yaml", "conf.py",
    ]
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin"], cwd=review, text=True, capture_output=True,
        input="\n".join(generated + written_by_hand) + "\n",
    )
    assert result.returncode in (0, 1), result.stderr  # 1: nothing ignored
    assert result.stdout.splitlines() == generated


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


@pytest.mark.parametrize("force", [False, True])
def test_a_directory_in_the_way_changes_nothing(
    tmp_path: Path, force: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    # glossary.md comes after conf.py and index.md: nothing may be written before refusing.
    (tmp_path / "glossary.md").mkdir()
    assert main(["new", str(tmp_path), *(["--force"] if force else [])]) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["glossary.md"]
    err = capsys.readouterr().err
    assert f"{tmp_path / 'glossary.md'} is a directory" in err and "Traceback" not in err


@pytest.mark.parametrize("dangling", [True, False])
def test_force_replaces_a_symlink_and_never_writes_through_it(tmp_path: Path, dangling: bool) -> None:
    review, outside = tmp_path / "review", tmp_path / "outside.txt"
    review.mkdir()
    if not dangling:
        outside.write_text("not yours\n", encoding="utf-8")
    (review / "conf.py").symlink_to(outside)

    assert main(["new", str(review)]) == 1  # a link, even a dangling one, counts as existing
    assert not (dangling and outside.exists())
    assert main(["new", str(review), "--force"]) == 0

    assert not (review / "conf.py").is_symlink()
    assert "sphinxcontrib_litreview" in (review / "conf.py").read_text(encoding="utf-8")
    if dangling:
        assert not outside.exists()
    else:
        assert outside.read_text(encoding="utf-8") == "not yours\n"


def test_a_failed_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    review = tmp_path / "review"
    review.mkdir()
    (review / "conf.py").write_text("# mine\n", encoding="utf-8")
    real_open = Path.open

    def failing_open(self: Path, *args: object, **kwargs: object) -> object:
        if self.name.startswith(".glossary.md"):
            raise OSError(28, "No space left on device")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", failing_open)
    assert main(["new", str(review), "--force"]) == 1
    assert "No space left on device" in capsys.readouterr().err
    # Neither the files staged before the failure nor their temporary copies remain.
    assert [p.name for p in review.iterdir()] == ["conf.py"]
    assert (review / "conf.py").read_text(encoding="utf-8") == "# mine\n"


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

    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    footer = soup.select_one("div.footer").get_text(" ", strip=True)
    assert footer.startswith(f"©{date.today().year}, The authors of Review.")
    topic = BeautifulSoup((out / "example-topic.html").read_text(encoding="utf-8"), "html.parser")
    heading = topic.select_one("h2.litreview-heading")
    assert heading is not None and heading.get_text() == "Episodes anchoring this topic"
    assert "litreview-episode-list" in heading.find_next_sibling()["class"]

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


@pytest.mark.parametrize("builder", ["epub", "latex"])
def test_scaffold_builds_as_epub_and_latex_with_W(tmp_path: Path, builder: str) -> None:
    source = tmp_path / "review"
    assert main(["new", str(source)]) == 0
    out = tmp_path / builder
    # Doctrees outside the output: EPUB packs every file of its output folder.
    build = _run_python(
        "-m", "sphinx", "-W", "--keep-going", "-b", builder, "-d", str(tmp_path / "doctrees"), ".", str(out),
        cwd=source,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    if builder == "epub":
        assert (out / "Review.epub").is_file()
    else:
        tex = (out / "review.tex").read_text(encoding="utf-8")
        assert r"\author{The authors of Review}" in tex and r"\release{0.1}" in tex
