"""The reviews in the JSON API: same rules as the pages."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from pat.core.locking import try_claim
from pat.core.models import ApiToken
from pat.reviews import services
from pat.reviews.models import ReviewTask

pytestmark = pytest.mark.django_db


def bearer(user: Any) -> dict[str, str]:
    _token, raw = ApiToken.issue(user)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def submitted(project: Any, developer: Any, reviewers: dict[str, Any]) -> Any:
    services.review_submit(project=project, actor=developer)
    return project


def decide(user: Any, task: ReviewTask, body: dict[str, Any]) -> Any:
    """A decision based on the task as it is now, unless the body names another lock."""
    body = {"lock": ReviewTask.objects.get(pk=task.pk).lock, **body}
    return Client().post(
        f"/api/v1/reviews/{task.pk}/decision",
        json.dumps(body),
        content_type="application/json",
        **bearer(user),
    )


def test_the_current_version_s_reviews_and_history(submitted: Any, colleague: Any) -> None:
    response = Client().get(f"/api/v1/projects/{submitted.code}/reviews", **bearer(colleague))
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "in_review" and data["version"] == 1
    assert {t["unit"] for t in data["tasks"]} == {
        "Programme Support",
        "Budget Unit",
        "Gender Focal Point",
    }
    assert data["history"][0]["action"] == "submitted"


def test_a_project_never_submitted_has_no_reviews(project: Any, colleague: Any) -> None:
    data = Client().get(f"/api/v1/projects/{project.code}/reviews", **bearer(colleague)).json()
    assert data["version"] is None and data["tasks"] == []


def test_an_outsider_is_refused(submitted: Any) -> None:
    assert Client().get(f"/api/v1/projects/{submitted.code}/reviews").status_code == 401
    task = ReviewTask.objects.first()
    assert task is not None
    response = Client().post(
        f"/api/v1/reviews/{task.pk}/decision", "{}", content_type="application/json"
    )
    assert response.status_code == 401


def test_a_reviewer_decides_through_the_api(submitted: Any, reviewers: dict[str, Any]) -> None:
    task = ReviewTask.objects.get(key="unit:budget")
    response = decide(reviewers["budget"], task, {"decision": "return", "comment": "Too costly."})
    assert response.status_code == 200
    assert response.json()["state"] == "returned"
    submitted.refresh_from_db()
    assert submitted.status == "draft"


def test_the_api_refuses_what_the_pages_refuse(
    submitted: Any, reviewers: dict[str, Any], developer: Any
) -> None:
    task = ReviewTask.objects.get(key="unit:budget")
    assert decide(reviewers["gfp"], task, {"decision": "endorse"}).status_code == 403
    assert decide(developer, task, {"decision": "endorse"}).status_code == 403
    missing = decide(reviewers["budget"], task, {"decision": "return"})
    assert missing.status_code == 409 and "Say why" in missing.json()["detail"]
    assert decide(reviewers["budget"], task, {"decision": "approve"}).status_code == 422
    assert decide(reviewers["budget"], task, {"decision": "endorse"}).status_code == 200
    again = decide(reviewers["budget"], task, {"decision": "endorse"})
    assert again.status_code == 409 and "already closed" in again.json()["detail"]


def test_a_decision_based_on_a_task_changed_meanwhile_is_refused(
    submitted: Any, reviewers: dict[str, Any]
) -> None:
    task = ReviewTask.objects.get(key="unit:budget")
    read = task.lock
    # Another write moved the task on (a take-over, an assignment) after it was read.
    assert try_claim(ReviewTask.objects.filter(pk=task.pk), expected=read, field="lock")
    stale = decide(reviewers["budget"], task, {"decision": "endorse", "lock": read})
    assert stale.status_code == 409
    assert "changed while you were reading" in stale.json()["detail"]
    assert ReviewTask.objects.get(pk=task.pk).state == "pending"
