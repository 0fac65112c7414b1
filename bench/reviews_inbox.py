"""A reviewer's inbox with 10,000 open review tasks across the organization.

Builds a fresh database (SQLite under var/bench/, or PAT_BENCH_DATABASE_URL, which
is emptied), with N open tasks spread over the units, regional offices and the
Gender Focal Point of 2,000 proposals, then measures in the same process, through
the whole middleware stack (Django's test client, session sign-in):

* the inbox page of a budget reviewer (its unit holds a fifth of the tasks: 40
  pages of 50), median and p95;
* the same inbox served the production way (bench/serving.py: `pat serve`, a process per
  core), alone and under load, against the ceiling (bench/ceiling.py under gunicorn with a
  worker per core, as ../shared/bench/pages.sh);

and prints them, the database, the ratio inbox/ceiling and the inbox's query count.
Target: inbox median < 100 ms.

    .venv/bin/python bench/reviews_inbox.py [--tasks 10000] [--runs 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_FILE = ROOT / "var" / "bench" / "reviews-inbox.sqlite3"

os.environ.setdefault("PAT_SECRET_KEY", "bench-only-secret-not-for-any-real-deployment")
os.environ["DATABASE_URL"] = os.environ.get("PAT_BENCH_DATABASE_URL", f"sqlite:///{DB_FILE}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

from bench.serving import (  # noqa: E402
    DEMO_PASSWORD,
    InProcess,
    database_label,
    latency,
    page_against_ceiling,
    print_table,
)


def build(tasks: int) -> object:
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone

    from pat.core.models import Department, Office, Role, User
    from pat.projects.models import Project, ProjectType
    from pat.proposals.models import ProposalVersion
    from pat.reviews.models import ReviewTask

    call_command("migrate", "--noinput", verbosity=0)
    call_command("flush", "--noinput", verbosity=0)  # a PostgreSQL bench database is reused
    started = time.monotonic()
    hq = Office.objects.create(code="hq", name="HQ", kind="hq", country="CH", region="GLOBAL")
    regions = ["AP", "CNC", "EHA", "EEA", "MENA", "SA", "SEECA", "SAF", "WCA"]
    regional = [
        Office.objects.create(
            code=f"ro-{r.lower()}",
            name=f"RO {r}",
            kind="regional",
            country="CH",
            region=r,
            parent=hq,
        )
        for r in regions
    ]
    country = [
        Office.objects.create(
            code=f"co-{i}",
            name=f"CO {i}",
            kind="country",
            country="NG",
            region=ro.region,
            parent=ro,
        )
        for i, ro in enumerate(regional)
    ]
    units = {
        code: Department.objects.create(code=code, name=name)
        for code, name in [
            ("programme-support", "Programme Support"),
            ("budget", "Budget Unit"),
            ("legal", "Legal"),
        ]
    }
    # Bench-only accounts in a throwaway database; force_login signs in.
    author = User.objects.create_user("author")
    reviewer = User.objects.create_user("budget", email="b@example.org")
    Role.objects.create(user=reviewer, office=hq, kind="reviewer", department=units["budget"])
    kind, _created = ProjectType.objects.get_or_create(code="bench", defaults={"name": "Bench"})
    per_version = 5
    count = tasks // per_version
    projects = Project.objects.bulk_create(
        Project(
            code=f"BX.{i:04d}" if i < 10000 else f"BY.{i - 10000:04d}",
            title=f"Protecting migrant women and men, phase {i}",
            executing_office=country[i % len(country)],
            region=country[i % len(country)].region,
            project_type=kind,
            status="in_review",
        )
        for i in range(count)
    )
    versions = ProposalVersion.objects.bulk_create(
        ProposalVersion(
            project=p, number=1, reason="Submitted for review", snapshot={}, created_by=author
        )
        for p in projects
    )
    now = timezone.now()
    today = timezone.localdate()
    rows = []
    for i, (project, version) in enumerate(zip(projects, versions, strict=True)):
        office = project.executing_office.parent
        due = today + dt.timedelta(days=(i % 30) - 10)
        for key, step, dept, off, label in [
            (
                "unit:programme-support",
                "unit",
                units["programme-support"],
                None,
                "Programme Support",
            ),
            ("unit:budget", "unit", units["budget"], None, "Budget Unit"),
            ("unit:legal", "unit", units["legal"], None, "Legal"),
            ("gfp", "gfp", None, None, "Gender Focal Point"),
            (f"regional:{office.code}", "regional", None, office, str(office)),
        ]:
            rows.append(
                ReviewTask(
                    project=project,
                    version=version,
                    key=key,
                    kind=step,
                    department=dept,
                    office=off,
                    label=label,
                    opened_at=now,
                    due_on=due,
                    assignee=reviewer if key == "unit:budget" and i % 3 == 0 else None,
                )
            )
    ReviewTask.objects.bulk_create(rows, batch_size=2000)
    print(
        f"database ready: {ReviewTask.objects.open().count()} open tasks, "
        f"{len(projects)} proposals ({time.monotonic() - started:.1f} s)"
    )
    return reviewer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    DB_FILE.parent.mkdir(parents=True, exist_ok=True)
    if "PAT_BENCH_DATABASE_URL" not in os.environ:
        DB_FILE.unlink(missing_ok=True)

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    settings.ALLOWED_HOSTS = ["testserver"]
    setup_test_environment()

    reviewer = build(args.tasks)
    client = Client()
    client.force_login(reviewer)  # type: ignore[arg-type]
    latency(InProcess(client), "/reviews/", 10)  # warm: templates, connection, roles
    executed: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        body = client.get("/reviews/").content.decode()
    inbox_in_process = latency(InProcess(client), "/reviews/", args.runs)
    reviewer.set_password(DEMO_PASSWORD)  # type: ignore[attr-defined]
    reviewer.save()  # type: ignore[attr-defined]
    connection.close()
    inbox, inbox_load, ceiling_load, ceiling_alone = page_against_ceiling(
        os.environ["DATABASE_URL"],
        reviewer.username,
        "/reviews/",
        runs=args.runs,  # type: ignore[attr-defined]
    )

    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20)[18]

    figures = {
        "inbox median ms": statistics.median(inbox),
        "inbox p95 ms": p95(inbox),
        "inbox in-process median ms": statistics.median(inbox_in_process),
        "ceiling alone ms": ceiling_alone,
        "ratio inbox/ceiling req/s": inbox_load.rps / ceiling_load.rps,
        "inbox queries": float(len(executed)),
        "rows on the page": float(body.count("Budget Unit</td>")),
    }
    title = f"reviews inbox, {args.tasks} open tasks, {database_label(os.environ['DATABASE_URL'])}"
    print_table(
        title, ceiling_load, [("/reviews/ (a reviewer)", inbox_load, statistics.median(inbox))]
    )
    for name, value in figures.items():
        print(f"  {name:<22} {value:10.2f}")
    ok = figures["inbox median ms"] < 100
    print(f"  target inbox median < 100 ms: {'met' if ok else 'MISSED'}")
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
