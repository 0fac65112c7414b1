"""Project list speed with 100,000 projects: search term + filter, against a bare Django view.

Builds (once, cached under var/bench/) a database of N demo projects, starts
PAT the production way (bench/serving.py: `pat serve`, a process per core) on a free
loopback port, signs in, and measures in the same run:

* sequential latency (median, p95) of the project list with a search term and
  a region filter: cold (each request a query the list cache has not seen) and
  warm (the same query again, as when many offices open the same list), of its
  htmx partial, and of the JSON API with the same query;
* throughput under concurrent load (C clients, keep-alive) for the list, and the
  ceiling: bench/ceiling.py (a bare Django view rendering a 50-row template, no
  database) under gunicorn with a worker per core, as ../shared/bench/pages.sh.

It prints each figure, the database, and the ratio list/ceiling. Targets: ratio >= 0.5,
p95 < 100 ms, on SQLite and on PostgreSQL (set PAT_BENCH_DATABASE_URL to a
PostgreSQL database that may be emptied, e.g. postgres://pat:pat@127.0.0.1/pat_bench).

    .venv/bin/python bench/projects_list.py [--projects 100000] [--seconds 10] [--clients 8]
"""

from __future__ import annotations

import argparse
import os
import re
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

QUERY = "/projects/?q=trafficking&region=WCA"
API_QUERY = "/api/v1/projects?q=trafficking&region=WCA"


def prepare(database_url: str, projects: int) -> None:
    env = production_environment(database_url)
    subprocess.run([PAT, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)
    started = time.monotonic()
    subprocess.run(
        [PAT, "demo", "--projects", str(projects), "--quiet"], env=env, check=True, cwd=ROOT
    )
    print(f"database ready with {projects} projects ({time.monotonic() - started:.0f} s)")


def run(database_url: str, args: argparse.Namespace) -> dict[str, float]:
    prepare(database_url, args.projects)
    ceiling_load, ceiling_alone = ceiling(args.clients, args.seconds)
    with serve_pat(database_url) as port:
        session = Session(port).sign_in("developer")
        latency(session, QUERY, 5)  # warm caches and the connection pool
        _status, body = session.get(QUERY)
        found = re.search(r"([\d,]+) projects?", body.decode())
        # Cold: every request a query the cache has not seen (its own page number).
        cold_ms = [latency(session, f"{QUERY}&page={i}", 1)[0] for i in range(1, args.runs + 1)]
        list_ms = latency(session, QUERY, args.runs)
        partial_ms = latency(session, QUERY, args.runs, {"HX-Request": "true"})
        api_ms = latency(session, API_QUERY, args.runs)
        list_load = load(
            port, [QUERY], cookie=session.cookie, clients=args.clients, seconds=args.seconds
        )
    figures = {
        "matches (capped)": float((found.group(1) if found else "0").replace(",", "")),
        "cold list median ms": statistics.median(cold_ms),
        "cold list p95 ms": p95(cold_ms),
        "list median ms": statistics.median(list_ms),
        "list p95 ms": p95(list_ms),
        "partial median ms": statistics.median(partial_ms),
        "partial p95 ms": p95(partial_ms),
        "api median ms": statistics.median(api_ms),
        "api p95 ms": p95(api_ms),
        "ceiling alone ms": ceiling_alone,
        "list req/s": list_load.rps,
        "ceiling req/s": ceiling_load.rps,
        "ratio list/ceiling": list_load.rps / ceiling_load.rps,
    }
    title = f"{database_label(database_url)}: {args.projects} projects, query {QUERY!r}"
    print_table(title, ceiling_load, [("list (cached)", list_load, statistics.median(list_ms))])
    for name, value in figures.items():
        print(f"  {name:<22} {value:10.2f}")
    verdict = (
        figures["ratio list/ceiling"] >= 0.5
        and figures["list p95 ms"] < 100
        and figures["cold list p95 ms"] < 100
    )
    print(f"  target (ratio >= 0.5, p95 < 100 ms cold and warm): {'met' if verdict else 'NOT met'}")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=16)
    args = parser.parse_args()
    cache = ROOT / "var" / "bench"
    cache.mkdir(parents=True, exist_ok=True)
    run(f"sqlite:///{cache / f'projects-{args.projects}.sqlite3'}", args)
    postgres = os.environ.get("PAT_BENCH_DATABASE_URL")
    if postgres:
        run(postgres, args)
    else:
        print("\n(PostgreSQL skipped: set PAT_BENCH_DATABASE_URL to run it too)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
