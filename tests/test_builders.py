"""Every builder of SPEC §8 builds the sample without warnings and with sensible output.

No test here touches the network: sockets are blocked for every build, and
linkcheck runs with ``linkcheck_ignore = [".*"]``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

BUILDERS = [
    "html", "dirhtml", "singlehtml", "epub", "latex", "text", "man", "texinfo",
    "gettext", "linkcheck", "xml", "json", "pickle",
]
# The references samples: a citation style, inline labels, Cite blocks and downloads.
ROOTS = ["myst-project", "builders", "catalog-myst", "catalog-rst", "references", "references-rst"]
#: What the sample leaves unset but epub/man/texinfo want; and no link is ever checked.
CONF = {
    "project": "Sample Review",
    "author": "Review Team",
    "version": "1.0",
    "copyright": "2026, Review Team",
    "linkcheck_ignore": [".*"],
}


def warnings_of(app: Any) -> list[str]:
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError("network access is not allowed in tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def build(make_app: Any, rootdir: Path, tmp_path: Path) -> Any:
    """Build test root *root* with *buildername* in a private copy; return the app."""

    def run(buildername: str, root: str = "builders", **overrides: Any) -> Any:
        srcdir = tmp_path / f"{root}-{buildername}"
        shutil.copytree(rootdir / f"test-{root}", srcdir)
        app = make_app(buildername, srcdir=srcdir, confoverrides={**CONF, **overrides})
        app.build()
        return app

    return run


@pytest.mark.parametrize("root", ROOTS)
@pytest.mark.parametrize("buildername", BUILDERS)
def test_builds_without_warnings(build: Any, buildername: str, root: str) -> None:
    app = build(buildername, root)
    assert app.statuscode == 0
    assert warnings_of(app) == []
    assert any(Path(app.outdir).iterdir())


# -- HTML-like builders: every internal link lands on an existing file and id ----------


def broken_internal_links(outdir: Path, suffix: str, ours_only: bool = False) -> list[str]:
    """Internal links whose file or id is missing. *ours_only*: only links to the
    extension's anchors (singlehtml: Sphinx 8.2+ writes its own cross-page links as
    '#document-page#id', which lead nowhere, sphinx-doc/sphinx#14221; the extension
    mends its own links but leaves Sphinx's as Sphinx makes them)."""
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            soup = BeautifulSoup(path.read_text("utf8"), "html.parser")
            ids[path] = {str(t["id"]) for t in soup.select("[id]")} | {
                str(t["name"]) for t in soup.select("a[name]")
            }
        return ids[path]

    broken = []
    for page in sorted(outdir.rglob(f"*{suffix}")):
        soup = BeautifulSoup(page.read_text("utf8"), "html.parser")
        for link in soup.select("a[href]"):
            href = str(link["href"])
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("/"):
                continue  # external; the sample links to arxiv.org and doi.org
            if ours_only and not parts.fragment.startswith(("episode-", "lr-term-")):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / f"index{suffix}"
            where = f"{page.relative_to(outdir)}: {href!r}"
            if not target.is_file():
                broken.append(f"{where} (no file)")
            elif parts.fragment and unquote(parts.fragment) not in ids_of(target):
                broken.append(f"{where} (no id)")
    return broken


@pytest.mark.parametrize(
    ("buildername", "suffix"),
    [("html", ".html"), ("dirhtml", ".html"), ("singlehtml", ".html"), ("epub", ".xhtml")],
)
def test_internal_links_resolve(build: Any, buildername: str, suffix: str) -> None:
    app = build(buildername)
    outdir = Path(app.outdir)
    assert list(outdir.rglob(f"*{suffix}"))
    assert broken_internal_links(outdir, suffix, ours_only=buildername == "singlehtml") == []


@pytest.mark.parametrize("root", ["catalog-myst", "catalog-rst"])
@pytest.mark.parametrize(("buildername", "suffix"), [("html", ".html"), ("singlehtml", ".html")])
def test_catalog_episodes_are_reachable(build: Any, root: str, buildername: str, suffix: str) -> None:
    """Generated episode pages are orphans: singlehtml still holds them (as an appendix),
    so its links to episodes land on an id in the page."""
    outdir = Path(build(buildername, root).outdir)
    assert broken_internal_links(outdir, suffix, ours_only=buildername == "singlehtml") == []
    page = outdir / "index.html"
    ids = {str(t["id"]) for t in BeautifulSoup(page.read_text("utf8"), "html.parser").select("[id]")}
    if buildername == "singlehtml":
        assert "episode-e026" in ids
        assert "#episode-e026" in episode_links(page)


def episode_links(page: Path) -> set[str]:
    soup = BeautifulSoup(page.read_text("utf8"), "html.parser")
    return {str(a["href"]) for a in soup.select("a.litreview-ref-episode")}


def test_epub_links_ids_to_their_episodes(build: Any) -> None:
    outdir = Path(build("epub").outdir)
    assert "episodes.xhtml#episode-e026" in episode_links(outdir / "training.xhtml")
    assert [epub.name for epub in outdir.glob("*.epub")] == ["SampleReview.epub"]


def test_dirhtml_and_singlehtml_link_ids_to_their_episodes(build: Any) -> None:
    dirhtml = Path(build("dirhtml").outdir)
    assert "../episodes/#episode-e026" in episode_links(dirhtml / "training" / "index.html")
    single = Path(build("singlehtml").outdir)
    assert "#episode-e026" in episode_links(single / "index.html")


# -- LaTeX --------------------------------------------------------------------


def latex_source(outdir: Path) -> str:
    (tex,) = outdir.glob("*.tex")
    return tex.read_text("utf8")


def test_latex_links_ids_to_their_episode_labels(build: Any) -> None:
    tex = latex_source(Path(build("latex").outdir))
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex))
    targets = set(re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]", tex))
    assert {"episodes:episode-e026", "episodes:episode-e011", "glossary:lr-term-entropy"} <= (
        targets
    )
    assert targets <= labels, f"links without a label: {sorted(targets - labels)}"
    # The reference shows the ID, inside the link.
    assert re.search(r"\\hyperref\[\\detokenize\{episodes:episode-e026\}\]\{[^\n]*E026", tex)
    assert "{episode}" not in tex
    assert "Literature review · 2 episodes" in tex.replace("\\textperiodcentered{}", "·")


@pytest.mark.parametrize("root", ["catalog-myst", "catalog-rst"])
def test_latex_holds_catalog_episodes_in_an_appendix(build: Any, root: str) -> None:
    tex = latex_source(Path(build("latex", root).outdir))
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", tex))
    targets = set(re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]", tex))
    appendix = tex.index("\\appendix")
    assert tex.index("\\chapter{All episodes}") > appendix
    # Every generated episode is in the PDF, after the appendix mark, and links reach it.
    assert "episodes/E026:episode-e026" in labels
    assert "\\section{E026: " in tex[appendix:]
    assert "episodes/E026:episode-e026" in targets
    assert targets <= labels, f"links without a label: {sorted(targets - labels)}"


@pytest.mark.skipif(shutil.which("latexmk") is None, reason="latexmk is not installed")
@pytest.mark.skipif(bool(os.environ.get("LITREVIEW_SKIP_PDF")), reason="LITREVIEW_SKIP_PDF set")
def test_latex_compiles_to_pdf(build: Any) -> None:
    """Slow-ish (a few seconds of pdflatex); set LITREVIEW_SKIP_PDF=1 to skip."""
    outdir = Path(build("latex").outdir)
    (tex,) = outdir.glob("*.tex")
    result = subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=outdir, capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert tex.with_suffix(".pdf").stat().st_size > 0
    log = tex.with_suffix(".log").read_text("utf8", errors="replace")
    assert "Undefined control sequence" not in log
    assert not re.search(r"Reference `[^']*episode[^']*' .*undefined", log)


# -- text, man, texinfo ----------------------------------------------------------


def test_text_shows_ids_titles_and_labels_plainly(build: Any) -> None:
    outdir = Path(build("text").outdir)
    training = (outdir / "training.txt").read_text("utf8")
    assert "Literature review · 2 episodes" in training
    assert "← All topics · Glossary →" in training
    assert "*E026* **RL calibrates rather than discovers** (2025)" in training
    assert "{episode}" not in training
    episodes = (outdir / "episodes.txt").read_text("utf8")
    assert "E026: RL calibrates rather than discovers" in episodes
    assert "Cited in" in episodes
    assert "(2 citations)" in episodes


def man_text(outdir: Path) -> str:
    (page,) = outdir.glob("*.1")
    # Drop groff escapes (\%, \:, \fB…) to compare plain words.
    return re.sub(r"\\f[BIRP]|\\[%:&]", "", page.read_text("utf8")).replace("\\-", "-")


def test_man_shows_ids_and_titles_plainly(build: Any) -> None:
    text = man_text(Path(build("man").outdir))
    assert "E026: RL calibrates rather than discovers" in text
    assert "Literature review · 2 episodes" in text
    assert "Cited in" in text
    assert "{episode}" not in text


@pytest.mark.xfail(
    reason="Sphinx 9 with docutils 0.22 renders every internal man-page reference as "
    "'text <#anchor>' (sphinx-doc/sphinx#14427), ours and Sphinx's own alike",
    strict=False,
)
def test_man_internal_references_have_no_raw_anchors(build: Any) -> None:
    assert "<#" not in man_text(Path(build("man").outdir))


def test_texinfo_references_point_at_anchors(build: Any) -> None:
    outdir = Path(build("texinfo").outdir)
    (texi,) = outdir.glob("*.texi")
    source = texi.read_text("utf8")
    refs = re.findall(r"@ref\{([^,}]*),,([^}]*)\}", source)
    anchors = set(re.findall(r"@anchor\{([^}]*)\}", source))
    assert "E026" in {text for _node, text in refs}
    assert {node for node, _text in refs} <= anchors


# -- gettext, xml, linkcheck ----------------------------------------------------------


def msgids(outdir: Path) -> set[str]:
    found: set[str] = set()
    for pot in outdir.glob("*.pot"):
        found |= set(re.findall(r'^msgid "(.+)"$', pot.read_text("utf8"), re.MULTILINE))
    return found


def test_gettext_extracts_the_reviews_own_text_only(build: Any) -> None:
    ids = msgids(Path(build("gettext").outdir))
    assert "Training Methods" in ids
    assert any(i.startswith("RL calibrates rather than discovers {episode}`E026`") for i in ids)
    assert "Only about 20% of tokens carry high entropy." in ids
    assert "Uncertainty of the next-token distribution." in ids
    # Generated labels come from the extension's own catalog, not the project's.
    assert not ids & {"Authors", "Year", "Venue", "Tags", "Cited in", "Used in", "Glossary →"}


def test_xml_holds_resolved_internal_references(build: Any) -> None:
    outdir = Path(build("xml").outdir)
    tree = ET.parse(outdir / "training.xml")
    refs = [
        r for r in tree.iter("reference") if "litreview-ref-episode" in r.get("classes", "")
    ]
    assert refs
    assert {r.get("refuri") for r in refs} >= {"episodes#episode-e026", "episodes#episode-e011"}
    assert all(r.get("internal") in {"1", "True"} for r in refs)  # docutils 0.21 vs 0.22
    assert not list(tree.iter("pending_xref"))
    assert not list(tree.iter("litreview_view"))


def test_linkcheck_ignores_every_link_without_network(build: Any) -> None:
    outdir = Path(build("linkcheck").outdir)
    results = [
        json.loads(line) for line in (outdir / "output.json").read_text("utf8").splitlines()
    ]
    assert {"https://arxiv.org/abs/2504.13837", "https://doi.org/10.1234/abcd"} <= {
        r["uri"] for r in results
    }
    assert {r["status"] for r in results} == {"ignored"}
