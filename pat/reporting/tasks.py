"""Background work of progress reports, run by the django-tasks worker (`pat db_worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def sweep_report_reminders(within_days: int = 7) -> int:
    """The due and overdue reminders as a task, for a scheduler that enqueues it daily."""
    from pat.reporting import services

    return services.reminders_sweep(within_days=within_days)
