"""`pat review_reminders`: remind reviewers of reviews due soon or overdue (idempotent per day).

Run it from cron (or with --every under `make run`); the emails go to the
background worker, `pat db_worker`.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pat.reviews import services


class Command(BaseCommand):
    help = "Remind reviewers of open reviews due within N working days, and of overdue ones."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", type=int, default=2, help="working days before the deadline (default 2)"
        )
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="sweep again every SECONDS until stopped (0: once)",
        )

    def handle(self, *args: Any, days: int, every: int, **options: Any) -> None:
        if days < 0:
            self.stderr.write("--days must be zero or more")
            return
        while True:
            sent = services.reminders_sweep(within_days=days)
            self.stdout.write(f"{sent} reminder(s) sent")
            if every <= 0:
                return
            time.sleep(every)
