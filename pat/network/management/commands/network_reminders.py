"""`pat network_reminders`: remind offices of self-assessments due soon or overdue (once a day).

Run it from cron (or with --every under `make run`); the emails go to the background
worker, `pat db_worker`.
"""

from __future__ import annotations

from pat.core.sweeps import SweepCommand
from pat.network import services


class Command(SweepCommand):
    help = "Remind focal points of self-assessments due within N days, and of overdue ones."
    default_days = 3
    days_help = "days before the deadline"

    def sweep(self, *, days: int) -> int:
        return services.reminders_sweep(within_days=days)
