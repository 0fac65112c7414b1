"""PAT's main pages against this machine's ceiling, in one run (the Python twin of
../shared/bench/pages.sh, through bench/serving.py).

Prepares (once) a database of N demo projects, measures the ceiling (bench/ceiling.py under
gunicorn with a worker per core), then serves PAT the production way (`pat serve`) and
measures each page with C concurrent clients signed in as the demo developer: requests per
second, p50, p99, the median of one request alone, and the ratio to the ceiling. Also the
first byte of a broad CSV export. Targets (issue 18): the cached list, a project page, recent
changes and the guide >= 0.5; the varied list, the inbox and the API >= 0.2 with p99 < 300
ms; no page over 50 ms alone.

    .venv/bin/python bench/pages.py                       # SQLite under var/bench/
    .venv/bin/python bench/pages.py --database-url postgres://pat:pat@127.0.0.1:5432/pat_bench
    .venv/bin/python bench/pages.py --projects 100000 --seconds 10 --clients 16
"""

from __future__ import annotations

import argparse
import random
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
    print_table,
    production_environment,
    serve_pat,
)

WORDS = ["trafficking", "health", "return", "border", "labour", "gender", "climate", "shelter",
         "cash", "youth", "census", "water", "mobility", "data", "camp", "protection",
         "voluntary", "migrant", "integration", "women"]  # fmt: skip
REGIONS = ["WCA", "EHA", "SA", "AP", "MENA", "SEECA", "EEA", "CNC", ""]
SORTS = ["", "-budget", "title", "-start"]


def prepare(database_url: str, projects: int) -> None:
    env = production_environment(database_url)
    subprocess.run([PAT, "migrate", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True)
    started = time.monotonic()
    command = [PAT, "demo", "--projects", str(projects), "--quiet"]
    subprocess.run(command, env=env, cwd=ROOT, check=True)
    print(f"database ready with {projects} projects ({time.monotonic() - started:.0f} s)")


def varied_lists(count: int) -> list[str]:
    rng = random.Random(18)
    return [
        f"/projects/?q={rng.choice(WORDS)}&region={rng.choice(REGIONS)}"
        f"&sort={rng.choice(SORTS)}&page={rng.randint(1, 5)}"
        for _ in range(count)
    ]


def first_byte_ms(session: Session, path: str) -> tuple[float, float, int]:
    """(ms to the first byte, ms to the last, bytes) of one streamed download."""
    session.conn.close()  # a fresh connection: the last one may have idled out
    started = time.perf_counter()
    session.conn.request("GET", path, headers={"Cookie": session.cookie})
    response = session.conn.getresponse()
    response.read(1)
    first = (time.perf_counter() - started) * 1000
    size = 1 + len(response.read())
    return first, (time.perf_counter() - started) * 1000, size


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="")
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--runs", type=int, default=20, help="requests alone per page")
    args = parser.parse_args()
    database_url = args.database_url
    if not database_url:
        folder = ROOT / "var" / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        database = folder / f"pages-{args.projects}.sqlite3"
        database_url = f"sqlite:///{database}"
        if not database.exists():
            prepare(database_url, args.projects)
    ceiling_load, ceiling_alone = ceiling(args.clients, args.seconds)
    rows = []
    with serve_pat(database_url) as port:
        session = Session(port).sign_in("developer")
        status, body = session.get("/projects/?q=trafficking")
        assert status == 200, f"the list answered {status}"
        project = re.search(r'href="(/projects/[A-Z]+\.\d+/)"', body.decode())
        assert project, "no project in the list"
        pages = [
            ("project list, a repeated query (cached)", ["/projects/?q=trafficking&region=WCA"]),
            ("a project page", [project.group(1)]),
            ("recent changes", ["/projects/changes/"]),
            ("reviews inbox (a developer)", ["/reviews/"]),
            ("guide index", ["/guide/"]),
            ("GET /api/v1/projects?q=trafficking", ["/api/v1/projects?q=trafficking"]),
        ]
        for name, paths in pages:
            latency(session, paths[0], 3)  # every worker process warm
            alone = statistics.median(latency(session, paths[0], args.runs))
            measured = load(
                port, paths, cookie=session.cookie, clients=args.clients, seconds=args.seconds
            )
            rows.append((name, measured, alone))
        varied = varied_lists(5000)
        # Alone: queries the load below never asks, so each one is rendered afresh.
        alone_varied = statistics.median(
            [latency(session, f"{v}&sort=code", 1)[0] for v in varied[-args.runs :]]
        )
        measured = load(
            port, varied, cookie=session.cookie, clients=args.clients, seconds=args.seconds
        )
        rows.append(("project list, varied words, regions, sorts, pages", measured, alone_varied))
        first, last, size = first_byte_ms(session, "/projects/export.csv?q=migrant")
    print_table(
        f"{database_label(database_url)}: {args.projects} projects, {args.clients} clients, "
        f"{args.seconds:.0f} s per page (ceiling alone {ceiling_alone:.1f} ms)",
        ceiling_load,
        rows,
    )
    print(
        f"  CSV of 'migrant': first byte {first:.0f} ms, all {size / 1e6:.1f} MB in {last:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
