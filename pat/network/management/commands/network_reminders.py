"""`pat network_reminders`: remind offices of self-assessments due soon or overdue (once a day).

Run it from cron (or with --every under `make run`); the emails go to the background
worker, `pat db_worker`.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from pat.network import services


class Command(BaseCommand):
    help = "Remind focal points of self-assessments due within N days, and of overdue ones."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", type=int, default=3, help="days before the deadline (default 3)"
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
