"""Pages of the candidates, the funnel and the Appointments and Postings Board.

Views authorize with pat.core.permissions, validate with a form and call one service; a
refused step (`AppointmentError`) becomes a message and changes nothing; a stale edit is
shown with the one 409 notice.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pat.appointments import export, funnel, reports, rules, services
from pat.appointments.forms import (
    CandidateForm,
    DecideForm,
    ImportForm,
    JustifyForm,
    MeetingForm,
    MemberForm,
    PeriodForm,
    RecommendForm,
    ReviewForm,
    ScheduleForm,
)
from pat.appointments.models import Candidate, Case, Meeting, Outcome, Sex
from pat.core import permissions as can
from pat.core.locking import EditConflict
from pat.core.models import Office
from pat.core.permissions import actor
from pat.recruitment.models import State, Vacancy

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SEXES = [(s.value, s.label) for s in Sex]


def _funnel_context(candidates: Any, *, full: bool) -> dict[str, Any]:
    """The funnel by sex and by channel, with counts under 5 hidden unless `full`."""
    steps = services.funnel_of(candidates)
    hidden = set() if full else funnel.suppressed_cells(steps)
    labels = dict(Candidate._meta.get_field("stage").choices or [])
    rows = funnel.as_rows(steps, hidden=hidden)
    for row in rows:
        row["label"] = str(labels[row["stage"]])
    rates = funnel.visible_rates(funnel.conversions(steps), hidden)
    by_channel = []
    for channel, channel_steps in services.funnel_by_channel(candidates):
        channel_hidden = set() if full else funnel.suppressed_cells(channel_steps)
        by_channel.append(
            (
                str(channel) if channel else _("No channel recorded"),
                funnel.as_rows(channel_steps, hidden=channel_hidden),
            )
        )
    return {
        "funnel_rows": rows,
        "rates": [
            (str(labels[r.source]), str(labels[r.target]), r.rates["female"], r.rates["male"])
            for r in rates
        ],
        "by_channel": by_channel,
        "all_male": funnel.all_male_shortlist(steps),
        "full": full,
        "sexes": SEXES,
        "stage_labels": labels,
    }


def _vacancy_case(vacancy: Vacancy) -> Case | None:
    return Case.objects.filter(vacancy=vacancy).first()


def _may_read_candidates(request: HttpRequest, vacancy: Vacancy) -> bool:
    return can.can_read_candidates(
        request.user, member_ids=services.case_member_ids(_vacancy_case(vacancy))
    )


@require_http_methods(["GET", "POST"])
def vacancy(request: HttpRequest, pk: int) -> HttpResponse:
    """A vacancy's candidates (for those who may see them) and its funnel."""
    item = get_object_or_404(Vacancy.objects.select_related("grade", "office"), pk=pk)
    htmx = bool(getattr(request, "htmx", False))
    readable = _may_read_candidates(request, item)
    manage = can.can_manage_candidates(request.user)
    form = CandidateForm()
    status = 200
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        form = CandidateForm(request.POST)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                services.candidate_add(vacancy=item, actor=actor(request), **data)
            except services.AppointmentError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Candidate recorded."))
                if not htmx:
                    return redirect("appointments:vacancy", pk=item.pk)
                form = CandidateForm()
        if form.errors:
            status = 422 if htmx else 400
    candidates = item.candidates.select_related("channel") if readable else Candidate.objects.none()
    context = {
        "vacancy": item,
        "case": _vacancy_case(item),
        "candidates": candidates,
        "readable": readable,
        "manage": manage,
        "form": form,
        "may_open_case": manage and item.state in (State.PUBLISHED, State.CLOSED),
        "board": can.can_read_board(request.user),
        # Whoever reads the names reads every count: hiding a small one would hide nothing.
        **_funnel_context(item.candidates.all(), full=readable),
    }
    template = "appointments/vacancy.html#candidates" if htmx else "appointments/vacancy.html"
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
def candidate(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Candidate.objects.select_related("vacancy", "channel"), pk=pk)
    if not _may_read_candidates(request, item.vacancy):
        raise PermissionDenied
    manage = can.can_manage_candidates(request.user)
    form = CandidateForm(instance=item, initial={"version": item.version})
    conflict = ""
    status = 200
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        form = CandidateForm(request.POST, instance=Candidate.objects.get(pk=item.pk))
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                services.candidate_update(
                    candidate=item,
                    actor=actor(request),
                    version=form.cleaned_data.get("version"),
                    **data,
                )
            except EditConflict as error:
                conflict, status = str(error), 409
            except services.AppointmentError as error:
                form.add_error(None, str(error))
                status = 400
            else:
                messages.success(request, _("Candidate updated."))
                return redirect("appointments:vacancy", pk=item.vacancy_id)
        else:
            status = 400
    return render(
        request,
        "appointments/candidate.html",
        {
            "candidate": item,
            "form": form,
            "manage": manage,
            "conflict": conflict,
            "changes": item.changes.select_related("by")[:50],
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def candidate_import(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Vacancy, pk=pk)
    if not can.can_manage_candidates(request.user):
        raise PermissionDenied
    form = ImportForm()
    report = None
    status = 200
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            report = services.candidates_import(
                vacancy=item, actor=actor(request), data=upload.read(), filename=upload.name
            )
            if report.written:
                messages.success(
                    request,
                    _("%(added)s candidates added and %(updated)s updated.")
                    % {"added": report.added, "updated": report.updated},
                )
                return redirect("appointments:vacancy", pk=item.pk)
            status = 400
        else:
            status = 400
    return render(
        request,
        "appointments/import.html",
        {"vacancy": item, "form": form, "report": report},
        status=status,
    )


def overview(request: HttpRequest) -> HttpResponse:
    """The funnel per office and overall; counts under 5 hidden outside HR."""
    code = request.GET.get("office", "")
    office = Office.objects.filter(code=code).first() if code else None
    candidates = Candidate.objects.all()
    if office is not None:
        candidates = candidates.filter(vacancy__office=office)
    offices = Office.objects.filter(vacancies__candidates__isnull=False).distinct()
    vacancies = (
        Vacancy.objects.filter(candidates__isnull=False)
        .select_related("office", "grade")
        .annotate(n=Count("candidates"))
        .order_by("-closing_date")
    )
    if office is not None:
        vacancies = vacancies.filter(office=office)
    return render(
        request,
        "appointments/overview.html",
        {
            "office": office,
            "offices": sorted(offices, key=str),
            "vacancies": vacancies[:200],
            "board": can.can_read_board(request.user),
            **_funnel_context(candidates, full=can.can_see_staff_details(request.user)),
        },
    )


def shortlists(request: HttpRequest) -> HttpResponse:
    """All-male shortlists, for the Gender Focal Points (and HR and the board)."""
    if not can.can_read_board(request.user):
        raise PermissionDenied
    return render(
        request, "appointments/shortlists.html", {"vacancies": services.all_male_shortlists()}
    )


@require_http_methods(["GET", "POST"])
def board(request: HttpRequest) -> HttpResponse:
    if not can.can_read_board(request.user):
        raise PermissionDenied
    manage = can.can_manage_candidates(request.user)
    member_form, meeting_form = MemberForm(), MeetingForm()
    status = 200
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        if request.POST.get("form") == "member":
            member_form = MemberForm(request.POST)
            if member_form.is_valid():
                member_form.save()
                messages.success(request, _("Board member added."))
                return redirect("appointments:board")
        else:
            meeting_form = MeetingForm(request.POST)
            if meeting_form.is_valid():
                made = services.meeting_create(
                    held_on=meeting_form.cleaned_data["held_on"],
                    title=meeting_form.cleaned_data["title"],
                    members=meeting_form.cleaned_data["members"],
                    actor=actor(request),
                )
                messages.success(request, _("Meeting created."))
                return redirect("appointments:meeting", pk=made.pk)
        status = 400
    cases = Case.objects.select_related(
        "vacancy__grade", "vacancy__office", "meeting", "recommended"
    )
    return render(
        request,
        "appointments/board.html",
        {
            "members": services.current_members(),
            "meetings": Meeting.objects.annotate(n=Count("cases"))[:50],
            "open_cases": [c for c in cases.exclude(decision=rules.Decision.APPROVE)][:100],
            "manage": manage,
            "member_form": member_form,
            "meeting_form": meeting_form,
        },
        status=status,
    )


def _meeting_reader(request: HttpRequest, meeting: Meeting) -> None:
    if can.can_read_board(request.user):
        return
    if meeting.members.filter(pk=actor(request).pk).exists():
        return
    raise PermissionDenied


def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Meeting, pk=pk)
    _meeting_reader(request, item)
    return render(
        request,
        "appointments/meeting.html",
        {
            "meeting": item,
            "members": item.members.order_by("last_name", "first_name"),
            "cases": item.cases.select_related("vacancy__grade", "vacancy__office", "recommended"),
        },
    )


def minutes(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    item = get_object_or_404(Meeting, pk=pk)
    _meeting_reader(request, item)
    title = export.minutes_title(item)
    blocks = export.minutes_blocks(item)
    name = f"apb-minutes-{item.held_on.isoformat()}"
    if fmt == "docx":
        body, kind = export.docx_bytes(title, blocks), DOCX
    elif fmt == "pdf":
        body, kind = export.pdf_bytes(title, blocks), "application/pdf"
    else:
        raise Http404
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@require_POST
def case_open(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Vacancy, pk=pk)
    if not can.can_manage_candidates(request.user):
        raise PermissionDenied
    try:
        made = services.case_open(vacancy=item, actor=actor(request))
    except services.AppointmentError as error:
        messages.error(request, str(error))
        return redirect("appointments:vacancy", pk=item.pk)
    return redirect("appointments:case", pk=made.pk)


CASE_FORMS = {
    "recommend": RecommendForm,
    "justify": JustifyForm,
    "review": ReviewForm,
    "decide": DecideForm,
    "schedule": ScheduleForm,
}


def _case_permissions(request: HttpRequest, case: Case, member_ids: set[int]) -> dict[str, bool]:
    return {
        "recommend": can.can_recommend(request.user),
        "justify": can.can_recommend(request.user),
        "review": can.can_review_case(request.user),
        "decide": can.can_decide_case(request.user, member_ids=member_ids),
        "schedule": can.can_manage_candidates(request.user),
    }


@require_http_methods(["GET", "POST"])
def case(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        Case.objects.select_related("vacancy__grade", "vacancy__office", "recommended", "meeting"),
        pk=pk,
    )
    member_ids = services.case_member_ids(item)
    if not can.can_read_candidates(request.user, member_ids=member_ids):
        raise PermissionDenied
    may = _case_permissions(request, item, member_ids)
    in_running = item.vacancy.candidates.filter(outcome=Outcome.IN)
    forms: dict[str, Any] = {}
    for name, form_class in CASE_FORMS.items():
        kwargs: dict[str, Any] = {"initial": {"version": item.version}, "prefix": name}
        if name == "recommend":
            kwargs["candidates"] = in_running
        forms[name] = form_class(**kwargs)
    conflict = ""
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in CASE_FORMS:
            raise Http404
        if not may[action]:
            raise PermissionDenied
        kwargs = {"candidates": in_running} if action == "recommend" else {}
        # Each form has its prefix: several are on one page, and their ids must differ.
        form = CASE_FORMS[action](request.POST, prefix=action, **kwargs)
        forms[action] = form
        if form.is_valid():
            data = form.cleaned_data
            who = actor(request)
            version = data.get("version")
            try:
                if action == "recommend":
                    services.case_recommend(
                        case=item,
                        actor=who,
                        version=version,
                        candidate=data["candidate"],
                        text=data["text"],
                    )
                elif action == "justify":
                    services.case_justify(case=item, actor=who, version=version, text=data["text"])
                elif action == "review":
                    services.case_review(
                        case=item,
                        actor=who,
                        version=version,
                        verdict=data["verdict"],
                        text=data["text"],
                    )
                elif action == "decide":
                    services.case_decide(
                        case=item,
                        actor=who,
                        version=version,
                        decision=data["decision"],
                        note=data["note"],
                    )
                else:
                    services.case_schedule(
                        case=item, actor=who, version=version, meeting=data["meeting"]
                    )
            except EditConflict as error:
                conflict, status = str(error), 409
            except services.AppointmentError as error:
                form.add_error(None, str(error))
                status = 400
            else:
                messages.success(request, _("Saved."))
                return redirect("appointments:case", pk=item.pk)
        else:
            status = 400
    stage = item.stage
    allowed = rules.allowed_actions(stage)
    shortlist = item.vacancy.candidates.shortlist().select_related("channel")
    return render(
        request,
        "appointments/case.html",
        {
            "case": item,
            "stage": stage,
            "stage_label": STAGE_LABELS[stage],
            "justification_required": item.justification_required,
            "shortlist": shortlist,
            "forms": forms,
            "show": {a: may[a] and (a == "schedule" or rules.Action(a) in allowed) for a in may},
            # Shown to the board while it may not decide, so the refusal is not a surprise.
            "decision_blocked": may["decide"] and rules.Action.DECIDE not in allowed,
            "conflict": conflict,
            "events": item.events.select_related("by"),
            "members": item.meeting.members.all() if item.meeting else None,
        },
        status=status,
    )


STAGE_LABELS = {
    rules.Stage.NO_RECOMMENDATION: _("Waiting for the recommendation"),
    rules.Stage.NEEDS_JUSTIFICATION: _("Waiting for the written justification"),
    rules.Stage.NEEDS_REVIEW: _("Waiting for the Gender Focal Point's review"),
    rules.Stage.READY: _("Ready for the board's decision"),
    rules.Stage.APPROVED: _("Approved"),
    rules.Stage.RETURNED: _("Returned to the hiring office"),
    rules.Stage.DEFERRED: _("Deferred"),
}


def report(request: HttpRequest) -> HttpResponse:
    if not can.can_read_board(request.user):
        raise PermissionDenied
    form = PeriodForm(request.GET or None)
    start = end = None
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data.get("start"), form.cleaned_data.get("end")
    data = reports.period_report(start=start, end=end)
    decisions = {
        rules.Decision.APPROVE: _("Approved"),
        rules.Decision.RETURN: _("Returned to the hiring office"),
        rules.Decision.DEFER: _("Deferred"),
        "pending": _("No decision yet"),
    }
    return render(
        request,
        "appointments/report.html",
        {
            "form": form,
            "report": data,
            "sexes": SEXES,
            "decision_labels": decisions,
            "decisions": [(decisions[k], v) for k, v in data.decisions.items()],
            "objection_decisions": [(decisions[k], v) for k, v in data.objection_decisions.items()],
        },
    )
