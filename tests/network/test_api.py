"""The network's API: focal points, plans by office, a campaign's summary."""

from __future__ import annotations

from typing import Any

import pytest

from pat.network import services
from pat.network.models import PlanStatus, Question, Response

pytestmark = pytest.mark.django_db


def test_focal_points_list_the_current_register(
    client: Any, colleague: Any, field_focal_point: Any
) -> None:
    client.force_login(colleague)
    rows = client.get("/api/v1/network/focal-points").json()
    assert [(r["person"], r["office"], r["time_share"]) for r in rows] == [("gfp-ng", "co-ng", 30)]


def test_plans_filter_by_office_and_hide_drafts_from_other_offices(
    client: Any, colleague: Any, coordinator: Any, country_office: Any, other_office: Any
) -> None:
    draft = services.plan_create(office=country_office, period="2026", actor=coordinator)
    approved = services.plan_create(office=other_office, period="2026", actor=coordinator)
    approved.status = PlanStatus.APPROVED
    approved.save()
    client.force_login(colleague)
    assert [p["office"] for p in client.get("/api/v1/network/plans").json()] == ["co-pe"]
    assert client.get("/api/v1/network/plans?office=co-ng").json() == []
    client.force_login(coordinator)
    rows = client.get("/api/v1/network/plans?office=co-ng").json()
    assert [(r["id"], r["status"]) for r in rows] == [(draft.pk, "draft")]


def test_the_summary_rolls_up_submitted_answers(
    client: Any, coordinator: Any, colleague: Any, campaign: Any, field_focal_point: Any
) -> None:
    response = Response.objects.get(campaign=campaign, office__code="co-ng")
    questions = Question.objects.filter(section__questionnaire=campaign.questionnaire)
    response = services.answers_save(
        response=response, expected_lock=0, answers={q.pk: ("meets", "") for q in questions}
    )
    services.response_submit(
        response=response, expected_lock=response.lock, actor=field_focal_point
    )
    url = f"/api/v1/network/assessments/{campaign.pk}/summary"
    client.force_login(colleague)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    body = client.get(url).json()
    assert (body["invited"], body["answered"], body["response_rate"]) == (2, 1, 0.5)
    assert body["questions"][0]["code"] == "PA1" and body["questions"][0]["mean"] == 3.0
    assert body["regions"] == {"WCA": {"PA1": 3.0, "PA2": 3.0}}
