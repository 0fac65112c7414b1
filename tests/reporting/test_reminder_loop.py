"""`pat report_reminders` once (cron) or in a loop (`--every`, as `make run` starts it), through
the one sweep loop of `pat.core.sweeps` that the network's reminders use too."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.db import DatabaseError

from pat.core import sweeps
from pat.reporting import services
from pat.reporting.models import ReportReminder

pytestmark = pytest.mark.django_db


def test_the_command_sweeps_once_and_a_second_sweep_the_same_day_sends_nothing(
    reporting_project: Any, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    out = io.StringIO()
    call_command("report_reminders", stdout=out)
    call_command("report_reminders", "--days", "7", stdout=out)
    # The fixture's project ended in 2025: every period is overdue, one reminder each today.
    periods = reporting_project.reporting_periods.count()
    assert out.getvalue().splitlines() == [f"{periods} reminder(s) sent", "0 reminder(s) sent"]
    assert ReportReminder.objects.count() == periods


def test_negative_arguments_are_refused_before_any_sweep(reporting_project: Any) -> None:
    err = io.StringIO()
    call_command("report_reminders", "--every", "-5", stderr=err, stdout=io.StringIO())
    call_command("network_reminders", "--days", "-1", stderr=err, stdout=io.StringIO())
    assert err.getvalue().splitlines() == [
        "--every must be zero or more",
        "--days must be zero or more",
    ]
    assert not ReportReminder.objects.exists()


def test_the_loop_sweeps_every_n_seconds_and_survives_a_database_error(
    reporting_project: Any, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    lines: list[str] = []
    slept: list[float] = []
    rounds = iter(["sweep", "database down", "sweep"])

    def sweep() -> int:
        if next(rounds) == "database down":
            raise DatabaseError("server closed the connection")
        return services.reminders_sweep(within_days=7)

    done = sweeps.repeat(sweep, every=3600, report=lines.append, sleep=slept.append, rounds=3)

    assert done == 3 and slept == [3600, 3600]
    assert lines[0].endswith("reminder(s) sent") and not lines[0].startswith("0 ")
    assert lines[1] == "sweep failed, trying again in 3600 s: server closed the connection"
    assert lines[2] == "0 reminder(s) sent"


def test_once_a_database_error_is_not_swallowed() -> None:
    def sweep() -> int:
        raise DatabaseError("no database")

    with pytest.raises(DatabaseError):
        sweeps.repeat(sweep, every=0, report=print)
