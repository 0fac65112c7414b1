"""`pat report_reminders`: remind writers of progress reports due soon or overdue (idempotent
per day). Run it from cron, or enqueue `pat.reporting.tasks.sweep_report_reminders`; the emails
go to the background worker, `pat db_worker`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pat.reporting import services


class Command(BaseCommand):
    help = "Remind project teams of progress reports due within N days, and of overdue ones."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", type=int, default=7, help="days before the due date (default 7)"
        )

    def handle(self, *args: Any, days: int, **options: Any) -> None:
        if days < 0:
            self.stderr.write("--days must be zero or more")
            return
        sent = services.reminders_sweep(within_days=days)
        self.stdout.write(f"{sent} reminder(s) sent")
