from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from pat.core.models import ApiToken, User


class Command(BaseCommand):
    help = "Issue a personal API token for a user (printed once; only its digest is stored)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="default")
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="days until the token expires (default: PAT_API_TOKEN_DAYS, 90)",
        )

    def handle(
        self, *args: Any, username: str, name: str, days: int | None, **options: Any
    ) -> None:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {username!r}.")
        if days is not None and days < 1:
            raise CommandError("--days must be at least 1.")
        _token, raw = ApiToken.issue(user, name, days=days)
        self.stdout.write(raw)
