"""Two money writes against one allocation at the same moment, on two real connections.

Only PostgreSQL has row locks to race on: SQLite serializes every writing transaction, so
there the race cannot happen and the test is skipped.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.db.models import Sum

from pat.pilotfund import services
from pat.pilotfund.models import Disbursement, FundProposal, Grant
from tests.pilotfund.conftest import endorse, pilot_project
from tests.reviews.test_concurrency import race

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serializes writers, so two disbursements cannot race",
    ),
]


def selected(call: Any, project: Any, developer: Any, coordinator: Any) -> FundProposal:
    proposal = services.proposal_enter(
        call=call, project=project, actor=developer, requested=Decimal("60000")
    )
    proposal = services.proposal_submit(proposal=proposal, actor=developer)
    endorse(project)
    services.scores_record(
        proposal=proposal, actor=coordinator, scores={"gender": 4, "feasibility": 4}
    )
    proposal.refresh_from_db()
    return services.proposal_decide(
        proposal=proposal, actor=coordinator, decision="select", expected_version=proposal.version
    )


@pytest.mark.parametrize("attempt", range(3))
def test_two_disbursements_at_once_never_pass_the_grant(
    grant: Any, coordinator: Any, attempt: int
) -> None:
    results = race(
        lambda: services.disbursement_record(
            grant=grant, actor=coordinator, amount=Decimal("30000")
        ),
        lambda: services.disbursement_record(
            grant=grant, actor=coordinator, amount=Decimal("30000")
        ),
    )
    assert sorted(type(r).__name__ for r in results) == ["Disbursement", "FundRefused"], results
    assert Disbursement.objects.aggregate(s=Sum("amount"))["s"] == Decimal("30000")


@pytest.mark.parametrize("attempt", range(3))
def test_two_grants_at_once_never_pass_the_allocation(
    call: Any,
    coordinator: Any,
    developer: Any,
    country_office: Any,
    focal_point: Any,
    gender_reviewer: Any,
    attempt: int,
) -> None:
    first = selected(call, pilot_project(country_office, code="CT.0801"), developer, coordinator)
    second = selected(call, pilot_project(country_office, code="CT.0802"), developer, coordinator)
    results = race(
        lambda: services.grant_award(proposal=first, actor=coordinator, amount=Decimal("60000")),
        lambda: services.grant_award(proposal=second, actor=coordinator, amount=Decimal("60000")),
    )
    assert sorted(type(r).__name__ for r in results) == ["FundRefused", "Grant"], results
    assert Grant.objects.aggregate(s=Sum("amount"))["s"] == Decimal("60000")
