"""Routes and working days, as pure functions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pat.reviews import routing
from pat.reviews.routing import (
    DonorRule,
    ProjectFacts,
    RouteRule,
    StepRule,
    add_working_days,
    plan,
    working_days_between,
)

MON = dt.date(2026, 11, 23)
FRI = dt.date(2026, 11, 27)
SAT = dt.date(2026, 11, 28)
SUN = dt.date(2026, 11, 29)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (MON, 0, MON),
        (MON, 1, dt.date(2026, 11, 24)),
        (MON, 4, FRI),
        (MON, 5, dt.date(2026, 11, 30)),
        (MON, 10, dt.date(2026, 12, 7)),
        (FRI, 1, dt.date(2026, 11, 30)),
        (SAT, 0, dt.date(2026, 11, 30)),
        (SAT, 1, dt.date(2026, 12, 1)),
        (SUN, 5, dt.date(2026, 12, 7)),
    ],
)
def test_deadlines_count_monday_to_friday(start: dt.date, days: int, due: dt.date) -> None:
    assert add_working_days(start, days) == due


def test_a_holiday_is_not_a_working_day() -> None:
    assert add_working_days(MON, 1, frozenset({dt.date(2026, 11, 24)})) == dt.date(2026, 11, 25)


def test_negative_working_days_are_refused() -> None:
    with pytest.raises(ValueError, match="zero or more"):
        add_working_days(MON, -1)


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [(MON, MON, 0), (MON, FRI, 4), (FRI, dt.date(2026, 11, 30), 1), (FRI, SUN, 0), (FRI, MON, -4)],
)
def test_working_days_between_dates(start: dt.date, end: dt.date, days: int) -> None:
    assert working_days_between(start, end) == days


STANDARD = RouteRule(
    "Standard",
    100,
    steps=(
        StepRule(routing.REGIONAL),
        StepRule(routing.UNIT, "programme-support"),
        StepRule(routing.UNIT, "budget"),
        StepRule(routing.GFP),
    ),
)
LEGAL = RouteRule(
    "Legal", 200, budget_above=Decimal(1_000_000), steps=(StepRule(routing.UNIT, "legal", 1, 15),)
)
FACTS = ProjectFacts("counter-trafficking", "WCA", regional_office="ro-dakar")


def keys(facts: ProjectFacts, *rules: RouteRule, donors: tuple[DonorRule, ...] = ()) -> list[str]:
    return [s.key for s in plan(facts, rules, donors).steps]


def test_the_standard_route_reviews_in_parallel_with_the_gfp() -> None:
    result = plan(FACTS, [STANDARD, LEGAL])
    assert [s.key for s in result.steps] == [
        "regional:ro-dakar",
        "unit:budget",
        "unit:programme-support",
        "gfp",
    ]
    assert result.stages == [1]
    assert result.routes == ("Standard",)


@pytest.mark.parametrize(
    ("budget", "currency", "legal"),
    [
        (None, "USD", False),
        (Decimal(1_000_000), "USD", False),
        (Decimal("1000000.01"), "USD", True),
        (Decimal(5), "EUR", True),  # no exchange rates: included, never dropped
    ],
)
def test_legal_joins_above_the_budget_threshold(
    budget: Decimal | None, currency: str, legal: bool
) -> None:
    facts = ProjectFacts("t", "WCA", budget=budget, currency=currency, regional_office="ro")
    assert ("unit:legal" in keys(facts, STANDARD, LEGAL)) is legal


def test_a_currency_mismatch_is_explained() -> None:
    facts = ProjectFacts("t", "WCA", budget=Decimal(5), currency="EUR", regional_office="ro")
    assert [n.code for n in plan(facts, [LEGAL]).notes] == ["currency"]


def test_a_donor_that_requires_its_reviewer_adds_its_unit() -> None:
    facts = ProjectFacts("t", "WCA", donors=frozenset({"eu"}), regional_office="ro")
    donors = (DonorRule("eu", "eu-desk", 1, 5), DonorRule("us", "us-desk"))
    assert "unit:eu-desk" in keys(facts, STANDARD, donors=donors)
    assert "unit:us-desk" not in keys(facts, STANDARD, donors=donors)


def test_conditions_on_type_region_and_donor_must_all_hold() -> None:
    rule = RouteRule(
        "Narrow", 50, project_type="t", region="WCA", donor="eu", steps=(StepRule("gfp"),)
    )
    assert keys(ProjectFacts("t", "WCA", donors=frozenset({"eu"})), rule) == ["gfp"]
    assert keys(ProjectFacts("x", "WCA", donors=frozenset({"eu"})), rule) == []
    assert keys(ProjectFacts("t", "SA", donors=frozenset({"eu"})), rule) == []
    assert keys(ProjectFacts("t", "WCA"), rule) == []


def test_a_final_route_stops_the_routes_after_it() -> None:
    exception = RouteRule("Emergency", 10, project_type="t", final=True, steps=(StepRule("gfp"),))
    assert keys(ProjectFacts("t", "WCA", regional_office="ro"), exception, STANDARD) == ["gfp"]


def test_a_unit_named_twice_is_reviewed_once_earliest_and_soonest() -> None:
    later = RouteRule("Later", 300, steps=(StepRule(routing.UNIT, "budget", 2, 3),))
    steps = plan(FACTS, [STANDARD, later]).steps
    budget = [s for s in steps if s.key == "unit:budget"]
    assert len(budget) == 1
    assert (budget[0].stage, budget[0].deadline_days) == (1, 3)
    assert budget[0].because == ("Standard", "Later")


def test_stages_order_the_steps() -> None:
    staged = RouteRule(
        "Staged", steps=(StepRule(routing.GFP, stage=2), StepRule(routing.UNIT, "budget", 1))
    )
    result = plan(FACTS, [staged])
    assert [(s.stage, s.key) for s in result.steps] == [(1, "unit:budget"), (2, "gfp")]
    assert result.stages == [1, 2]


def test_no_regional_office_means_no_regional_step_and_a_note() -> None:
    facts = ProjectFacts("t", "WCA", executing_office="CO Nigeria", regional_office=None)
    result = plan(facts, [STANDARD])
    assert "regional" not in {s.kind for s in result.steps}
    assert [n.code for n in result.notes] == ["no-regional-office"]
