"""Exports: records → BibTeX and CSL-JSON → read back as a catalog → the same records.

The CSL-JSON schema is built from the CSL 1.0.2 RELAX NG lists of item types and
variables that citeproc-py ships (``citeproc/data/schema``, MIT): the official
``csl-data.json`` is not in any package this project can install, and these lists
are what it is generated from.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest

from sphinxcontrib_litreview.catalog.readers import read_catalog
from sphinxcontrib_litreview.catalog.records import CatalogRecord
from sphinxcontrib_litreview.references.bibtex_export import bibtex_entry, escape_latex, write_bibtex
from sphinxcontrib_litreview.references.csl_json import csl_item, write_csl_json

DATA = Path(__file__).resolve().parent / "data"

TRICKY = CatalogRecord(
    id="E900",
    type="paper-conference",
    title="RL <i>calibrates</i> NASA's R&D -- 50% of {x} ~ a^b_c `q' ``dq'' \\ <sup>2</sup>",
    authors=("van Gogh, Vincent", "Smith, John, Jr.", "The Reasoning Team", "Barnes and Noble, Inc."),
    editors=("Doe, Jane",),
    year=2024,
    venue='Proc. of <b>ICML</b> <span style="font-variant:small-caps;">sc</span>',
    url="https://example.org/a_b%20c?d=1#e",
    doi="10.1000/a_b(c)",
    tags=("rl", "token level"),
    summary="Para one with \\ and {term}`x` & 5%.\n\nPara two -- here.",
    volume="3",
    issue="2",
    pages="100-120",
    publisher="PMLR",
    isbn="978-0-262-03384-8",
    accessed="2024-05",
)


def catalog_records() -> list[CatalogRecord]:
    records = [TRICKY]
    for path in (
        DATA / "catalog" / "episodes.yaml",
        DATA / "catalog" / "zotero.json",
        DATA / "catalog" / "refs.bib",
        DATA / "references" / "xampl.bib",
        DATA / "references" / "tugboat-slice.bib",
        *sorted((DATA / "references" / "sphinxcontrib-bibtex").glob("*.bib")),
    ):
        read, _problems = read_catalog(path)
        records.extend(read)
    return records


def comparable(record: CatalogRecord) -> CatalogRecord:
    # Where a record was read is not part of it.
    return dataclasses.replace(record, source="", line=0, field_lines=())


def read_back(tmp_path: Path, name: str, text: str) -> list[CatalogRecord]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    records, problems = read_catalog(path)
    assert problems == [problem for problem in problems if "no 'title'" in problem.reason]
    return records


def test_csl_json_round_trip(tmp_path: Path) -> None:
    records = catalog_records()
    assert len(records) > 150
    back = read_back(tmp_path, "references.json", write_csl_json(records))
    assert [comparable(r) for r in back] == [comparable(r) for r in records]


def test_bibtex_round_trip(tmp_path: Path) -> None:
    # The Zotero item whose ID is a URI is no BibTeX key; it is left out and named.
    records = catalog_records()
    export = write_bibtex(records)
    assert export.skipped == ()
    back = read_back(tmp_path, "references.bib", export.text)
    assert [comparable(r) for r in back] == [comparable(r) for r in records]


def test_rich_text_in_bibtex() -> None:
    entry = bibtex_entry(TRICKY)
    assert entry is not None
    assert entry.startswith("@inproceedings{E900,\n")
    # Capitals braced, specials escaped, ligatures broken, emphasis as commands.
    assert (
        r"title     = {{RL} \textit{calibrates} {NASA's} {R\&D} -{}- 50\% of "
        r"\textbraceleft{}x\textbraceright{} \textasciitilde{} a\textasciicircum{}b\_c"
    ) in entry
    assert r"booktitle = {Proc. of \textbf{ICML} \textsc{sc}}" in entry
    assert "author    = {van Gogh, Vincent and Smith, Jr., John and {The Reasoning Team} and " \
        "{Barnes and Noble}, Inc.}" in entry


def test_bibtex_key_that_cannot_be_written() -> None:
    export = write_bibtex([CatalogRecord(id="E1,2", title="Comma"), CatalogRecord(id="E3", title="Ok")])
    assert export.skipped == ("E1,2",)
    assert export.text.startswith("@misc{E3,")


@pytest.mark.parametrize("text", ["--", "---", "``", "''", "~", "^", "\\", "{", "}", "%", "&", "$", "#", "_"])
def test_escaped_text_reads_back(tmp_path: Path, text: str) -> None:
    path = tmp_path / "e.bib"
    path.write_text(f"@misc{{E001, title = {{a{escape_latex(text)}b}}}}\n", encoding="utf-8")
    records, problems = read_catalog(path)
    assert problems == []
    assert records[0].title == f"a{text}b"


def test_pybtex_parses_every_field() -> None:
    from pybtex.database import parse_string

    records = list({record.id: record for record in catalog_records()}.values())
    data = parse_string(write_bibtex(records).text, "bibtex")
    assert len(data.entries) == len(records)
    entry = data.entries["E900"]
    assert entry.type == "inproceedings"
    assert [str(person) for person in entry.persons["author"]] == [
        "van Gogh, Vincent", "Smith, Jr., John", "{The Reasoning Team}", "{Barnes and Noble}, Inc."
    ]
    assert [str(person) for person in entry.persons["editor"]] == ["Doe, Jane"]
    fields = {name.lower(): value for name, value in entry.fields.items()}
    assert {
        "title", "year", "booktitle", "publisher", "volume", "issue", "pages", "isbn", "doi",
        "url", "urldate", "keywords", "abstract",
    } <= set(fields)
    assert fields["url"] == TRICKY.url
    assert fields["pages"] == "100--120"


# -- CSL-JSON schema -----------------------------------------------------------------------


def csl_schema() -> dict[str, Any]:
    import citeproc

    styles = Path(citeproc.__file__).parent / "data" / "schema" / "schemas" / "styles"
    types = re.findall(r'"([\w-]+)"', (styles / "csl-types.rnc").read_text(encoding="utf-8"))
    variables = (styles / "csl-variables.rnc").read_text(encoding="utf-8")

    def group(name: str) -> list[str]:
        body = re.search(rf"variables\.{name} =(.*?)(?:\n\s*\n|\n\s*variables\.|\n\}})", variables, re.S)
        assert body is not None, name
        return re.findall(r'"([\w-]+)"', body.group(1))

    name = {
        "type": "object",
        "properties": {
            key: {"type": "string"}
            for key in ("family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal")
        },
        "additionalProperties": False,
    }
    date = {
        "type": "object",
        "properties": {
            "date-parts": {
                "type": "array",
                "items": {"type": "array", "items": {"type": ["string", "number"]}, "minItems": 1, "maxItems": 3},
                "minItems": 1,
                "maxItems": 2,
            },
            "raw": {"type": "string"},
            "literal": {"type": "string"},
        },
        "additionalProperties": False,
    }
    properties: dict[str, Any] = {"id": {"type": ["string", "number"]}, "type": {"enum": types}}
    properties.update({variable: {"type": "array", "items": name} for variable in group("names")})
    properties.update({variable: date for variable in group("dates")})
    for kind in ("numbers", "titles", "strings"):
        properties.update({variable: {"type": ["string", "number"]} for variable in group(kind)})
    return {
        "type": "array",
        "items": {
            "type": "object",
            "properties": properties,
            "required": ["id", "type"],
            "additionalProperties": False,
        },
    }


def test_csl_json_is_valid() -> None:
    import jsonschema

    schema = csl_schema()
    assert "paper-conference" in schema["items"]["properties"]["type"]["enum"]
    assert "container-title" in schema["items"]["properties"]
    items = json.loads(write_csl_json(catalog_records()))
    jsonschema.validate(items, schema)


def test_csl_item_of_a_record_without_container() -> None:
    record = CatalogRecord(id="E1", title="T", venue="arXiv", publisher="arXiv", year=2026)
    item = csl_item(record)
    assert item == {
        "id": "E1", "type": "document", "title": "T", "issued": {"date-parts": [[2026]]},
        "publisher": "arXiv", "citation-key": "E1",
    }
