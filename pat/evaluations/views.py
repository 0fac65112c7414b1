"""Evaluation pages: the project's evaluations, one evaluation with its responses and history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pat.core import permissions as can
from pat.core.locking import EditConflict
from pat.core.permissions import actor
from pat.evaluations import services
from pat.evaluations.forms import EvaluationForm, RecommendationForm, ReportForm, ResponseForm
from pat.evaluations.models import Evaluation, Recommendation
from pat.projects.models import Project


def _project(code: str) -> Project:
    return get_object_or_404(Project.objects.select_related("executing_office"), code=code)


def _editor(request: HttpRequest, project: Project) -> None:
    if not can.can_edit_evaluation(actor(request), project):
        raise PermissionDenied(_("Only the project's writers and the gender coordinator may."))


@require_GET
def project(request: HttpRequest, code: str) -> HttpResponse:
    item = _project(code)
    return render(
        request,
        "evaluations/project.html",
        {
            "project": item,
            "evaluations": item.evaluations.prefetch_related("recommendations"),
            "can_edit": can.can_edit_evaluation(actor(request), item),
        },
    )


@require_http_methods(["GET", "POST"])
def new(request: HttpRequest, code: str) -> HttpResponse:
    item = _project(code)
    _editor(request, item)
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = services.evaluation_create(
            project=item, actor=actor(request), fields=form.cleaned_data
        )
        messages.success(request, _("The evaluation is recorded."))
        return redirect(created)
    return render(
        request,
        "evaluations/form.html",
        {"form": form, "project": item, "title": _("New evaluation")},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = get_object_or_404(Evaluation.objects.select_related("project"), pk=pk)
    _editor(request, evaluation.project)
    form = EvaluationForm(
        request.POST or None, instance=evaluation, initial={"version": evaluation.version}
    )
    conflict = ""
    if request.method == "POST" and form.is_valid():
        fresh = Evaluation.objects.get(pk=pk)
        try:
            services.evaluation_update(
                evaluation=fresh,
                actor=actor(request),
                expected_version=form.cleaned_data.get("version"),
                fields=form.cleaned_data,
            )
        except EditConflict as error:
            conflict = str(error)
        else:
            messages.success(request, _("Saved."))
            return redirect(evaluation)
    return render(
        request,
        "evaluations/form.html",
        {
            "form": form,
            "project": evaluation.project,
            "title": evaluation.title,
            "conflict": conflict,
        },
        status=409 if conflict else 400 if form.errors else 200,
    )


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = get_object_or_404(Evaluation.objects.select_related("project", "report"), pk=pk)
    return _detail(request, evaluation)


def _detail(
    request: HttpRequest, evaluation: Evaluation, status: int = 200, **extra: Any
) -> HttpResponse:
    editable = can.can_edit_evaluation(actor(request), evaluation.project)
    recommendations = [
        (r, ResponseForm(instance=r, initial={"version": r.version}, prefix=f"r{r.pk}"))
        for r in evaluation.recommendations.all()
    ]
    context = {
        "evaluation": evaluation,
        "project": evaluation.project,
        "recommendations": recommendations,
        "can_edit": editable,
        "recommendation_form": RecommendationForm(),
        "report_form": ReportForm(initial={"version": evaluation.version}),
        "changes": evaluation.changes.select_related("actor")[:50],
        **extra,
    }
    return render(request, "evaluations/detail.html", context, status=status)


@require_POST
def recommend(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = get_object_or_404(Evaluation.objects.select_related("project"), pk=pk)
    _editor(request, evaluation.project)
    form = RecommendationForm(request.POST)
    if not form.is_valid():
        return _detail(request, evaluation, 400, recommendation_form=form)
    services.recommendation_add(
        evaluation=evaluation, actor=actor(request), text=form.cleaned_data["text"]
    )
    messages.success(request, _("The recommendation is added."))
    return redirect(evaluation)


@require_POST
def respond(request: HttpRequest, pk: int, rec: int) -> HttpResponse:
    evaluation = get_object_or_404(Evaluation.objects.select_related("project"), pk=pk)
    _editor(request, evaluation.project)
    item = get_object_or_404(Recommendation, pk=rec, evaluation=evaluation)
    form = ResponseForm(request.POST, instance=item, prefix=f"r{item.pk}")
    if not form.is_valid():
        messages.error(request, _("The response was not saved: check the fields."))
        return _detail(request, evaluation, 400)
    try:
        services.response_record(
            recommendation=Recommendation.objects.get(pk=item.pk),
            actor=actor(request),
            expected_version=form.cleaned_data["version"],
            fields=form.cleaned_data,
        )
    except EditConflict as error:
        return _detail(request, evaluation, 409, conflict=str(error))
    messages.success(request, _("The management response is saved."))
    return redirect(f"{evaluation.get_absolute_url()}#rec-{item.number}")


@require_POST
def report(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = get_object_or_404(Evaluation.objects.select_related("project"), pk=pk)
    _editor(request, evaluation.project)
    form = ReportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, evaluation, 400, report_form=form)
    try:
        services.report_attach(
            evaluation=evaluation,
            actor=actor(request),
            expected_version=form.cleaned_data["version"],
            upload=form.cleaned_data["file"],
            content_type=form.content_type,
            language=form.cleaned_data["language"],
        )
    except EditConflict as error:
        return _detail(request, evaluation, 409, conflict=str(error))
    messages.success(request, _("The report is in the reference library."))
    return redirect(evaluation)
