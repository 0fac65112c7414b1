"""Background work of the reviews, run by the django-tasks worker (`pat db_worker`)."""

from __future__ import annotations

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(recipients: list[str], subject: str, body: str) -> int:
    """Send one email; the worker retries nothing by itself, a failure is logged on the result."""
    return send_mail(subject, body, None, recipients)


@task()
def sweep_reminders(within_days: int = 2) -> int:
    """The reminder sweep as a task, for a scheduler that enqueues it."""
    from pat.reviews import services

    return services.reminders_sweep(within_days=within_days)
