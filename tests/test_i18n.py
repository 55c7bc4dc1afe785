"""Generated labels are translated (German ships), with plural forms, and the
shipped catalog is in step with the code."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

import sphinxcontrib_litreview
from sphinxcontrib_litreview.i18n import LOCALE_DIR, MESSAGE_CATALOG_NAME

PO_DE = LOCALE_DIR / "de" / "LC_MESSAGES" / f"{MESSAGE_CATALOG_NAME}.po"
MO_DE = PO_DE.with_suffix(".mo")
POT = LOCALE_DIR / f"{MESSAGE_CATALOG_NAME}.pot"


def warnings_of(app: Any) -> list[str]:
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]


def page(outdir: Path, docname: str) -> BeautifulSoup:
    return BeautifulSoup((Path(outdir) / f"{docname}.html").read_text("utf8"), "html.parser")


def texts(soup: BeautifulSoup | Tag, css: str) -> list[str]:
    return [tag.get_text(" ", strip=True) for tag in soup.select(css)]


@pytest.fixture
def german(app: Any) -> Any:
    app.build()
    assert warnings_of(app) == []
    return app


@pytest.mark.sphinx("html", testroot="i18n")
def test_topic_header_in_german_with_plural_forms(german: Any) -> None:
    assert texts(page(german.outdir, "one"), ".litreview-kicker") == [
        "Literaturübersicht · 1 Episode"
    ]
    many = page(german.outdir, "many")
    assert texts(many, ".litreview-kicker") == ["Literaturübersicht · 3 Episoden"]
    assert texts(many, ".litreview-nav a") == ["← Alle Themen", "Glossar →"]
    assert texts(many, "table.litreview-episode-list thead th") == [
        "ID", "Titel", "Jahr", "Zusammenfassung"
    ]


@pytest.mark.sphinx("html", testroot="i18n")
def test_episode_metadata_and_cited_in_in_german(german: Any) -> None:
    soup = page(german.outdir, "episodes")
    assert texts(soup, "dl.litreview-metadata dt") == [
        "Autoren :", "Jahr :", "Erschienen in :", "Link :", "DOI :", "Schlagwörter :"
    ]
    assert set(texts(soup, ".litreview-cited-in .rubric")) == {"Zitiert in"}
    e001 = soup.select_one("#episode-e001").find_parent("dl")
    counts = dict(
        zip(
            texts(e001, ".litreview-cited-in li a"),
            texts(e001, ".litreview-cited-in li .litreview-count"),
            strict=True,
        )
    )
    assert counts == {"Ein Thema": "(1 Zitierung)", "Viele Themen": "(2 Zitierungen)"}
    assert texts(soup, "table.litreview-episode-index thead th") == [
        "ID", "Titel", "Jahr", "Schlagwörter", "Zitiert von"
    ]


@pytest.mark.sphinx("html", testroot="i18n")
def test_glossary_labels_in_german(german: Any) -> None:
    soup = page(german.outdir, "glossary")
    assert texts(soup, ".litreview-used-in .rubric") == ["Verwendet in"]
    assert texts(soup, ".litreview-aliases") == ["Auch: Entropien"]
    assert texts(soup, ".litreview-term-index .litreview-count") == ["(3 Verwendungen)"]


@pytest.mark.sphinx("html", testroot="i18n")
def test_empty_list_topic_index_and_domain_indices_in_german(german: Any) -> None:
    assert texts(page(german.outdir, "empty"), ".litreview-empty") == ["Noch keine Episoden."]
    topics = texts(page(german.outdir, "topics"), ".litreview-topic-index > li > p:first-child")
    assert topics == ["Ein Thema · 1 Episode", "Viele Themen · 3 Episoden"]
    assert page(german.outdir, "litreview-episodeindex").title.get_text().startswith(
        "Episodenverzeichnis"
    )
    assert page(german.outdir, "litreview-termindex").title.get_text().startswith(
        "Begriffsverzeichnis"
    )
    text = (Path(german.outdir) / "searchindex.js").read_text("utf8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    labels = {label for _domain, _type, label in index["objnames"].values()}
    # Sphinx's own German catalog joins domain label and type with a hyphen.
    assert labels == {
        "Literaturübersicht-Episode", "Literaturübersicht-Begriff", "Literaturübersicht-Thema",
        "Literaturübersicht-Schlagwort",
    }


@pytest.mark.sphinx(
    "html", testroot="i18n", srcdir="i18n-title", confoverrides={"litreview_title": "Lesekreis"}
)
def test_a_configured_title_is_kept_as_written(german: Any) -> None:
    assert texts(page(german.outdir, "one"), ".litreview-kicker") == ["Lesekreis · 1 Episode"]


@pytest.mark.sphinx("html", testroot="i18n", srcdir="i18n-en", confoverrides={"language": "en"})
def test_english_is_the_source_language(german: Any) -> None:
    assert texts(page(german.outdir, "one"), ".litreview-kicker") == [
        "Literature review · 1 episode"
    ]
    assert texts(page(german.outdir, "many"), ".litreview-kicker") == [
        "Literature review · 3 episodes"
    ]
    assert set(texts(page(german.outdir, "episodes"), ".litreview-cited-in .rubric")) == {
        "Cited in"
    }


# -- the shipped catalog ------------------------------------------------------


def read_catalogs() -> tuple[Any, Any, Any]:
    pofile = pytest.importorskip("babel.messages.pofile")
    mofile = pytest.importorskip("babel.messages.mofile")
    with POT.open("rb") as pot, PO_DE.open("rb") as po, MO_DE.open("rb") as mo:
        return pofile.read_po(pot), pofile.read_po(po, locale="de"), mofile.read_mo(mo)


def message_ids(catalog: Any) -> set[Any]:
    return {message.id for message in catalog if message.id}


def test_catalog_ships_as_package_data() -> None:
    assert Path(sphinxcontrib_litreview.__file__).parent / "locale" == LOCALE_DIR
    assert POT.is_file()
    assert PO_DE.is_file()
    assert MO_DE.is_file()


def test_pot_is_in_step_with_the_code() -> None:
    pytest.importorskip("babel")
    sys.path.insert(0, str(LOCALE_DIR))
    try:
        import update  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(LOCALE_DIR))
    pot, _po, _mo = read_catalogs()
    assert message_ids(update.extract()) == message_ids(pot), (
        "run: python sphinxcontrib_litreview/locale/update.py"
    )


def test_german_translation_is_complete_and_compiled() -> None:
    pot, po, mo = read_catalogs()
    assert message_ids(po) == message_ids(pot)
    assert po.plural_forms == "nplurals=2; plural=(n != 1);"
    for message in po:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"untranslated: {message.id!r}"
        compiled = mo.get(message.id)
        assert compiled is not None, f"not compiled (run update.py compile): {message.id!r}"
        as_compiled = tuple(compiled.string) if isinstance(message.string, tuple) else (
            compiled.string
        )
        assert as_compiled == message.string, f".mo is stale for {message.id!r}"


def test_german_plural_labels() -> None:
    _pot, po, _mo = read_catalogs()
    plurals = {m.id[0]: m.string for m in po if isinstance(m.id, tuple)}
    assert plurals["%d episode"] == ("%d Episode", "%d Episoden")
    assert plurals["%d citation"] == ("%d Zitierung", "%d Zitierungen")
    assert plurals["%d use"] == ("%d Verwendung", "%d Verwendungen")
