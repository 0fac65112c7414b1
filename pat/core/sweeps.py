"""Reminder sweeps as commands: once (from cron), or again every N seconds until stopped
(`--every`, as `make run` starts them beside the server).

The loop lives here once; each app's command says only what one sweep does.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, connections


def _drop_stale_connections() -> None:
    """What `close_old_connections` does between requests, outside a transaction only: inside
    one (the caller's) the connection is not ours to drop."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()


def repeat(
    sweep: Callable[[], int],
    *,
    every: int,
    report: Callable[[str], None],
    sleep: Callable[[float], None] = time.sleep,
    rounds: int | None = None,
) -> int:
    """Run `sweep` once, or every `every` seconds (`rounds` times, else until stopped).

    A looping sweep drops database connections the server may have closed while it slept,
    and a database error in one round is written out and the next round tried: a reminder
    loop that dies on a restart of the database reminds nobody again. Returns the rounds run.
    """
    done = 0
    while True:
        _drop_stale_connections()
        try:
            report(f"{sweep()} reminder(s) sent")
        except DatabaseError as error:
            if every <= 0:
                raise
            report(f"sweep failed, trying again in {every} s: {error}")
        done += 1
        if every <= 0 or (rounds is not None and done >= rounds):
            return done
        sleep(every)


class SweepCommand(BaseCommand):
    """A reminder command: `--days` ahead of the deadline, `--every` SECONDS to loop."""

    default_days = 7
    days_help = "days before the due date"

    def sweep(self, *, days: int) -> int:
        """One sweep; the reminders sent."""
        raise NotImplementedError

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=self.default_days,
            help=f"{self.days_help} (default {self.default_days})",
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
        if every < 0:
            self.stderr.write("--every must be zero or more")
            return
        repeat(lambda: self.sweep(days=days), every=every, report=self.stdout.write)
