"""Catalog text is data: parse it in a restricted mode.

Catalog files come from reference managers, shared libraries and scripts, not from
the site's author line by line, so their markup (summaries) may only produce inert
content: paragraphs, lists, inline markup, literal blocks, the cross-reference roles of
:data:`ALLOWED_ROLES`, and links whose target is http, https, mailto or relative.
Following docutils' "Deploying Docutils Securely":

* text is parsed with file insertion and raw output disabled, in a document of its
  own (so nothing it defines reaches the page's targets or substitutions);
* every directive is refused (none is needed for prose: the ones that read files, emit
  raw output or ``<meta>``, define objects or include content are exactly what must
  not run) and roles are looked up in an allow-list, so nothing else *runs*;
* MyST is run without extensions (no substitutions, no raw HTML extensions);
* the resulting tree is then sanitised against an allow-list of node types and
  attributes before it joins the page, whatever the parser produced.

Everything refused or dropped is reported as ``litreview.catalog`` with the catalog
file, line, record and field. Hand-written directives do not come here: the author's
own pages keep full power.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from copy import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes, utils
from docutils.parsers.rst import Directive, roles
from docutils.parsers.rst import directives as rst_directives
from docutils.utils import Reporter
from sphinx import addnodes
from sphinx.util import logging as sphinx_logging

from .warnings_ import LitreviewWarning, warn

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

#: Roles catalog text may use (lower case, as docutils normalises role names).
ALLOWED_ROLES = frozenset({
    # the review's own cross-references
    "episode", "litreview:episode", "term", "std:term", "litreview:term",
    "topic", "litreview:topic", "tag", "litreview:tag",
    # links to the site's pages
    "doc", "std:doc", "ref", "std:ref",
    # inline formatting
    "emphasis", "strong", "literal", "code", "sub", "sup", "subscript", "superscript",
    "math", "abbr", "abbreviation", "ac", "acronym", "title-reference", "title", "t",
    "kbd", "samp", "",
})

#: Node types kept as they are (their children are checked too).
_KEPT: tuple[type[nodes.Node], ...] = (
    nodes.Text,
    nodes.paragraph, nodes.bullet_list, nodes.enumerated_list, nodes.list_item,
    nodes.definition_list, nodes.definition_list_item, nodes.term, nodes.classifier,
    nodes.definition, nodes.field_list, nodes.field, nodes.field_name, nodes.field_body,
    nodes.option_list, nodes.option_list_item, nodes.option_group, nodes.option,
    nodes.option_string, nodes.option_argument, nodes.description,
    nodes.block_quote, nodes.attribution, nodes.literal_block, nodes.doctest_block,
    nodes.line_block, nodes.line, nodes.transition, nodes.rubric,
    nodes.table, nodes.tgroup, nodes.colspec, nodes.thead, nodes.tbody, nodes.row, nodes.entry,
    nodes.emphasis, nodes.strong, nodes.literal, nodes.subscript, nodes.superscript,
    nodes.title_reference, nodes.abbreviation, nodes.acronym, nodes.inline,
    nodes.math, nodes.math_block, nodes.generated,
    addnodes.literal_emphasis, addnodes.literal_strong,
)

#: Attributes that give a node an identity or tie it to other nodes of its document:
#: catalog text lives in a page it did not make, so it gets none.
_IDENTITY_ATTRIBUTES = (
    "ids", "names", "dupnames", "backrefs", "refid", "refname", "anonymous", "name",
)

#: Cross-references the allowed roles make: (domain, type); MyST's own links are
#: ``reftype="myst"`` with no domain.
_ALLOWED_XREFS = frozenset({
    ("litreview", "episode"), ("litreview", "term"), ("litreview", "topic"),
    ("litreview", "tag"), ("std", "term"), ("std", "doc"), ("std", "ref"), (None, "myst"),
})

_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
# Browsers drop these anywhere in a URL before looking at its scheme.
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")


def safe_uri(uri: str) -> bool:
    """Whether *uri* is http, https, mailto or relative (no scheme at all)."""
    cleaned = _IGNORED_IN_URLS.sub("", uri).lower()
    match = _SCHEME.match(cleaned)
    if match is None:
        # No scheme: relative. An entity-encoded scheme has already been decoded by
        # the parser, and a ':' after a '/', '?' or '#' is no scheme.
        return ":" not in cleaned.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return match.group(1) in _SAFE_SCHEMES


@dataclass(frozen=True, slots=True)
class Where:
    """The catalog text being parsed: for warnings and for the nodes' source lines."""

    file: str
    line: int
    record: str
    field: str

    def location(self, line: int | None = None) -> str:
        offset = max((line or 1) - 1, 0)
        return f"{self.file}:{self.line + offset}" if self.line else self.file

    def prefix(self) -> str:
        return f"catalog {self.file.rsplit('/', 1)[-1]}, record {self.record}, field {self.field!r}"


@dataclass
class _Report:
    where: Where
    problems: list[tuple[int | None, str]] = field(default_factory=list)

    def add(self, line: int | None, reason: str) -> None:
        self.problems.append((line, reason))

    def emit(self) -> None:
        for line, reason in self.problems:
            warn(
                LitreviewWarning.CATALOG,
                f"{self.where.prefix()}: {reason}",
                location=self.where.location(line),
            )


def parse_catalog_text(
    text: str, *, markdown: bool, document: nodes.document, where: Where
) -> list[nodes.Node]:
    """*text* (MyST when *markdown*, else reST) as sanitised nodes for *document*.

    Problems are reported as ``litreview.catalog`` warnings at the catalog's lines.
    """
    if not text.strip():
        return []
    if _is_plain_prose(text):
        return _plain_paragraphs(text, document, where)
    report = _Report(where)
    env: BuildEnvironment = document.settings.env
    fragment = _fragment_document(document, where)
    # What the parsers, MyST and the allowed roles log goes to the catalog's place.
    with sphinx_logging.suppress_logging() as captured, _restricted_lookups(report):
        try:
            if markdown:
                _parse_myst(text, fragment, env)
            else:
                _parse_rst(text, fragment)
        except Exception as exc:  # a parser bug must not take the page down
            report.add(None, f"could not be parsed ({type(exc).__name__}: {exc}); shown as text")
            fragment.children = [nodes.paragraph(text, text)]
    for record in captured.clear():
        _relay(record, report)
    result: list[nodes.Node] = []
    for child in list(fragment.children):
        result += _sanitise(child, report)
    _adopt(result, document, where)
    report.emit()
    return result


# Text without these has no markup in MyST or reST (most abstracts are such): ``@``
# and ``://`` because reST links bare e-mail addresses and URLs, ``::`` opens a
# literal block.
_MARKUP_CHARACTERS = frozenset("`*_[]<>{}#|\\$&~=^@")
_MARKUP_STRINGS = ("::", "://")
# A line starting so could open a list, a quote, a field, a comment or a block.
_BLOCK_START = re.compile(r"\s|[-+:%(!\"'.]|[0-9A-Za-z]{1,3}[.)](\s|$)")


def _is_plain_prose(text: str) -> bool:
    """Whether *text* is paragraphs of words both parsers would leave as they are."""
    if not _MARKUP_CHARACTERS.isdisjoint(text) or any(s in text for s in _MARKUP_STRINGS):
        return False
    return not any(_BLOCK_START.match(line) for line in text.splitlines() if line)


def _plain_paragraphs(text: str, document: nodes.document, where: Where) -> list[nodes.Node]:
    """The nodes either parser makes of plain prose (tests compare them), without a
    parser: thousands of catalog summaries are read on a big review's full build."""
    result: list[nodes.Node] = []
    line = 1
    for block in re.split(r"\n[ \t]*\n", text.strip("\n")):
        lines = block.strip("\n")
        para = nodes.paragraph(lines, lines)
        para.source = where.file
        para.line = where.line + line - 1 if where.line else None
        para.document = document
        result.append(para)
        line += block.count("\n") + 2
    return result


@functools.cache
def _parser_defaults() -> dict[str, Any]:
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser

    return vars(get_default_settings(Parser))


def _fragment_document(document: nodes.document, where: Where) -> nodes.document:
    settings = copy(document.settings)
    for name, value in _parser_defaults().items():
        # What the page's own parser (not reST's) left unset.
        if not hasattr(settings, name):
            setattr(settings, name, value)
    settings.file_insertion_enabled = False
    settings.raw_enabled = False
    settings.line_length_limit = 10_000
    # Nothing printed, nothing fatal: messages are collected from the tree and relayed.
    reporter = Reporter(where.file, Reporter.SEVERE_LEVEL + 1, Reporter.SEVERE_LEVEL + 1,
                        stream=False)
    fragment = nodes.document(settings, reporter, source=where.file)
    fragment.note_source(where.file, -1)
    return fragment


def _parse_rst(text: str, fragment: nodes.document) -> None:
    from docutils.parsers.rst import Parser

    Parser().parse(text, fragment)


def _parse_myst(text: str, fragment: nodes.document, env: BuildEnvironment) -> None:
    from myst_parser.config.main import MdParserConfig
    from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
    from myst_parser.parsers.mdit import create_md_parser

    # The project's MyST settings are for the author's pages; catalog text gets plain
    # CommonMark with MyST roles: no substitutions, no raw-HTML extensions, no <meta>.
    # (Colon fences only so that a ':::{x}' block is seen as the directive it is, and
    # refused and reported, rather than shown as text.)
    config = MdParserConfig(enable_extensions={"colon_fence"})
    parser = create_md_parser(config, SphinxRenderer)
    parser.options["document"] = fragment
    # markdown-it silently turns javascript:/data: links into text; let them through to
    # the sanitiser, which unlinks and reports every unsafe link the same way.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    # A leading "---" would be read as front matter (page metadata): never for catalog text.
    parser.render("\n" + text)
    for node in fragment.findall():
        if node.line:
            node.line -= 1


# -- what may run ----------------------------------------------------------------------


@contextmanager
def _restricted_lookups(report: _Report) -> Iterator[None]:
    """Directives are all refused; roles come from :data:`ALLOWED_ROLES`.

    Refused ones are replaced (not failed), so no parser warning about an "unknown"
    role or directive is emitted: the report says what happened instead.
    """
    original_directive = rst_directives.directive
    original_role = roles.role

    def directive(name: str, language_module: Any, document: Any) -> tuple[Any, list[Any]]:
        return _refused_directive(name, report), []

    def role(name: str, language_module: Any, lineno: int, reporter: Any) -> tuple[Any, list[Any]]:
        if name.lower() in ALLOWED_ROLES:
            if not name:  # the default role: the project may have set any role as default
                return original_role("title-reference", language_module, lineno, reporter)
            return original_role(name, language_module, lineno, reporter)
        return _refused_role(name, report), []

    rst_directives.directive = directive  # type: ignore[assignment]
    roles.role = role  # type: ignore[assignment]
    try:
        yield
    finally:
        rst_directives.directive = original_directive
        roles.role = original_role


def _refused_role(name: str, report: _Report) -> Callable[..., Any]:
    def refused(role: str, rawtext: str, text: str, lineno: int, inliner: Any,
                options: Any = None, content: Any = None) -> tuple[list[nodes.Node], list[Any]]:
        report.add(lineno, f"role {name!r} is not allowed in catalog text; its text is shown as written")
        return [nodes.Text(utils.unescape(text))], []

    return refused


class _AnyOption(dict[str, Any]):
    def __contains__(self, key: object) -> bool:
        return True

    def __getitem__(self, key: str) -> Callable[[Any], Any]:
        return rst_directives.unchanged

    def get(self, key: str, default: Any = None) -> Callable[[Any], Any]:
        return rst_directives.unchanged


def _refused_directive(name: str, report: _Report) -> type[Directive]:
    class Refused(Directive):
        has_content = True
        optional_arguments = 99
        final_argument_whitespace = True
        option_spec: ClassVar[dict[str, Any]] = _AnyOption()  # type: ignore[misc]

        def run(self) -> list[nodes.Node]:
            report.add(
                self.lineno,
                f"directive {name!r} is not allowed in catalog text (only text, lists, "
                "links and the review's roles are); it is left out",
            )
            return []

    return Refused


def _relay(record: logging.LogRecord, report: _Report) -> None:
    """A log record of the parse, told at the catalog's place."""
    if record.levelno < logging.WARNING:
        return
    location = getattr(record, "location", None)
    line = location[1] if isinstance(location, tuple) and len(location) == 2 else None
    report.add(line if isinstance(line, int) else None, record.getMessage())


# -- what may stay -----------------------------------------------------------------


def _sanitise(node: nodes.Node, report: _Report) -> list[nodes.Node]:
    """*node* as it may appear on the page: itself, something inert, or nothing."""
    line = node.line if isinstance(node, nodes.Element) else None
    if isinstance(node, nodes.system_message):
        if node["level"] >= Reporter.WARNING_LEVEL:
            report.add(node.get("line"), _message_text(node))
        return []
    if isinstance(node, nodes.comment):
        return []  # invisible by design
    if isinstance(node, nodes.problematic):
        return [nodes.Text(node.astext())]
    if isinstance(node, nodes.section):
        # Headings in a summary become bold paragraphs: a summary has no sections.
        kept: list[nodes.Node] = []
        for child in node.children:
            if isinstance(child, nodes.title):
                para = nodes.paragraph()
                para += nodes.strong("", "", *_sanitise_children(child, report))
                kept.append(para)
            else:
                kept += _sanitise(child, report)
        return kept
    if isinstance(node, addnodes.download_reference):
        report.add(line, f"links to files ({node.get('reftarget')!r}) are not allowed in catalog "
                   "text: they would publish the file; its text is kept, unlinked")
        return _sanitise_children(node, report)
    if isinstance(node, nodes.reference):
        uri = node.get("refuri")
        if not uri or not safe_uri(uri):
            shown = f" ({uri!r})" if uri else ""
            report.add(line, f"link{shown} is not http, https, mailto or relative; its text is kept, unlinked")
            return _sanitise_children(node, report)
        for name in list(node.attributes):
            if name not in ("refuri", "classes", "reftitle"):
                del node.attributes[name]
        _forget_identity(node)
        _set_children(node, _sanitise_children(node, report))
        return [node]
    if isinstance(node, addnodes.pending_xref):
        kind = (node.get("refdomain") or None, node.get("reftype"))
        if kind not in _ALLOWED_XREFS:
            report.add(line, f"reference type {node.get('reftype')!r} is not allowed; its text is kept")
            return _sanitise_children(node, report)
        if kind == (None, "myst") and not safe_uri(str(node.get("reftarget", ""))):
            report.add(
                line,
                f"link ({node.get('reftarget')!r}) is not http, https, mailto or relative; "
                "its text is kept, unlinked",
            )
            return _sanitise_children(node, report)
        _set_children(node, _sanitise_children(node, report))
        return [node]
    if isinstance(node, nodes.raw):
        # Markup from elsewhere is data: shown as the text it is, never interpreted
        # (nothing is lost, so nothing to report).
        text = nodes.Text(node.astext())
        return [text] if isinstance(node.parent, nodes.TextElement) else [nodes.paragraph("", "", text)]
    if isinstance(node, nodes.substitution_reference):
        report.add(line, f"substitutions (|{node.get('refname', node.astext())}|) are not evaluated in catalog text")
        return [nodes.Text(node.rawsource or node.astext())]
    if isinstance(node, _KEPT):
        if isinstance(node, nodes.Element):
            _forget_identity(node)
            _set_children(node, _sanitise_children(node, report))
        return [node]
    # Anything else (raw output, images and figures, targets, footnotes, downloads,
    # metadata, pending transforms, unknown extension nodes) is left out.
    what = type(node).__name__.replace("_", " ")
    shown = node.astext().strip() if isinstance(node, nodes.Element) else ""
    report.add(line, f"{what} is not allowed in catalog text; it is left out"
               + (f" (text: {shown[:60]!r})" if shown else ""))
    return []


def _sanitise_children(node: nodes.Node, report: _Report) -> list[nodes.Node]:
    kept: list[nodes.Node] = []
    for child in list(node.children) if isinstance(node, nodes.Element) else ():
        kept += _sanitise(child, report)
    return kept


def _forget_identity(node: nodes.Element) -> None:
    for name in _IDENTITY_ATTRIBUTES:
        node.attributes.pop(name, None)
    for name in node.list_attributes:  # docutils expects these lists on every element
        node.attributes.setdefault(name, [])


def _set_children(node: nodes.Element, children: list[nodes.Node]) -> None:
    node.children = []
    node.extend(children)


def _message_text(message: nodes.system_message) -> str:
    first = message.children[0] if message.children else None
    text = first.astext() if isinstance(first, nodes.paragraph) else message.astext()
    return " ".join(text.split())


def _adopt(result: list[nodes.Node], document: nodes.document, where: Where) -> None:
    """Make the nodes the page's own: its document, and the catalog's file and lines
    (so a later warning, e.g. an unknown episode, names the catalog, not the page)."""
    for top in result:
        top.parent = None
        for node in top.findall():
            node.document = document
            if isinstance(node, nodes.Element):
                node.source = where.file
                node.line = where.line + max((node.line or 1) - 1, 0) if where.line else None
