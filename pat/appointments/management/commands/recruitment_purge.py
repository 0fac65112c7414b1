from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from pat.appointments.services import candidates_purge


class Command(BaseCommand):
    help = (
        "Anonymise the candidates of vacancies filled or cancelled more than --days ago "
        "(default PAT_CANDIDATE_RETENTION_DAYS): names, e-mail addresses and self-descriptions "
        "go; the counts by stage, sex and channel stay."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args: Any, days: int | None = None, **options: Any) -> None:
        keep = settings.PAT_CANDIDATE_RETENTION_DAYS if days is None else days
        if keep < 0:
            self.stderr.write("--days must be 0 or more.")
            raise SystemExit(2)
        count = candidates_purge(days=keep)
        self.stdout.write(f"{count} candidate records anonymised (older than {keep} days).")
