from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from pat.core.permissions import can_edit_project
from pat.markers import portfolio, scoring, services
from pat.markers.forms import AssessmentForm, PortfolioForm
from pat.markers.models import MarkerAssessment, MarkerQuestion, Scheme, question_scheme
from pat.projects.models import Project

HISTORY_LIMIT = 100


@dataclass
class Block:
    """One scheme on the marker page: its form and the code to show beside it."""

    scheme: str
    label: str
    form: AssessmentForm
    current: MarkerAssessment | None
    code: str | None = None
    reasons: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    preview: bool = False
    answered: list[tuple[str, str, str]] = field(default_factory=list)


def _project(code: str) -> Project:
    return get_object_or_404(Project.objects.select_related("executing_office"), code=code)


def _questions() -> dict[str, dict[str, MarkerQuestion]]:
    by_scheme: dict[str, dict[str, MarkerQuestion]] = {}
    for q in MarkerQuestion.objects.filter(active=True):
        by_scheme.setdefault(q.scheme, {})[q.key] = q
    return by_scheme


def _block(
    scheme: str,
    questions: dict[str, dict[str, MarkerQuestion]],
    current: MarkerAssessment | None,
    data: Any = None,
) -> Block:
    form = AssessmentForm(
        data, scheme=scheme, questions=questions.get(question_scheme(scheme), {}), current=current
    )
    block = Block(scheme, str(Scheme(scheme).label), form, current)
    if current is not None:
        block.code = current.code
        block.reasons = current.explained()
        block.answered = form.answer_rows(current)
    return block


def _editable(request: HttpRequest, code: str) -> Project:
    project = _project(code)
    if not can_edit_project(request.user, project):
        raise PermissionDenied(_("Only the executing office and the project team answer markers."))
    return project


def _scheme(scheme: str) -> str:
    if scheme not in Scheme.values:
        raise Http404
    return scheme


def _render_page(
    request: HttpRequest, project: Project, replace: Block | None = None, status: int = 200
) -> HttpResponse:
    questions = _questions()
    current = services.current_assessments(project)
    blocks = [
        replace if replace and replace.scheme == s else _block(s, questions, current.get(s))
        for s in Scheme.values
    ]
    history = MarkerAssessment.objects.filter(project=project).select_related("answered_by")
    context = {
        "project": project,
        "blocks": blocks,
        "can_edit": can_edit_project(request.user, project),
        "history": history[:HISTORY_LIMIT],
    }
    return render(request, "markers/project.html", context, status=status)


@require_GET
def marker_page(request: HttpRequest, code: str) -> HttpResponse:
    return _render_page(request, _project(code))


@require_POST
def marker_save(request: HttpRequest, code: str, scheme: str) -> HttpResponse:
    """Save a new assessment (also the no-JavaScript path of the live preview)."""
    project = _editable(request, code)
    scheme = _scheme(scheme)
    questions = _questions()
    current = services.current_assessments(project).get(scheme)
    block = _block(scheme, questions, current, request.POST)
    if block.form.is_valid():
        try:
            assessment = services.assessment_save(
                project=project,
                scheme=scheme,
                answers=block.form.answers(),
                evidence=block.form.evidence(),
                actor=request.user,  # type: ignore[arg-type]
            )
        except ValidationError as error:
            block.form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("%(marker)s saved: %(code)s.") % {"marker": block.label, "code": assessment.code},
            )
            return redirect(reverse("markers:project", args=[project.code]) + f"#{scheme}")
    block.errors = [str(m) for m in block.form.non_field_errors()]
    return _render_page(request, project, replace=block, status=400)


@require_POST
def marker_preview(request: HttpRequest, code: str, scheme: str) -> HttpResponse:
    """Score the answers as they stand, save nothing, and return the result fragment."""
    project = _editable(request, code)
    scheme = _scheme(scheme)
    block = _block(scheme, _questions(), None, request.POST)
    block.preview = True
    if block.form.is_valid():
        try:
            result = services.assessment_preview(scheme=scheme, answers=block.form.answers())
        except ValidationError as error:
            block.errors = [
                _labelled(block.form, key, message)
                for key, messages_ in error.message_dict.items()
                for message in messages_
            ]
        else:
            block.code = result.code
            block.reasons = result.sentences(gettext)
    else:
        block.errors = [str(m) for msgs in block.form.errors.values() for m in msgs]
    return render(request, "markers/project.html#result", {"block": block, "project": project})


def _labelled(form: AssessmentForm, key: str, message: str) -> str:
    # The fragment shows errors apart from their fields, so each names its question.
    label = form.fields[key].label if key in form.fields else None
    return f"{label}: {message}" if label else message


@require_GET
def portfolio_view(request: HttpRequest) -> HttpResponse:
    form = PortfolioForm(request.GET or None)
    projects = Project.objects.visible_to(request.user)
    scheme: str = Scheme.IOM
    if form.is_bound and form.is_valid():
        scheme = form.cleaned_data["scheme"] or Scheme.IOM
        if form.cleaned_data["region"]:
            projects = projects.in_region(form.cleaned_data["region"])
        if form.cleaned_data["status"]:
            projects = projects.filter(status__in=form.cleaned_data["status"])
    elif form.is_bound:
        projects = projects.none()
    summary = portfolio.portfolio_summary(projects, scheme)
    labels = {code: _code_label(code) for code in summary.codes}
    return render(
        request,
        "markers/portfolio.html",
        {"form": form, "portfolio": summary, "code_labels": labels},
        status=400 if form.errors else 200,
    )


def _code_label(code: str) -> str:
    if code == portfolio.NOT_ASSESSED:
        return _("not assessed")
    if code == scoring.DAC_NOT_SCREENED:
        return _("not screened")
    return code
