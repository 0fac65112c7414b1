"""Background work of the bulletin, run by the django-tasks worker (`pat db_worker`)."""

from __future__ import annotations

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_issue(issue_id: int) -> int:
    """Send an issue's waiting deliveries in batches; safe to run twice or in two workers."""
    from pat.bulletin.services import deliveries_send

    return deliveries_send(issue_id=issue_id)


@task()
def send_confirmation(address: str, subject: str, body: str) -> int:
    return send_mail(subject, body, None, [address])
