"""Progress reports are reviewed along the review routes (data an administrator edits), in the
one reviews inbox, by the reviews' one decision path."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail as django_mail
from django.test import Client

from pat.reporting import services
from pat.reporting.models import ReportEvent, ReportState
from pat.reviews import notify
from pat.reviews import services as review_services
from pat.reviews.models import Purpose, Reminder, ReviewRoute, ReviewTask, RouteStep
from tests import factories
from tests.reporting.conftest import filled

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def mail(monkeypatch: Any, settings: Any) -> Any:
    """Emails at once: no worker, and the test's transaction never commits."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    monkeypatch.setattr(notify, "_defer", lambda callback: callback())
    monkeypatch.setattr("pat.reporting.notify.transaction.on_commit", lambda callback: callback())
    return django_mail.outbox


@pytest.fixture
def report_route(db: None) -> ReviewRoute:
    """The shipped route of progress reports (created by the reviews' data migration)."""
    return ReviewRoute.objects.get(purpose=Purpose.REPORT)


def submit(report: Any, developer: Any, bands: Any, project: Any) -> Any:
    report = services.report_save(
        report=report, actor=developer, expected_version=report.version, edit=filled(bands, project)
    )
    return services.report_submit(report=report, actor=developer, expected_version=report.version)


def test_the_shipped_report_route_is_data_an_administrator_sees_and_filters(
    report_route: ReviewRoute, administrator: Any
) -> None:
    assert sorted((s.kind, s.stage) for s in report_route.steps.all()) == [
        ("gfp", 1),
        ("regional", 1),
    ]
    client = client_for(administrator)
    listing = client.get("/admin/reviews/reviewroute/?purpose__exact=report").content.decode()
    assert "Progress reports" in listing
    assert "Revisions of endorsed projects" not in listing
    page = client.get(f"/admin/reviews/reviewroute/{report_route.pk}/change/").content.decode()
    assert 'value="report" selected' in page


def test_an_administrators_change_of_the_report_route_applies_to_the_next_report(
    report_route: ReviewRoute,
    administrator: Any,
    first_report: Any,
    developer: Any,
    bands: Any,
    reporting_project: Any,
    regional_reviewer: Any,
    focal_point: Any,
    budget_unit: Any,
    budget_reviewer: Any,
) -> None:
    # The administrator makes the Gender Focal Point a second stage and adds the budget unit
    # beside it, through the route's admin page (the steps are its inline rows).
    steps = {s.kind: s for s in report_route.steps.all()}
    form = {
        "name": report_route.name,
        "order": report_route.order,
        "active": "on",
        "currency": "USD",
        "purpose": "report",
        "steps-TOTAL_FORMS": "3",
        "steps-INITIAL_FORMS": "2",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
    }
    for i, kind in enumerate(("regional", "gfp")):
        form |= {
            f"steps-{i}-id": steps[kind].pk,
            f"steps-{i}-route": report_route.pk,
            f"steps-{i}-kind": kind,
            f"steps-{i}-stage": 1 if kind == "regional" else 2,
            f"steps-{i}-deadline_days": 10,
        }
    form |= {
        "steps-2-route": report_route.pk,
        "steps-2-kind": "unit",
        "steps-2-department": "budget",
        "steps-2-stage": 2,
        "steps-2-deadline_days": 5,
    }
    response = client_for(administrator).post(
        f"/admin/reviews/reviewroute/{report_route.pk}/change/", form
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert RouteStep.objects.filter(route=report_route).count() == 3

    report = submit(first_report, developer, bands, reporting_project)
    tasks = {t.key: t for t in report.reviews.all()}
    assert set(tasks) == {"regional:ro-dakar", "gfp", "unit:budget"}
    assert tasks["regional:ro-dakar"].is_open
    assert not tasks["gfp"].is_open and not tasks["unit:budget"].is_open
    assert all(t.purpose == Purpose.REPORT and t.version is None for t in tasks.values())

    services.review_decide(
        review=tasks["regional:ro-dakar"], actor=regional_reviewer, decision="endorse"
    )
    # The first stage endorsed: the second opens, and the report waits for it.
    for key in ("gfp", "unit:budget"):
        tasks[key].refresh_from_db()
        assert tasks[key].is_open and tasks[key].due_on is not None
    report.refresh_from_db()
    assert report.state == ReportState.IN_REVIEW
    services.review_decide(review=tasks["gfp"], actor=focal_point, decision="endorse")
    services.review_decide(review=tasks["unit:budget"], actor=budget_reviewer, decision="endorse")
    report.refresh_from_db()
    assert report.state == ReportState.ENDORSED
    assert report.snapshot is not None
    decided = report.events.filter(action=ReportEvent.Action.ENDORSED).count()
    assert decided == 3
    assert report.events.filter(action=ReportEvent.Action.REPORT_ENDORSED).count() == 1


def test_without_an_active_report_route_submission_is_refused_and_nothing_changes(
    report_route: ReviewRoute,
    first_report: Any,
    developer: Any,
    bands: Any,
    reporting_project: Any,
) -> None:
    report_route.active = False
    report_route.save()
    report = services.report_save(
        report=first_report,
        actor=developer,
        expected_version=first_report.version,
        edit=filled(bands, reporting_project),
    )
    events = report.events.count()
    with pytest.raises(services.ReportError) as refused:
        services.report_submit(report=report, actor=developer, expected_version=report.version)
    assert "No active review route applies to progress reports" in refused.value.message
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT and report.submitted_at is None
    assert not ReviewTask.objects.filter(report=report).exists()
    assert report.events.count() == events

    # The page says it too, and keeps the report as it was.
    response = client_for(developer).post(
        f"/reports/{report.pk}/", {"action": "submit", "version": report.version}, follow=True
    )
    assert "No active review route applies to progress reports" in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


def test_a_report_review_is_in_the_reviewers_inbox_and_decided_from_there(
    first_report: Any,
    developer: Any,
    bands: Any,
    reporting_project: Any,
    regional_reviewer: Any,
    focal_point: Any,
) -> None:
    report = submit(first_report, developer, bands, reporting_project)
    # The project's review history says a progress report was submitted, not a proposal.
    history = client_for(developer).get(f"/reviews/projects/{reporting_project.code}/")
    assert "submitted a progress report for review" in history.content.decode()
    client = client_for(regional_reviewer)
    inbox = client.get("/reviews/").content.decode()
    assert "Progress report 2025-01-01 – 2025-03-31" in inbox
    assert f'href="/reports/{report.pk}/"' in inbox
    assert reporting_project.code in inbox
    # The tabs count it under progress reports, and the report tab lists it alone.
    tab = client.get("/reviews/?what=report").content.decode()
    assert "Progress report 2025-01-01" in tab
    assert client.get("/reviews/?what=proposal").content.decode().count("Progress report 2025") == 0

    task = report.reviews.get(kind="regional")
    # The task's own address leads to the report's page, where the decision form is.
    assert client.get(f"/reviews/tasks/{task.pk}/").url == f"/reports/{report.pk}/"
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert f'action="/reports/review/{task.pk}/decide/"' in page
    response = client.post(
        f"/reports/review/{task.pk}/decide/",
        {"decision": "endorse", "note": "", "lock": task.lock},
        follow=True,
    )
    assert "Decision recorded." in response.content.decode()
    task.refresh_from_db()
    assert task.state == "endorsed" and task.decided_by == regional_reviewer
    assert "Progress report 2025" not in client.get("/reviews/").content.decode()

    # The focal point decides through the reviews' own decision address: the same path.
    gfp = report.reviews.get(kind="gfp")
    assert "Progress report 2025-01-01" in client_for(focal_point).get("/reviews/").content.decode()
    response = client_for(focal_point).post(
        f"/reviews/tasks/{gfp.pk}/decision/",
        {"decision": "returned", "note": "Say where the shelter figure comes from.", "lock": 1},
    )
    assert response.url == f"/reports/{report.pk}/"
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED and report.editable
    assert report.events.filter(action="returned").exists()


def test_the_writer_does_not_review_their_own_report(
    first_report: Any, developer: Any, bands: Any, reporting_project: Any, regional_office: Any
) -> None:
    # The developer is also a reviewer of the regional office: still not of their own report.
    factories.RoleFactory(user=developer, office=regional_office, kind="reviewer")
    report = submit(first_report, developer, bands, reporting_project)
    task = report.reviews.get(kind="regional")
    with pytest.raises(services.ReportDenied, match="You write this report"):
        services.review_decide(review=task, actor=developer, decision="endorse")


def test_a_decision_on_a_stale_page_is_refused_and_the_first_one_stands(
    first_report: Any,
    developer: Any,
    bands: Any,
    reporting_project: Any,
    regional_reviewer: Any,
    regional_office: Any,
) -> None:
    second = factories.UserFactory(username="regional2")
    factories.RoleFactory(user=second, office=regional_office, kind="reviewer")
    report = submit(first_report, developer, bands, reporting_project)
    task = report.reviews.get(kind="regional")
    assert task.assignee is None  # two reviewers in the office: either may decide
    seen = task.lock
    services.review_decide(
        review=task, actor=regional_reviewer, decision="endorse", expected_lock=seen
    )
    with pytest.raises(services.ReportError, match=r"already closed|changed while"):
        services.review_decide(
            review=task, actor=second, decision="return", note="No.", expected_lock=seen
        )
    task.refresh_from_db()
    assert task.state == "endorsed" and task.decided_by == regional_reviewer
    report.refresh_from_db()
    assert report.state == ReportState.IN_REVIEW
    assert report.events.filter(action__in=["endorsed", "returned"]).count() == 1


def test_report_reviews_get_reminders_with_the_reports_wording(
    mail: Any,
    first_report: Any,
    developer: Any,
    bands: Any,
    reporting_project: Any,
    regional_reviewer: Any,
    focal_point: Any,
) -> None:
    report = submit(first_report, developer, bands, reporting_project)
    assigned = [m for m in mail if "to review" in m.subject]
    assert assigned and all("Progress report NG.0100" in m.subject for m in assigned)
    assert any("A progress report (2025-01-01 – 2025-03-31) was submitted" in m.body for m in mail)
    mail.clear()
    task = report.reviews.get(kind="regional")
    assert task.due_on is not None
    late = task.due_on + dt.timedelta(days=3)
    assert review_services.reminders_sweep(on=late) == 2
    assert review_services.reminders_sweep(on=late) == 0
    assert Reminder.objects.filter(task__report=report).count() == 2
    overdue = [m for m in mail if m.subject.startswith("[PAT] Overdue review of progress report")]
    assert len(overdue) == 2
    assert all(f"/reports/{report.pk}/" in m.body for m in overdue)
    assert any(regional_reviewer.email in m.to for m in overdue)


def test_a_colleague_takes_over_a_taken_report_review_from_the_reports_page(
    first_report: Any,
    developer: Any,
    bands: Any,
    reporting_project: Any,
    regional_reviewer: Any,
    regional_office: Any,
) -> None:
    report = submit(first_report, developer, bands, reporting_project)
    task = report.reviews.get(kind="regional")
    assert task.assignee == regional_reviewer  # the office's one reviewer has it
    colleague = factories.UserFactory(username="regional2")
    factories.RoleFactory(user=colleague, office=regional_office, kind="reviewer")
    client = client_for(colleague)
    with pytest.raises(services.ReportError, match="has taken this review"):
        services.review_decide(review=task, actor=colleague, decision="endorse")
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert f'action="/reviews/tasks/{task.pk}/take/"' in page
    response = client.post(f"/reviews/tasks/{task.pk}/take/", follow=True)
    assert response.redirect_chain[-1][0] == f"/reports/{report.pk}/"
    task.refresh_from_db()
    assert task.assignee == colleague
    services.review_decide(review=task, actor=colleague, decision="endorse")
    task.refresh_from_db()
    assert task.state == "endorsed" and task.decided_by == colleague
