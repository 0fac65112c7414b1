"""Deadline reminders: due soon and overdue, never twice a day, sent through the worker."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from pat.reviews import services
from pat.reviews.models import Reminder, ReviewTask

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 11, 30)


@pytest.fixture
def submitted(project: Any, developer: Any, reviewers: dict[str, Any]) -> Any:
    services.review_submit(project=project, actor=developer)
    ReviewTask.objects.filter(key="unit:budget").update(due_on=MONDAY + dt.timedelta(days=1))
    ReviewTask.objects.filter(key="gfp").update(due_on=MONDAY - dt.timedelta(days=3))
    ReviewTask.objects.filter(key="unit:programme-support").update(
        due_on=MONDAY + dt.timedelta(days=21)
    )
    return project


def test_reminders_go_to_due_soon_and_overdue_reviews(submitted: Any, mail: list[Any]) -> None:
    mail.clear()
    assert services.reminders_sweep(on=MONDAY, within_days=2) == 2
    subjects = sorted(m.subject for m in mail)
    assert subjects[0].startswith("[PAT] Overdue review") and "Gender Focal Point" in subjects[0]
    assert subjects[1].startswith("[PAT] Review due soon") and "Budget Unit" in subjects[1]
    kinds = dict(Reminder.objects.values_list("task__key", "kind"))
    assert kinds == {"gfp": "overdue", "unit:budget": "due_soon"}


def test_reminders_are_sent_once_a_day(submitted: Any, mail: list[Any]) -> None:
    services.reminders_sweep(on=MONDAY)
    mail.clear()
    assert services.reminders_sweep(on=MONDAY) == 0
    assert mail == []
    assert services.reminders_sweep(on=MONDAY + dt.timedelta(days=1)) == 2


def test_decided_reviews_get_no_reminder(
    submitted: Any, reviewers: dict[str, Any], mail: list[Any]
) -> None:
    task = ReviewTask.objects.get(key="unit:budget")
    services.task_decide(task=task, actor=reviewers["budget"], decision="endorse")
    assert services.reminders_sweep(on=MONDAY) == 1


def test_the_sweep_command(submitted: Any, mail: list[Any]) -> None:
    out = StringIO()
    ReviewTask.objects.update(due_on=dt.date(2020, 1, 1))
    call_command("review_reminders", "--days", "1", stdout=out)
    call_command("review_reminders", stdout=out)
    assert out.getvalue().splitlines() == ["3 reminder(s) sent", "0 reminder(s) sent"]


# Committed for real: the worker command manages its own database connections.
@pytest.mark.django_db(transaction=True)
def test_emails_wait_in_the_database_queue_for_the_worker(
    submitted: Any, settings: Any, mail: list[Any]
) -> None:
    from django_tasks_db.models import DBTaskResult

    # django-tasks resets its backends when the setting changes.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    mail.clear()
    services.reminders_sweep(on=MONDAY)
    assert mail == [] and DBTaskResult.objects.count() == 2
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())
    assert len(mail) == 2
