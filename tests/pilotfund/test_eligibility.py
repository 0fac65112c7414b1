"""A call's eligibility rules, as data (pure)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from pat.pilotfund.eligibility import Facts, check, rules_problem

BASE = Facts(
    budget=Decimal("50000"),
    currency="USD",
    region="WCA",
    project_type="counter-trafficking",
    start_date=dt.date(2026, 1, 1),
    end_date=dt.date(2027, 6, 30),
    filled=frozenset({"summary", "objective"}),
    status="draft",
)


def facts(**changes: Any) -> Facts:
    return Facts(**{**BASE.__dict__, **changes})


@pytest.mark.parametrize(
    ("rule", "value", "changes", "code"),
    [
        ("max_budget", "60000", {}, None),
        ("max_budget", "60000", {"budget": Decimal("60000")}, None),
        ("max_budget", "60000", {"budget": Decimal("60000.01")}, "over-budget"),
        ("max_budget", "60000", {"budget": None}, "no-budget"),
        ("max_budget", "lots", {}, "bad-rule"),
        ("currency", "USD", {}, None),
        ("currency", "USD", {"currency": "EUR"}, "currency"),
        ("max_months", 18, {}, None),
        ("max_months", 12, {}, "too-long"),
        ("max_months", 24, {"end_date": None}, "no-dates"),
        ("regions", ["WCA", "EHA"], {}, None),
        ("regions", ["AP"], {}, "region"),
        ("project_types", ["counter-trafficking"], {}, None),
        ("project_types", ["health"], {}, "project-type"),
        ("requires", ["summary"], {}, None),
        ("requires", ["summary", "gender-analysis"], {}, "missing"),
        ("statuses", ["concept", "draft"], {}, None),
        ("statuses", ["concept", "draft"], {"status": "endorsed"}, "status"),
    ],
)
def test_each_rule_passes_or_names_its_problem(
    rule: str, value: Any, changes: dict[str, Any], code: str | None
) -> None:
    problems = check([{"rule": rule, "value": value}], facts(**changes))
    assert [p.code for p in problems] == ([] if code is None else [code])


def test_every_broken_rule_is_listed_in_the_rules_order() -> None:
    rules = [
        {"rule": "currency", "value": "USD"},
        {"rule": "max_budget", "value": "1000"},
        {"rule": "regions", "value": ["WCA"]},
    ]
    problems = check(rules, facts(currency="CHF"))
    assert [p.rule for p in problems] == ["currency", "max_budget"]


def test_an_unknown_rule_is_a_problem_not_a_pass() -> None:
    assert [p.code for p in check([{"rule": "max_budgte", "value": 1}], BASE)] == ["unknown-rule"]


@pytest.mark.parametrize(
    ("rules", "ok"),
    [
        ([], True),
        ([{"rule": "max_budget", "value": "1"}], True),
        ({"rule": "max_budget"}, False),
        ([{"rule": "nope", "value": 1}], False),
        ([{"rule": "max_budget"}], False),
        (["max_budget"], False),
    ],
)
def test_stored_rules_are_checked_for_shape(rules: Any, ok: bool) -> None:
    assert (rules_problem(rules) == "") is ok
