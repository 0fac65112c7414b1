from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from pat.termbase.services import termbase_sync


class Command(BaseCommand):
    help = (
        "Bring new and changed shipped terminology into the term base; entries edited in PAT "
        "are kept as they are. Safe to run after every upgrade."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = termbase_sync(actor=None)
        self.stdout.write(
            f"{result.created} added, {result.updated} updated, {result.unchanged} unchanged"
        )
