"""`pat staff import FILE [--as-of YYYY-MM-DD] [--dry-run]` and `pat staff events FILE`."""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pat.staffing import services
from pat.staffing.roster import Problem


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a date (YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = "Import a staff roster (CSV or XLSX) or flow events for the staff gender balance."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        roster = sub.add_parser("import", help="import a roster snapshot")
        roster.add_argument("file", type=Path)
        roster.add_argument(
            "--as-of",
            type=_date,
            default=None,
            help="reference date, when the file has no as_of column",
        )
        roster.add_argument(
            "--dry-run", action="store_true", help="check the file and report, import nothing"
        )
        events = sub.add_parser("events", help="import appointments, promotions, separations")
        events.add_argument("file", type=Path)
        events.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from None
        started = time.monotonic()
        if options["action"] == "events":
            outcome = services.events_import(
                data=data, filename=path.name, dry_run=options["dry_run"]
            )
        else:
            last = [0.0]

            def progress(done: int, total: int) -> None:
                if time.monotonic() - last[0] > 1 and sys.stderr.isatty():
                    last[0] = time.monotonic()
                    self.stderr.write(f"\r{done}/{total} rows read", ending="")

            outcome = services.snapshot_import(
                data=data,
                filename=path.name,
                as_of=options["as_of"],
                dry_run=options["dry_run"],
                progress=progress,
            )
        if not outcome.ok:
            for problem in outcome.problems:
                self.stderr.write(self._line(problem))
            if outcome.problem_count > len(outcome.problems):
                self.stderr.write(f"… and {outcome.problem_count - len(outcome.problems)} more")
            raise CommandError(f"{outcome.problem_count} problems: nothing imported")
        seconds = time.monotonic() - started
        if options["dry_run"]:
            what = "would replace" if outcome.replaced else "would create"
            self.stdout.write(
                f"{outcome.rows} rows are fine; {what} the snapshot of "
                f"{outcome.as_of} (dry run: nothing imported)"
            )
        elif options["action"] == "events":
            self.stdout.write(f"{outcome.flows} events imported in {seconds:.1f} s")
        else:
            verb = "replaced" if outcome.replaced else "imported"
            self.stdout.write(
                f"{outcome.rows} staff {verb} as the roster of {outcome.as_of}, "
                f"{outcome.flows} flows, in {seconds:.1f} s"
            )

    @staticmethod
    def _line(problem: Problem) -> str:
        where = f"row {problem.row}" if problem.row else "file"
        column = f" [{problem.column}]" if problem.column else ""
        return f"{where}{column}: {problem.message}"
