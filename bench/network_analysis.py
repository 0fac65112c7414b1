"""The global analysis page of a self-assessment answered by every office.

Builds a fresh database (SQLite under var/bench/, or PAT_BENCH_DATABASE_URL, which is
emptied) with N field offices over the nine regions, a questionnaire of Q questions, and two
campaigns (last year's and this year's) answered by every office, then measures through the
whole middleware stack (Django's test client, session sign-in):

* the global analysis page of the current campaign (roll-up per question, per office and
  per region, both heat maps, the change since last year, every comment), median and p95;
* the same page served the production way (bench/serving.py: `pat serve`, a process per
  core), alone and under load, against the ceiling (bench/ceiling.py under gunicorn with a
  worker per core, as ../shared/bench/pages.sh);

and prints them, the database, the ratio analysis/ceiling, the query count and the size.
Target: analysis median < 300 ms for 200 offices and 20 questions.

    .venv/bin/python bench/network_analysis.py [--offices 200] [--questions 20] [--runs 50]
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_FILE = ROOT / "var" / "bench" / "network-analysis.sqlite3"

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

RATINGS = ["na", "missing", "approaches", "approaches", "meets", "meets", "exceeds"]
COMMENTS = ["", "", "Time is the constraint.", "Data by sex are not yet reported.", ""]


def build(offices: int, questions: int) -> tuple[object, int]:
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone

    from pat.core.models import Office, Role, User
    from pat.network.models import (
        Answer,
        Campaign,
        Question,
        Questionnaire,
        QuestionSection,
        Response,
    )

    call_command("migrate", "--noinput", verbosity=0)
    call_command("flush", "--noinput", verbosity=0)  # a PostgreSQL bench database is reused
    started = time.monotonic()
    rng = random.Random(2000)
    hq = Office.objects.create(code="hq", name="HQ", kind="hq", country="CH", region="GLOBAL")
    regions = ["AP", "CNC", "EHA", "EEA", "MENA", "SA", "SEECA", "SAF", "WCA"]
    field = Office.objects.bulk_create(
        Office(
            code=f"co-{i}",
            name=f"Country Office {i:03d}",
            kind="country",
            country="NG",
            region=regions[i % len(regions)],
            parent=hq,
        )
        for i in range(offices)
    )
    # A bench-only account in a throwaway database; force_login signs in.
    coordinator = User.objects.create_user("coordinator")
    Role.objects.create(user=coordinator, office=hq, kind="coord")
    questionnaire = Questionnaire.objects.create(name="Bench exercise")
    section = QuestionSection.objects.create(questionnaire=questionnaire, text_en="Section")
    Question.objects.bulk_create(
        Question(section=section, order=n, code=f"Q{n:02d}", text_en=f"Question {n}")
        for n in range(questions)
    )
    all_questions = list(Question.objects.all())
    today = timezone.localdate()
    answers = []
    campaign = None
    for days in (365, 10):
        campaign = Campaign.objects.create(
            name=f"Exercise -{days}",
            questionnaire=questionnaire,
            opened_on=today - dt.timedelta(days=days),
            deadline=today + dt.timedelta(days=30 - days),
        )
        responses = Response.objects.bulk_create(
            Response(campaign=campaign, office=o, state="submitted") for o in field
        )
        for response in responses:
            for q in all_questions:
                answers.append(
                    Answer(
                        response=response,
                        question=q,
                        rating=rng.choice(RATINGS),
                        comment=rng.choice(COMMENTS),
                    )
                )
    Answer.objects.bulk_create(answers, batch_size=5000)
    assert campaign is not None
    print(
        f"database ready: {offices} offices, {questions} questions, "
        f"{len(answers)} answers in two campaigns ({time.monotonic() - started:.1f} s)"
    )
    return coordinator, campaign.pk


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offices", type=int, default=200)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--runs", type=int, default=50)
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

    coordinator, campaign = build(args.offices, args.questions)
    client = Client()
    client.force_login(coordinator)  # type: ignore[arg-type]
    path = f"/network/assessments/{campaign}/analysis/"
    latency(InProcess(client), path, 3)  # warm: templates, connection, roles
    executed: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        body = client.get(path).content
    analysis_in_process = latency(InProcess(client), path, args.runs)
    coordinator.set_password(DEMO_PASSWORD)  # type: ignore[attr-defined]
    coordinator.save()  # type: ignore[attr-defined]
    connection.close()
    analysis, analysis_load, ceiling_load, ceiling_alone = page_against_ceiling(
        os.environ["DATABASE_URL"],
        coordinator.username,
        path,
        runs=args.runs,  # type: ignore[attr-defined]
    )

    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20)[18]

    figures = {
        "analysis median ms": statistics.median(analysis),
        "analysis p95 ms": p95(analysis),
        "analysis in-process median ms": statistics.median(analysis_in_process),
        "ceiling alone ms": ceiling_alone,
        "ratio analysis/ceiling req/s": analysis_load.rps / ceiling_load.rps,
        "analysis queries": float(len(executed)),
        "page KB": len(body) / 1024,
        "page KB gzipped": len(gzip.compress(body)) / 1024,
    }
    title = (
        f"global analysis, {args.offices} offices x {args.questions} questions, "
        f"{database_label(os.environ['DATABASE_URL'])}"
    )
    print_table(
        title, ceiling_load, [("analysis page", analysis_load, statistics.median(analysis))]
    )
    for name, value in figures.items():
        print(f"  {name:<24} {value:10.2f}")
    ok = figures["analysis median ms"] < 300
    print(f"  target analysis median < 300 ms: {'met' if ok else 'MISSED'}")
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
