"""Training pages: the dashboard with the developers-trained chart, sessions, participants,
attendance, evaluations and certificates. Views authorize, validate and call one service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pat.core import permissions as can
from pat.core.locking import EditConflict, posted_version
from pat.core.permissions import actor
from pat.staffing.models import Sex
from pat.training import certificate, charts, services
from pat.training.forms import (
    AttendanceForm,
    EvaluationForm,
    ParticipantForm,
    SessionForm,
    YearForm,
)
from pat.training.models import Participant, Session


def _rows(pairs: list[tuple[Any, dict[str, int]]]) -> list[tuple[Any, list[int], int]]:
    """Table rows: the group, its counts in the order of the sexes, and its total."""
    return [(group, [c[s] for s in Sex.values], c["total"]) for group, c in pairs]


def _reader(request: HttpRequest) -> None:
    if not can.can_read_training(request.user):
        raise PermissionDenied


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    _reader(request)
    years = services.years()
    form = YearForm(request.GET or None, years=years)
    year = form.cleaned_data.get("year") if form.is_valid() else None
    summary = services.summary(year=year or None)
    series = services.developers_trained()
    target = services.target()
    sessions = Session.objects.select_related("course", "office")
    if year:
        sessions = sessions.filter(starts_on__year=year)
    return render(
        request,
        "training/home.html",
        {
            "form": form,
            "summary": summary,
            "sexes": Sex.choices,
            "totals": [summary.by_sex[s] for s in Sex.values],
            "tables": [
                ("by-office", _("By office"), _("Office"), _rows(summary.by_office)),
                ("by-year", _("By year"), _("Year"), _rows(summary.by_year)),
                ("by-course", _("By course"), _("Course"), _rows(summary.by_course)),
            ],
            "series": series,
            "target": target,
            "reached": next((r.year for r in series if r.cumulative >= target.people), None),
            "sessions": sessions[:50],
            "may_manage": can.can_manage_training(request.user),
        },
    )


@require_GET
def developers_chart(request: HttpRequest) -> HttpResponse:
    _reader(request)
    target = services.target()
    svg = charts.developers_svg(
        services.developers_trained(), target=target.people, target_year=target.year
    )
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    session = get_object_or_404(Session, pk=pk) if pk else None
    if not can.can_manage_training(request.user, session.office_id if session else None):
        raise PermissionDenied
    offices = (
        None if can.is_gender_coordinator(request.user) else can.focal_point_offices(request.user)
    )
    form = SessionForm(request.POST or None, instance=session, offices=offices)
    if session is not None and not request.POST:
        form.initial["version"] = session.version
    conflict = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.session_save(
                session=session,
                course=data["course"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                place=data["place"],
                office=data["office"],
                trainers=data["trainers"],
                actor=actor(request),
                version=posted_version(request.POST.get("version")),
            )
        except EditConflict as error:
            conflict = str(error)
        except services.TrainingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved."))
            return redirect("training:session", pk=saved.pk)
    status = 409 if conflict else 400 if form.errors else 200
    return render(
        request,
        "training/session_form.html",
        {"form": form, "session": session, "conflict": conflict},
        status=status,
    )


def _session_page(request: HttpRequest, session: Session, **extra: Any) -> dict[str, Any]:
    participants = session.participants.select_related("office", "grade", "evaluation")
    counts = {s: 0 for s in Sex.values}
    for p in participants:
        if p.attended:
            counts[p.sex] += 1
    return {
        "session": session,
        "participants": participants,
        "attended_by_sex": [(label, counts[code]) for code, label in Sex.choices],
        "may_manage": can.can_manage_training(request.user, session.office_id),
        "participant_form": ParticipantForm(),
        **extra,
    }


@require_GET
def session(request: HttpRequest, pk: int) -> HttpResponse:
    _reader(request)
    obj = get_object_or_404(Session.objects.select_related("course", "office"), pk=pk)
    return render(request, "training/session.html", _session_page(request, obj))


@require_POST
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(Session, pk=pk)
    if not can.can_manage_training(request.user, obj.office_id):
        raise PermissionDenied
    form = ParticipantForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.participant_add(
                session=obj,
                name=data["name"],
                email=data["email"],
                sex=data["sex"],
                office=data["office"],
                grade=data["grade"],
                staff_id=data["staff_id"],
            )
        except services.TrainingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Participant added."))
            return redirect("training:session", pk=obj.pk)
    context = _session_page(request, obj, participant_form=form)
    return render(request, "training/session.html", context, status=400)


@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(Session, pk=pk)
    if not can.can_manage_training(request.user, obj.office_id):
        raise PermissionDenied
    form = AttendanceForm(request.POST)
    present = [int(v) for v in request.POST.getlist("attended") if v.isdigit()]
    try:
        n = services.attendance_set(
            session=obj, attended=present, version=posted_version(request.POST.get("version"))
        )
    except EditConflict as error:
        context = _session_page(request, obj, conflict=str(error), attendance_form=form)
        return render(request, "training/session.html", context, status=409)
    messages.success(request, _("Attendance saved: %(n)s attended.") % {"n": n})
    return redirect("training:session", pk=obj.pk)


@require_http_methods(["GET", "POST"])
def evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    participant = get_object_or_404(Participant.objects.select_related("session"), pk=pk)
    if not can.can_read_certificate(
        request.user, office_id=participant.session.office_id, email=participant.email
    ):
        raise PermissionDenied
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_submit(participant=participant, **form.cleaned_data)
        except services.TrainingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you: the evaluation is recorded."))
            return redirect("training:session", pk=participant.session_id)
    done = hasattr(participant, "evaluation")
    return render(
        request,
        "training/evaluation.html",
        {"form": form, "participant": participant, "done": done},
        status=400 if form.errors else 200,
    )


@require_GET
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    participant = get_object_or_404(
        Participant.objects.select_related("session__course", "session__office", "office"), pk=pk
    )
    if not can.can_read_certificate(
        request.user, office_id=participant.session.office_id, email=participant.email
    ):
        raise PermissionDenied
    if not participant.attended:
        messages.error(request, _("A certificate is given only for attendance."))
        return redirect("training:session", pk=participant.session_id)
    response = HttpResponse(certificate.pdf(participant), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{participant.certificate_number}.pdf"'
    )
    return response
