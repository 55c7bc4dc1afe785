"""Inline labels for every litreview_episode_label mode."""

from __future__ import annotations

import pytest

from sphinxcontrib_litreview.catalog.records import CatalogRecord
from sphinxcontrib_litreview.references.labels import LABEL_MODES, citation_group, episode_labels

RECORDS = [
    CatalogRecord(id="E001", title="RL <i>calibrates</i>: a study", authors=("Doe, Jane", "Roe, Rick"), year=2025),
    CatalogRecord(id="E002", title="Scaling", authors=("Smith, Ann", "Li, Wei", "Kim, Su"), year=2024),
    CatalogRecord(id="E003", title="Another", authors=("Doe, Jane", "Roe, Rick"), year=2025),
    CatalogRecord(id="E004", title="Solo", authors=("Smith, Ann, Jr.",), year=2024),
    CatalogRecord(id="E005", title="Edited volume", editors=("van Gogh, Vincent",), year=1990),
    CatalogRecord(id="E006", title="Anonymous: the report"),
    CatalogRecord(id="E007", title="Team work", authors=("The Reasoning Team",), year=2023),
    CatalogRecord(id="E008"),
    CatalogRecord(id="E009", title="Undated", authors=("Roe, Rick",)),
    CatalogRecord(id="E010", title="Undated too", authors=("Roe, Rick",)),
]


def test_id_labels() -> None:
    assert episode_labels(RECORDS, "id") == {record.id: record.id for record in RECORDS}


def test_title_labels() -> None:
    labels = episode_labels(RECORDS, "title")
    assert labels["E001"] == "RL calibrates: a study"  # plain text, no markup
    assert labels["E008"] == "E008"  # no title: the ID


def test_author_year_labels() -> None:
    # E003 is cited first, so it is 2025a.
    labels = episode_labels(RECORDS, "author-year", citation_order=["E003", "E002", "E003", "E001"])
    assert labels == {
        "E001": "Doe & Roe, 2025b",
        "E002": "Smith et al., 2024",
        "E003": "Doe & Roe, 2025a",
        "E004": "Smith, 2024",
        "E005": "van Gogh, 1990",  # editors when there is no author
        "E006": "Anonymous, n.d.",  # the title's main part when there is neither
        "E007": "The Reasoning Team, 2023",
        "E008": "E008, n.d.",
        "E009": "Roe, n.d.-a",
        "E010": "Roe, n.d.-b",
    }


def test_many_suffixes() -> None:
    records = [CatalogRecord(id=f"E{i:03d}", authors=("Doe, J",), year=2020) for i in range(28)]
    labels = episode_labels(records, "author-year")
    assert labels["E000"] == "Doe, 2020a"
    assert labels["E025"] == "Doe, 2020z"
    assert labels["E026"] == "Doe, 2020aa"
    assert labels["E027"] == "Doe, 2020ab"


def test_numeric_labels_follow_first_citation() -> None:
    labels = episode_labels(RECORDS[:4], "numeric", citation_order=["E004", "E002", "E004", "E999"])
    assert labels == {"E004": "[1]", "E002": "[2]", "E001": "[3]", "E003": "[4]"}


def test_citation_groups() -> None:
    labels = episode_labels(RECORDS, "author-year")
    group = [labels["E001"], labels["E004"]]
    assert citation_group(group, "author-year") == "(Doe & Roe, 2025a; Smith, 2024)"
    assert citation_group(["[1]", "[3]"], "numeric") == "[1, 3]"
    assert citation_group(["E001", "E004"], "id") == "E001, E004"


def test_unknown_mode() -> None:
    assert LABEL_MODES == ("id", "author-year", "title", "numeric")
    with pytest.raises(ValueError, match="unknown label mode 'apa'"):
        episode_labels(RECORDS, "apa")
