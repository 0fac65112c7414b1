"""What a proposal must hold before it goes to review (pure: no database, no Django).

Each reviewing unit needs some parts of the proposal (the budget unit the
budget, the Gender Focal Point the gender analysis...): an administrator keeps
that list as data (`SubmissionNeed`), with a minimum readiness score
(`SubmissionPolicy`). `gaps` says what is missing for the units a submission
would reach; the service refuses the submission while anything is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

DEFAULT_MINIMUM = 60  # readiness score out of 100 (the default; admins change it)

# The builder step (and field) where each part is written: the link from the submit page.
PART_ANCHORS: dict[str, str] = {
    "summary": "summary/#section-summary",
    "rationale": "rationale/#section-rationale",
    "gender-analysis": "rationale/#section-gender-analysis",
    "objective": "results/#section-objective",
    "results": "results/#matrix",
    "beneficiaries": "beneficiaries/",
    "markers": "markers/",
    "partnerships": "partnerships/#section-partnerships",
    "monitoring": "monitoring/#section-monitoring",
    "evaluation": "evaluation/#section-evaluation",
    "risks": "risks/",
    "work-plan": "work-plan/",
    "budget": "budget/",
}
TEXT_PARTS = (
    "summary",
    "rationale",
    "gender-analysis",
    "objective",
    "partnerships",
    "monitoring",
    "evaluation",
)


def _positive(value: Any) -> bool:
    try:
        return Decimal(str(value)) > 0
    except (InvalidOperation, ValueError):
        return False


def present_parts(snapshot: Mapping[str, Any]) -> set[str]:
    """The parts a proposal snapshot holds something in."""
    present = set()
    texts = snapshot.get("sections") or {}
    for key in TEXT_PARTS:
        if str(texts.get(key) or "").strip():
            present.add(key)
    results = snapshot.get("results") or []
    # A results matrix is an outcome with at least one indicator somewhere.
    if any(r.get("level") == "outcome" for r in results) and any(
        r.get("indicators") for r in results
    ):
        present.add("results")
    if any(c.get("count") for c in (snapshot.get("beneficiaries") or {}).get("planned", [])):
        present.add("beneficiaries")
    if snapshot.get("markers"):
        present.add("markers")
    if snapshot.get("risks"):
        present.add("risks")
    plan = (snapshot.get("work_plan") or {}).get("entries") or []
    if any(e.get("periods") for e in plan):
        present.add("work-plan")
    budget = snapshot.get("budget") or {}
    if budget.get("lines") and _positive(budget.get("total")):
        present.add("budget")
    return present


@dataclass(frozen=True)
class Gap:
    part: str
    units: tuple[str, ...]  # the reviewing units that need it, by name
    anchor: str  # relative to the proposal builder's address


def gaps(needs: Iterable[tuple[str, str]], present: set[str]) -> list[Gap]:
    """Missing parts, each with the units that need it, in the proposal's order.

    `needs` pairs a unit's name with a part it needs.
    """
    wanted: dict[str, list[str]] = {}
    for unit, part in needs:
        if part not in present:
            units = wanted.setdefault(part, [])
            if unit not in units:
                units.append(unit)
    order = list(PART_ANCHORS)
    return [
        Gap(part, tuple(units), PART_ANCHORS.get(part, ""))
        for part, units in sorted(
            wanted.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)
        )
    ]
