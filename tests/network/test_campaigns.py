"""The exercise: launch, answers, submission and return, locking, deadlines and reminders."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from pat.network import services
from pat.network.models import Answer, Evidence, Question, Response, ResponseState
from tests.hostile_files import small_pdf

pytestmark = pytest.mark.django_db


def _questions(campaign: Any) -> list[Any]:
    return list(Question.objects.filter(section__questionnaire=campaign.questionnaire))


def _response(campaign: Any, code: str) -> Response:
    return Response.objects.select_related("campaign", "office").get(
        campaign=campaign, office__code=code
    )


def test_launching_sends_each_office_its_focal_points_an_email(
    questionnaire: Any,
    coordinator: Any,
    country_office: Any,
    other_office: Any,
    field_focal_point: Any,
    other_focal_point: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        campaign = services.campaign_launch(
            name="Self-assessment 2026",
            questionnaire=questionnaire,
            offices=[country_office, other_office],
            deadline=timezone.localdate() + dt.timedelta(days=7),
            actor=coordinator,
        )
    assert campaign.responses.count() == 2
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["gfp-ng@example.org", "gfp-pe@example.org"]
    assert all("Self-assessment 2026" in m.subject for m in mail.outbox)


@pytest.mark.parametrize(
    ("days", "offices", "message"),
    [(-1, True, "deadline has passed"), (5, False, "at least one office")],
)
def test_a_campaign_needs_a_future_deadline_and_offices(
    questionnaire: Any,
    coordinator: Any,
    country_office: Any,
    days: int,
    offices: bool,
    message: str,
) -> None:
    with pytest.raises(services.NetworkError, match=message):
        services.campaign_launch(
            name="x",
            questionnaire=questionnaire,
            offices=[country_office] if offices else [],
            deadline=timezone.localdate() + dt.timedelta(days=days),
            actor=coordinator,
        )
    assert not Response.objects.exists()


def test_answers_are_saved_then_locked_once_submitted(
    campaign: Any, field_focal_point: Any
) -> None:
    response = _response(campaign, "co-ng")
    q1, q2 = _questions(campaign)
    response = services.answers_save(
        response=response,
        expected_lock=response.lock,
        answers={q1.pk: ("meets", "On track"), q2.pk: ("", "")},
    )
    assert response.state == ResponseState.DRAFT
    with pytest.raises(services.NetworkError, match="Rate every question"):
        services.response_submit(
            response=response, expected_lock=response.lock, actor=field_focal_point
        )
    response = services.answers_save(
        response=response, expected_lock=response.lock, answers={q2.pk: ("na", "")}
    )
    response = services.response_submit(
        response=response, expected_lock=response.lock, actor=field_focal_point
    )
    assert response.state == ResponseState.SUBMITTED and response.submitted_by == field_focal_point
    with pytest.raises(services.NetworkError, match="locked"):
        services.answers_save(
            response=response, expected_lock=response.lock, answers={q1.pk: ("missing", "")}
        )
    assert Answer.objects.get(response=response, question=q1).rating == "meets"


def test_a_stale_edit_is_refused_and_writes_nothing(campaign: Any) -> None:
    response = _response(campaign, "co-ng")
    q1, _q2 = _questions(campaign)
    opened = response.lock
    services.answers_save(response=response, expected_lock=opened, answers={q1.pk: ("meets", "")})
    with pytest.raises(services.EditConflict):
        services.answers_save(
            response=response, expected_lock=opened, answers={q1.pk: ("missing", "Other")}
        )
    assert Answer.objects.get(question=q1).rating == "meets"


def test_unknown_questions_and_ratings_are_refused(campaign: Any, questionnaire: Any) -> None:
    response = _response(campaign, "co-ng")
    q1, _q2 = _questions(campaign)
    with pytest.raises(services.NetworkError, match="Unknown rating"):
        services.answers_save(response=response, expected_lock=0, answers={q1.pk: ("great", "")})
    with pytest.raises(services.NetworkError, match="not part"):
        services.answers_save(response=response, expected_lock=0, answers={99999: ("meets", "")})
    assert not Answer.objects.exists()


def test_the_coordinator_returns_answers_with_a_reason_which_unlocks_them(
    campaign: Any, field_focal_point: Any, django_capture_on_commit_callbacks: Any
) -> None:
    response = _response(campaign, "co-ng")
    answers = {q.pk: ("approaches", "") for q in _questions(campaign)}
    response = services.answers_save(response=response, expected_lock=0, answers=answers)
    response = services.response_submit(
        response=response, expected_lock=response.lock, actor=field_focal_point
    )
    with pytest.raises(services.NetworkError, match="why"):
        services.response_review(response=response, expected_lock=response.lock, accept=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = services.response_review(
            response=response, expected_lock=response.lock, accept=False, note="Add evidence"
        )
    assert response.state == ResponseState.RETURNED and response.editable
    assert mail.outbox[0].to == ["gfp-ng@example.org"] and "Add evidence" in mail.outbox[0].body
    response = services.response_submit(
        response=response, expected_lock=response.lock, actor=field_focal_point
    )
    response = services.response_review(response=response, expected_lock=response.lock, accept=True)
    assert response.state == ResponseState.ACCEPTED and not response.editable


def test_evidence_uploads_are_checked_by_content(
    campaign: Any, field_focal_point: Any, client: Any
) -> None:
    response = _response(campaign, "co-ng")
    client.force_login(field_focal_point)
    url = f"/network/responses/{response.pk}/evidence/"
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    client.post(url, {"file": fake})
    assert not Evidence.objects.exists()
    real = SimpleUploadedFile("report.pdf", small_pdf("Evidence."), content_type="application/pdf")
    client.post(url, {"file": real})
    evidence = Evidence.objects.get()
    assert evidence.content_type == "application/pdf" and evidence.original_name == "report.pdf"
    download = client.get(f"{url}{evidence.pk}/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")


MONDAY = dt.date(2026, 11, 30)


@pytest.fixture
def due(campaign: Any) -> Any:
    campaign.deadline = MONDAY + dt.timedelta(days=2)
    campaign.save()
    return campaign


def test_reminders_go_to_offices_still_answering_near_the_deadline(
    due: Any, field_focal_point: Any, django_capture_on_commit_callbacks: Any
) -> None:
    answered = _response(due, "co-pe")
    answers = {q.pk: ("meets", "") for q in _questions(due)}
    answered = services.answers_save(response=answered, expected_lock=0, answers=answers)
    services.response_submit(
        response=answered, expected_lock=answered.lock, actor=field_focal_point
    )
    assert services.reminders_sweep(on=MONDAY - dt.timedelta(days=5), within_days=3) == 0
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_sweep(on=MONDAY, within_days=3) == 1
    assert [m.to for m in mail.outbox] == [["gfp-ng@example.org"]]
    assert "due soon" in mail.outbox[0].subject
    overdue_day = MONDAY + dt.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_sweep(on=overdue_day) == 1
    assert "Overdue" in mail.outbox[-1].subject


def test_reminders_are_idempotent_within_a_day(due: Any) -> None:
    assert services.reminders_sweep(on=MONDAY) == 2
    assert services.reminders_sweep(on=MONDAY) == 0
    assert services.reminders_sweep(on=MONDAY + dt.timedelta(days=1)) == 2


def test_closed_exercises_get_no_reminder(due: Any) -> None:
    services.campaign_close(campaign=due)
    assert services.reminders_sweep(on=MONDAY) == 0


def test_the_reminder_command(due: Any) -> None:
    due.deadline = dt.date(2020, 1, 1)
    due.save()
    out = StringIO()
    call_command("network_reminders", stdout=out)
    assert out.getvalue().strip() == "2 reminder(s) sent"
    out = StringIO()
    call_command("network_reminders", stdout=out)
    assert out.getvalue().strip() == "0 reminder(s) sent"


def test_the_sweep_also_runs_as_a_task_on_the_worker(due: Any) -> None:
    from pat.network.tasks import sweep_reminders

    due.deadline = dt.date(2020, 1, 1)
    due.save()
    result = sweep_reminders.enqueue(within_days=3)
    assert result.return_value == 2
