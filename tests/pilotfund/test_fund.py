"""The fund's limits and states, through the services the pages call."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from pat.core.locking import EditConflict
from pat.pilotfund import services
from pat.pilotfund.models import Disbursement, FundEvent, FundProposal, Grant
from pat.reviews.models import ReviewTask
from tests.pilotfund.conftest import granted, pilot_project

pytestmark = pytest.mark.django_db


def test_a_disbursement_above_the_allocation_is_refused_with_the_figures_and_nothing_is_written(
    call: Any, grant: Any, coordinator: Any, developer: Any, country_office: Any
) -> None:
    # A second grant takes the allocation to 90,000; pay both in full, then one cent too many.
    other = granted(
        call=call,
        project=pilot_project(country_office, code="CT.0900"),
        developer=developer,
        coordinator=coordinator,
        amount="50000",
    )
    services.disbursement_record(grant=grant, actor=coordinator, amount=Decimal("40000"))
    services.disbursement_record(grant=other, actor=coordinator, amount=Decimal("50000"))
    allocation = grant.allocation
    allocation.amount = Decimal("90000")  # a cut the page would refuse; here to reach the limit
    allocation.save()
    other.amount = Decimal("60000")
    other.save()
    with pytest.raises(services.FundRefused) as refused:
        services.disbursement_record(grant=other, actor=coordinator, amount=Decimal("0.01"))
    assert "above what is left of the" in str(refused.value)
    assert "allocation (0.00 USD)" in str(refused.value)
    assert Disbursement.objects.count() == 2


def test_a_disbursement_above_the_grant_is_refused(grant: Any, coordinator: Any) -> None:
    services.disbursement_record(grant=grant, actor=coordinator, amount=Decimal("30000"))
    with pytest.raises(services.FundRefused) as refused:
        services.disbursement_record(grant=grant, actor=coordinator, amount=Decimal("10000.01"))
    assert "left of the grant (10,000.00 of 40,000.00)" in str(refused.value)
    assert grant.disbursements.count() == 1


def test_the_grant_is_paid_to_the_cent_and_the_dashboard_shows_it(
    grant: Any, coordinator: Any, fund: Any
) -> None:
    services.disbursement_record(grant=grant, actor=coordinator, amount=Decimal("15000"))
    services.disbursement_record(grant=grant, actor=coordinator, amount=Decimal("25000"))
    [row] = services.fund_rows(fund)
    assert row["granted"] == Decimal("40000")
    assert row["disbursed"] == Decimal("40000")
    assert row["remaining"] == Decimal("60000")
    assert row["disbursed_share"] == pytest.approx(0.4)


def test_grants_never_pass_the_allocation(
    call: Any, grant: Any, coordinator: Any, developer: Any, country_office: Any
) -> None:
    project = pilot_project(country_office, code="CT.0901")
    with pytest.raises(services.FundRefused) as refused:
        granted(
            call=call,
            project=project,
            developer=developer,
            coordinator=coordinator,
            amount="60000.01",
        )
    assert "above what is left of the" in str(refused.value)
    assert Grant.objects.count() == 1


def test_a_suspended_grant_is_not_paid_until_resumed(grant: Any, coordinator: Any) -> None:
    services.grant_move(grant=grant, actor=coordinator, action="suspend", expected_version=1)
    with pytest.raises(services.FundRefused):
        services.disbursement_record(grant=grant, actor=coordinator, amount=Decimal("1"))
    grant.refresh_from_db()
    services.grant_move(
        grant=grant, actor=coordinator, action="resume", expected_version=grant.version
    )
    assert services.disbursement_record(grant=grant, actor=coordinator, amount=Decimal("1"))


def test_an_allocation_is_never_cut_below_what_is_granted(
    grant: Any, fund: Any, coordinator: Any
) -> None:
    allocation = grant.allocation
    with pytest.raises(services.FundRefused):
        services.allocation_set(
            fund=fund,
            actor=coordinator,
            year=allocation.year,
            amount=Decimal("39999.99"),
            source="discretionary",
            expected_version=allocation.version,
        )
    allocation.refresh_from_db()
    assert allocation.amount == Decimal("100000")
    changed = services.allocation_set(
        fund=fund,
        actor=coordinator,
        year=allocation.year,
        amount=Decimal("40000"),
        source="discretionary",
        expected_version=allocation.version,
    )
    assert changed.amount == Decimal("40000")


def test_an_ineligible_proposal_is_refused_with_every_reason(
    call: Any, developer: Any, country_office: Any
) -> None:
    project = pilot_project(country_office, budget=Decimal("75000"), currency="EUR", summary="")
    with pytest.raises(services.FundRefused) as refused:
        services.proposal_enter(
            call=call, project=project, actor=developer, requested=Decimal("10000")
        )
    text = " ".join(refused.value.problems)
    assert "above the call's limit of 60000" in text
    assert "the call asks for USD" in text
    assert "These parts of the proposal are empty: summary" in text
    assert not FundProposal.objects.exists()


def test_a_proposal_is_refused_after_the_deadline_and_in_a_closed_call(
    call: Any, pilot: Any, developer: Any, coordinator: Any
) -> None:
    call.deadline = timezone.localdate() - dt.timedelta(days=1)
    call.save()
    with pytest.raises(services.FundRefused, match="The call closed on"):
        services.proposal_enter(call=call, project=pilot, actor=developer, requested=Decimal("1"))
    services.call_move(call=call, actor=coordinator, action="close", expected_version=call.version)
    with pytest.raises(services.FundRefused, match="The call is not open"):
        services.proposal_enter(call=call, project=pilot, actor=developer, requested=Decimal("1"))
    assert not FundProposal.objects.exists()


def test_entering_gives_the_fund_donor_and_the_review_follows_the_fund_route(
    call: Any,
    pilot: Any,
    developer: Any,
    focal_point: Any,
    gender_reviewer: Any,
    programme_support: Any,
) -> None:
    from pat.reviews.models import ReviewRoute, RouteStep

    # A general route exists; the fund's route is final and comes first, so it alone applies.
    general = ReviewRoute.objects.create(name="Every project", order=100)
    RouteStep.objects.create(route=general, kind="unit", department_id="programme-support")
    proposal = services.proposal_enter(
        call=call, project=pilot, actor=developer, requested=Decimal("40000")
    )
    assert list(pilot.donors.values_list("code", flat=True)) == ["discretionary-income"]
    services.proposal_submit(proposal=proposal, actor=developer)
    keys = set(ReviewTask.objects.filter(project=pilot).values_list("key", flat=True))
    assert keys == {"gfp", "unit:gender"}
    proposal.refresh_from_db()
    assert proposal.state == "in_review"


def test_selection_needs_the_endorsement_and_every_criterion(
    call: Any, pilot: Any, developer: Any, coordinator: Any, focal_point: Any, gender_reviewer: Any
) -> None:
    from tests.pilotfund.conftest import endorse

    proposal = services.proposal_enter(
        call=call, project=pilot, actor=developer, requested=Decimal("40000")
    )
    proposal = services.proposal_submit(proposal=proposal, actor=developer)
    services.scores_record(proposal=proposal, actor=coordinator, scores={"gender": 5})
    with pytest.raises(services.FundRefused, match="endorsed"):
        services.proposal_decide(
            proposal=proposal,
            actor=coordinator,
            decision="select",
            expected_version=proposal.version,
        )
    endorse(pilot)
    with pytest.raises(services.FundRefused, match="Score every criterion"):
        services.proposal_decide(
            proposal=proposal,
            actor=coordinator,
            decision="select",
            expected_version=proposal.version,
        )
    services.scores_record(proposal=proposal, actor=coordinator, scores={"feasibility": 2})
    assert services.weighted_total(call, {"gender": 5, "feasibility": 2}) == Decimal("80.0")
    services.proposal_decide(
        proposal=proposal, actor=coordinator, decision="select", expected_version=proposal.version
    )
    proposal.refresh_from_db()
    assert proposal.state == "selected"


def test_a_score_outside_its_range_or_criterion_is_refused(
    call: Any, pilot: Any, developer: Any, coordinator: Any, focal_point: Any, gender_reviewer: Any
) -> None:
    proposal = services.proposal_enter(
        call=call, project=pilot, actor=developer, requested=Decimal("40000")
    )
    proposal = services.proposal_submit(proposal=proposal, actor=developer)
    with pytest.raises(services.FundRefused, match="between 0 and 5"):
        services.scores_record(proposal=proposal, actor=coordinator, scores={"gender": 6})
    with pytest.raises(services.FundRefused, match="not a criterion"):
        services.scores_record(proposal=proposal, actor=coordinator, scores={"charm": 1})
    assert not proposal.scores.exists()


def test_not_selecting_needs_a_reason(
    call: Any, pilot: Any, developer: Any, coordinator: Any
) -> None:
    proposal = services.proposal_enter(
        call=call, project=pilot, actor=developer, requested=Decimal("40000")
    )
    with pytest.raises(services.FundRefused, match="Say why"):
        services.proposal_decide(
            proposal=proposal, actor=coordinator, decision="reject", expected_version=1
        )
    services.proposal_decide(
        proposal=proposal,
        actor=coordinator,
        decision="reject",
        note="Outside the fund's purpose.",
        expected_version=1,
    )
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decision_note) == (
        "not_selected",
        "Outside the fund's purpose.",
    )


def test_a_stale_call_move_is_an_edit_conflict_and_changes_nothing(
    call: Any, coordinator: Any
) -> None:
    with pytest.raises(EditConflict):
        services.call_move(call=call, actor=coordinator, action="close", expected_version=1)
    call.refresh_from_db()
    assert call.state == "open"


def test_a_call_move_out_of_order_is_refused(call: Any, coordinator: Any) -> None:
    with pytest.raises(services.FundRefused, match="not possible now"):
        services.call_move(
            call=call, actor=coordinator, action="decide", expected_version=call.version
        )


def test_every_money_write_is_in_the_fund_history(grant: Any, coordinator: Any, fund: Any) -> None:
    services.disbursement_record(grant=grant, actor=coordinator, amount=Decimal("5"))
    actions = list(FundEvent.objects.filter(fund=fund).values_list("action", flat=True))
    for action in (
        "fund_created",
        "allocation_set",
        "call_created",
        "call_open",
        "proposal_entered",
        "proposal_submitted",
        "scores_recorded",
        "proposal_select",
        "grant_awarded",
        "disbursement",
    ):
        assert action in actions


def test_the_annual_report_reads_the_fund_figures(grant: Any, coordinator: Any) -> None:
    from pat.network.evidence import evidence_for

    services.disbursement_record(grant=grant, actor=coordinator, amount=Decimal("10000"))
    evidence = evidence_for(timezone.localdate().year)[10]
    assert evidence.available
    assert (
        "100,000.00 USD allocated (Discretionary Income), 40,000.00 granted to 1 projects"
        in (evidence.lines[0])
    )
    assert evidence.table[1][3] == "10,000.00"


def test_the_annual_report_says_no_fund_data_for_a_year_without_allocation(db: None) -> None:
    from pat.network.evidence import evidence_for

    evidence = evidence_for(1999)[10]
    assert not evidence.available
    assert evidence.lines == ["No pilot fund data."]
