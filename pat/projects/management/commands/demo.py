from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from pat.core.demo import build_organization, sign_in_help
from pat.projects.demo import build_projects
from pat.projects.models import Project


class Command(BaseCommand):
    help = (
        "Build the demo organization and demo projects (tops up to --projects; never duplicates)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--projects", type=int, default=2000, help="how many projects in all")
        parser.add_argument("--seed", type=int, default=2000)
        parser.add_argument("--quiet", action="store_true", help="do not print the demo users")
        parser.add_argument("--users", action="store_true", help="only print the demo users")

    def handle(
        self, *args: Any, projects: int, seed: int, quiet: bool, users: bool, **options: Any
    ) -> None:
        if users:
            self.stdout.write(sign_in_help())
            return
        started = time.monotonic()
        if build_organization():
            self.stdout.write("Demo organization created.")
        have = Project.objects.count()
        if projects > have:
            made = build_projects(projects - have, seed=seed, start_number=have + 1)
            self.stdout.write(
                f"{made} demo projects created in {time.monotonic() - started:.1f} s."
            )
        else:
            self.stdout.write(f"{have} projects already there; none added.")
        from pat.reviews.demo import build_reviews

        submitted = build_reviews()
        if submitted:
            self.stdout.write(f"{submitted} demo proposals submitted for review.")
        from pat.network.demo import build_network

        if build_network(seed=seed):
            self.stdout.write("Demo gender network created.")
        if not quiet:
            self.stdout.write(sign_in_help())
