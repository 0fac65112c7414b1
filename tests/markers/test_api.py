"""GET /api/v1/projects/{code}/gender-marker."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from pat.markers.services import assessment_save

pytestmark = pytest.mark.django_db

ALL_MET = {"needs_assessment": True, "results_matrix": True, "activities": True}


def url(code: str) -> str:
    return f"/api/v1/projects/{code}/gender-marker"


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_returns_current_codes_reasons_and_the_iati_suggestion(
    project: Any, developer: Any, colleague: Any
) -> None:
    assessment_save(project=project, scheme="iom", answers={}, evidence={}, actor=developer)
    latest = assessment_save(
        project=project,
        scheme="iom",
        answers=ALL_MET,
        evidence={},
        actor=developer,
        proposal_version=2,
    )
    body = signed_in(colleague).get(url(project.code)).json()
    assert body["project"] == project.code
    iom = body["assessments"]["iom"]
    assert iom["code"] == "2a"
    assert iom["reasons"] == latest.reasons
    assert iom["answered_by"] == "developer"
    assert iom["proposal_version"] == 2
    assert iom["answered_at"].startswith(latest.answered_at.date().isoformat())
    assert body["iati"] == {
        "source": "crosswalk",
        "policy_markers": [
            {"vocabulary": "1", "code": "1", "significance": "1", "vocabulary_uri": None},
            {"vocabulary": "99", "code": "2a", "significance": None, "vocabulary_uri": None},
        ],
    }


def test_a_dac_assessment_wins_over_the_crosswalk(project: Any, developer: Any) -> None:
    assessment_save(project=project, scheme="iom", answers=ALL_MET, evidence={}, actor=developer)
    assessment_save(
        project=project, scheme="dac", answers={"screened": True}, evidence={}, actor=developer
    )
    body = signed_in(developer).get(url(project.code)).json()
    assert body["iati"]["source"] == "dac"
    assert body["iati"]["policy_markers"][0]["significance"] == "0"
    assert set(body["assessments"]) == {"iom", "dac"}


def test_a_project_without_markers_has_empty_answers(project: Any, developer: Any) -> None:
    body = signed_in(developer).get(url(project.code)).json()
    assert body == {
        "project": project.code,
        "assessments": {},
        "iati": {"source": None, "policy_markers": []},
    }


def test_unknown_project_is_404(developer: Any) -> None:
    assert signed_in(developer).get(url("XX.0000")).status_code == 404


def test_anonymous_gets_401(project: Any) -> None:
    assert Client().get(url(project.code)).status_code == 401
