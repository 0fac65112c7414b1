"""A call's eligibility rules, as data, checked when a proposal is entered (pure: no Django).

A call stores its rules as a list of `{"rule": name, "value": ...}` objects an administrator
edits; `check` applies them to the facts of a project and names every rule it breaks.
Unknown rule names are reported as problems (never silently passed), so a typo in the data
cannot open the call to everyone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any


@dataclass(frozen=True)
class Facts:
    budget: Decimal | None
    currency: str
    region: str
    project_type: str
    start_date: dt.date | None
    end_date: dt.date | None
    filled: frozenset[str] = field(default_factory=frozenset)  # non-empty narrative fields
    status: str = "draft"


@dataclass(frozen=True)
class Problem:
    rule: str
    code: str  # which sentence the page shows (translated there)
    params: tuple[tuple[str, str], ...] = ()


def _months(start: dt.date, end: dt.date) -> int:
    """Whole months from start to end, counting a started month (1 Jan – 31 Mar is 3)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    return months + (1 if end.day >= start.day - 1 else 0)


def _max_budget(value: Any, facts: Facts) -> Problem | None:
    try:
        limit = Decimal(str(value))
    except InvalidOperation:
        return Problem("max_budget", "bad-rule", (("value", str(value)),))
    if facts.budget is None:
        return Problem("max_budget", "no-budget")
    if facts.budget > limit:
        return Problem(
            "max_budget", "over-budget", (("budget", str(facts.budget)), ("limit", str(limit)))
        )
    return None


def _currency(value: Any, facts: Facts) -> Problem | None:
    if facts.currency != str(value):
        return Problem("currency", "currency", (("currency", facts.currency), ("want", str(value))))
    return None


def _max_months(value: Any, facts: Facts) -> Problem | None:
    if facts.start_date is None or facts.end_date is None:
        return Problem("max_months", "no-dates")
    months = _months(facts.start_date, facts.end_date)
    if months > int(value):
        return Problem("max_months", "too-long", (("months", str(months)), ("limit", str(value))))
    return None


def _regions(value: Any, facts: Facts) -> Problem | None:
    if facts.region not in set(value):
        return Problem("regions", "region", (("region", facts.region),))
    return None


def _project_types(value: Any, facts: Facts) -> Problem | None:
    if facts.project_type not in set(value):
        return Problem("project_types", "project-type", (("type", facts.project_type),))
    return None


def _requires(value: Any, facts: Facts) -> Problem | None:
    missing = [name for name in value if name not in facts.filled]
    if missing:
        return Problem("requires", "missing", (("fields", ", ".join(missing)),))
    return None


def _statuses(value: Any, facts: Facts) -> Problem | None:
    if facts.status not in set(value):
        return Problem("statuses", "status", (("status", facts.status),))
    return None


RULES: dict[str, Callable[[Any, Facts], Problem | None]] = {
    "max_budget": _max_budget,
    "currency": _currency,
    "max_months": _max_months,
    "regions": _regions,
    "project_types": _project_types,
    "requires": _requires,
    "statuses": _statuses,
}


def check(rules: Sequence[Mapping[str, Any]], facts: Facts) -> list[Problem]:
    """Every broken rule of the call, in the rules' order; empty when the project is eligible."""
    problems: list[Problem] = []
    for rule in rules:
        name = str(rule.get("rule", ""))
        apply = RULES.get(name)
        if apply is None:
            problems.append(Problem(name, "unknown-rule"))
            continue
        found = apply(rule.get("value"), facts)
        if found is not None:
            problems.append(found)
    return problems


def rules_problem(rules: Any) -> str:
    """Why stored rules are malformed ("" when they are a list of known rules)."""
    if not isinstance(rules, list):
        return "not a list"
    for rule in rules:
        if not isinstance(rule, dict) or rule.get("rule") not in RULES or "value" not in rule:
            return f"bad rule: {rule!r}"
    return ""
