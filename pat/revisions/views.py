"""Revision pages: request, the draft (end date, budget lines, results), submit, withdraw."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pat.core import permissions as can
from pat.core.locking import EditConflict, posted_version
from pat.projects.models import Project
from pat.revisions import services
from pat.revisions.forms import BudgetDraftFormSet, DraftForm, RequestForm
from pat.revisions.models import Kind, Revision


def _revision(pk: int) -> Revision:
    return get_object_or_404(
        Revision.objects.select_related(
            "project", "project__executing_office", "late_allowed_by", "created_by"
        ),
        pk=pk,
    )


@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest, code: str) -> HttpResponse:
    project = get_object_or_404(Project, code=code)
    user = can.actor(request)
    if not can.can_request_revision(user, project):
        raise PermissionDenied(_("Only the project's writers request a revision."))
    form = RequestForm(request.POST or None, initial={"kind": request.GET.get("kind", "")})
    refused = ""
    if request.method == "POST" and form.is_valid():
        try:
            revision = services.revision_request(
                project=project,
                actor=user,
                kind=form.cleaned_data["kind"],
                justification=form.cleaned_data["justification"],
                late_reason=form.cleaned_data.get("late_reason", ""),
            )
        except services.RevisionRefused as error:
            refused = error.message
        else:
            return redirect(revision)
    return render(
        request,
        "revisions/request.html",
        {
            "project": project,
            "form": form,
            "refused": refused,
            "may_allow_late": can.can_allow_late_revision(user),
        },
        status=400 if refused else 200,
    )


def _page(
    request: HttpRequest, revision: Revision, status: int = 200, **extra: Any
) -> HttpResponse:
    user = can.actor(request)
    may_edit = revision.editable and can.can_request_revision(user, revision.project)
    draft = extra.pop("draft", None) or DraftForm(
        initial={
            "version": revision.version,
            "justification": revision.justification,
            "end_date": revision.end_date,
        }
    )
    budget = extra.pop("budget", None)
    if budget is None and revision.kind == Kind.BUDGET:
        budget = BudgetDraftFormSet(initial=revision.budget_lines, prefix="line")
    results = extra.pop("results", None)
    if results is None and revision.kind == Kind.RESULTS:
        results = services.matrix_form(revision)
    context = {
        "revision": revision,
        "project": revision.project,
        "events": revision.events.select_related("actor"),
        "diff": services.diff(revision),
        "problems": services.problem_messages(revision) if may_edit else [],
        "may_edit": may_edit,
        "draft": draft,
        "budget": budget,
        **(results.context() if results is not None else {}),
        "can_edit": may_edit,
        "lock_version": revision.version,
        **extra,
    }
    return render(request, "revisions/revision.html", context, status=status)


@require_http_methods(["GET", "POST"])
def revision_page(request: HttpRequest, pk: int) -> HttpResponse:
    # The matrix form (the projects app's one partial) posts back to the page it is on.
    if request.method == "POST":
        return results_save(request, pk)
    return _page(request, _revision(pk))


@require_POST
def draft_save(request: HttpRequest, pk: int) -> HttpResponse:
    revision = _revision(pk)
    form = DraftForm(request.POST)
    budget = (
        BudgetDraftFormSet(request.POST, prefix="line") if revision.kind == Kind.BUDGET else None
    )
    valid = form.is_valid() and (budget is None or budget.is_valid())
    if not valid:
        return _page(request, revision, status=400, draft=form, budget=budget)
    lines = None
    if budget is not None:
        lines = [
            {k: f.cleaned_data.get(k) for k in ("id", "category", "description", "amount")}
            for f in budget.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
    try:
        services.revision_save(
            revision=revision,
            actor=can.actor(request),
            expected_version=form.cleaned_data.get("version"),
            justification=form.cleaned_data["justification"],
            end_date=form.cleaned_data.get("end_date"),
            budget_lines=lines,
        )
    except EditConflict as error:
        return _page(request, _revision(pk), status=409, conflict=str(error))
    except services.RevisionRefused as error:
        return _page(request, revision, status=400, refused=error.message)
    except ValidationError as error:
        form.add_error(None, error)
        return _page(request, revision, status=400, draft=form, budget=budget)
    messages.success(request, _("Draft saved."))
    return redirect(revision)


def results_save(request: HttpRequest, pk: int) -> HttpResponse:
    revision = _revision(pk)
    data = {k: str(v) for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
    try:
        services.revision_save(
            revision=revision,
            actor=can.actor(request),
            expected_version=posted_version(request.POST.get("version")),
            results=data,
        )
    except EditConflict as error:
        return _page(request, _revision(pk), status=409, conflict=str(error))
    except services.RevisionRefused as error:
        return _page(request, revision, status=400, refused=error.message)
    except ValidationError:
        form = services.matrix_form(revision, data=data)
        form.is_valid()
        return _page(request, revision, status=400, results=form)
    messages.success(request, _("Draft saved."))
    return redirect(revision)


@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    revision = _revision(pk)
    try:
        services.revision_submit(
            revision=revision,
            actor=can.actor(request),
            expected_version=posted_version(request.POST.get("version")),
        )
    except EditConflict as error:
        return _page(request, _revision(pk), status=409, conflict=str(error))
    except services.RevisionRefused as error:
        return _page(request, _revision(pk), status=400, refused=error.message)
    messages.success(request, _("Revision submitted for review."))
    return redirect(revision)


@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    revision = _revision(pk)
    try:
        services.revision_withdraw(
            revision=revision,
            actor=can.actor(request),
            expected_version=posted_version(request.POST.get("version")),
        )
    except EditConflict as error:
        return _page(request, _revision(pk), status=409, conflict=str(error))
    except services.RevisionRefused as error:
        return _page(request, revision, status=400, refused=error.message)
    return redirect(revision)
