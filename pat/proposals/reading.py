"""A frozen proposal version laid out for reading on a page, with names instead of codes.

The snapshot (`services.build_snapshot`) is plain JSON with stored codes
(budget categories, risk levels, sexes, marker schemes); a reviewer reads it
here in their own language. Nothing is looked up in the database: the page
shows what the version holds, even if the project has changed since.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from pat.core.models import Office
from pat.markers.models import Scheme
from pat.projects.models import BeneficiaryCount, Donor, ProjectType, Sex, Status
from pat.proposals.models import BudgetCategory, Level, Proposal, Stage
from pat.proposals.sections import SECTIONS

# The order of the narrative in a proposal (the export follows it too).
NARRATIVE = (
    "summary",
    "objective",
    "rationale",
    "gender-analysis",
    "partnerships",
    "sustainability",
    "monitoring",
    "evaluation",
    "cc-gender",
    "cc-human-rights",
    "cc-environment",
    "cc-accountability",
)


def number(value: Any) -> Decimal | None:
    """A stored amount or count as a Decimal (None when absent or unreadable)."""
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def names(choices: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in choices}


def scheme_name(scheme: str) -> str:
    return names(Scheme.choices).get(scheme, scheme)


def diff_labels() -> dict[str, str]:
    """Names for the version diff: headings and fields, and `kind:code` for stored codes."""
    from pat.proposals.export import labels

    out = labels()
    for kind, choices in (
        ("status", Status.choices),
        ("stage", Stage.choices),
        ("category", BudgetCategory.choices),
        ("level", Level.choices),
        ("sex", Sex.choices),
        ("kind", BeneficiaryCount.Kind.choices),
        ("scheme", Scheme.choices),
    ):
        out.update({f"{kind}:{code}": str(name) for code, name in choices})
    return out


def for_reading(snapshot: Mapping[str, Any]) -> dict[str, Any]:
    """Every part of the version, in the order of a proposal, ready for a template."""
    return {
        "cover": _cover(snapshot),
        "narrative": _narrative(snapshot),
        "results": _results(snapshot),
        "work_plan": _work_plan(snapshot),
        "budget": _budget(snapshot),
        "risks": _risks(snapshot),
        "beneficiaries": _beneficiaries(snapshot),
        "markers": [
            {"scheme": scheme_name(scheme), "code": m.get("code", ""), "reasons": m.get("reasons")}
            for scheme, m in (snapshot.get("markers") or {}).items()
        ],
    }


def _cover(snapshot: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Label and text per fact; the budget as an amount the page formats for its language."""
    project = snapshot.get("project") or {}

    def joined(key: str) -> str:
        return ", ".join(project.get(key) or []) or "–"

    def named(model: Any, name: str | None) -> str:
        # Frozen versions keep the stable English name; show the reader's language.
        if not name:
            return "–"
        found = model.objects.filter(name=name).first()
        return str(found) if found is not None else name

    facts: list[tuple[str, Any]] = [
        (_("Project code"), project.get("code", "")),
        (_("Title"), project.get("title", "")),
        (_("Project type"), named(ProjectType, project.get("project_type"))),
        (_("Executing office"), named(Office, project.get("executing_office"))),
        (_("Region"), project.get("region") or "–"),
        (_("Countries covered"), joined("countries")),
        (_("Donors"), ", ".join(named(Donor, n) for n in project.get("donors") or []) or "–"),
        (_("Partners"), joined("partners")),
        (_("Start date"), project.get("start_date") or "–"),
        (_("End date"), project.get("end_date") or "–"),
    ]
    rows: list[dict[str, Any]] = [{"label": label, "text": text} for label, text in facts]
    rows.append(
        {
            "label": _("Estimated budget"),
            "amount": number(project.get("budget")),
            "currency": project.get("currency", ""),
        }
    )
    rows.append(
        {"label": _("Status"), "text": names(Status.choices).get(project.get("status") or "", "–")}
    )
    rows.append(
        {"label": _("Stage"), "text": names(Stage.choices).get(project.get("stage") or "", "–")}
    )
    return rows


def _narrative(snapshot: Mapping[str, Any]) -> list[dict[str, str]]:
    texts = snapshot.get("sections") or {}
    keys = [k for k in NARRATIVE if k in texts] + [k for k in texts if k not in NARRATIVE]
    return [
        {"key": k, "label": str(SECTIONS[k].label) if k in SECTIONS else k, "text": texts[k]}
        for k in keys
    ]


def _grid(cells: list[dict[str, Any]], band_labels: Mapping[str, str]) -> dict[str, Any] | None:
    """A sex × age table of cells ({sex, band, value}); None when there are none."""
    values = {(c["sex"], str(c["band"])): number(c["value"]) for c in cells}
    if not any(v is not None for v in values.values()):
        return None
    bands = list(dict.fromkeys(str(c["band"]) for c in cells))
    rows = []
    for sex, label in Sex.choices:
        row = [values.get((sex, b)) for b in bands]
        if any(v is not None for v in row):
            rows.append({"label": str(label), "cells": row})
    return {"bands": [band_labels.get(b, b) for b in bands], "rows": rows}


def _results(snapshot: Mapping[str, Any]) -> list[dict[str, Any]]:
    band_labels = snapshot.get("band_labels") or {}
    levels = {"outcome": _("Outcome"), "output": _("Output"), "activity": _("Activity")}
    rows = []
    for row in snapshot.get("results") or []:
        indicators = [
            {
                "statement": ind["statement"],
                "measure": ind.get("measure") or "",
                "means_of_verification": ind.get("means_of_verification") or "",
                "baseline": number(ind.get("baseline")),
                "target": number(ind.get("target")),
                "band_set": ind.get("band_set") or "",
                "counts_people": ind.get("counts_people", False),
                "baselines": _grid(ind.get("baselines") or [], band_labels),
                "targets": _grid(ind.get("targets") or [], band_labels),
            }
            for ind in row.get("indicators") or []
        ]
        rows.append(
            {
                "code": row["code"],
                "level": row["level"],
                "level_label": levels.get(row["level"], row["level"]),
                "statement": row["statement"],
                "assumptions": row.get("assumptions") or "",
                "indicators": indicators,
            }
        )
    return rows


def _work_plan(snapshot: Mapping[str, Any]) -> dict[str, Any]:
    plan = snapshot.get("work_plan") or {}
    count = int(plan.get("periods") or 0)
    entries = plan.get("entries") or []
    # A period beyond the project's end (dates changed later) still shows.
    count = max([count, *(p for e in entries for p in e.get("periods") or [])])
    monthly = plan.get("unit") == Proposal.PeriodUnit.MONTH
    return {
        "unit": _("Months") if monthly else _("Quarters"),
        "periods": list(range(1, count + 1)),
        "entries": [
            {
                "code": e["code"],
                "statement": e["statement"],
                "responsible": e.get("responsible") or "",
                "marks": [p in set(e.get("periods") or []) for p in range(1, count + 1)],
            }
            for e in entries
        ],
    }


def _budget(snapshot: Mapping[str, Any]) -> dict[str, Any]:
    budget = snapshot.get("budget") or {}
    categories = names(BudgetCategory.choices)
    return {
        "currency": budget.get("currency", ""),
        "lines": [
            {
                "category": categories.get(line["category"], line.get("category_label", "")),
                "description": line.get("description", ""),
                "amount": number(line.get("amount")),
            }
            for line in budget.get("lines") or []
        ],
        "totals": [
            {"category": categories.get(k, k), "amount": number(v)}
            for k, v in (budget.get("totals") or {}).items()
            if number(v)
        ],
        "total": number(budget.get("total")) or Decimal(0),
        "warnings": budget.get("warnings") or [],
    }


def _risks(snapshot: Mapping[str, Any]) -> list[dict[str, str]]:
    levels = names(Level.choices)
    return [
        {
            "risk": r.get("risk", ""),
            "likelihood": levels.get(r.get("likelihood", ""), ""),
            "impact": levels.get(r.get("impact", ""), ""),
            "level": levels.get(r.get("level", ""), ""),
            "level_code": r.get("level", ""),
            "mitigation": r.get("mitigation", ""),
            "owner": r.get("owner", ""),
        }
        for r in snapshot.get("risks") or []
    ]


def _beneficiaries(snapshot: Mapping[str, Any]) -> list[dict[str, Any]]:
    kinds = names(BeneficiaryCount.Kind.choices)
    tables = []
    for kind, cells in (snapshot.get("beneficiaries") or {}).items():
        bands = list(dict.fromkeys(c["band"] for c in cells))
        counts = {(c["sex"], c["band"]): c["count"] for c in cells}
        rows = []
        for sex, label in Sex.choices:
            row = [counts.get((sex, b)) for b in bands]
            if any(v is not None for v in row):
                rows.append({"label": str(label), "cells": row, "total": sum(v for v in row if v)})
        tables.append(
            {
                "kind": kinds.get(kind, kind),
                "bands": bands,
                "rows": rows,
                "total": sum(c["count"] or 0 for c in cells),
            }
        )
    return tables
