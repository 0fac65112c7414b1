"""`pat review_reminders`: remind reviewers of reviews due soon or overdue (idempotent per day).

Run it from cron (or with --every under `make run`); the emails go to the
background worker, `pat db_worker`. The loop is `pat.core.sweeps`.
"""

from __future__ import annotations

from pat.core.sweeps import SweepCommand
from pat.reviews import services


class Command(SweepCommand):
    help = "Remind reviewers of open reviews due within N working days, and of overdue ones."
    default_days = 2
    days_help = "working days before the deadline"

    def sweep(self, *, days: int) -> int:
        return services.reminders_sweep(within_days=days)
