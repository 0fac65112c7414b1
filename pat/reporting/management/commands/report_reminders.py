"""`pat report_reminders`: remind writers of progress reports due soon or overdue (idempotent
per day). Run it from cron (or with --every under `make run`), or enqueue
`pat.reporting.tasks.sweep_report_reminders`; the emails go to the background worker,
`pat db_worker`."""

from __future__ import annotations

from pat.core.sweeps import SweepCommand
from pat.reporting import services


class Command(SweepCommand):
    help = "Remind project teams of progress reports due within N days, and of overdue ones."
    default_days = 7
    days_help = "days before the due date"

    def sweep(self, *, days: int) -> int:
        return services.reminders_sweep(within_days=days)
