"""Roster import speed: a 100,000-row CSV roster, against a bare insert of the same rows.

Builds (once, cached under var/bench/) the demo organization in an empty
database and a roster file of N rows in its offices and grades, then measures
in the same run, each as a fresh `pat` process as an HR officer would run it:

* `pat staff import FILE --as-of D` into an empty history (read, check every
  row, hash the identifiers, write the rows, the counts and the flows);
* the same command again for the same date (the snapshot is replaced);
* a second date with a tenth of the staff changed (flows derived against the first);
* the baseline: the same process reading the file with the csv module and
  inserting its rows with one plain executemany into a bare table (no checks,
  no hashing, no counts): the ceiling of this machine and database.

It prints each figure and the ratio import/baseline. Target: each import under
30 s, on SQLite and on PostgreSQL (set PAT_BENCH_DATABASE_URL to a PostgreSQL
database that may be emptied, e.g. postgres://pat:pat@127.0.0.1/pat_bench).

    .venv/bin/python bench/staffing_import.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAT = str(ROOT / ".venv" / "bin" / "pat")
GRADES = ["P-2", "P-3", "P-4", "P-5", "D-1", "GS-4", "GS-5", "GS-6", "NO-B", "NO-C"]
BASELINE = """
import csv, time
from django.db import connection
started = time.perf_counter()
with connection.cursor() as cursor:
    cursor.execute("DROP TABLE IF EXISTS bench_roster")
    cursor.execute("CREATE TABLE bench_roster (staff_id varchar(40), sex varchar(10), "
                   "grade varchar(10), office varchar(40), appointment varchar(20), "
                   "birth_year integer)")
    with open({path!r}, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    cursor.executemany("INSERT INTO bench_roster VALUES (%s, %s, %s, %s, %s, %s)",
                       [(r[0], r[1], r[2], r[3], r[4], int(r[5])) for r in rows])
    cursor.execute("DROP TABLE bench_roster")
print(f"{{time.perf_counter() - started:.3f}}")
"""


def environment(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=database_url,
        PYTHONPATH=str(ROOT),
        PAT_DEBUG="0",
        PAT_LOG_LEVEL="ERROR",
    )
    return env


def roster(path: Path, rows: int, offices: list[str], seed: int, changed: float = 0.0) -> None:
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(
            ["Index Number", "Gender", "Grade", "Duty Station", "Contract Type", "Year of birth"]
        )
        for i in range(rows):
            number = i + rows if rng.random() < changed else i  # a new key: an appointment
            writer.writerow(
                [
                    f"{900000 + number}",
                    rng.choice(["female", "male", "F", "M"]),
                    rng.choice(GRADES),
                    rng.choice(offices),
                    rng.choice(["fixed-term", "permanent", "continuing", "temporary"]),
                    rng.randint(1960, 1998),
                ]
            )


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def run(database_url: str, label: str, rows: int, cache: Path) -> dict[str, float]:
    env = environment(database_url)
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
        [PAT, "migrate", "staffing", "zero", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT
    )
    subprocess.run([PAT, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [PAT, "demo", "--projects", "0", "--staff", "0", "--quiet"],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    offices = subprocess.run(
        [
            PAT,
            "shell",
            "-c",
            "from pat.core.models import Office; "
            "print('CODES', *Office.objects.values_list('code', flat=True))",
        ],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout
    offices = next(line for line in offices.splitlines() if line.startswith("CODES")).split()[1:]
    first, second = cache / f"roster-{rows}-a.csv", cache / f"roster-{rows}-b.csv"
    if not first.exists():
        roster(first, rows, offices, seed=1)
        roster(second, rows, offices, seed=1, changed=0.1)
    figures = {
        "import s": timed([PAT, "staff", "import", str(first), "--as-of", "2025-12-31"], env),
        "replace s": timed([PAT, "staff", "import", str(first), "--as-of", "2025-12-31"], env),
        "next date s": timed([PAT, "staff", "import", str(second), "--as-of", "2026-06-30"], env),
        "dry run s": timed(
            [PAT, "staff", "import", str(first), "--as-of", "2025-12-31", "--dry-run"], env
        ),
    }
    started = time.perf_counter()
    inner = subprocess.run(
        [PAT, "shell", "-c", BASELINE.format(path=str(first))],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    figures["baseline s"] = time.perf_counter() - started
    figures["baseline insert s"] = float(inner.stdout.strip().splitlines()[-1])
    figures["ratio import/baseline"] = figures["import s"] / figures["baseline s"]
    print(f"\n== {label}: {rows} rows")
    for name, value in figures.items():
        print(f"  {name:<24} {value:8.2f}")
    worst = max(figures["import s"], figures["replace s"], figures["next date s"])
    print(f"  target (every import < 30 s): {'met' if worst < 30 else 'NOT met'}")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    cache = ROOT / "var" / "bench"
    cache.mkdir(parents=True, exist_ok=True)
    database = cache / "staffing-import.sqlite3"
    database.unlink(missing_ok=True)
    run(f"sqlite:///{database}", "SQLite", args.rows, cache)
    postgres = os.environ.get("PAT_BENCH_DATABASE_URL")
    if postgres:
        run(postgres, "PostgreSQL", args.rows, cache)
    else:
        print("\n(PostgreSQL skipped: set PAT_BENCH_DATABASE_URL to run it too)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
