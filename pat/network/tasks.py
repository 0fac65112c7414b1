"""Background work of the network, run by the django-tasks worker (`pat db_worker`).

The e-mails themselves go through `pat.reviews.tasks.send_email`, the project's one
e-mail task; this is the reminder sweep as a task, for a scheduler that enqueues it.
"""

from __future__ import annotations

from django_tasks import task


@task()
def sweep_reminders(within_days: int = 3) -> int:
    from pat.network import services

    return services.reminders_sweep(within_days=within_days)
