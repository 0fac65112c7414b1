"""Speed of gender marker scoring for a large proposal: every scheme, from raw answers.

    .venv/bin/python bench/markers_scoring.py [--runs 2000]

One "proposal" is scored as the readiness check would: the IOM marker, the GAM at
design and at monitoring (all twelve measures), the DAC checklist, the crosswalk,
the IATI markers, and every reason rendered to text. A large proposal also
re-scores its frozen versions, so each run scores VERSIONS copies of it.

Printed beside it, measured in the same run: a trivial function call (the floor
of any Python work on this machine). Target context: readiness check plus marker
scoring of a large proposal under 50 ms in total.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pat.markers import scoring  # noqa: E402 - after the path is set

VERSIONS = 10  # frozen proposal versions re-scored with the current one

ANSWERS: dict[str, dict[str, Any]] = {
    "iom": {
        "needs_assessment": True,
        "results_matrix": "yes",
        "activities": True,
        "principal_purpose": False,
    },
    "gam_design": {"A": 4, "D": "3", "G": 3, "J": 2, "targeted": True},
    "gam_monitoring": {**{m: (i % 5) for i, m in enumerate("ABCDEFGHIJKL")}, "targeted": False},
    "dac": {
        "screened": True,
        "gender_analysis": True,
        "do_no_harm": True,
        "gender_objective": True,
        "gender_indicator": True,
        "sex_disaggregated_data": True,
        "commitment_to_report": "on",
        "principal_objective": False,
    },
}


def score_proposal() -> int:
    sentences = 0
    for _version in range(VERSIONS):
        codes: dict[str, str] = {}
        for scheme, answers in ANSWERS.items():
            result = scoring.score(scheme, answers)
            codes[scheme] = result.code
            sentences += len(result.sentences())
        suggested = scoring.dac_suggestion_from_iom(codes["iom"])
        scoring.iati_policy_markers(dac_code=codes.get("dac", suggested), own_code=codes["iom"])
    return sentences


def trivial() -> int:
    return 1


def median_seconds(func: Any, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000)
    args = parser.parse_args()
    score_proposal()  # warm up
    baseline = median_seconds(trivial, args.runs)
    proposal = median_seconds(score_proposal, args.runs)
    per_version = proposal / VERSIONS
    print(f"runs: {args.runs}")
    print(f"baseline (trivial call):          {baseline * 1e6:9.2f} µs")
    print(f"one proposal version, all schemes: {per_version * 1e6:9.2f} µs")
    print(f"large proposal ({VERSIONS} versions):      {proposal * 1e3:9.3f} ms")
    print(f"ratio proposal / baseline:         {proposal / baseline:9.0f}x")
    print(f"share of the 50 ms budget:         {proposal / 0.050:9.1%}")


if __name__ == "__main__":
    main()
