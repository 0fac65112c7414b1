"""Public vacancy board speed: 2,000 notices (1,600 published), against the machine's ceiling.

Builds (once, cached under var/bench/) a database with the demo organization and N vacancy
notices written through the recruitment services (each with its wording check), serves PAT
the production way (bench/serving.py: `pat serve`, a process per core and one more) on a free
loopback port and measures, as an anonymous visitor (the board needs no sign-in), in the
same run:

* the board (first page of 50) cold (pages the cache has not seen: 32 pages of 50) and warm,
  the board filtered by office and language, one notice page
  (with its JSON-LD), the Atom and JSON feeds (100 newest), and the public API;
* the board under load (16 clients) against the ceiling: bench/ceiling.py (a bare Django
  view rendering a 50-row template, no database) under gunicorn with a worker per core, as
  ../shared/bench/pages.sh.

It prints each figure, the database and the ratio board/ceiling. Target: cold board median
< 100 ms, on SQLite and on PostgreSQL (set PAT_BENCH_DATABASE_URL to a PostgreSQL database
that may be emptied).

    .venv/bin/python bench/vacancy_board.py [--notices 2000] [--runs 200]
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
    ceiling,
    database_label,
    latency,
    load,
    p95,
    print_table,
    production_environment,
    serve_pat,
)

SEED = """
import datetime as dt, itertools
from pat.core.demo import build_organization
from pat.core.models import Office, User
from pat.recruitment import services
from pat.recruitment.demo import TEXT_ES, TEXT_FR, TEXT_MASCULINE, TEXT_NEUTRAL
from pat.recruitment.models import Vacancy
from pat.staffing.models import Level
build_organization()
have = Vacancy.objects.count()
hr = User.objects.get(username="hr")
offices = list(Office.objects.order_by("code"))
levels = list(Level.objects.filter(code__in=["P-2", "P-3", "P-4", "P-5", "GS-5", "NO-B"]))
texts = [("en", TEXT_NEUTRAL), ("en", TEXT_MASCULINE), ("fr", TEXT_FR), ("es", TEXT_ES)]
today = dt.date.today()
for n in range(have, {notices}):
    lang, text = texts[n % 4]
    office = offices[n % len(offices)]
    v = services.vacancy_create(by=hr, fields=dict(
        reference=f"VN B/{{n:05d}}", title=f"Programme Officer {{n}}",
        grade=levels[n % len(levels)], office=office, duty_station=office.name[:60],
        closing_date=today + dt.timedelta(days=n % 60), language=lang, text=text, apply_url=""))
    if n % 5:
        services.vacancy_move(vacancy=v, by=hr, to="published", expected_version=v.version,
                              reason="bench" if v.wording_masculine else "")
"""


def prepare(database_url: str, notices: int, fresh: bool) -> None:
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
        subprocess.run(
            [PAT, "migrate", "staffing", "zero", "--noinput", "-v", "0"],
            env=env,
            check=True,
            cwd=ROOT,
        )
    subprocess.run([PAT, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)
    started = time.monotonic()
    subprocess.run(
        [PAT, "shell", "-c", SEED.format(notices=notices)], env=env, check=True, cwd=ROOT
    )
    print(f"database ready: {notices} notices ({time.monotonic() - started:.0f} s)")


def run(database_url: str, args: argparse.Namespace, fresh: bool) -> dict[str, float]:
    prepare(database_url, args.notices, fresh)
    ceiling_load, ceiling_alone = ceiling(seconds=args.seconds)
    with serve_pat(database_url) as port:
        visitor = Session(port)
        latency(visitor, "/vacancies/", 5)
        runs = args.runs
        # cold: pages and feeds the cache has not seen (each address is its own cache entry)
        cold_board = [latency(visitor, f"/vacancies/?page={n}", 1)[0] for n in range(1, 33)]
        cold_atom = [latency(visitor, f"/vacancies/feed.atom?n={n}", 1)[0] for n in range(10)]
        board_ms = latency(visitor, "/vacancies/", runs)
        filtered_ms = latency(visitor, "/vacancies/?office=co-ng&language=en", runs)
        notice_ms = latency(visitor, "/vacancies/vn-b-00001/", runs)
        atom_ms = latency(visitor, "/vacancies/feed.atom", max(20, runs // 5))
        json_ms = latency(visitor, "/vacancies/feed.json", max(20, runs // 5))
        api_ms = latency(visitor, "/api/v1/vacancies?limit=50", max(20, runs // 5))
        _status, body = visitor.get("/vacancies/")
        board_load = load(port, ["/vacancies/"], seconds=args.seconds)
    figures = {
        "board (warm) median ms": statistics.median(board_ms),
        "board (warm) p95 ms": p95(board_ms),
        "cold board median ms": statistics.median(cold_board),
        "cold board p95 ms": p95(cold_board),
        "filtered board median ms": statistics.median(filtered_ms),
        "notice page median ms": statistics.median(notice_ms),
        "atom feed median ms": statistics.median(atom_ms),
        "cold atom feed median ms": statistics.median(cold_atom),
        "json feed median ms": statistics.median(json_ms),
        "api (50) median ms": statistics.median(api_ms),
        "ceiling alone ms": ceiling_alone,
        "ratio board/ceiling req/s": board_load.rps / ceiling_load.rps,
        "board page kB": len(body) / 1024,
    }
    title = f"{database_label(database_url)}: {args.notices} notices, as an anonymous visitor"
    print_table(title, ceiling_load, [("vacancy board", board_load, statistics.median(board_ms))])
    for name, value in figures.items():
        print(f"  {name:<26} {value:10.2f}")
    met = figures["cold board median ms"] < 100
    print(f"  target (cold board median < 100 ms): {'met' if met else 'NOT met'}")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--notices", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    cache = ROOT / "var" / "bench"
    cache.mkdir(parents=True, exist_ok=True)
    database = cache / f"vacancies-{args.notices}.sqlite3"
    run(f"sqlite:///{database}", args, fresh=False)
    postgres = os.environ.get("PAT_BENCH_DATABASE_URL")
    if postgres:
        run(postgres, args, fresh=True)
    else:
        print("\n(PostgreSQL skipped: set PAT_BENCH_DATABASE_URL to run it too)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
