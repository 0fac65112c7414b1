"""No empty submissions: a proposal reaches its reviewers only with what they need."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from pat.proposals import services as proposal_services
from pat.reviews import services, submission
from pat.reviews.models import ReviewEvent, ReviewTask, SubmissionPolicy
from tests.proposal_data import complete

FULL_SNAPSHOT: dict[str, Any] = {
    "sections": {"summary": "Orientation.", "gender-analysis": "Women and men."},
    "results": [
        {"level": "outcome", "indicators": []},
        {"level": "output", "indicators": [{"statement": "Number trained"}]},
    ],
    "beneficiaries": {"planned": [{"sex": "female", "band": "18+", "count": 3}]},
    "markers": {"iom": {"code": "2a"}},
    "risks": [{"risk": "Floods"}],
    "work_plan": {"entries": [{"code": "A1.1.1", "periods": [1]}]},
    "budget": {"lines": [{"amount": "10.00"}], "total": "10.00"},
}


@pytest.mark.parametrize(
    ("snapshot", "expected"),
    [
        ({}, set()),
        ({"sections": {"summary": "   "}}, set()),
        (
            FULL_SNAPSHOT,
            {
                "summary",
                "gender-analysis",
                "results",
                "beneficiaries",
                "markers",
                "risks",
                "work-plan",
                "budget",
            },
        ),
        ({"results": [{"level": "outcome", "indicators": []}]}, set()),
        ({"budget": {"lines": [{"amount": "0"}], "total": "0.00"}}, set()),
        ({"work_plan": {"entries": [{"code": "A1", "periods": []}]}}, set()),
        ({"beneficiaries": {"planned": [{"count": 0}]}}, set()),
    ],
)
def test_the_parts_a_snapshot_holds(snapshot: dict[str, Any], expected: set[str]) -> None:
    assert submission.present_parts(snapshot) == expected


def test_gaps_name_every_unit_that_needs_a_part_in_the_proposals_order() -> None:
    needs = [
        ("Budget Unit", "budget"),
        ("Programme Support", "work-plan"),
        ("Budget Unit", "work-plan"),
        ("Gender Focal Point", "gender-analysis"),
        ("Programme Support", "summary"),
    ]
    found = submission.gaps(needs, present={"summary"})
    assert [(g.part, g.units) for g in found] == [
        ("gender-analysis", ("Gender Focal Point",)),
        ("work-plan", ("Programme Support", "Budget Unit")),
        ("budget", ("Budget Unit",)),
    ]
    assert found[0].anchor == "rationale/#section-gender-analysis"
    assert submission.gaps(needs, present={p for _, p in needs}) == []


pytestmark = pytest.mark.django_db


def client_for(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def test_a_title_only_proposal_is_refused_and_nobody_is_told(
    project: Any, developer: Any, reviewers: dict[str, Any], submission_rules: None, mail: Any
) -> None:
    with pytest.raises(services.SubmissionIncomplete) as refused:
        services.review_submit(project=project, actor=developer)
    check = refused.value.check
    assert check.score < 60 and check.minimum == 60
    missing = {g.part for g in check.gaps}
    assert {"budget", "gender-analysis", "results", "work-plan", "markers"} <= missing
    assert "Budget Unit" in next(g for g in check.gaps if g.part == "budget").units
    assert not ReviewTask.objects.filter(project=project).exists()
    project.refresh_from_db()
    assert project.status == "concept" or project.status == "draft"
    assert mail == []


def test_the_submit_page_lists_what_is_missing_with_links(
    project: Any, developer: Any, reviewers: dict[str, Any], submission_rules: None
) -> None:
    client = client_for(developer)
    page = client.get(f"/reviews/projects/{project.code}/").content.decode()
    assert 'id="missing"' in page
    assert f'href="/proposals/{project.code}/budget/"' in page
    assert f'href="/proposals/{project.code}/rationale/#section-gender-analysis"' in page
    assert "needed by Budget Unit" in page
    assert "a submission needs 60" in page
    # The button is there but does nothing for a developer; a forced POST is refused.
    response = client.post(f"/reviews/projects/{project.code}/submit/", follow=True)
    assert "Budget is missing (needed by Budget Unit" in response.content.decode()
    assert not ReviewTask.objects.filter(project=project).exists()


def test_the_submit_page_lists_what_is_missing_in_french(
    project: Any, developer: Any, reviewers: dict[str, Any], submission_rules: None
) -> None:
    page = client_for(developer, "fr").get(f"/reviews/projects/{project.code}/")
    text = page.content.decode()
    assert "Pas encore prêt" in text
    assert "manquant, requis par Budget Unit" in text


def test_an_administrator_lets_one_through_with_a_recorded_reason(
    project: Any,
    developer: Any,
    administrator: Any,
    reviewers: dict[str, Any],
    submission_rules: None,
) -> None:
    client = client_for(administrator)
    page = client.get(f"/reviews/projects/{project.code}/").content.decode()
    assert 'name="let_through"' in page
    client.post(
        f"/reviews/projects/{project.code}/submit/",
        {"let_through": "Donor deadline tomorrow; the budget follows."},
    )
    assert ReviewTask.objects.filter(project=project).exists()
    event = ReviewEvent.objects.get(project=project, action=ReviewEvent.Action.LET_THROUGH)
    assert event.actor == administrator
    assert event.note.startswith("Donor deadline tomorrow; the budget follows.")
    assert "Budget" in event.note


def test_only_an_administrator_may_let_one_through(
    project: Any, developer: Any, reviewers: dict[str, Any], submission_rules: None
) -> None:
    with pytest.raises(services.ReviewDenied):
        services.review_submit(project=project, actor=developer, let_through="Trust me")
    response = client_for(developer).post(
        f"/reviews/projects/{project.code}/submit/", {"let_through": "Trust me"}
    )
    assert response.status_code == 403
    assert not ReviewTask.objects.filter(project=project).exists()


def test_a_complete_proposal_goes_through(
    project: Any,
    developer: Any,
    reviewers: dict[str, Any],
    legal_unit: Any,
    submission_rules: None,
) -> None:
    complete(project, developer)
    check = services.submission_check(project=project)
    assert check.ok, check.summary()
    services.review_submit(project=project, actor=developer)
    assert ReviewTask.objects.filter(project=project).count() == 4


def test_the_minimum_score_is_the_administrators(
    project: Any,
    developer: Any,
    reviewers: dict[str, Any],
    legal_unit: Any,
    submission_rules: None,
) -> None:
    complete(project, developer)
    score = proposal_services.readiness_for(project).score
    SubmissionPolicy.objects.update_or_create(pk=1, defaults={"minimum_readiness": score + 1})
    with pytest.raises(services.SubmissionIncomplete) as refused:
        services.review_submit(project=project, actor=developer)
    assert refused.value.check.gaps == []
    assert f"Readiness is {score}/100; a submission needs {score + 1}." in str(
        refused.value.message
    )
