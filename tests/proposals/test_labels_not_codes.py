"""Names, not stored codes, on the builder overview, in the version diff and in comments."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from pat.markers.services import assessment_save
from pat.proposals import diffing, reading

SNAPSHOT: dict[str, Any] = {
    "project": {"code": "CT.1", "status": "in_review", "stage": "full"},
    "budget": {
        "lines": [{"category": "operational", "description": "Sessions", "amount": "10.00"}],
        "total": "10.00",
        "currency": "USD",
    },
    "risks": [
        {
            "risk": "Floods",
            "likelihood": "high",
            "impact": "low",
            "level": "medium",
            "mitigation": "Plan B",
            "owner": "CoM",
        }
    ],
    "markers": {"iom": {"code": "2a"}, "gam_design": {"code": "4M"}},
}


def test_the_version_diff_names_codes_in_the_readers_language() -> None:
    with translation.override("en"):
        text = diffing.flatten(SNAPSHOT, reading.diff_labels())
    assert "In review" in text["cover"] and "in_review" not in text["cover"]
    assert "Full proposal" in text["cover"]
    assert text["budget"].startswith("Operational costs: Sessions")
    assert "(High/Low → Medium)" in text["risks"]
    assert "IOM Gender Marker: 2a" in text["markers"]
    assert "IASC Gender with Age Marker, design: 4M" in text["markers"]
    with translation.override("fr"):
        assert "En cours d" in diffing.flatten(SNAPSHOT, reading.diff_labels())["cover"]


def test_a_new_order_of_the_markers_is_no_change() -> None:
    reordered = {**SNAPSHOT, "markers": dict(reversed(list(SNAPSHOT["markers"].items())))}
    changed = [d.key for d in diffing.compare(SNAPSHOT, reordered, labels={}) if d.changed]
    assert changed == []


@pytest.mark.django_db
def test_the_overview_names_the_marker_scheme(developer: Any, project: Any) -> None:
    assessment_save(
        project=project,
        scheme="iom",
        answers={"needs_assessment": True, "results_matrix": True, "activities": False},
        evidence={},
        actor=developer,
    )
    client = Client()
    client.force_login(developer)
    page = client.get(f"/proposals/{project.code}/").content.decode()
    assert "IOM Gender Marker: " in page
    assert "iom: " not in page


def test_the_export_names_the_marker_schemes() -> None:
    from pat.proposals import export

    snapshot = {**SNAPSHOT, "project": {**SNAPSHOT["project"], "title": "T", "currency": "USD"}}
    with translation.override("en"):
        tables = [b for kind, b in export.blocks(snapshot) if kind == "table"]
    rows = [row for table in tables for row in table]
    assert ["IOM Gender Marker", "2a"] in rows
    assert not any(row[0] in ("iom", "gam_design") for row in rows)


@pytest.mark.django_db
def test_a_frozen_version_names_its_donors_in_the_readers_language() -> None:
    from pat.projects.models import Donor

    Donor.objects.create(
        code="idf-test", name="Development Fund (internal)", name_fr="Fonds de développement"
    )
    snapshot = {"project": {"code": "CT.1", "donors": ["Development Fund (internal)", "Gone"]}}
    with translation.override("fr"):
        cover = {row["label"]: row.get("text") for row in reading.for_reading(snapshot)["cover"]}
    assert cover["Donateurs"] == "Fonds de développement, Gone"
