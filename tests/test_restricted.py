"""restricted.py: which URLs are safe, and the parser-free path for plain prose."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docutils import nodes

from sphinxcontrib_litreview import restricted
from sphinxcontrib_litreview.restricted import Where, parse_catalog_text, safe_uri


@pytest.mark.parametrize("uri", [
    "https://example.org/x", "http://a.b", "mailto:someone@example.org", "page.html",
    "../other/page.html#frag", "#anchor", "//example.org/protocol-relative", "a/b:c",
])
def test_safe_uris(uri: str) -> None:
    assert safe_uri(uri)


@pytest.mark.parametrize("uri", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "java\nscript:x", "\x00javascript:x", "data:text/html;base64,AAAA", "vbscript:x", "file:///etc/passwd",
    "ftp://example.org", "inv:sphinx#x", "path:../x",
])
def test_unsafe_uris(uri: str) -> None:
    assert not safe_uri(uri)


PROSE = [
    "One sentence.",
    "Two lines\nof one paragraph, with punctuation (like this), 20% of it; and \"quotes\".",
    "First paragraph.\n\nSecond paragraph, after a blank line.\n",
    "Numbers 1. and 2) inside a line, dashes - and -- too, Smith et al. 2020.",
    "Résumé: naïve café, 熵 and λόγος.",
]


def _shape(result: list[nodes.Node]) -> list[tuple[str, str]]:
    return [(node.tagname, node.astext()) for node in result]


@pytest.mark.parametrize("text", PROSE)
def test_plain_prose_is_what_the_parsers_make(text: str, app: Any) -> None:
    assert restricted._is_plain_prose(text)
    document = _document(app)
    where = Where("/x/catalog.yaml", 3, "E001", "summary")
    fast = parse_catalog_text(text, markdown=True, document=document, where=where)
    for markdown in (True, False):
        original = restricted._is_plain_prose
        restricted._is_plain_prose = lambda _text: False  # type: ignore[assignment]
        try:
            parsed = parse_catalog_text(text, markdown=markdown, document=document, where=where)
        finally:
            restricted._is_plain_prose = original  # type: ignore[assignment]
        assert _shape(fast) == _shape(parsed)
        assert all(isinstance(node, nodes.paragraph) for node in parsed)
    assert fast[0].source == "/x/catalog.yaml" and fast[0].line == 3


@pytest.mark.parametrize("text", [
    "- a list", "1. a list", "a. a list", "(a) a list", ":field: list", "Title\n=====",
    "see http://example.org", "mail me@example.org", "*emphasis*", "a `literal`",
    "A paragraph::\n\n    literal", "    indented", "% a MyST comment", "> a quote",
    "{term}`x`", "a | b",
])
def test_markup_takes_the_parser(text: str) -> None:
    assert not restricted._is_plain_prose(text)


def _document(app: Any) -> nodes.document:
    from sphinx.util.docutils import new_document

    document = new_document("<test>")
    document.settings.env = app.env
    if hasattr(app.env, "current_document"):  # Sphinx 8.2+
        app.env.current_document.docname = "episodes/E001"
    else:
        app.env.temp_data["docname"] = "episodes/E001"
    return document


@pytest.fixture
def app(make_app: Any, tmp_path: Path) -> Any:
    (tmp_path / "conf.py").write_text('extensions = ["myst_parser", "sphinxcontrib_litreview"]\n')
    (tmp_path / "index.md").write_text("# Index\n")
    return make_app("html", srcdir=tmp_path)
