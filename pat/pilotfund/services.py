"""Writing the pilot fund: keyword-only functions in a transaction, each recording history.

Money is checked under a row lock on the allocation (`select_for_update`): two grants or
two disbursements recorded at the same moment against one allocation are serialized on
PostgreSQL, and SQLite serializes every writer, so the sum never passes the allocation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from pat.core.locking import claim
from pat.pilotfund import eligibility, states
from pat.pilotfund.models import (
    Allocation,
    Call,
    CallState,
    Disbursement,
    Fund,
    FundEvent,
    FundProposal,
    Grant,
    GrantState,
    ProposalState,
    Score,
)
from pat.projects.models import Status

if TYPE_CHECKING:
    from pat.core.models import User
    from pat.projects.models import Donor, Project

ZERO = Decimal("0.00")
# Project states that mean the review endorsed the proposal (or went further).
ENDORSED_OR_LATER = {
    Status.ENDORSED,
    Status.SUBMITTED,
    Status.ACTIVE,
    Status.FINAL_REPORTING,
    Status.CLOSED,
}


class FundRefused(Exception):
    """A write the fund's rules refuse; the message says why and nothing was written."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        self.problems = problems or []
        super().__init__(message)


def today() -> dt.date:
    return timezone.localdate()


def _event(
    fund: Fund, actor: User | None, action: str, subject: str, changes: Mapping[str, Any]
) -> None:
    FundEvent.objects.create(
        fund=fund, actor=actor, action=action, subject=subject[:250], changes=dict(changes)
    )


def _money(value: Decimal) -> str:
    return f"{value:,.2f}"


def _move(machine: states.Machine, state: str, action: str) -> str:
    try:
        return states.move(machine, state, action)
    except states.MoveRefused:
        names = {"call": _("call"), "proposal": _("proposal"), "grant": _("grant")}
        labels = {
            **dict(CallState.choices),
            **dict(ProposalState.choices),
            **dict(GrantState.choices),
        }
        raise FundRefused(
            _("This step is not possible now (the %(what)s is “%(state)s”).")
            % {"what": names[machine], "state": labels.get(state, state)}
        ) from None


# --- the fund and its allocations ------------------------------------------------------------


def fund_route_name(fund: Fund) -> str:
    return f"Pilot fund: {fund.name}"


@transaction.atomic
def fund_create(
    *,
    actor: User | None,
    code: str,
    name: str,
    donor: Donor,
    currency: str = "USD",
    purpose: str = "",
    review_department: str | None = None,
) -> Fund:
    """A fund, and its review route: the Gender Focal Point and (when named) one HQ unit
    review every proposal that carries the fund's donor, instead of the general routes."""
    from pat.reviews.services import route_ensure

    fund = Fund(code=code, name=name, donor=donor, currency=currency, purpose=purpose)
    fund.full_clean()
    fund.save()
    steps: list[tuple[str, str | None, int, int]] = [("gfp", None, 1, 10)]
    if review_department:
        steps.append(("unit", review_department, 1, 10))
    route_ensure(name=fund_route_name(fund), donor=donor, steps=steps)
    _event(fund, actor, "fund_created", name, {"donor": [None, donor.code]})
    return fund


def allocation_figures(allocation: Allocation) -> dict[str, Decimal]:
    granted = allocation.grants.aggregate(s=Sum("amount"))["s"] or ZERO
    disbursed = allocation.disbursements.aggregate(s=Sum("amount"))["s"] or ZERO
    return {
        "allocated": allocation.amount,
        "granted": granted,
        "disbursed": disbursed,
        "uncommitted": allocation.amount - granted,
        "remaining": allocation.amount - disbursed,
    }


@transaction.atomic
def allocation_set(
    *,
    fund: Fund,
    actor: User | None,
    year: int,
    amount: Decimal,
    source: str,
    currency: str | None = None,
    expected_version: int | None = None,
) -> Allocation:
    """Create the year's allocation, or change it (locked, versioned). An allocation is never
    cut below what is already granted from it."""
    currency = currency or fund.currency
    existing = Allocation.objects.select_for_update().filter(fund=fund, year=year).first()
    if existing is None:
        allocation = Allocation(
            fund=fund, year=year, amount=amount, currency=currency, source=source
        )
        allocation.full_clean()
        allocation.save()
        _event(fund, actor, "allocation_set", str(year), {"amount": [None, str(amount)]})
        return allocation
    figures = allocation_figures(existing)
    if amount < figures["granted"]:
        raise FundRefused(
            _("The allocation cannot be cut to %(amount)s: %(granted)s is already granted from it.")
            % {"amount": _money(amount), "granted": _money(figures["granted"])}
        )
    before = str(existing.amount)
    claim(existing, expected=expected_version, label=str(existing))
    existing.amount, existing.source, existing.currency = amount, source, currency
    existing.full_clean()
    existing.save()
    _event(fund, actor, "allocation_set", str(year), {"amount": [before, str(amount)]})
    return existing


# --- calls -------------------------------------------------------------------------------------


@transaction.atomic
def call_create(*, fund: Fund, actor: User | None, fields: Mapping[str, Any]) -> Call:
    call = Call(fund=fund, **fields)
    call.full_clean()
    call.save()
    _event(fund, actor, "call_created", call.title, {"deadline": [None, str(call.deadline)]})
    return call


@transaction.atomic
def call_move(*, call: Call, actor: User | None, action: str, expected_version: int | None) -> Call:
    new = _move("call", call.state, action)
    if action == "decide" and call.proposals.filter(state=ProposalState.IN_REVIEW).exists():
        raise FundRefused(_("Decide every proposal still in review before closing the selection."))
    old = call.state
    claim(call, expected=expected_version, label=call.title, state=new)
    _event(call.fund, actor, f"call_{action}", call.title, {"state": [old, new]})
    return call


# --- proposals -----------------------------------------------------------------------------


def project_facts(project: Project) -> eligibility.Facts:
    from pat.proposals.models import ProposalSection

    filled = {
        name
        for name in ("summary", "rationale", "objective")
        if (getattr(project, name) or "").strip()
    }
    filled |= set(
        ProposalSection.objects.filter(project=project)
        .exclude(text="")
        .values_list("key", flat=True)
    )
    return eligibility.Facts(
        budget=project.budget,
        currency=project.currency,
        region=project.region,
        project_type=project.project_type.code,
        start_date=project.start_date,
        end_date=project.end_date,
        filled=frozenset(filled),
        status=project.status,
    )


def problem_text(problem: eligibility.Problem) -> str:
    params = dict(problem.params)
    sentences = {
        "over-budget": _("The budget %(budget)s is above the call's limit of %(limit)s."),
        "no-budget": _("The proposal has no budget yet."),
        "currency": _("The budget is in %(currency)s; the call asks for %(want)s."),
        "no-dates": _("The proposal has no start and end dates yet."),
        "too-long": _("The project runs %(months)s months; the call allows %(limit)s."),
        "region": _("The call is not open to projects in region %(region)s."),
        "project-type": _("The call is not open to this project type (%(type)s)."),
        "missing": _("These parts of the proposal are empty: %(fields)s."),
        "status": _("Only proposals not yet reviewed may enter (this one is “%(status)s”)."),
        "unknown-rule": _("The call has a rule PAT does not know; ask the fund's coordinator."),
        "bad-rule": _("The call has a malformed rule; ask the fund's coordinator."),
    }
    return sentences[problem.code] % params


@transaction.atomic
def proposal_enter(
    *, call: Call, project: Project, actor: User | None, requested: Decimal
) -> FundProposal:
    """Enter a project's proposal in an open call, if it meets every eligibility rule.

    The project is given the fund's donor (through the projects app), so that the fund's
    review route applies when it is submitted for review.
    """
    from pat.projects.services import project_update

    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.state != "open":
        raise FundRefused(_("The call is not open."))
    if today() > call.deadline:
        raise FundRefused(_("The call closed on %(day)s.") % {"day": call.deadline.isoformat()})
    if call.proposals.filter(project=project).exists():
        raise FundRefused(_("This project is already entered in the call."))
    problems = eligibility.check(call.eligibility, project_facts(project))
    if problems:
        texts = [problem_text(p) for p in problems]
        raise FundRefused(_("The proposal is not eligible for this call."), texts)
    if requested > call.allocation.amount:
        raise FundRefused(
            _("The amount requested is above the whole allocation (%(amount)s).")
            % {"amount": _money(call.allocation.amount)}
        )
    proposal = FundProposal(call=call, project=project, requested=requested, entered_by=actor)
    proposal.full_clean()
    proposal.save()
    donors = list(project.donors.all())
    if call.fund.donor not in donors:
        project_update(
            project=project,
            actor=actor,
            expected_version=project.version,
            fields={},
            m2m={"donors": [*donors, call.fund.donor]},
        )
    _event(
        call.fund,
        actor,
        "proposal_entered",
        f"{project.code} · {call.title}",
        {"requested": [None, str(requested)]},
    )
    return proposal


@transaction.atomic
def proposal_submit(*, proposal: FundProposal, actor: User, let_through: str = "") -> FundProposal:
    """Send the proposal to review through the review routes (the fund's route applies)."""
    from pat.reviews.services import review_submit

    new = _move("proposal", proposal.state, "submit")
    review_submit(project=proposal.project, actor=actor, let_through=let_through)
    claim(proposal, expected=proposal.version, label=proposal.project.code, state=new)
    _event(proposal.call.fund, actor, "proposal_submitted", proposal.project.code, {})
    return proposal


def criteria_of(call: Call) -> list[dict[str, Any]]:
    return [dict(c) for c in call.criteria if isinstance(c, dict) and c.get("code")]


def weighted_total(call: Call, scores: Mapping[str, int]) -> Decimal | None:
    """The weighted score out of 100, or None until every criterion is scored."""
    criteria = criteria_of(call)
    if not criteria or any(c["code"] not in scores for c in criteria):
        return None
    top = sum(Decimal(c.get("weight", 1)) * Decimal(c.get("max", 5)) for c in criteria)
    got = sum(Decimal(c.get("weight", 1)) * Decimal(scores[c["code"]]) for c in criteria)
    return (got * 100 / top).quantize(Decimal("0.1")) if top else None


@transaction.atomic
def scores_record(
    *,
    proposal: FundProposal,
    actor: User | None,
    scores: Mapping[str, int],
    notes: Mapping[str, str] | None = None,
) -> list[Score]:
    """The selection panel's score per criterion (replacing earlier scores of the same one)."""
    call = proposal.call
    if call.state not in ("open", "closed"):
        raise FundRefused(_("Scores are recorded while the call is open or closed, not after."))
    if proposal.state != ProposalState.IN_REVIEW:
        raise FundRefused(_("Only a proposal in review can be scored."))
    known = {c["code"]: c for c in criteria_of(call)}
    saved = []
    for code, value in scores.items():
        criterion = known.get(code)
        if criterion is None:
            raise FundRefused(_("“%(code)s” is not a criterion of this call.") % {"code": code})
        top = int(criterion.get("max", 5))
        if not 0 <= int(value) <= top:
            raise FundRefused(
                _("The score for “%(name)s” must be between 0 and %(max)s.")
                % {"name": criterion.get("name", code), "max": top}
            )
        score, _created = Score.objects.update_or_create(
            proposal=proposal,
            criterion=code,
            defaults={"score": int(value), "by": actor, "note": (notes or {}).get(code, "")[:500]},
        )
        saved.append(score)
    _event(
        call.fund,
        actor,
        "scores_recorded",
        proposal.project.code,
        {code: [None, int(v)] for code, v in scores.items()},
    )
    return saved


@transaction.atomic
def proposal_decide(
    *,
    proposal: FundProposal,
    actor: User | None,
    decision: str,
    note: str = "",
    expected_version: int | None,
) -> FundProposal:
    """Select or reject. Selection needs the review's endorsement and every criterion scored."""
    if decision not in ("select", "reject"):
        raise FundRefused(_("Choose select or reject."))
    new = _move("proposal", proposal.state, decision)
    if decision == "select":
        proposal.project.refresh_from_db(fields=["status"])
        if proposal.project.status not in ENDORSED_OR_LATER:
            raise FundRefused(_("Only a proposal the review has endorsed can be selected."))
        scores = dict(proposal.scores.values_list("criterion", "score"))
        if weighted_total(proposal.call, scores) is None:
            raise FundRefused(_("Score every criterion before selecting the proposal."))
    elif not note.strip():
        raise FundRefused(_("Say why the proposal is not selected."))
    old = proposal.state
    claim(
        proposal,
        expected=expected_version,
        label=proposal.project.code,
        state=new,
        decision_note=note.strip(),
    )
    _event(
        proposal.call.fund,
        actor,
        f"proposal_{decision}",
        proposal.project.code,
        {"state": [old, new]},
    )
    return proposal


# --- grants and disbursements ----------------------------------------------------------------


def _locked_allocation(allocation_id: int) -> Allocation:
    # The one row every money write of an allocation locks first: they queue on it.
    return Allocation.objects.select_for_update().get(pk=allocation_id)


@transaction.atomic
def grant_award(
    *,
    proposal: FundProposal,
    actor: User | None,
    amount: Decimal,
    awarded_on: dt.date | None = None,
) -> Grant:
    """A grant to a selected proposal from its call's allocation, never above what is left."""
    if proposal.state != ProposalState.SELECTED:
        raise FundRefused(_("Only a selected proposal receives a grant."))
    if Grant.objects.filter(proposal=proposal).exists():
        raise FundRefused(_("This proposal already has its grant."))
    allocation = _locked_allocation(proposal.call.allocation_id)
    left = allocation_figures(allocation)["uncommitted"]
    if amount > left:
        raise FundRefused(
            _(
                "The grant of %(amount)s is above what is left of the %(year)s allocation "
                "(%(left)s %(currency)s). Nothing was recorded."
            )
            % {
                "amount": _money(amount),
                "year": allocation.year,
                "left": _money(left),
                "currency": allocation.currency,
            }
        )
    grant = Grant(proposal=proposal, allocation=allocation, amount=amount)
    if awarded_on is not None:
        grant.awarded_on = awarded_on
    grant.full_clean()
    grant.save()
    _event(
        allocation.fund,
        actor,
        "grant_awarded",
        proposal.project.code,
        {"amount": [None, str(amount)]},
    )
    return grant


@transaction.atomic
def grant_move(
    *, grant: Grant, actor: User | None, action: str, expected_version: int | None
) -> Grant:
    new = _move("grant", grant.state, action)
    old = grant.state
    claim(grant, expected=expected_version, label=str(grant), state=new)
    _event(grant.allocation.fund, actor, f"grant_{action}", str(grant), {"state": [old, new]})
    return grant


@transaction.atomic
def disbursement_record(
    *,
    grant: Grant,
    actor: User | None,
    amount: Decimal,
    paid_on: dt.date | None = None,
    reference: str = "",
) -> Disbursement:
    """Pay part of a grant. Refused (with the figures) above the grant or the allocation."""
    if amount <= 0:
        raise FundRefused(_("A disbursement is a positive amount."))
    allocation = _locked_allocation(grant.allocation_id)
    grant = Grant.objects.get(pk=grant.pk)  # read after the lock: its state may have moved
    if not states.may_disburse(grant.state):
        raise FundRefused(
            _("The grant is %(state)s: nothing can be paid on it.")
            % {"state": grant.get_state_display()}
        )
    remaining = allocation_figures(allocation)["remaining"]
    if amount > remaining:
        raise FundRefused(
            _(
                "%(amount)s is above what is left of the %(year)s allocation (%(left)s "
                "%(currency)s). Nothing was recorded."
            )
            % {
                "amount": _money(amount),
                "year": allocation.year,
                "left": _money(remaining),
                "currency": allocation.currency,
            }
        )
    paid = grant.disbursements.aggregate(s=Sum("amount"))["s"] or ZERO
    if paid + amount > grant.amount:
        raise FundRefused(
            _(
                "%(amount)s is above what is left of the grant (%(left)s of %(total)s). "
                "Nothing was recorded."
            )
            % {
                "amount": _money(amount),
                "left": _money(grant.amount - paid),
                "total": _money(grant.amount),
            }
        )
    item = Disbursement(
        grant=grant, allocation=allocation, amount=amount, reference=reference, by=actor
    )
    if paid_on is not None:
        item.paid_on = paid_on
    item.full_clean()
    item.save()
    _event(
        allocation.fund,
        actor,
        "disbursement",
        f"{grant.proposal.project.code} {reference}".strip(),
        {"amount": [None, str(amount)]},
    )
    return item


# --- figures (the dashboard, the annual report) ----------------------------------------------


def fund_rows(fund: Fund) -> list[dict[str, Any]]:
    """Per year: allocated, granted, disbursed, what is left; with the shares for the bars."""
    rows = []
    for allocation in fund.allocations.order_by("year"):
        figures = allocation_figures(allocation)
        amount = allocation.amount or Decimal(1)
        rows.append(
            {
                "allocation": allocation,
                **figures,
                "granted_share": float(figures["granted"] / amount),
                "disbursed_share": float(figures["disbursed"] / amount),
                "grants": allocation.grants.count(),
            }
        )
    return rows


def year_figures(year: int) -> list[dict[str, Any]]:
    """Every fund's figures for one year (the network's annual report reads these)."""
    out = []
    for allocation in Allocation.objects.filter(year=year).select_related("fund"):
        figures = allocation_figures(allocation)
        calls = Call.objects.filter(allocation=allocation)
        proposals = FundProposal.objects.filter(call__in=calls)
        out.append(
            {
                "fund": allocation.fund,
                "currency": allocation.currency,
                "source": allocation.get_source_display(),
                **figures,
                "proposals": proposals.count(),
                "selected": proposals.filter(state=ProposalState.SELECTED).count(),
                "grants": allocation.grants.count(),
            }
        )
    return out
