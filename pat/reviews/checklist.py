"""The Gender Focal Point's checklist, prefilled from a frozen version (pure: no database).

The proposals app's readiness check already judges the proposal; its items map
onto the four questions a Gender Focal Point answers. The prefill is a
suggestion: the GFP confirms or overrides each item, with a note when they
disagree with it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pat.proposals import readiness

ITEMS: tuple[str, ...] = (
    "gender-analysis",
    "indicators-disaggregated",
    "marker-justified",
    "terminology-resolved",
)


@dataclass(frozen=True)
class Prefill:
    item: str
    ok: bool
    evidence: tuple[str, ...]  # the readiness messages behind it


def _readiness_items(snapshot: Mapping[str, Any]) -> list[tuple[str, bool, str]]:
    stored = snapshot.get("readiness")
    if isinstance(stored, Mapping) and isinstance(stored.get("items"), Sequence):
        return [(str(i["id"]), bool(i["ok"]), str(i["message"])) for i in stored["items"]]
    # A snapshot frozen before the readiness score was stored: compute it now.
    result = readiness.check(readiness.facts_from_snapshot(snapshot))
    return [(i.id, i.ok, i.message) for i in result.items if not i.advice]


def _belongs(item: str, readiness_id: str) -> bool:
    if item == "gender-analysis":
        return readiness_id in ("gender-analysis", "gender-analysis-groups", "needs-addressed")
    if item == "indicators-disaggregated":
        return readiness_id in ("indicators-disaggregated", "indicators-unmarked")
    if item == "marker-justified":
        return readiness_id in ("marker-iom", "marker-gam")
    return readiness_id.startswith("terminology") and not readiness_id.startswith(
        "terminology-advice"
    )


def prefill(snapshot: Mapping[str, Any]) -> list[Prefill]:
    """One suggestion per checklist item: ok when every readiness item behind it is ok.

    An item with no readiness evidence at all (an empty proposal) is not ok: the
    GFP must look for themselves.
    """
    found = _readiness_items(snapshot)
    out = []
    for item in ITEMS:
        mine = [(ok, message) for rid, ok, message in found if _belongs(item, rid)]
        out.append(
            Prefill(item, bool(mine) and all(ok for ok, _m in mine), tuple(m for _ok, m in mine))
        )
    return out


def blocking(answers: Mapping[str, bool | None]) -> list[str]:
    """Items that keep a plain endorsement from the GFP: unanswered or not met."""
    return [item for item in ITEMS if answers.get(item) is not True]
