"""Results view speed: a region of 5,000 projects with four years of quarterly reports, against
a bare Django view.

Builds (once, cached under var/bench/) a database with the demo organization and N demo
projects, all moved into one region (WCA), each with four years of quarterly progress
reports, all endorsed, their actuals by sex and age and their result figures (written in
bulk here, as endorsement writes them: `services.write_figures`'s rows); starts PAT with
production settings under waitress on a free loopback port, signs in, and measures in the
same run:

* the region's results view (people targeted and reached by women, men, girls and boys,
  per year, with small-cell suppression): warm (the same page again, as when many readers
  open it) and cold (each request a scope the cache has not seen: the region, the whole
  portfolio, every theme and the first offices);
* the project results API of one project with 16 reports;
* the baseline: the shared ceiling (bench/ceiling.py: a bare Django view rendering 50 rows,
  no database, under gunicorn), one request at a time.

It prints each figure and the ratio view/baseline. Target: region view median < 100 ms, on
SQLite and on PostgreSQL (set PAT_BENCH_DATABASE_URL to a PostgreSQL database that may be
emptied, e.g. postgres://pat:pat@127.0.0.1/pat_bench).

    .venv/bin/python bench/reporting_results.py [--projects 5000] [--years 4] [--runs 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.serving import (
    PAT,
    ROOT,
    Session,
    ceiling_server,
    database_label,
    latency,
    p95,
    production_environment,
    serve_pat,
)

REGION = "WCA"


def build(years: int) -> int:
    """Four years of endorsed quarterly reports for every project (run inside `pat shell`)."""
    import datetime as dt
    from decimal import Decimal

    from django.db import transaction

    from pat.core.models import Revision
    from pat.projects.models import Indicator, IndicatorValue, Project
    from pat.reporting.models import (
        ActualCell,
        IndicatorActual,
        ProgressReport,
        ReportingPeriod,
        ResultFigure,
    )
    from pat.reporting.schedule import add_months

    if ProgressReport.objects.filter(achievements="Bench").exists():
        return 0
    # `pat demo` filed a few reports of its own: the bench replaces them with its four years.
    ResultFigure.objects.all().delete()
    ProgressReport.objects.all().delete()
    ReportingPeriod.objects.all().delete()
    # Bench data only: the region is what the view filters on.
    Project.objects.update(region=REGION, status="active")
    first = dt.date.today().replace(day=1) - dt.timedelta(days=365 * years)
    targets: dict[int, list[IndicatorValue]] = {}
    for value in IndicatorValue.objects.filter(kind="target", value__isnull=False).select_related(
        "band"
    ):
        targets.setdefault(value.indicator_id, []).append(value)
    indicators: dict[int, list[Indicator]] = {}
    for indicator in Indicator.objects.select_related("result"):
        indicators.setdefault(indicator.result.project_id, []).append(indicator)
    made = 0
    projects = list(Project.objects.values_list("pk", "executing_office_id"))
    for offset in range(0, len(projects), 250):
        with transaction.atomic():
            chunk = projects[offset : offset + 250]
            periods = [
                ReportingPeriod(
                    project_id=pk,
                    start=add_months(first, 3 * q),
                    end=add_months(first, 3 * q + 3) - dt.timedelta(days=1),
                    due_on=add_months(first, 3 * q + 4),
                    kind="interim",
                )
                for pk, _office in chunk
                for q in range(4 * years)
            ]
            ReportingPeriod.objects.bulk_create(periods, batch_size=2000)
            periods = list(ReportingPeriod.objects.filter(project_id__in=[pk for pk, _o in chunk]))
            reports = ProgressReport.objects.bulk_create(
                [
                    ProgressReport(
                        period=p,
                        project_id=p.project_id,
                        state="endorsed",
                        achievements="Bench",
                        gender_results="Bench",
                        snapshot={},
                    )
                    for p in periods
                ],
                batch_size=2000,
            )
            offices = dict(chunk)
            actuals: list[IndicatorActual] = []
            for report in reports:
                for indicator in indicators.get(report.project_id, []):
                    cells = targets.get(indicator.pk, [])
                    value = sum((c.value // 16 for c in cells if c.value), Decimal(0))
                    actuals.append(
                        IndicatorActual(report=report, indicator=indicator, value=value or None)
                    )
            IndicatorActual.objects.bulk_create(actuals, batch_size=2000)
            cells_out: list[ActualCell] = []
            figures: list[ResultFigure] = []
            for actual in actuals:
                if not actual.indicator.counts_people:
                    continue
                report = actual.report
                for cell in targets.get(actual.indicator_id, []):
                    value = (cell.value or Decimal(0)) // 16
                    cells_out.append(
                        ActualCell(actual=actual, sex=cell.sex, band=cell.band, value=value)
                    )
                    figures.append(
                        ResultFigure(
                            report=report,
                            indicator_id=actual.indicator_id,
                            project_id=report.project_id,
                            office_id=offices[report.project_id],
                            region=REGION,
                            year=report.period.end.year,
                            period_end=report.period.end,
                            sex=cell.sex,
                            band=cell.band,
                            adult=cell.band.min_age >= 18,
                            value=value,
                        )
                    )
            ActualCell.objects.bulk_create(cells_out, batch_size=2000)
            ResultFigure.objects.bulk_create(figures, batch_size=2000)
            made += len(reports)
    from pat.reporting.services import reach_totals_rebuild

    reach_totals_rebuild()  # what endorsing them one by one would have added up
    Revision.bump("reporting")
    return made


def environment(database_url: str) -> dict[str, str]:
    return production_environment(database_url)


def prepare(database_url: str, projects: int, years: int, fresh: bool) -> None:
    env = environment(database_url)
    if fresh:
        # An empty schema, so the data migrations (countries, age bands, routes) load again:
        # `flush` would empty their tables and leave them empty.
        subprocess.run(
            [
                PAT,
                "shell",
                "-c",
                "from django.db import connection; connection.cursor().execute("
                "'DROP SCHEMA public CASCADE; CREATE SCHEMA public')",
            ],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    subprocess.run([PAT, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)
    started = time.monotonic()
    subprocess.run(
        [PAT, "demo", "--projects", str(projects), "--staff", "0", "--quiet"],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(
        [PAT, "shell", "-c", f"from bench.reporting_results import build; build({years})"],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    counts = (
        subprocess.run(
            [
                PAT,
                "shell",
                "-c",
                "from pat.reporting.models import ProgressReport, ResultFigure, ActualCell;"
                "print(ProgressReport.objects.count(), ActualCell.objects.count(),"
                " ResultFigure.objects.count())",
            ],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.rstrip("\n")
        .split("\n")[-1]
    )
    reports, cells, figures = counts.split()
    print(
        f"database ready: {projects} projects × {years} years of quarterly reports: {reports} "
        f"reports, {cells} cells by sex and age, {figures} result figures "
        f"({time.monotonic() - started:.0f} s)"
    )


def run(database_url: str, label: str, args: argparse.Namespace, fresh: bool) -> dict[str, float]:
    prepare(database_url, args.projects, args.years, fresh)
    env = environment(database_url)
    listing = (
        subprocess.run(
            [
                PAT,
                "shell",
                "-c",
                "from pat.core.models import Office;"
                "from pat.projects.models import Theme, Project;"
                "print(' '.join(str(o) for o in Office.objects.filter(projects__isnull=False)"
                ".distinct().values_list('pk', flat=True)[:20]));"
                "print(' '.join(str(t) for t in Theme.objects.values_list('pk', flat=True)));"
                "print(Project.objects.filter(progress_reports__isnull=False).first().code)",
            ],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.rstrip("\n")
        .split("\n")[-3:]
    )  # after the shell's own "objects imported" line
    offices, themes, code = listing[0].split(), listing[1].split(), listing[2].strip()
    # The baseline: the shared ceiling (bench/ceiling.py, a bare Django view rendering 50
    # rows under gunicorn), one request at a time, measured in this run.
    with ceiling_server() as ceiling_port:
        base_ms = latency(Session(ceiling_port), "/page", args.runs)
    with serve_pat(database_url) as port:
        session = Session(port).sign_in("developer")
        page = f"/reports/results/?region={REGION}"
        cold_urls = [
            page,
            "/reports/results/",
            *(f"/reports/results/?theme={t}" for t in themes),
            *(f"/reports/results/?office={o}" for o in offices),
        ]
        # Warm the processes and connections with the project API, not the results views.
        latency(session, f"/api/v1/projects/{code}/results", 3)
        cold_ms = [latency(session, url, 1)[0] for url in cold_urls[: args.cold]]
        page_ms = latency(session, page, args.runs)
        api_ms = latency(session, f"/api/v1/projects/{code}/results", max(20, args.runs // 5))
    figures = {
        "region view median ms": statistics.median(page_ms),
        "region view p95 ms": p95(page_ms),
        "cold view median ms": statistics.median(cold_ms),
        "cold view max ms": max(cold_ms),
        "cold region view ms": cold_ms[0],
        "project results api ms": statistics.median(api_ms),
        "baseline median ms": statistics.median(base_ms),
        "ratio view/baseline": statistics.median(page_ms) / statistics.median(base_ms),
    }
    print(
        f"\n== {label} ({database_label(database_url)}): {args.projects} projects in {REGION}"
        f" × {args.years} years of reports"
    )
    for name, value in figures.items():
        print(f"  {name:<26} {value:10.2f}")
    met = figures["region view median ms"] < 100
    print(f"  target (region view median < 100 ms): {'met' if met else 'NOT met'}")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--projects", type=int, default=5_000)
    parser.add_argument("--years", type=int, default=4)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--cold", type=int, default=30)
    args = parser.parse_args()
    cache = ROOT / "var" / "bench"
    cache.mkdir(parents=True, exist_ok=True)
    database = cache / f"reporting-{args.projects}-{args.years}.sqlite3"
    run(f"sqlite:///{database}", "SQLite", args, fresh=False)
    postgres = os.environ.get("PAT_BENCH_DATABASE_URL")
    if postgres:
        run(postgres, "PostgreSQL", args, fresh=True)
    else:
        print("\n(PostgreSQL skipped: set PAT_BENCH_DATABASE_URL to run it too)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
