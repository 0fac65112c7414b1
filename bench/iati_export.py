"""IATI export speed: 5,000 projects as IATI 2.03 activities, against a bare lxml write.

Builds (once per run) a database of N demo projects with their results matrices, SADD
targets, partners, donors and countries, then measures in the same run, each in a fresh
`pat` process:

* the exporter over every one of the N projects (`export.write`, all statuses), streamed
  to a file: the figure the target is about;
* `pat iati export -o FILE` as an operator runs it: the published projects only, the file
  then validated against the IATI 2.03 schema;
* the baseline: the same process writing one `<iati-activity>` per project with only its
  identifier, title and status from a single query, through the same lxml xmlfile (no
  related data, no results, no validation): the ceiling of this machine and database.

It prints each figure, the file sizes and the ratio export/baseline. Target: the N projects
in under 30 s, on SQLite and on PostgreSQL (set PAT_BENCH_DATABASE_URL to a PostgreSQL
database that may be emptied, e.g. postgres://pat:pat@127.0.0.1/pat_bench).

    .venv/bin/python bench/iati_export.py [--projects 5000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAT = str(ROOT / ".venv" / "bin" / "pat")
EXPORT_ALL = """
import time
from pat.iati import export
from pat.projects.models import Project
started = time.perf_counter()
with open({path!r}, "wb") as out:
    count = export.write(out, Project.objects.all())
print(count, f"{{time.perf_counter() - started:.3f}}")
"""
BASELINE = """
import time
from lxml import etree
from pat.projects.models import Project
started = time.perf_counter()
count = 0
with open({path!r}, "wb") as out, etree.xmlfile(out, encoding="utf-8") as xf:
    with xf.element("iati-activities", version="2.03"):
        for code, title, status in Project.objects.values_list("code", "title", "status"):
            activity = etree.Element("iati-activity")
            etree.SubElement(activity, "iati-identifier").text = code
            etree.SubElement(etree.SubElement(activity, "title"), "narrative").text = title
            etree.SubElement(activity, "activity-status", code=status)
            xf.write(activity)
            count += 1
print(count, f"{{time.perf_counter() - started:.3f}}")
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


def shell(code: str, env: dict[str, str]) -> tuple[int, float, float]:
    """Run code in a fresh `pat shell`: (count, seconds inside, seconds of the process)."""
    started = time.perf_counter()
    done = subprocess.run(
        [PAT, "shell", "-c", code], env=env, check=True, cwd=ROOT, capture_output=True, text=True
    )
    outside = time.perf_counter() - started
    count, inside = done.stdout.strip().splitlines()[-1].split()
    return int(count), float(inside), outside


def run(database_url: str, label: str, projects: int, cache: Path) -> dict[str, float]:
    env = environment(database_url)
    if database_url.startswith("postgres"):
        # An empty schema, so every data migration (countries, age bands, routes) loads
        # again: `flush` empties their tables, and unmigrating two apps missed the others.
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
    started = time.perf_counter()
    subprocess.run(
        [PAT, "demo", "--projects", str(projects), "--staff", "0", "--quiet"],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    print(
        f"\n== {label}: database ready with {projects} projects "
        f"({time.perf_counter() - started:.0f} s)"
    )
    every, published, bare = (cache / f"iati-{name}.xml" for name in ("all", "published", "bare"))
    count, inside, outside = shell(EXPORT_ALL.format(path=str(every)), env)
    started = time.perf_counter()
    subprocess.run(
        [PAT, "iati", "export", "-o", str(published)],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    command = time.perf_counter() - started
    base_count, base_inside, base_outside = shell(BASELINE.format(path=str(bare)), env)
    assert count == base_count >= projects, (count, base_count, projects)
    figures = {
        "export all (inside) s": inside,
        "export all (process) s": outside,
        "pat iati export + schema s": command,
        "baseline (inside) s": base_inside,
        "baseline (process) s": base_outside,
        "ratio export/baseline": inside / base_inside,
        "file all MB": every.stat().st_size / 1e6,
        "file published MB": published.stat().st_size / 1e6,
    }
    for name, value in figures.items():
        print(f"  {name:<28} {value:8.2f}")
    print(f"  target ({projects} projects < 30 s): {'met' if outside < 30 else 'NOT met'}")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--projects", type=int, default=5000)
    args = parser.parse_args()
    cache = ROOT / "var" / "bench"
    cache.mkdir(parents=True, exist_ok=True)
    database = cache / "iati-export.sqlite3"
    database.unlink(missing_ok=True)
    run(f"sqlite:///{database}", "SQLite", args.projects, cache)
    postgres = os.environ.get("PAT_BENCH_DATABASE_URL")
    if postgres:
        run(postgres, "PostgreSQL", args.projects, cache)
    else:
        print("\n(PostgreSQL skipped: set PAT_BENCH_DATABASE_URL to run it too)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
