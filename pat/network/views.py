"""Pages of the gender network: register, WGGI, Plans of Action, self-assessment, annual report.

Views authorize with pat.core.permissions, validate with a form and call one service; a
refused action (`NetworkError`) becomes a message and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pat.core import permissions as can
from pat.core.models import Office, Role
from pat.core.permissions import actor
from pat.guide.markdown import render_markdown
from pat.network import evidence as pat_evidence
from pat.network import export, services
from pat.network.analysis import analyse
from pat.network.forms import (
    ActionForm,
    AnswersForm,
    CampaignForm,
    ConclusionsForm,
    DecisionForm,
    EvidenceForm,
    FocalPointForm,
    IndicatorForm,
    MeasureForm,
    MeetingForm,
    ObjectiveForm,
    PlanCreateForm,
    PlanFilterForm,
    ProgressForm,
    QuestionForm,
    QuestionnaireForm,
    RatingForm,
    SectionForm,
    SummaryForm,
    WggiMemberForm,
)
from pat.network.models import (
    Action,
    ActionPlan,
    AnnualReport,
    Campaign,
    Evidence,
    FocalPoint,
    FocalPointChange,
    Meeting,
    PlanIndicator,
    PlanStatus,
    Question,
    Questionnaire,
    Rating,
    ReportStatus,
    Response,
    WggiMember,
)
from pat.network.swap import BELOW_MEETS, INDICATORS

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DUE_SOON_DAYS = 30


def _coordinator(request: HttpRequest) -> None:
    if not can.is_gender_coordinator(request.user):
        raise PermissionDenied


def _download(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _threshold() -> int:
    return int(getattr(settings, "PAT_FOCAL_POINT_MIN_SHARE", 20))


# --- register, coverage, WGGI ------------------------------------------------------------------


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    on = services.today()
    current = FocalPoint.objects.current(on).select_related("person", "office", "unit", "alternate")
    covered = set(current.values_list("office_id", flat=True))
    uncovered = Office.objects.exclude(kind=Office.Kind.HEADQUARTERS).exclude(pk__in=covered)
    threshold = _threshold()
    return render(
        request,
        "network/home.html",
        {
            "focal_points": current,
            "uncovered": uncovered,
            "low_share": [fp for fp in current if fp.time_share < threshold],
            "threshold": threshold,
            "is_coordinator": can.is_gender_coordinator(request.user),
        },
    )


def _edit(
    request: HttpRequest,
    form_class: Any,
    instance: Any,
    *,
    title: str,
    done: Callable[[Any], HttpResponse],
) -> HttpResponse:
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Saved."))
        return done(saved)
    return render(
        request,
        "network/form.html",
        {"form": form, "title": title},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def focal_point_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _coordinator(request)
    instance = get_object_or_404(FocalPoint, pk=pk) if pk else None
    before = services.register_values(instance) if instance else {}
    form = FocalPointForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = services.focal_point_save(
            focal_point=form.instance, before=before, actor=actor(request)
        )
        messages.success(request, _("Saved."))
        return redirect("network:office", code=saved.office.code)
    return render(
        request,
        "network/form.html",
        {"form": form, "title": _("Gender Focal Point")},
        status=400 if form.errors else 200,
    )


@require_GET
def office(request: HttpRequest, code: str) -> HttpResponse:
    place = get_object_or_404(Office, code=code)
    user = actor(request)
    plans = [
        p
        for p in ActionPlan.objects.filter(office=place)
        if can.can_read_plan(user, place.pk, published=p.is_published)
    ]
    return render(
        request,
        "network/office.html",
        {
            "office": place,
            "focal_points": FocalPoint.objects.current()
            .filter(office=place)
            .select_related("person", "alternate", "unit"),
            "past": FocalPoint.objects.filter(office=place, term_end__lt=services.today()),
            "changes": FocalPointChange.objects.filter(office=place).select_related("actor")[:20],
            "plans": plans,
            "can_edit": can.can_edit_plan(user, place.pk),
        },
    )


@require_GET
def wggi(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "network/wggi.html",
        {
            "members": WggiMember.objects.select_related("person", "unit"),
            "meetings": Meeting.objects.annotate(n=Count("attendees")),
            "is_coordinator": can.is_gender_coordinator(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _coordinator(request)
    instance = get_object_or_404(WggiMember, pk=pk) if pk else None
    return _edit(
        request,
        WggiMemberForm,
        instance,
        title=_("WGGI member"),
        done=lambda _m: redirect("network:wggi"),
    )


@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _coordinator(request)
    instance = get_object_or_404(Meeting, pk=pk) if pk else None
    return _edit(
        request,
        MeetingForm,
        instance,
        title=_("WGGI meeting"),
        done=lambda m: redirect("network:meeting", pk=m.pk),
    )


@require_GET
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Meeting, pk=pk)
    return render(
        request,
        "network/meeting.html",
        {
            "meeting": item,
            "agenda_html": render_markdown(item.agenda),
            "minutes_html": render_markdown(item.minutes),
            "attendees": item.attendees.select_related("person"),
            "is_coordinator": can.is_gender_coordinator(request.user),
        },
    )


# --- Plans of Action ---------------------------------------------------------------------------


def _visible_plans(user: Any) -> QuerySet[ActionPlan]:
    plans = ActionPlan.objects.latest_versions().select_related("office")
    if can.is_gender_coordinator(user):
        return plans
    mine = user.offices_with(Role.Kind.CHIEF_OF_MISSION) | can.focal_point_offices(user)
    return plans.filter(Q(status=PlanStatus.APPROVED) | Q(office_id__in=mine))


@require_GET
def plans(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    on = services.today()
    form = PlanFilterForm(request.GET or None)
    rows = _visible_plans(user).annotate(
        actions=Count("objectives__actions", distinct=True),
        overdue=Count(
            "objectives__actions",
            filter=Q(
                objectives__actions__deadline__lt=on,
                objectives__actions__status__in=["planned", "progress"],
            ),
            distinct=True,
        ),
        done=Count(
            "objectives__actions", filter=Q(objectives__actions__status="done"), distinct=True
        ),
    )
    if form.is_valid():
        if form.cleaned_data["region"]:
            rows = rows.filter(office__region=form.cleaned_data["region"])
        if form.cleaned_data["status"]:
            rows = rows.filter(status=form.cleaned_data["status"])
    plan_ids = list(rows.values_list("pk", flat=True))
    actions = Action.objects.filter(objective__plan_id__in=plan_ids).select_related(
        "objective__plan__office"
    )
    return render(
        request,
        "network/plans.html",
        {
            "form": form,
            "plans": rows.order_by("office__name", "-period"),
            "overdue": actions.overdue(on).order_by("deadline")[:100],
            "due_soon": actions.due_soon(on, DUE_SOON_DAYS).order_by("deadline")[:100],
            "today": on,
            "can_create": can.is_gender_coordinator(user) or bool(_plan_offices(user).exists()),
        },
    )


def _plan_offices(user: Any) -> QuerySet[Office]:
    if can.is_gender_coordinator(user):
        return Office.objects.all()
    return Office.objects.filter(pk__in=can.focal_point_offices(user))


@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    offices = _plan_offices(user)
    if not offices.exists():
        raise PermissionDenied
    form = PlanCreateForm(request.POST or None, offices=offices, initial=request.GET or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(
                office=form.cleaned_data["office"], period=form.cleaned_data["period"], actor=user
            )
        except services.REFUSED as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Plan of Action version %(n)s opened.") % {"n": plan.version}
            )
            return redirect("network:plan", pk=plan.pk)
    return render(request, "network/form.html", {"form": form, "title": _("New Plan of Action")})


def _plan(request: HttpRequest, pk: int) -> ActionPlan:
    plan = get_object_or_404(ActionPlan.objects.select_related("office", "approved_by"), pk=pk)
    if not can.can_read_plan(request.user, plan.office_id, published=plan.is_published):
        raise PermissionDenied
    return plan


@require_GET
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    item = _plan(request, pk)
    user = actor(request)
    can_edit = can.can_edit_plan(user, item.office_id)
    lock = {"lock": item.lock}
    return render(
        request,
        "network/plan.html",
        {
            "plan": item,
            "objectives": item.objectives.prefetch_related(
                Prefetch("actions", queryset=Action.objects.prefetch_related("notes"))
            ),
            "indicators": item.indicators.all(),
            "versions": ActionPlan.objects.filter(office=item.office, period=item.period),
            "can_edit": can_edit and item.status == PlanStatus.DRAFT,
            "can_progress": can_edit,
            "can_approve": can.can_approve_plan(user, item.office_id)
            and item.status == PlanStatus.SUBMITTED,
            "summary_form": SummaryForm(initial={**lock, "summary": item.summary}),
            "objective_form": ObjectiveForm(initial=lock),
            "action_form": ActionForm(initial=lock, plan=item),
            "indicator_form": IndicatorForm(initial=lock),
            "progress_form": ProgressForm(initial=lock),
            "measure_form": MeasureForm(initial=lock),
            "decision_form": DecisionForm(initial=lock),
            "today": services.today(),
        },
    )


def _plan_write(
    request: HttpRequest,
    pk: int,
    form_class: Any,
    call: Callable[[ActionPlan, dict[str, Any]], Any],
    **form_kwargs: Any,
) -> HttpResponse:
    item = _plan(request, pk)
    if not can.can_edit_plan(request.user, item.office_id):
        raise PermissionDenied
    form = form_class(request.POST, **form_kwargs)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(
                request,
                f"{form.fields[field].label if field in form.fields else ''}: {' '.join(errors)}",
            )
        return redirect("network:plan", pk=item.pk)
    try:
        call(item, form.cleaned_data)
    except services.REFUSED as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Saved."))
    return redirect("network:plan", pk=item.pk)


@require_POST
def plan_summary(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_write(
        request,
        pk,
        SummaryForm,
        lambda p, d: services.plan_update(plan=p, expected_lock=d["lock"], summary=d["summary"]),
    )


@require_POST
def plan_objective(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_write(
        request,
        pk,
        ObjectiveForm,
        lambda p, d: services.objective_add(plan=p, expected_lock=d["lock"], title=d["title"]),
    )


@require_POST
def plan_action(request: HttpRequest, pk: int) -> HttpResponse:
    plan_obj = get_object_or_404(ActionPlan, pk=pk)
    return _plan_write(
        request,
        pk,
        ActionForm,
        lambda p, d: services.action_add(
            plan=p,
            expected_lock=d["lock"],
            objective=d["objective"],
            title=d["title"],
            owner=d["owner"],
            deadline=d["deadline"],
        ),
        plan=plan_obj,
    )


@require_POST
def plan_progress(request: HttpRequest, pk: int, action_id: int) -> HttpResponse:
    action = get_object_or_404(Action.objects.select_related("objective"), pk=action_id)
    return _plan_write(
        request,
        pk,
        ProgressForm,
        lambda p, d: services.action_progress(
            plan=p,
            expected_lock=d["lock"],
            action=action,
            status=d["status"],
            note=d["note"],
            on=d["on"],
            actor=actor(request),
        ),
    )


@require_POST
def plan_indicator(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_write(
        request,
        pk,
        IndicatorForm,
        lambda p, d: services.indicator_add(
            plan=p,
            expected_lock=d["lock"],
            name=d["name"],
            baseline=d["baseline"],
            target=d["target"],
        ),
    )


@require_POST
def plan_measure(request: HttpRequest, pk: int, indicator_id: int) -> HttpResponse:
    indicator = get_object_or_404(PlanIndicator, pk=indicator_id)
    return _plan_write(
        request,
        pk,
        MeasureForm,
        lambda p, d: services.indicator_measure(
            plan=p, expected_lock=d["lock"], indicator=indicator, current=d["current"]
        ),
    )


@require_POST
def plan_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_write(
        request,
        pk,
        DecisionForm,
        lambda p, d: services.plan_submit(plan=p, expected_lock=d["lock"]),
    )


@require_POST
def plan_decide(request: HttpRequest, pk: int) -> HttpResponse:
    item = _plan(request, pk)
    user = actor(request)
    if not can.can_approve_plan(user, item.office_id):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.plan_decide(
                plan=item,
                expected_lock=form.cleaned_data["lock"],
                actor=user,
                approve="approve" in request.POST,
            )
        except services.REFUSED as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Saved."))
    return redirect("network:plan", pk=item.pk)


@require_GET
def plan_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    item = _plan(request, pk)
    name = f"plan-{item.office.code}-{item.period}-v{item.version}"
    if fmt == "docx":
        return _download(
            export.docx_bytes(export.plan_title(item), export.plan_blocks(item)),
            f"{name}.docx",
            DOCX,
        )
    if fmt == "xlsx":
        return _download(export.plan_xlsx(item), f"{name}.xlsx", XLSX)
    raise Http404


# --- the self-assessment exercise --------------------------------------------------------------


@require_GET
def assessments(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    coordinator = can.is_gender_coordinator(user)
    campaigns = Campaign.objects.annotate(
        invited=Count("responses"),
        answered=Count("responses", filter=Q(responses__state__in=["submitted", "accepted"])),
    )
    if not coordinator:
        campaigns = campaigns.filter(closed_at__isnull=False)
    return render(
        request,
        "network/assessments.html",
        {
            "campaigns": campaigns,
            "mine": Response.objects.filter(office_id__in=can.focal_point_offices(user))
            .select_related("campaign", "office")
            .order_by("-campaign__opened_on"),
            "questionnaires": Questionnaire.objects.all() if coordinator else [],
            "is_coordinator": coordinator,
        },
    )


@require_http_methods(["GET", "POST"])
def questionnaire_new(request: HttpRequest) -> HttpResponse:
    _coordinator(request)
    return _edit(
        request,
        QuestionnaireForm,
        None,
        title=_("New questionnaire"),
        done=lambda q: redirect("network:questionnaire", pk=q.pk),
    )


@require_http_methods(["GET", "POST"])
def questionnaire(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinator's editor: sections and questions in the three languages."""
    _coordinator(request)
    item = get_object_or_404(Questionnaire, pk=pk)
    question_id = request.GET.get("question") or request.POST.get("question_id")
    instance = (
        get_object_or_404(Question, pk=question_id, section__questionnaire=item)
        if question_id
        else None
    )
    section_form = SectionForm(prefix="s")
    question_form = QuestionForm(prefix="q", instance=instance, questionnaire=item)
    if request.method == "POST":
        if "s-text_en" in request.POST:
            section_form = SectionForm(request.POST, prefix="s")
            if section_form.is_valid():
                section_form.instance.questionnaire = item
                section_form.save()
                messages.success(request, _("Saved."))
                return redirect("network:questionnaire", pk=item.pk)
        else:
            question_form = QuestionForm(
                request.POST, prefix="q", instance=instance, questionnaire=item
            )
            if question_form.is_valid():
                question_form.save()
                messages.success(request, _("Saved."))
                return redirect("network:questionnaire", pk=item.pk)
    return render(
        request,
        "network/questionnaire.html",
        {
            "questionnaire": item,
            "sections": item.sections.prefetch_related("questions"),
            "section_form": section_form,
            "question_form": question_form,
            "editing": instance,
        },
    )


@require_http_methods(["GET", "POST"])
def campaign_new(request: HttpRequest) -> HttpResponse:
    _coordinator(request)
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_launch(
                name=form.cleaned_data["name"],
                questionnaire=form.cleaned_data["questionnaire"],
                offices=form.cleaned_data["offices"],
                deadline=form.cleaned_data["deadline"],
                actor=actor(request),
            )
        except services.REFUSED as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The exercise is launched."))
            return redirect("network:campaign", pk=campaign.pk)
    return render(
        request, "network/form.html", {"form": form, "title": _("Launch a self-assessment")}
    )


@require_http_methods(["GET", "POST"])
def campaign(request: HttpRequest, pk: int) -> HttpResponse:
    _coordinator(request)
    item = get_object_or_404(Campaign, pk=pk)
    if request.method == "POST" and "close" in request.POST:
        services.campaign_close(campaign=item)
        messages.success(request, _("The exercise is closed; its analysis is published."))
        return redirect("network:campaign", pk=item.pk)
    return render(
        request,
        "network/campaign.html",
        {
            "campaign": item,
            "responses": item.responses.select_related("office", "submitted_by"),
            "today": services.today(),
        },
    )


def _response(request: HttpRequest, pk: int) -> Response:
    item = get_object_or_404(
        Response.objects.select_related("campaign", "office", "submitted_by"), pk=pk
    )
    if not can.can_read_assessment(request.user, item.office_id):
        raise PermissionDenied
    return item


@require_http_methods(["GET", "POST"])
def response(request: HttpRequest, pk: int) -> HttpResponse:
    item = _response(request, pk)
    user = actor(request)
    questions = Question.objects.filter(
        section__questionnaire=item.campaign.questionnaire_id
    ).select_related("section")
    can_answer = can.can_answer_assessment(user, item.office_id) and item.editable
    existing = {a.question_id: a for a in item.answers.all()}
    initial: dict[str, Any] = {"lock": item.lock}
    for q in questions:
        if q.pk in existing:
            initial[f"rating-{q.pk}"] = existing[q.pk].rating
            initial[f"comment-{q.pk}"] = existing[q.pk].comment
    form = AnswersForm(request.POST or None, initial=initial, questions=questions)
    if request.method == "POST":
        if not can.can_answer_assessment(user, item.office_id):
            raise PermissionDenied
        if form.is_valid():
            try:
                item = services.answers_save(
                    response=item, expected_lock=form.cleaned_data["lock"], answers=form.answers()
                )
                if "submit" in request.POST:
                    services.response_submit(response=item, expected_lock=item.lock, actor=user)
                    messages.success(request, _("Your answers are submitted."))
                else:
                    messages.success(request, _("Your answers are saved."))
            except services.REFUSED as error:
                messages.error(request, str(error))
            return redirect("network:response", pk=item.pk)
    rows = []
    section = None
    for q in questions:
        rows.append(
            {
                "question": q,
                "new_section": q.section if q.section_id != section else None,
                "rating": form[f"rating-{q.pk}"],
                "comment": form[f"comment-{q.pk}"],
                "answer": existing.get(q.pk),
            }
        )
        section = q.section_id
    return render(
        request,
        "network/response.html",
        {
            "response": item,
            "form": form,
            "rows": rows,
            "can_answer": can_answer,
            "is_coordinator": can.is_gender_coordinator(user),
            "evidence": item.evidence.select_related("question"),
            "evidence_form": EvidenceForm(questions=questions),
            "review_form": DecisionForm(initial={"lock": item.lock}),
        },
    )


@require_POST
def response_review(request: HttpRequest, pk: int) -> HttpResponse:
    _coordinator(request)
    item = _response(request, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.response_review(
                response=item,
                expected_lock=form.cleaned_data["lock"],
                accept="accept" in request.POST,
                note=form.cleaned_data["note"],
            )
        except services.REFUSED as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Saved."))
    return redirect("network:response", pk=item.pk)


@require_POST
def evidence_upload(request: HttpRequest, pk: int) -> HttpResponse:
    item = _response(request, pk)
    user = actor(request)
    if not can.can_answer_assessment(user, item.office_id):
        raise PermissionDenied
    questions = Question.objects.filter(section__questionnaire=item.campaign.questionnaire_id)
    form = EvidenceForm(request.POST, request.FILES, questions=questions)
    if form.is_valid():
        try:
            services.evidence_add(
                response=item,
                question=form.cleaned_data["question"],
                upload=form.cleaned_data["file"],
                content_type=form.content_type,
                actor=user,
            )
        except services.REFUSED as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Evidence added."))
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
    return redirect("network:response", pk=item.pk)


@require_GET
def evidence_download(request: HttpRequest, pk: int, evidence_id: int) -> FileResponse:
    item = _response(request, pk)
    document = get_object_or_404(Evidence, pk=evidence_id, response=item)
    # Served as an attachment with its checked type, so a browser never runs it.
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


def _readable_campaign(request: HttpRequest, pk: int) -> Campaign:
    item = get_object_or_404(Campaign.objects.select_related("questionnaire"), pk=pk)
    if not can.can_read_report(request.user, published=item.closed_at is not None):
        raise PermissionDenied
    return item


@require_http_methods(["GET", "POST"])
def analysis(request: HttpRequest, pk: int) -> HttpResponse:
    item = _readable_campaign(request, pk)
    result = analyse(item)
    coordinator = can.is_gender_coordinator(request.user)
    initial = {f"c-{line.question.code}": line.conclusion for line in result.lines}
    form = ConclusionsForm(request.POST or None, codes=result.codes, initial=initial)
    if request.method == "POST":
        _coordinator(request)
        if form.is_valid():
            services.conclusions_save(
                campaign=item,
                conclusions={code: form.cleaned_data.get(f"c-{code}", "") for code in result.codes},
            )
            messages.success(request, _("Saved."))
            return redirect("network:analysis", pk=item.pk)
    return render(
        request,
        "network/analysis.html",
        {
            "campaign": item,
            "analysis": result,
            "ratings": Rating.choices,
            "lines": [
                {"line": line, "field": form[f"c-{line.question.code}"]} for line in result.lines
            ],
            "is_coordinator": coordinator,
        },
    )


@require_GET
def analysis_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    item = _readable_campaign(request, pk)
    result = analyse(item)
    title, blocks = export.analysis_title(result), export.analysis_blocks(result)
    if fmt == "docx":
        return _download(export.docx_bytes(title, blocks), f"analysis-{item.pk}.docx", DOCX)
    if fmt == "pdf":
        return _download(
            export.pdf_bytes(title, blocks), f"analysis-{item.pk}.pdf", "application/pdf"
        )
    raise Http404


# --- the annual report -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def reports(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    coordinator = can.is_gender_coordinator(user)
    if request.method == "POST":
        _coordinator(request)
        try:
            year = int(request.POST.get("year", ""))
        except ValueError:
            messages.error(request, _("Give a year."))
            return redirect("network:reports")
        if not 2000 <= year <= 2100:
            messages.error(request, _("Give a year."))
            return redirect("network:reports")
        services.report_open(year=year)
        return redirect("network:report", year=year)
    items = AnnualReport.objects.all()
    if not coordinator:
        items = items.filter(status=ReportStatus.APPROVED)
    return render(
        request,
        "network/reports.html",
        {"reports": items, "is_coordinator": coordinator, "year": dt.date.today().year},
    )


def _report(request: HttpRequest, year: int) -> AnnualReport:
    item = get_object_or_404(AnnualReport.objects.select_related("approved_by"), year=year)
    if not can.can_read_report(request.user, published=item.status == ReportStatus.APPROVED):
        raise PermissionDenied
    return item


def _report_parts(item: AnnualReport) -> tuple[dict[int, Any], dict[int, Any], dict[int, str]]:
    ratings = {r.pi: r for r in item.ratings.all()}
    previous = AnnualReport.objects.filter(year__lt=item.year).order_by("-year").first()
    before = dict(previous.ratings.values_list("pi", "rating")) if previous is not None else {}
    return ratings, pat_evidence.evidence_for(item.year), before


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, year: int) -> HttpResponse:
    item = _report(request, year)
    user = actor(request)
    if request.method == "POST":
        if "approve" in request.POST:
            if not can.can_approve_report(user):
                raise PermissionDenied
            form = DecisionForm(request.POST)
            if form.is_valid():
                try:
                    services.report_approve(
                        report=item, expected_lock=form.cleaned_data["lock"], actor=user
                    )
                except services.REFUSED as error:
                    messages.error(request, str(error))
                else:
                    messages.success(request, _("The report is approved and published."))
        else:
            _coordinator(request)
            which = request.POST.get("which", "")
            rating_form = RatingForm(request.POST, prefix=f"pi{which}" if which.isdigit() else None)
            if rating_form.is_valid():
                d = rating_form.cleaned_data
                try:
                    services.rating_save(
                        report=item,
                        expected_lock=d["lock"],
                        pi=d["pi"],
                        rating=d["rating"],
                        narrative=d["narrative"],
                        evidence=d["evidence"],
                        action_plan=d["action_plan"],
                    )
                except services.REFUSED as error:
                    messages.error(request, str(error))
                else:
                    messages.success(request, _("Saved."))
                return redirect(f"{request.path}#pi-{d['pi']}")
        return redirect("network:report", year=year)
    ratings, filled, before = _report_parts(item)
    names = dict(Rating.choices)
    editable = can.is_gender_coordinator(user) and item.status == ReportStatus.DRAFT
    rows = []
    for pi in INDICATORS:
        row = ratings.get(pi.number)
        rows.append(
            {
                "pi": pi,
                "row": row,
                "label": names.get(row.rating, "") if row else "",
                "below": bool(row and row.rating in BELOW_MEETS),
                "previous": names.get(before.get(pi.number, ""), ""),
                "evidence": filled.get(pi.number),
                "form": RatingForm(
                    initial={
                        "lock": item.lock,
                        "pi": pi.number,
                        "rating": row.rating if row else "",
                        "narrative": row.narrative if row else "",
                        "evidence": row.evidence if row else "",
                        "action_plan": row.action_plan if row else "",
                    },
                    prefix=f"pi{pi.number}",
                )
                if editable
                else None,
            }
        )
    scored = [r.rating for r in ratings.values() if r.rating]
    from pat.network import rollup

    return render(
        request,
        "network/report.html",
        {
            "report": item,
            "rows": rows,
            "editable": editable,
            "can_approve": can.can_approve_report(user) and item.status == ReportStatus.DRAFT,
            "approve_form": DecisionForm(initial={"lock": item.lock}),
            "meets_share": rollup.meets_share({r: scored.count(r) for r in set(scored)}),
            "has_previous": bool(before),
        },
    )


@require_GET
def report_export(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    item = _report(request, year)
    ratings, filled, before = _report_parts(item)
    title, blocks = export.report_title(item), export.report_blocks(item, ratings, filled, before)
    if fmt == "docx":
        return _download(export.docx_bytes(title, blocks), f"un-swap-{year}.docx", DOCX)
    if fmt == "pdf":
        return _download(export.pdf_bytes(title, blocks), f"un-swap-{year}.pdf", "application/pdf")
    raise Http404
