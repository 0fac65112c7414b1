"""Pilot fund personas and data: the gender coordinator who runs the fund, the reviewers of
the fund's route (the HQ focal point and the gender unit), a fund with this year's
allocation, an open call, and a project written to fit it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from pat.pilotfund import services
from pat.projects.models import Donor
from tests import factories

# Fund tests submit proposals without every builder part; the submission rules are tested in
# tests/reviews, so the same relaxing fixture applies here.
from tests.reviews.conftest import _any_proposal_may_go_to_review, submission_rules  # noqa: F401

CRITERIA = [
    {"code": "gender", "name": "Gender analysis", "weight": 2, "max": 5},
    {"code": "feasibility", "name": "Feasibility", "weight": 1, "max": 5},
]
RULES = [
    {"rule": "max_budget", "value": "60000"},
    {"rule": "currency", "value": "USD"},
    {"rule": "max_months", "value": 24},
    {"rule": "requires", "value": ["summary"]},
]


@pytest.fixture
def gender_unit(db: None) -> Any:
    return factories.DepartmentFactory(code="gender", name="Gender Coordination")


@pytest.fixture
def coordinator(hq: Any, gender_unit: Any) -> Any:
    user = factories.UserFactory(username="coordinator")
    factories.RoleFactory(user=user, office=hq, kind="coord")
    return user


@pytest.fixture
def gender_reviewer(hq: Any, gender_unit: Any) -> Any:
    user = factories.UserFactory(username="gender-reviewer")
    factories.RoleFactory(user=user, office=hq, kind="reviewer", department=gender_unit)
    return user


@pytest.fixture
def donor(db: None) -> Any:
    return Donor.objects.create(code="discretionary-income", name="Discretionary Income")


@pytest.fixture
def fund(coordinator: Any, donor: Any, gender_unit: Any) -> Any:
    return services.fund_create(
        actor=coordinator,
        code="gender-pilot",
        name="Gender pilot fund",
        donor=donor,
        review_department="gender",
    )


@pytest.fixture
def allocation(fund: Any, coordinator: Any) -> Any:
    return services.allocation_set(
        fund=fund,
        actor=coordinator,
        year=timezone.localdate().year,
        amount=Decimal("100000.00"),
        source="discretionary",
    )


@pytest.fixture
def call(fund: Any, allocation: Any, coordinator: Any) -> Any:
    today = timezone.localdate()
    call = services.call_create(
        fund=fund,
        actor=coordinator,
        fields={
            "allocation": allocation,
            "title": "Gender pilots",
            "opens_on": today - dt.timedelta(days=10),
            "deadline": today + dt.timedelta(days=10),
            "eligibility": RULES,
            "criteria": CRITERIA,
        },
    )
    return services.call_move(
        call=call, actor=coordinator, action="open", expected_version=call.version
    )


def pilot_project(office: Any, **fields: Any) -> Any:
    today = timezone.localdate()
    values = {
        "executing_office": office,
        "budget": Decimal("50000.00"),
        "currency": "USD",
        "start_date": today,
        "end_date": today + dt.timedelta(days=365),
        **fields,
    }
    return factories.ProjectFactory(**values)


@pytest.fixture
def pilot(country_office: Any) -> Any:
    return pilot_project(country_office)


def endorse(project: Any) -> None:
    """Every open review task of the project decided by one of its reviewers."""
    from pat.reviews import services as reviews
    from pat.reviews.models import ReviewTask
    from pat.reviews.permissions import reviewers

    for _round in range(4):
        project.refresh_from_db()
        if project.status != "in_review":
            return
        for task in ReviewTask.objects.filter(project=project).open():
            reviews.task_decide(
                task=task,
                actor=reviewers(task)[0],
                decision="endorse_with_comments",
                note="Fine for a pilot.",
            )


def granted(
    *, call: Any, project: Any, developer: Any, coordinator: Any, amount: str = "40000"
) -> Any:
    """A project carried from entry to its grant through the services, as the pages do."""
    proposal = services.proposal_enter(
        call=call, project=project, actor=developer, requested=Decimal(amount)
    )
    proposal = services.proposal_submit(proposal=proposal, actor=developer)
    endorse(project)
    services.scores_record(
        proposal=proposal, actor=coordinator, scores={"gender": 4, "feasibility": 3}
    )
    proposal.refresh_from_db()
    services.proposal_decide(
        proposal=proposal, actor=coordinator, decision="select", expected_version=proposal.version
    )
    return services.grant_award(proposal=proposal, actor=coordinator, amount=Decimal(amount))


@pytest.fixture
def grant(
    call: Any, pilot: Any, developer: Any, coordinator: Any, focal_point: Any, gender_reviewer: Any
) -> Any:
    return granted(call=call, project=pilot, developer=developer, coordinator=coordinator)
