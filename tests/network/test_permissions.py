"""Who may do what in the network, for every persona and the anonymous outsider."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from pat.network import services
from pat.network.models import ActionPlan, Objective, PlanStatus, Response

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "colleague",
    "developer",
    "hr_officer",
    "field_focal_point",
    "other_focal_point",
    "chief",
    "coordinator",
    "administrator",
]


def _client(request: Any, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    return client


@pytest.fixture
def draft_plan(country_office: Any, coordinator: Any) -> ActionPlan:
    plan = services.plan_create(office=country_office, period="2026", actor=coordinator)
    Objective.objects.create(plan=plan, order=1, title="Gender analysis in every proposal")
    return plan


# expected status of GET on the draft plan of the country office
PLAN_READ = {
    "anonymous": 302,
    "colleague": 403,
    "developer": 403,
    "hr_officer": 403,
    "field_focal_point": 200,
    "other_focal_point": 403,
    "chief": 200,
    "coordinator": 200,
    "administrator": 200,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_draft_plan_is_read_by_its_office_the_coordinator_and_administrators(
    request: Any, persona: str, draft_plan: ActionPlan
) -> None:
    response = _client(request, persona).get(f"/network/plans/{draft_plan.pk}/")
    assert response.status_code == PLAN_READ[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_approved_plan_is_read_by_everyone_signed_in(
    request: Any, persona: str, draft_plan: ActionPlan
) -> None:
    ActionPlan.objects.filter(pk=draft_plan.pk).update(status=PlanStatus.APPROVED)
    response = _client(request, persona).get(f"/network/plans/{draft_plan.pk}/")
    assert response.status_code == (302 if persona == "anonymous" else 200)


PLAN_EDIT = {"field_focal_point", "coordinator", "administrator"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_office_focal_point_and_the_coordinator_edit_a_plan(
    request: Any, persona: str, draft_plan: ActionPlan
) -> None:
    response = _client(request, persona).post(
        f"/network/plans/{draft_plan.pk}/objectives/", {"lock": draft_plan.lock, "title": "New"}
    )
    added = draft_plan.objectives.filter(title="New").exists()
    assert added == (persona in PLAN_EDIT)
    if persona not in PLAN_EDIT and persona != "anonymous":
        assert response.status_code == 403


PLAN_APPROVE = {"chief", "administrator"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_chief_of_mission_approves_the_office_plan(
    request: Any, persona: str, draft_plan: ActionPlan
) -> None:
    plan = services.plan_submit(plan=draft_plan, expected_lock=draft_plan.lock)
    _client(request, persona).post(
        f"/network/plans/{plan.pk}/decision/", {"lock": plan.lock, "approve": "1"}
    )
    plan.refresh_from_db()
    assert (plan.status == PlanStatus.APPROVED) == (persona in PLAN_APPROVE)


ANSWER = {"field_focal_point", "administrator"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_office_focal_point_answers_its_questionnaire(
    request: Any, persona: str, campaign: Any
) -> None:
    response = Response.objects.get(campaign=campaign, office__code="co-ng")
    question = campaign.questionnaire.sections.get().questions.first()
    _client(request, persona).post(
        f"/network/responses/{response.pk}/",
        {"lock": response.lock, f"rating-{question.pk}": "meets", f"comment-{question.pk}": "x"},
    )
    assert response.answers.exists() == (persona in ANSWER)


CAMPAIGN = {"coordinator", "administrator"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_coordinator_launches_campaigns(
    request: Any, persona: str, questionnaire: Any, country_office: Any
) -> None:
    deadline = (dt.date.today() + dt.timedelta(days=10)).isoformat()
    _client(request, persona).post(
        "/network/assessments/new/",
        {
            "name": "Round",
            "questionnaire": questionnaire.pk,
            "deadline": deadline,
            "offices": [country_office.pk],
        },
    )
    assert Response.objects.exists() == (persona in CAMPAIGN)


@pytest.mark.parametrize("persona", PERSONAS)
def test_an_open_exercise_analysis_is_for_the_coordinator_a_closed_one_for_all(
    request: Any, persona: str, campaign: Any
) -> None:
    client = _client(request, persona)
    url = f"/network/assessments/{campaign.pk}/analysis/"
    expected = {"anonymous": 302}.get(persona, 200 if persona in CAMPAIGN else 403)
    assert client.get(url).status_code == expected
    services.campaign_close(campaign=campaign)
    assert client.get(url).status_code == (302 if persona == "anonymous" else 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_draft_report_is_the_coordinators_and_only_an_administrator_approves_it(
    request: Any, persona: str, hq: Any
) -> None:
    report = services.report_open(year=2025)
    report.ratings.update(rating="meets")
    client = _client(request, persona)
    read = client.get("/network/reports/2025/").status_code
    assert read == {"anonymous": 302}.get(persona, 200 if persona in CAMPAIGN else 403)
    client.post("/network/reports/2025/", {"approve": "1", "lock": report.lock})
    report.refresh_from_db()
    assert (report.status == "approved") == (persona == "administrator")


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_register_is_read_by_everyone_signed_in_and_kept_by_the_coordinator(
    request: Any, persona: str, country_office: Any, developer: Any
) -> None:
    client = _client(request, persona)
    assert client.get("/network/").status_code == (302 if persona == "anonymous" else 200)
    response = client.get("/network/focal-points/new/")
    expected = {"anonymous": 302}.get(persona, 200 if persona in CAMPAIGN else 403)
    assert response.status_code == expected


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/network/focal-points",
        "/api/v1/network/plans",
        "/api/v1/network/assessments/1/summary",
    ],
)
def test_the_api_answers_401_to_the_anonymous(client: Any, url: str) -> None:
    assert client.get(url).status_code == 401
