"""Gender readiness of a large proposal, and the builder's page weight.

Builds a proposal of 50 outputs, 200 people-counting indicators (16 sex × age
cells each), 150 activities and 20,000 words of narrative in a fresh SQLite
database under var/bench/, then measures in the same run:

* the readiness check plus the marker scoring (IOM, GAM design, DAC) from the
  proposal's snapshot, median of N runs, against a baseline that only reads the
  snapshot (json.loads). Terminology findings are computed when a section is
  saved and kept with it, so the check reads them; the cost of that per-save
  check of one section is printed too;
* the whole service call (snapshot from the database + check), for reference;
* the transferred size (gzip, as the app's GZipMiddleware sends it) of the
  builder's pages, not counting static files, which are fingerprinted and
  cached for a year.

Targets: readiness + scoring median < 50 ms; every page < 100 KB.

    .venv/bin/python bench/proposal_readiness.py [--runs 50]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = ROOT / "var" / "bench" / "proposal.sqlite3"


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


SAMPLE = (
    "Women and girls who migrate for domestic work face debt to recruiters while men and boys "
    "are recruited for construction; the chairman of the committee agreed to open services for "
    "every group with data by sex and age and regular feedback from the people concerned."
)
WORDS = SAMPLE.split()


def text_of(words: int, seed: int) -> str:
    return " ".join(WORDS[(seed + i) % len(WORDS)] for i in range(words))


def build() -> Any:
    from pat.core.models import Office, Role, User
    from pat.markers import services as markers
    from pat.projects.matrix import renumber
    from pat.projects.models import (
        AgeBandSet,
        Indicator,
        IndicatorValue,
        Project,
        ProjectType,
        ResultNode,
    )
    from pat.proposals import services
    from pat.proposals.sections import SECTIONS

    office = Office.objects.create(
        code="co-ng", name="Country Office Nigeria", kind="country", country="NG", region="WCA"
    )
    user = User.objects.create_user("developer")
    Role.objects.create(user=user, office=office, kind="developer")
    project = Project.objects.create(
        code="CT.0001",
        title="Safe migration for women and men",
        executing_office=office,
        region="WCA",
        project_type=ProjectType.objects.first(),
    )
    band_set = AgeBandSet.objects.get(code="four-bands")
    bands = list(band_set.bands.all())
    order = 0
    for o in range(10):
        outcome = ResultNode.objects.create(
            project=project, level="outcome", statement=f"Outcome {o} for women and men", order=o
        )
        for p in range(5):
            output = ResultNode.objects.create(
                project=project,
                parent=outcome,
                level="output",
                statement=f"Output {o}.{p}: services for women, men, girls and boys",
                order=p,
            )
            for a in range(3):
                order += 1
                ResultNode.objects.create(
                    project=project,
                    parent=output,
                    level="activity",
                    statement=f"Activity {o}.{p}.{a} with women and girls",
                    order=a,
                )
            for i in range(4):
                indicator = Indicator.objects.create(
                    result=output,
                    statement=f"Number of people reached {o}.{p}.{i}",
                    counts_people=True,
                    band_set=band_set,
                    target_value=Decimal(16 * 10),
                    order=i,
                )
                IndicatorValue.objects.bulk_create(
                    IndicatorValue(
                        indicator=indicator, kind="target", sex=sex, band=band, value=Decimal(10)
                    )
                    for sex in ("female", "male", "other", "unknown")
                    for band in bands
                )
    renumber(project)
    per_section = 20_000 // len(SECTIONS)
    for n, key in enumerate(SECTIONS):
        services.section_save(
            project=project, key=key, text=text_of(per_section, n), expected_version=1, actor=user
        )
    markers.assessment_save(
        project=project,
        scheme="iom",
        answers={"needs_assessment": True, "results_matrix": True, "activities": True},
        evidence={},
        actor=user,
    )
    markers.assessment_save(
        project=project,
        scheme="gam_design",
        answers={"A": 4, "D": 3, "G": 4, "J": 4},
        evidence={},
        actor=user,
    )
    markers.assessment_save(
        project=project,
        scheme="dac",
        answers={"screened": True, "gender_analysis": True},
        evidence={},
        actor=user,
    )
    return project


def median_ms(fn: Callable[[], Any], runs: int) -> float:
    fn()  # warm up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    setup()
    from django.test import Client

    from pat import terminology
    from pat.markers import scoring
    from pat.proposals import readiness, services

    started = time.monotonic()
    project = build()
    print(f"proposal built in {time.monotonic() - started:.1f} s")
    snapshot = services.build_snapshot(project)
    blob = json.dumps(snapshot)
    words = sum(len(t.split()) for t in snapshot["sections"].values())
    indicators = sum(len(r["indicators"]) for r in snapshot["results"])
    outputs = sum(1 for r in snapshot["results"] if r["level"] == "output")
    print(
        f"{outputs} outputs, {indicators} indicators, {words} words, snapshot "
        f"{len(blob) / 1024:.0f} KB"
    )
    answers = {scheme: m["answers"] for scheme, m in snapshot["markers"].items()}

    def baseline() -> None:
        json.loads(blob)

    def check() -> None:
        snap = json.loads(blob)
        result = readiness.check(readiness.facts_from_snapshot(snap))
        assert 0 <= result.score <= 100
        for scheme, raw in answers.items():
            scoring.score(scheme, raw)

    base = median_ms(baseline, args.runs)
    measured = median_ms(check, args.runs)
    verdict = "OK" if measured < 50 else "OVER"
    print(f"baseline (read the snapshot)        median {base:7.2f} ms")
    print(
        f"readiness + marker scoring          median {measured:7.2f} ms  "
        f"ratio {measured / base:5.1f}× baseline  target < 50 ms: {verdict}"
    )
    print(
        f"readiness score of the bench proposal: "
        f"{readiness.check(readiness.facts_from_snapshot(snapshot)).score}"
    )
    section = snapshot["sections"]["summary"]
    one = median_ms(lambda: terminology.check(section, lang="auto"), max(5, args.runs // 5))
    print(
        f"terminology check of one section ({len(section.split())} words, on its save) "
        f"median {one:7.2f} ms"
    )
    service = median_ms(lambda: services.readiness_for(project), max(5, args.runs // 5))
    print(f"service: snapshot from the database + check   median {service:7.2f} ms")

    # The production settings' hosts, as a browser on the machine would send.
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(project.team.model.objects.get(username="developer"))
    worst = 0
    for step in ("", "rationale/", "results/", "work-plan/", "budget/", "markers/"):
        response = client.get(f"/proposals/{project.code}/{step}", HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200, (step, response.status_code)
        sent = len(response.content)
        encoding = response.get("Content-Encoding", "identity")
        raw = len(gzip.decompress(response.content)) if encoding == "gzip" else sent
        worst = max(worst, sent)
        print(
            f"page /proposals/{project.code}/{step:<12} transferred {sent / 1024:6.1f} KB "
            f"({encoding}; {raw / 1024:.0f} KB uncompressed)"
        )
    for name in ("proposals/builder.js", "proposals/builder.css"):
        data = (ROOT / "pat" / "proposals" / "static" / name).read_bytes()
        print(f"static {name:<24} {len(gzip.compress(data)) / 1024:5.1f} KB gzip, cached")
    print(
        f"largest builder page {worst / 1024:.1f} KB, target < 100 KB: "
        f"{'OK' if worst < 100 * 1024 else 'OVER'} (static files excluded: cached)"
    )


if __name__ == "__main__":
    main()
