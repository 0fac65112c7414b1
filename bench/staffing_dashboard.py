"""Staffing dashboard speed: 50,000 staff over 30 yearly snapshots, against a bare Django view.

Builds (once, cached under var/bench/) a database with the demo organization
and a simulated roster history of N staff per yearly snapshot (`pat demo
--staff N --staff-since YEAR`), serves PAT the production way
(bench/serving.py: `pat serve`, a process per core) on a free loopback port,
signs in as the Gender Focal Point (who sees suppressed figures: the most work
per page) and measures in the same run:

* the dashboard (six parity tables with every figure, the trends, the age
  pyramid and the flows): cold (each request a date or office the page cache
  has not seen) and warm (the same page again, as when many readers open it);
* its trend chart (SVG) and the parity API by grade;
* the ceiling: bench/ceiling.py (a bare Django view rendering a 50-row template, no
  database) under gunicorn with a worker per core, as ../shared/bench/pages.sh.

It prints each figure, the database and the ratio dashboard/ceiling. Target: dashboard
median < 100 ms, on SQLite and on PostgreSQL (set PAT_BENCH_DATABASE_URL to a
PostgreSQL database that may be emptied, e.g. postgres://pat:pat@127.0.0.1/pat_bench).

    .venv/bin/python bench/staffing_dashboard.py [--staff 50000] [--years 30] [--runs 200]
"""

from __future__ import annotations

import argparse
import datetime as dt
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
    ceiling,
    database_label,
    latency,
    load,
    p95,
    print_table,
    production_environment,
    serve_pat,
)


def prepare(database_url: str, staff: int, years: int, fresh: bool) -> None:
    env = production_environment(database_url)
    if fresh:
        subprocess.run(
            [PAT, "flush", "--noinput"],
            env=env,
            cwd=ROOT,
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # flush empties the grades and level groups of the data migration too: re-run it.
        subprocess.run(
            [PAT, "migrate", "staffing", "zero", "--noinput", "-v", "0"],
            env=env,
            check=True,
            cwd=ROOT,
        )
    subprocess.run([PAT, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)
    started = time.monotonic()
    since = dt.date.today().year - years + 1
    subprocess.run(
        [
            PAT,
            "demo",
            "--projects",
            "0",
            "--staff",
            str(staff),
            "--staff-since",
            str(since),
            "--quiet",
        ],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    print(f"database ready: {staff} staff × {years} snapshots ({time.monotonic() - started:.0f} s)")


def run(database_url: str, args: argparse.Namespace, fresh: bool) -> dict[str, float]:
    prepare(database_url, args.staff, args.years, fresh)
    ceiling_load, ceiling_alone = ceiling(seconds=args.seconds)
    with serve_pat(database_url) as port:
        session = Session(port).sign_in("gfp")
        latency(session, "/staffing/", 2)
        today = dt.date.today()
        dates = [dt.date(y, 12, 31) for y in range(today.year - args.years + 1, today.year)]
        offices = ["", "hq", "ro-dakar", "ro-bangkok", "co-ng", "ro-nairobi", "ro-cairo"]
        cold_urls = [f"/staffing/?as_of={d.isoformat()}&office={o}" for o in offices for d in dates]
        cold_ms = [latency(session, url, 1)[0] for url in cold_urls[: args.cold]]
        page_ms = latency(session, "/staffing/", args.runs)
        chart_ms = latency(session, "/staffing/charts/trend-professional.svg", args.runs)
        api_ms = latency(session, "/api/v1/staffing/parity?by=grade", max(20, args.runs // 5))
        page_load = load(port, ["/staffing/"], cookie=session.cookie, seconds=args.seconds)
    figures = {
        "dashboard median ms": statistics.median(page_ms),
        "dashboard p95 ms": p95(page_ms),
        "cold dashboard median ms": statistics.median(cold_ms),
        "cold dashboard p95 ms": p95(cold_ms),
        "trend chart median ms": statistics.median(chart_ms),
        "api by grade median ms": statistics.median(api_ms),
        "ceiling alone ms": ceiling_alone,
        "ratio dashboard/ceiling req/s": page_load.rps / ceiling_load.rps,
    }
    title = (
        f"{database_label(database_url)}: {args.staff} staff × {args.years} yearly snapshots, "
        "as the focal point"
    )
    print_table(title, ceiling_load, [("dashboard", page_load, statistics.median(page_ms))])
    for name, value in figures.items():
        print(f"  {name:<30} {value:10.2f}")
    met = figures["dashboard median ms"] < 100
    print(f"  target (dashboard median < 100 ms): {'met' if met else 'NOT met'}")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--staff", type=int, default=50_000)
    parser.add_argument("--years", type=int, default=30)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--cold", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    cache = ROOT / "var" / "bench"
    cache.mkdir(parents=True, exist_ok=True)
    database = cache / f"staffing-{args.staff}-{args.years}.sqlite3"
    run(f"sqlite:///{database}", args, fresh=False)
    postgres = os.environ.get("PAT_BENCH_DATABASE_URL")
    if postgres:
        run(postgres, args, fresh=True)
    else:
        print("\n(PostgreSQL skipped: set PAT_BENCH_DATABASE_URL to run it too)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
