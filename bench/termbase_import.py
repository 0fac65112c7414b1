"""A big term import in the background, and the first check after it.

    .venv/bin/python bench/termbase_import.py [--rows 5000]

In a fresh SQLite database under var/bench/ (the term base seeded as shipped), measures in
the same run:

* the baseline: building the checker's rules from the shipped term base;
* an import of --rows new entries as the worker runs it (services.import_run): total time,
  rows per second, and the longest batch transaction (how long other writers may wait);
* what the first check after the import pays for its rules now (the process goes on with
  the rules it had while a background thread builds the new ones, since the term base has
  grown past INLINE_BUILD_ENTRIES), and that background build: what the first check paid
  before, inline (79 s after 51,689 rows in the issue).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = ROOT / "var" / "bench" / "termbase.sqlite3"


def setup() -> None:
    DB.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{DB}{suffix}").unlink(missing_ok=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    os.environ.setdefault("PAT_LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)


def document(rows: int) -> bytes:
    from pat.termbase.models import TermEntry

    base = TermEntry.objects.get(rule_id="en.chairman").as_data()
    entries = []
    for i in range(rows):
        raw = dict(base, id=f"en.bulk{i}", lemma=f"bulkword{i}")
        raw["forms"] = {"sg": [f"bulkword{i}"], "pl": [f"bulkwords{i}"]}
        entries.append(raw)
    return json.dumps({"lang": "en", "version": 1, "entries": entries}).encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()
    setup()
    from pat.termbase import checker, services
    from pat.termbase.models import TermImport

    checker.forget()
    started = time.perf_counter()
    checker.current_rules()
    baseline = time.perf_counter() - started
    print(f"baseline: rules of the shipped term base      {baseline * 1000:9.1f} ms")

    batches: list[float] = []
    original = services.terms_import

    def timed(**kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return original(**kwargs)
        finally:
            batches.append(time.perf_counter() - began)

    services.terms_import = timed  # type: ignore[assignment]
    job = TermImport.objects.create(data=document(args.rows), kind="json", file_name="en.json")
    started = time.perf_counter()
    status = services.import_run(import_id=job.pk)
    seconds = time.perf_counter() - started
    print(
        f"import of {args.rows:,} rows: {status}, {seconds:8.1f} s "
        f"({args.rows / seconds:6.0f} rows/s), {len(batches)} batches, "
        f"longest transaction {max(batches) * 1000:7.1f} ms"
    )

    revision = services.revision_current()
    later: list[Any] = []
    checker.start_background = later.append  # type: ignore[assignment]
    started = time.perf_counter()
    checker.rules_at(revision)
    first = time.perf_counter() - started
    print(
        f"first check's rules after the import            {first * 1000:9.3f} ms"
        f"   ratio to baseline {first / baseline:6.3f} (the previous rules, rebuild queued)"
    )
    started = time.perf_counter()
    later[0]()
    inline = time.perf_counter() - started
    print(
        f"the rebuild, in its background thread           {inline * 1000:9.1f} ms"
        f"   ratio to baseline {inline / baseline:6.1f} (what the first check paid before)"
    )


if __name__ == "__main__":
    main()
