"""Pilot fund pages: the funds, one fund's dashboard, a call, a proposal, a grant."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pat.core import permissions as can
from pat.core.permissions import actor
from pat.pilotfund import monitoring, report, services, states
from pat.pilotfund.forms import (
    AllocationForm,
    CallForm,
    DecisionForm,
    DisbursementForm,
    EnterForm,
    GrantForm,
    MoveForm,
    scores_form,
)
from pat.pilotfund.models import Call, Fund, FundProposal, Grant, ProposalState
from pat.projects.models import Project, Status


def _action_labels() -> dict[str, str]:
    return {
        "open": _("Open the call"),
        "close": _("Close the call"),
        "reopen": _("Reopen the call"),
        "decide": _("Close the selection"),
        "finish": _("Mark finished"),
        "suspend": _("Suspend the grant"),
        "resume": _("Resume the grant"),
        "close-grant": _("Close the grant"),
    }


def _manager(request: HttpRequest) -> None:
    if not can.can_manage_fund(actor(request)):
        raise PermissionDenied(_("Only the gender coordinator runs the fund."))


def _refused(request: HttpRequest, error: services.FundRefused) -> None:
    messages.error(request, " ".join([str(error), *error.problems]))


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    funds = [(fund, services.fund_rows(fund)) for fund in Fund.objects.all()]
    return render(request, "pilotfund/home.html", {"funds": funds})


@require_GET
def fund(request: HttpRequest, code: str) -> HttpResponse:
    item = get_object_or_404(Fund, code=code)
    user = actor(request)
    grants = (
        Grant.objects.filter(allocation__fund=item)
        .select_related("proposal__project", "allocation")
        .annotate(paid=Sum("disbursements__amount"))
    )
    return render(
        request,
        "pilotfund/fund.html",
        {
            "fund": item,
            "rows": services.fund_rows(item),
            "calls": item.calls.all(),
            "grants": grants,
            "events": item.events.select_related("actor")[:30],
            "can_manage": can.can_manage_fund(user),
            "allocation_form": AllocationForm(),
        },
    )


@require_POST
def allocation(request: HttpRequest, code: str) -> HttpResponse:
    _manager(request)
    item = get_object_or_404(Fund, code=code)
    form = AllocationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The allocation was not saved: check the year and amount."))
        return redirect(item)
    d = form.cleaned_data
    existing = item.allocations.filter(year=d["year"]).first()
    try:
        services.allocation_set(
            fund=item,
            actor=actor(request),
            year=d["year"],
            amount=d["amount"],
            source=d["source"],
            expected_version=existing.version
            if existing and d["version"] is None
            else d["version"],
        )
    except services.FundRefused as error:
        _refused(request, error)
    else:
        messages.success(request, _("The allocation is saved."))
    return redirect(item)


@require_http_methods(["GET", "POST"])
def call_new(request: HttpRequest, code: str) -> HttpResponse:
    _manager(request)
    item = get_object_or_404(Fund, code=code)
    form = CallForm(request.POST or None, fund=item)
    if request.method == "POST" and form.is_valid():
        fields = {k: form.cleaned_data[k] for k in CallForm.Meta.fields}
        call = services.call_create(fund=item, actor=actor(request), fields=fields)
        messages.success(request, _("The call is saved as a draft."))
        return redirect(call)
    return render(
        request,
        "pilotfund/form.html",
        {"form": form, "fund": item, "title": _("New call for proposals")},
        status=400 if form.errors else 200,
    )


def _enter_projects(user: Any) -> Any:
    """The projects this person may enter: ones they may write, not yet reviewed."""
    projects = Project.objects.filter(status__in=[Status.CONCEPT, Status.DRAFT]).order_by("code")
    if user.is_administrator:
        return projects
    offices = user.offices_with(*can.EDITING_ROLES)
    from django.db.models import Q

    return projects.filter(Q(executing_office__in=offices) | Q(team=user)).distinct()


@require_GET
def call(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Call.objects.select_related("fund", "allocation"), pk=pk)
    user = actor(request)
    proposals = []
    for proposal in item.proposals.select_related("project").prefetch_related("scores"):
        scores = {s.criterion: s.score for s in proposal.scores.all()}
        proposals.append((proposal, services.weighted_total(item, scores)))
    labels = _action_labels()
    return render(
        request,
        "pilotfund/call.html",
        {
            "call": item,
            "fund": item.fund,
            "proposals": proposals,
            "criteria": services.criteria_of(item),
            "can_manage": can.can_manage_fund(user),
            "moves": [(a, labels[a]) for a in states.actions("call", item.state)],
            "enter_form": EnterForm(projects=_enter_projects(user))
            if item.state == "open"
            else None,
        },
    )


def _move(request: HttpRequest, item: Any, move: Callable[..., Any]) -> HttpResponse:
    """A call's or a grant's move from the MoveForm; a refusal is a message, nothing moved."""
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            move(
                actor=actor(request),
                action=form.cleaned_data["action"],
                expected_version=form.cleaned_data["version"],
            )
        except services.FundRefused as error:
            _refused(request, error)
        else:
            messages.success(request, _("Done."))
    return redirect(item)


@require_POST
def call_move(request: HttpRequest, pk: int) -> HttpResponse:
    _manager(request)
    item = get_object_or_404(Call, pk=pk)
    return _move(request, item, partial(services.call_move, call=item))


@require_POST
def enter(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Call, pk=pk)
    user = actor(request)
    form = EnterForm(request.POST, projects=_enter_projects(user))
    if not form.is_valid():
        messages.error(request, _("Choose one of your projects and the amount requested."))
        return redirect(item)
    project = form.cleaned_data["project"]
    if not can.can_enter_in_call(user, project):
        raise PermissionDenied
    try:
        proposal = services.proposal_enter(
            call=item, project=project, actor=user, requested=form.cleaned_data["requested"]
        )
    except services.FundRefused as error:
        _refused(request, error)
        return redirect(item)
    messages.success(request, _("The proposal is entered in the call."))
    return redirect("pilotfund:proposal", pk=proposal.pk)


def _proposal(pk: int) -> FundProposal:
    return get_object_or_404(
        FundProposal.objects.select_related("call__fund", "call__allocation", "project"), pk=pk
    )


@require_GET
def proposal(request: HttpRequest, pk: int) -> HttpResponse:
    item = _proposal(pk)
    user = actor(request)
    criteria = services.criteria_of(item.call)
    scores = {s.criterion: s for s in item.scores.all()}
    total = services.weighted_total(item.call, {k: s.score for k, s in scores.items()})
    grant = Grant.objects.filter(proposal=item).first()
    return render(
        request,
        "pilotfund/proposal.html",
        {
            "proposal": item,
            "call": item.call,
            "fund": item.call.fund,
            "criteria": [(c, scores.get(c["code"])) for c in criteria],
            "total": total,
            "grant": grant,
            "can_manage": can.can_manage_fund(user),
            "can_submit": item.state == ProposalState.ENTERED
            and can.can_enter_in_call(user, item.project),
            "scores_form": scores_form(
                criteria, initial={f"c_{k}": s.score for k, s in scores.items()}
            ),
            "decision_form": DecisionForm(initial={"version": item.version}),
            "grant_form": GrantForm(initial={"amount": item.requested}),
        },
    )


@require_POST
def proposal_submit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _proposal(pk)
    user = actor(request)
    if not can.can_enter_in_call(user, item.project):
        raise PermissionDenied
    from pat.reviews.services import ReviewError

    try:
        services.proposal_submit(proposal=item, actor=user)
    except services.FundRefused as error:
        _refused(request, error)
    except ReviewError as error:
        # The review's own refusal (a gap in the proposal): its submit page lists each one.
        messages.error(request, str(error))
        return redirect("reviews:submit", code=item.project.code)
    else:
        messages.success(request, _("The proposal is sent to review."))
    return redirect("pilotfund:proposal", pk=pk)


@require_POST
def proposal_scores(request: HttpRequest, pk: int) -> HttpResponse:
    _manager(request)
    item = _proposal(pk)
    criteria = services.criteria_of(item.call)
    form = scores_form(criteria, request.POST)
    if not form.is_valid():
        messages.error(request, _("Give every criterion a whole number within its range."))
        return redirect("pilotfund:proposal", pk=pk)
    values = {c["code"]: form.cleaned_data[f"c_{c['code']}"] for c in criteria}
    try:
        services.scores_record(proposal=item, actor=actor(request), scores=values)
    except services.FundRefused as error:
        _refused(request, error)
    else:
        messages.success(request, _("The scores are saved."))
    return redirect("pilotfund:proposal", pk=pk)


@require_POST
def proposal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    _manager(request)
    item = _proposal(pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect("pilotfund:proposal", pk=pk)
    try:
        services.proposal_decide(
            proposal=item,
            actor=actor(request),
            decision=form.cleaned_data["decision"],
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
        )
    except services.FundRefused as error:
        _refused(request, error)
    else:
        messages.success(request, _("The decision is recorded."))
    return redirect("pilotfund:proposal", pk=pk)


@require_POST
def grant_award(request: HttpRequest, pk: int) -> HttpResponse:
    _manager(request)
    item = _proposal(pk)
    form = GrantForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the amount granted."))
        return redirect("pilotfund:proposal", pk=pk)
    try:
        grant = services.grant_award(
            proposal=item, actor=actor(request), amount=form.cleaned_data["amount"]
        )
    except services.FundRefused as error:
        _refused(request, error)
        return redirect("pilotfund:proposal", pk=pk)
    messages.success(request, _("The grant is awarded."))
    return redirect(grant)


def _grant_page(
    request: HttpRequest, grant: Grant, status: int = 200, **extra: Any
) -> HttpResponse:
    user = actor(request)
    paid = grant.disbursements.aggregate(s=Sum("amount"))["s"] or services.ZERO
    labels = _action_labels()
    moves = [
        (a, labels["close-grant" if a == "close" else a])
        for a in states.actions("grant", grant.state)
    ]
    project = grant.proposal.project
    context = {
        "grant": grant,
        "fund": grant.allocation.fund,
        "project": project,
        "paid": paid,
        "left": grant.amount - paid,
        "allocation": services.allocation_figures(grant.allocation),
        "disbursements": grant.disbursements.select_related("by"),
        "reports": monitoring.reports_of(project),
        "evaluations": project.evaluations.all(),
        "can_manage": can.can_manage_fund(user),
        "moves": moves,
        "form": DisbursementForm(initial={"paid_on": services.today()}),
        **extra,
    }
    return render(request, "pilotfund/grant.html", context, status=status)


@require_GET
def grant(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        Grant.objects.select_related("proposal__project", "allocation__fund"), pk=pk
    )
    return _grant_page(request, item)


@require_POST
def disburse(request: HttpRequest, pk: int) -> HttpResponse:
    _manager(request)
    item = get_object_or_404(
        Grant.objects.select_related("proposal__project", "allocation__fund"), pk=pk
    )
    form = DisbursementForm(request.POST)
    if not form.is_valid():
        return _grant_page(request, item, 400, form=form)
    d = form.cleaned_data
    try:
        services.disbursement_record(
            grant=item,
            actor=actor(request),
            amount=d["amount"],
            paid_on=d["paid_on"],
            reference=d["reference"],
        )
    except services.FundRefused as error:
        # The page again, with the figures typed and the refusal: nothing was recorded.
        return _grant_page(request, item, 400, form=form, refusal=str(error))
    messages.success(request, _("The disbursement is recorded."))
    return redirect(item)


@require_POST
def grant_move(request: HttpRequest, pk: int) -> HttpResponse:
    _manager(request)
    item = get_object_or_404(Grant, pk=pk)
    return _move(request, item, partial(services.grant_move, grant=item))


@require_GET
def final_report(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    item = get_object_or_404(Fund, code=code)
    if fmt == "docx":
        data = report.docx(item)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif fmt == "pdf":
        data = report.pdf(item)
        content_type = "application/pdf"
    else:
        raise Http404
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{item.code}-final-report.{fmt}"'
    return response
