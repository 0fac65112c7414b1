"""Who must review a proposal, in which stage, by when (pure: no database, no Django).

Routes are data an administrator edits; the service turns them and the project
into the dataclasses below and `plan` computes the review steps. Every route
whose conditions all hold adds its steps, in the routes' order; a route marked
`final` stops the routes after it from applying, so an administrator can write
exceptions ("type X in region Y: only these units") above the general rules.

Deadlines count working days, Monday to Friday (no holiday calendar yet: an
optional set of dates is accepted for when one exists).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

StepKind = Literal["unit", "regional", "gfp"]
# What is reviewed: a proposal, a revision of an endorsed project or a progress report;
# each follows the routes of its own purpose.
PROPOSAL = "proposal"
REVISION = "revision"
REPORT = "report"
UNIT: StepKind = "unit"
REGIONAL: StepKind = "regional"
GFP: StepKind = "gfp"


# --- working days ----------------------------------------------------------------------------


def is_working_day(day: dt.date, holidays: frozenset[dt.date] = frozenset()) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(
    start: dt.date, days: int, holidays: frozenset[dt.date] = frozenset()
) -> dt.date:
    """The date `days` working days after `start` (a Friday + 1 is the Monday).

    Zero days gives `start` itself if it is a working day, else the next one:
    a task opened on a Saturday with no delay is due on Monday.
    """
    if days < 0:
        raise ValueError("days must be zero or more")
    day = start
    while not is_working_day(day, holidays):
        day += dt.timedelta(days=1)
    remaining = days
    while remaining:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays):
            remaining -= 1
    return day


def working_days_between(
    start: dt.date, end: dt.date, holidays: frozenset[dt.date] = frozenset()
) -> int:
    """Working days after `start` up to and including `end`; negative when end is earlier."""
    if end < start:
        return -working_days_between(end, start, holidays)
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays):
            count += 1
    return count


# --- routes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectFacts:
    project_type: str  # code
    region: str
    donors: frozenset[str] = frozenset()  # codes
    budget: Decimal | None = None
    currency: str = "USD"
    executing_office: str = ""
    regional_office: str | None = None  # code of the regional office above it, if any
    purpose: str = PROPOSAL  # what is submitted: routes apply to their own purpose only


@dataclass(frozen=True)
class StepRule:
    kind: StepKind
    department: str | None = None  # department code, for unit steps
    stage: int = 1
    deadline_days: int = 10


@dataclass(frozen=True)
class RouteRule:
    name: str
    order: int = 100
    project_type: str | None = None
    region: str | None = None
    donor: str | None = None
    budget_above: Decimal | None = None
    currency: str = "USD"
    final: bool = False
    steps: tuple[StepRule, ...] = ()
    purpose: str = PROPOSAL


@dataclass(frozen=True)
class DonorRule:
    """A donor that requires its own reviewer: the unit that reviews for it."""

    donor: str
    department: str
    stage: int = 1
    deadline_days: int = 10


@dataclass(frozen=True)
class PlannedStep:
    key: str  # unique per version: "unit:<code>", "regional:<office>", "gfp"
    kind: StepKind
    department: str | None
    office: str | None
    stage: int
    deadline_days: int
    because: tuple[str, ...] = ()  # the routes or donors that asked for it


@dataclass(frozen=True)
class Note:
    """Something the route preview must say; `code` picks the (translated) sentence."""

    code: Literal["no-regional-office", "currency"]
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Plan:
    steps: tuple[PlannedStep, ...]
    routes: tuple[str, ...]  # names of the routes that applied
    notes: tuple[Note, ...] = field(default_factory=tuple)

    @property
    def stages(self) -> list[int]:
        return sorted({s.stage for s in self.steps})


def budget_condition(rule: RouteRule, facts: ProjectFacts) -> tuple[bool, Note | None]:
    """Whether the budget condition holds, and a note when it could not be compared.

    There is no exchange-rate table: a budget in another currency than the
    threshold's is taken as above it, so a required review is never dropped.
    """
    if rule.budget_above is None:
        return True, None
    if facts.budget is None:
        return False, None
    if facts.currency != rule.currency:
        return True, Note(
            "currency",
            (
                ("currency", facts.currency),
                ("route", rule.name),
                ("threshold", f"{rule.budget_above} {rule.currency}"),
            ),
        )
    return facts.budget > rule.budget_above, None


def matches(rule: RouteRule, facts: ProjectFacts) -> tuple[bool, Note | None]:
    if rule.purpose != facts.purpose:
        return False, None
    if rule.project_type is not None and rule.project_type != facts.project_type:
        return False, None
    if rule.region is not None and rule.region != facts.region:
        return False, None
    if rule.donor is not None and rule.donor not in facts.donors:
        return False, None
    return budget_condition(rule, facts)


def _key(kind: StepKind, department: str | None, office: str | None) -> str:
    if kind == UNIT:
        return f"unit:{department}"
    if kind == REGIONAL:
        return f"regional:{office}"
    return "gfp"


def plan(
    facts: ProjectFacts, routes: Sequence[RouteRule], donor_rules: Iterable[DonorRule] = ()
) -> Plan:
    """The review steps of a project: the union of its matching routes and donor reviewers.

    A unit named twice is reviewed once, in the earliest stage named and with the
    shortest deadline: two rules asking for the same unit never make two tasks.
    """
    merged: dict[str, PlannedStep] = {}
    applied: list[str] = []
    notes: list[Note] = []

    def add(kind: StepKind, department: str | None, stage: int, days: int, because: str) -> None:
        office = facts.regional_office if kind == REGIONAL else None
        if kind == REGIONAL and office is None:
            notes.append(Note("no-regional-office", (("office", facts.executing_office),)))
            return
        key = _key(kind, department, office)
        old = merged.get(key)
        if old is None:
            merged[key] = PlannedStep(key, kind, department, office, stage, days, (because,))
        else:
            merged[key] = PlannedStep(
                key,
                kind,
                department,
                office,
                min(old.stage, stage),
                min(old.deadline_days, days),
                (*old.because, because),
            )

    for rule in sorted(routes, key=lambda r: (r.order, r.name)):
        ok, note = matches(rule, facts)
        if not ok:
            continue
        applied.append(rule.name)
        if note:
            notes.append(note)
        for step in rule.steps:
            add(step.kind, step.department, step.stage, step.deadline_days, rule.name)
        if rule.final:
            break
    for donor_rule in donor_rules:
        # A donor's own reviewer reads proposals; a revision follows its own routes.
        if facts.purpose == PROPOSAL and donor_rule.donor in facts.donors:
            add(
                UNIT,
                donor_rule.department,
                donor_rule.stage,
                donor_rule.deadline_days,
                f"donor:{donor_rule.donor}",
            )
    # Stable order: by stage, then GFP last within a stage so it reads as the closing look.
    order = {REGIONAL: 0, UNIT: 1, GFP: 2}
    steps = sorted(merged.values(), key=lambda s: (s.stage, order[s.kind], s.key))
    # Duplicate notes (the same missing regional office from two routes) say nothing new.
    return Plan(tuple(steps), tuple(applied), tuple(dict.fromkeys(notes)))
