from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from pat.core.demo import build_organization, sign_in_help
from pat.projects.demo import build_projects, ensure_reference_data
from pat.projects.models import Project


class Command(BaseCommand):
    help = (
        "Build the demo organization and demo projects (tops up to --projects; never duplicates)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--projects", type=int, default=2000, help="how many projects in all")
        parser.add_argument("--seed", type=int, default=2000)
        parser.add_argument(
            "--staff", type=int, default=2000, help="staff per roster snapshot (1995 to today)"
        )
        parser.add_argument(
            "--staff-since", type=int, default=1995, help="year of the first roster snapshot"
        )
        parser.add_argument("--quiet", action="store_true", help="do not print the demo users")
        parser.add_argument("--users", action="store_true", help="only print the demo users")

    def handle(
        self,
        *args: Any,
        projects: int,
        seed: int,
        quiet: bool,
        users: bool,
        staff: int = 2000,
        staff_since: int = 1995,
        **options: Any,
    ) -> None:
        if users:
            self.stdout.write(sign_in_help())
            return
        started = time.monotonic()
        if build_organization():
            self.stdout.write("Demo organization created.")
        ensure_reference_data()
        have = Project.objects.count()
        if projects > have:
            made = build_projects(projects - have, seed=seed, start_number=have + 1)
            self.stdout.write(
                f"{made} demo projects created in {time.monotonic() - started:.1f} s."
            )
        else:
            self.stdout.write(f"{have} projects already there; none added.")
        from pat.guide.demo import build_library
        from pat.markers.demo import build_assessments
        from pat.reviews.demo import build_reviews

        assessed = build_assessments(seed=seed)
        if assessed:
            self.stdout.write(f"{assessed} demo marker assessments recorded.")
        shelved = build_library()
        if shelved:
            self.stdout.write(f"{shelved} reference documents added to the library.")

        submitted = build_reviews()
        if submitted:
            self.stdout.write(f"{submitted} demo proposals submitted for review.")
        from pat.staffing.demo import build_rosters

        rows = build_rosters(staff=staff, first_year=staff_since)
        if rows:
            self.stdout.write(
                f"Demo staff rosters created ({rows} staff rows, {staff_since} to today)."
            )
        from pat.network.demo import build_network

        if build_network(seed=seed):
            self.stdout.write("Demo gender network created.")
        from pat.iati.demo import build_imports

        if imported := build_imports():
            self.stdout.write(f"{imported} projects imported from a donor's IATI file.")
        from pat.appointments.demo import build_appointments

        if build_appointments(seed=seed):
            self.stdout.write("Demo candidates and Appointments and Postings Board created.")
        from pat.pilotfund.demo import build_pilot_fund

        if build_pilot_fund(seed=seed):
            self.stdout.write("Demo pilot fund created (call, proposals, grants, evaluations).")
        # After the pilot fund (whose running pilots file their own) and the IATI import:
        # every active project there is by then may be among those that report.
        from pat.reporting.demo import build_reports

        reported = build_reports(seed=seed)
        if reported:
            self.stdout.write(f"{reported} demo progress reports filed.")
        from pat.revisions.demo import build_revisions

        if build_revisions():
            self.stdout.write("Demo revisions: a budget revision endorsed, an extension in review.")
        from pat.events.demo import build_events

        recorded = build_events()
        if recorded:
            self.stdout.write(f"{recorded} demo events and consultations recorded.")
        from pat.training.demo import build_training

        trained = build_training()
        if trained:
            self.stdout.write(f"Demo training created ({trained} participants).")
        from pat.bulletin.demo import build_bulletin

        issues = build_bulletin()
        if issues:
            self.stdout.write(f"Demo bulletin created ({issues} issues, the latest sent).")
        if not quiet:
            self.stdout.write(sign_in_help())
