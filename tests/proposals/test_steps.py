"""The cover page, partners, beneficiaries, markers and the readiness panel partial."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from pat.markers import services as markers
from pat.markers.models import MarkerAssessment
from pat.projects.models import AgeBandSet, BeneficiaryCount, ProjectPartner
from pat.proposals import services

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def cover_data(project: Any, **changes: Any) -> dict[str, Any]:
    data = {
        "version": project.version,
        "title": project.title,
        "project_type": project.project_type_id,
        "currency": "USD",
        "start_date": "2027-01-01",
        "end_date": "2027-12-31",
        "budget": "250000",
    }
    data.update(changes)
    return data


def test_the_cover_page_saves_through_the_project(developer: Any, project: Any) -> None:
    client = client_for(developer)
    response = client.post(
        f"/proposals/{project.code}/cover/", cover_data(project, title="Safe work abroad")
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Safe work abroad" and project.budget == 250000


def test_a_stale_cover_page_is_a_conflict(developer: Any, project: Any) -> None:
    client = client_for(developer)
    stale = cover_data(project, title="First")
    client.post(f"/proposals/{project.code}/cover/", cover_data(project, title="Second"))
    response = client.post(f"/proposals/{project.code}/cover/", stale)
    assert response.status_code == 409
    project.refresh_from_db()
    assert project.title == "Second"


def test_an_end_before_the_start_is_refused_at_its_field(developer: Any, project: Any) -> None:
    response = client_for(developer).post(
        f"/proposals/{project.code}/cover/", cover_data(project, end_date="2026-01-01")
    )
    assert response.status_code == 400
    assert "The end date is before the start date." in response.content.decode()


def test_partners_are_added_with_their_role_and_removed(developer: Any, project: Any) -> None:
    client = client_for(developer)
    response = client.post(
        f"/proposals/{project.code}/cover/",
        {"organization": "Ministry of Labour", "kind": "government", "role": "4"},
    )
    assert response.status_code == 302
    partner = ProjectPartner.objects.get(project=project)
    assert partner.organization.name == "Ministry of Labour" and partner.role == "4"
    client.post(f"/proposals/{project.code}/cover/", {"remove-partner": partner.pk})
    assert not ProjectPartner.objects.filter(project=project).exists()


def test_planned_beneficiaries_by_sex_and_age(developer: Any, project: Any) -> None:
    band_set = AgeBandSet.objects.get(code="children-adults")
    adults = band_set.bands.get(min_age=18)
    client = client_for(developer)
    data = {"version": 1, "band_set": band_set.pk, f"cell_female_{adults.pk}": "120"}
    response = client.post(f"/proposals/{project.code}/beneficiaries/", data)
    assert response.status_code == 302
    assert BeneficiaryCount.objects.get(project=project).count == 120
    stale = client.post(f"/proposals/{project.code}/beneficiaries/", data)
    assert stale.status_code == 409


def answer_markers(project: Any, actor: Any) -> None:
    markers.assessment_save(
        project=project,
        scheme="iom",
        answers={"needs_assessment": True, "results_matrix": True, "activities": True},
        evidence={},
        actor=actor,
    )


def test_the_markers_step_shows_codes_and_reasons_and_links_to_the_questions(
    developer: Any, project: Any
) -> None:
    answer_markers(project, developer)
    page = client_for(developer).get(f"/proposals/{project.code}/markers/").content.decode()
    assert '<span class="badge">2a</span>' in page
    assert "All three minimum standards are met" in page
    assert f'href="/markers/{project.code}/"' in page


def test_a_frozen_version_records_the_marker_codes_and_stamps_the_assessments(
    developer: Any, project: Any
) -> None:
    answer_markers(project, developer)
    version = services.proposal_submit(project=project, actor=developer)
    assert version.snapshot["markers"]["iom"]["code"] == "2a"
    stamped = MarkerAssessment.objects.filter(project=project, proposal_version=version.number)
    assert stamped.get().answered_by == developer


def test_the_readiness_panel_is_an_htmx_partial(developer: Any, project: Any) -> None:
    response = client_for(developer).get(
        f"/proposals/{project.code}/readiness/", HTTP_HX_REQUEST="true"
    )
    body = response.content.decode().strip()
    assert body.startswith('<aside id="readiness"')
    assert "<html" not in body
    assert 'data-check="gender-analysis"' in body
