"""The proposal builder's pages: one step per page, autosave, readiness panel, versions, export."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pat.core.locking import EditConflict, posted_version
from pat.core.permissions import actor, can_edit_project
from pat.projects import services as project_services
from pat.projects import views as project_views
from pat.projects.forms import SaddGridForm, sadd_field_name
from pat.projects.models import AgeBandSet, BeneficiaryCount, Project, ProjectPartner, ResultNode
from pat.proposals import diffing, export, reading, services
from pat.proposals.forms import (
    BudgetFormSet,
    CoverForm,
    LockForm,
    PartnerForm,
    RiskFormSet,
    SectionForm,
    StageForm,
)
from pat.proposals.models import BudgetCategory, BudgetLine, ProposalVersion, Risk, WorkPlanEntry
from pat.proposals.sections import (
    PROJECT_FIELDS,
    SECTIONS,
    SHARED_LIMIT,
    STEP_BY_KEY,
    STEPS,
    Step,
    word_count,
)
from pat.reviews import services as review_services

EDIT_DENIED = gettext_lazy("Only the executing office and the project team edit this proposal.")


def _project(code: str) -> Project:
    return get_object_or_404(
        Project.objects.select_related("executing_office", "project_type"), code=code
    )


def _editable(request: HttpRequest, code: str) -> Project:
    project = _project(code)
    if not can_edit_project(request.user, project):
        raise PermissionDenied(str(EDIT_DENIED))
    return project


def _step_url(project: Project, step: str) -> str:
    return reverse("proposals:step", kwargs={"code": project.code, "step": step})


def _panel(project: Project, snapshot: dict[str, Any] | None = None) -> dict[str, Any]:
    result = services.readiness_for(project, snapshot)
    base = reverse("proposals:builder", kwargs={"code": project.code})
    items = []
    for item in result.items:
        step, _sep, anchor = item.anchor.partition("#")
        items.append({"item": item, "url": f"{base}{step}/#{anchor}"})
    return {"score": result.score, "items": items, "to_fix": len(result.to_fix)}


def _frame(
    request: HttpRequest,
    project: Project,
    step: Step | None,
    snapshot: dict[str, Any] | None = None,
) -> dict[str, Any]:
    proposal = services.proposal_for(project)
    feedback = review_services.returned_feedback(project)
    if feedback is not None:
        names = export.labels()
        for c in feedback.comments:
            c.section_label = names.get(c.section, c.section)  # type: ignore[attr-defined]
    return {
        "feedback": feedback,
        "project": project,
        "proposal": proposal,
        "step": step,
        "steps": STEPS,
        "concept_steps": [s for s in STEPS if s.stage == "concept"],
        "full_steps": [s for s in STEPS if s.stage == "full"],
        "can_edit": can_edit_project(request.user, project),
        "panel": _panel(project, snapshot),
    }


def counted(text: str, n: int) -> str:
    """A plural form ngettext chose for n, with n formatted for the language."""
    return text % {"n": number_format(n, force_grouping=True)}


def _progress(snapshot: dict[str, Any]) -> list[dict[str, Any]]:
    """What each step holds so far, for the overview."""
    texts = snapshot["sections"]
    results = snapshot["results"]
    levels = [r["level"] for r in results]
    planned = sum(c["count"] for c in snapshot["beneficiaries"].get("planned", []))
    plan = snapshot["work_plan"]["entries"]
    outcomes, outputs = levels.count("outcome"), levels.count("output")
    activities, risks = levels.count("activity"), len(snapshot["risks"])
    indicators = sum(len(r["indicators"]) for r in results)
    facts: dict[str, str] = {
        "cover": snapshot["project"]["title"],
        "results": ", ".join(
            (
                counted(ngettext("%(n)s outcome", "%(n)s outcomes", outcomes), outcomes),
                counted(ngettext("%(n)s output", "%(n)s outputs", outputs), outputs),
                counted(ngettext("%(n)s activity", "%(n)s activities", activities), activities),
                counted(ngettext("%(n)s indicator", "%(n)s indicators", indicators), indicators),
            )
        ),
        "beneficiaries": _("%(n)s planned") % {"n": number_format(planned, force_grouping=True)},
        "markers": ", ".join(
            f"{reading.scheme_name(k)}: {m['code']}" for k, m in sorted(snapshot["markers"].items())
        )
        or _("not answered"),
        "risks": counted(ngettext("%(n)s risk", "%(n)s risks", risks), risks),
        "work-plan": ngettext(
            "%(n)s of %(total)s activity scheduled",
            "%(n)s of %(total)s activities scheduled",
            len(plan),
        )
        % {"n": sum(1 for e in plan if e["periods"]), "total": len(plan)},
        "budget": f"{export.amount(snapshot['budget']['total'])} {snapshot['budget']['currency']}",
    }
    rows = []
    for spec in STEPS:
        if spec.sections:
            parts = []
            for section in spec.sections:
                words = word_count(texts.get(section.key, ""))
                limit = _limit(section.key)
                parts.append(f"{section.label}: {words}" + (f"/{limit}" if limit else ""))
            fact = " · ".join(parts)
            if spec.key in facts:
                fact = f"{facts[spec.key]} · {fact}"
        else:
            fact = facts.get(spec.key, "")
        rows.append({"step": spec, "fact": fact})
    return rows


@require_GET
def builder(request: HttpRequest, code: str) -> HttpResponse:
    project = _project(code)
    snapshot = services.build_snapshot(project)
    context = _frame(request, project, None, snapshot)
    context["progress"] = _progress(snapshot)
    context["stage_form"] = StageForm(initial={"stage": context["proposal"].stage})
    context["versions"] = ProposalVersion.objects.filter(project=project).select_related(
        "created_by"
    )
    context["warnings"] = services.fund_warnings(project)
    return render(request, "proposals/builder.html", context)


@require_GET
def readiness_panel(request: HttpRequest, code: str) -> HttpResponse:
    project = _project(code)
    return render(
        request, "proposals/builder.html#readiness", {"project": project, "panel": _panel(project)}
    )


@require_POST
def stage_set(request: HttpRequest, code: str) -> HttpResponse:
    project = _editable(request, code)
    form = StageForm(request.POST)
    if form.is_valid():
        services.proposal_stage_set(
            project=project, actor=actor(request), stage=form.cleaned_data["stage"]
        )
    return redirect("proposals:builder", code=project.code)


# --- steps -------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, code: str, step: str) -> HttpResponse:
    spec = STEP_BY_KEY.get(step)
    if spec is None:
        raise Http404
    project = _project(code) if request.method == "GET" else _editable(request, code)
    handler = {
        "cover": _cover,
        "text": _text,
        "results": _results,
        "risks": _risks,
        "workplan": _work_plan,
        "budget": _budget,
        "beneficiaries": _beneficiaries,
        "markers": _markers,
    }[spec.kind]
    return handler(request, project, spec)


def _render_step(
    request: HttpRequest, project: Project, spec: Step, extra: dict[str, Any], status: int = 200
) -> HttpResponse:
    context = _frame(request, project, spec)
    context.update(extra)
    return render(request, "proposals/builder.html", context, status=status)


def _sections(project: Project, spec: Step, posted: dict[str, str] | None = None) -> list[Any]:
    rows = {r.key: r for r in project.proposal_sections.all()}
    shown = []
    shared_words = {
        owner: sum(word_count(services.section_text(project, k, rows.get(k))) for k in members)
        for owner, members in SHARED_LIMIT.items()
    }
    for section in spec.sections:
        row = rows.get(section.key)
        text = services.section_text(project, section.key, row)
        if posted and section.key in posted:
            text = posted[section.key]
        shared = next((o for o, m in SHARED_LIMIT.items() if section.key in m), None)
        shown.append(
            {
                "section": section,
                "text": text,
                "version": row.version if row else 1,
                "base": services.digest(services.section_text(project, section.key, row)),
                "words": word_count(text),
                "shared": shared,
                "shared_words": shared_words.get(shared or "", 0),
                "limit": _limit(section.key),
                "saved_at": row.updated_at if row and row.updated_by_id else None,
                "findings": row.findings if row else [],
            }
        )
    return shown


def _limit(key: str) -> int | None:
    """A section's word limit; a sub-section shares its owner's (the gender analysis)."""
    for owner, members in SHARED_LIMIT.items():
        if key in members:
            return SECTIONS[owner].limit
    return SECTIONS[key].limit


def _text(request: HttpRequest, project: Project, spec: Step) -> HttpResponse:
    if request.method == "POST":
        # Text steps save through section_save, one section per form.
        raise Http404
    return _render_step(request, project, spec, {"sections": _sections(project, spec)})


@require_POST
def section_save(request: HttpRequest, code: str, key: str) -> HttpResponse:
    """Autosave (JSON for the page's script) or a plain form post (redirect back)."""
    project = _editable(request, code)
    step_key = next((s.key for s in STEPS if any(x.key == key for x in s.sections)), None)
    if step_key is None:
        raise Http404
    wants_json = "application/json" in request.headers.get("Accept", "")
    form = SectionForm(request.POST)
    if not form.is_valid():
        if wants_json:
            return JsonResponse({"ok": False, "errors": form.errors}, status=400)
        messages.error(request, _("The section could not be saved: reload the page."))
        return redirect(_step_url(project, step_key))
    text = form.cleaned_data["text"]
    try:
        row = services.section_save(
            project=project,
            key=key,
            text=text,
            expected_version=form.cleaned_data["version"],
            actor=actor(request),
            base_digest=form.cleaned_data["base"] or None if key in PROJECT_FIELDS else None,
        )
    except EditConflict as conflict:
        if wants_json:
            return JsonResponse(
                {
                    "ok": False,
                    "conflict": str(conflict),
                    "version": conflict.current_version,
                    "theirs": services.section_text(project, key),
                },
                status=409,
            )
        spec = STEP_BY_KEY[step_key]
        return _render_step(
            request,
            project,
            spec,
            {"sections": _sections(project, spec, {key: text}), "conflict": str(conflict)},
            status=409,
        )
    except ValidationError as error:
        if wants_json:
            return JsonResponse({"ok": False, "errors": error.messages}, status=400)
        messages.error(request, " ".join(error.messages))
        return redirect(_step_url(project, step_key))
    saved_at = timezone.localtime(row.updated_at)
    if wants_json:
        return JsonResponse(
            {
                "ok": True,
                "version": row.version,
                "base": services.digest(text.replace("\r\n", "\n")),
                "saved_at": saved_at.isoformat(),
                "saved_label": _("Saved %(time)s") % {"time": saved_at.strftime("%H:%M")},
                "words": word_count(text),
                "findings": row.findings,
                "project_version": Project.objects.values_list("version", flat=True).get(
                    pk=project.pk
                )
                if key in PROJECT_FIELDS
                else None,
            }
        )
    messages.success(request, _("Saved %(time)s") % {"time": saved_at.strftime("%H:%M")})
    return redirect(f"{_step_url(project, step_key)}#section-{key}")


def _cover(request: HttpRequest, project: Project, spec: Step) -> HttpResponse:
    is_partner = request.method == "POST" and "organization" in request.POST
    remove = request.POST.get("remove-partner", "") if request.method == "POST" else ""
    if remove.isdigit():
        partner = get_object_or_404(ProjectPartner, pk=int(remove), project=project)
        project_services.partner_remove(partner=partner, actor=actor(request))
        messages.success(request, _("Partner removed."))
        return redirect(_step_url(project, spec.key) + "#partners")
    partner_form = PartnerForm(request.POST if is_partner else None)
    if is_partner and partner_form.is_valid():
        try:
            project_services.partner_add(
                project=project, actor=actor(request), **partner_form.cleaned_data
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                partner_form.add_error(field if field in partner_form.fields else None, errors)
        else:
            messages.success(request, _("Partner added."))
            return redirect(_step_url(project, spec.key) + "#partners")
    form = CoverForm(
        request.POST if request.method == "POST" and not is_partner else None, instance=project
    )
    conflict = None
    if request.method == "POST" and not is_partner and form.is_valid():
        fields, m2m = form.split()
        try:
            project_services.project_update(
                project=Project.objects.get(pk=project.pk),
                actor=actor(request),
                expected_version=posted_version(request.POST.get("version")),
                fields=fields,
                m2m=m2m,
            )
        except EditConflict as error:
            conflict = str(error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Cover page saved."))
            return redirect(_step_url(project, spec.key))
    status = 409 if conflict else (400 if form.errors or partner_form.errors else 200)
    partners = project.partners.select_related("organization")
    return _render_step(
        request,
        project,
        spec,
        {
            "form": form,
            "conflict": conflict,
            "partners": partners,
            "partner_form": partner_form,
        },
        status=status,
    )


# --- results matrix ----------------------------------------------------------------------------


def _results(request: HttpRequest, project: Project, spec: Step) -> HttpResponse:
    context, status, saved = project_views.matrix_edit(request, project)
    if saved is not None:
        return redirect(_step_url(project, spec.key) + saved)
    context["sections"] = _sections(project, spec)
    return _render_step(request, project, spec, context, status=status)


# --- risks, work plan, budget, beneficiaries -------------------------------------------------


def _kept_rows(formset: Any, fields: tuple[str, ...]) -> list[dict[str, Any]]:
    """The rows of a table step that were filled and not marked for deletion."""
    return [
        {k: f.cleaned_data[k] for k in fields}
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


def _save_step(
    request: HttpRequest,
    project: Project,
    spec: Step,
    *,
    valid: bool,
    save: Callable[[int], object],
    message: str,
    refusals: list[str] | None = None,
) -> tuple[HttpResponse | None, str | None]:
    """Save a table step under its version lock: a redirect when saved, else the conflict.

    With `refusals`, a save the service refuses as a whole (a budget line with reported
    spending removed) adds its messages there instead of failing the request.
    """
    lock = LockForm(request.POST)
    if not (valid and lock.is_valid()):
        return None, None
    try:
        save(lock.cleaned_data["version"])
    except EditConflict as error:
        return None, str(error)
    except ValidationError as error:
        if refusals is None:
            raise
        refusals.extend(error.messages)
        return None, None
    messages.success(request, message)
    return redirect(_step_url(project, spec.key)), None


def _lock_version(project: Project, key: str) -> int:
    row = project.proposal_sections.filter(key=key).first()
    return row.version if row else 1


def _risks(request: HttpRequest, project: Project, spec: Step) -> HttpResponse:
    queryset = Risk.objects.filter(project=project)
    formset = RiskFormSet(request.POST or None, queryset=queryset, prefix="risk")
    conflict = None
    if request.method == "POST":
        fields = ("risk", "likelihood", "impact", "mitigation", "owner")
        saved, conflict = _save_step(
            request,
            project,
            spec,
            valid=formset.is_valid(),
            save=lambda version: services.risks_save(
                project=project,
                actor=actor(request),
                expected_version=version,
                rows=_kept_rows(formset, fields),
            ),
            message=_("Risk management plan saved."),
        )
        if saved is not None:
            return saved
    status = 409 if conflict else (400 if request.method == "POST" else 200)
    return _render_step(
        request,
        project,
        spec,
        {
            "formset": formset,
            "lock_version": _lock_version(project, "risks"),
            "conflict": conflict,
        },
        status=status,
    )


def _work_plan(request: HttpRequest, project: Project, spec: Step) -> HttpResponse:
    proposal = services.proposal_for(project)
    unit = request.POST.get("unit", proposal.period_unit) if request.method == "POST" else None
    unit = unit or request.GET.get("unit") or proposal.period_unit
    if unit not in ("month", "quarter"):
        unit = proposal.period_unit
    periods = services.period_count(project, unit)
    activities = list(project.results.filter(level=ResultNode.Level.ACTIVITY).order_by("code"))
    entries = {e.activity_id: e for e in WorkPlanEntry.objects.filter(activity__in=activities)}
    errors: dict[str, list[str]] = {}
    conflict = None
    if request.method == "POST":
        lock = LockForm(request.POST)
        posted: dict[int, tuple[list[int], str]] = {}
        for activity in activities:
            chosen = [int(p) for p in request.POST.getlist(f"a{activity.pk}-p") if p.isdigit()]
            posted[activity.pk] = (
                chosen,
                request.POST.get(f"a{activity.pk}-who", "").strip()[:200],
            )
        if lock.is_valid():
            try:
                services.work_plan_save(
                    project=project,
                    actor=actor(request),
                    expected_version=lock.cleaned_data["version"],
                    unit=unit,
                    entries=posted,
                )
            except EditConflict as error:
                conflict = str(error)
            except ValidationError as error:
                errors = error.message_dict
            else:
                messages.success(request, _("Work plan saved."))
                return redirect(_step_url(project, spec.key))
    rows = []
    for activity in activities:
        entry = entries.get(activity.pk)
        chosen_set = set(entry.periods) if entry else set()
        who = entry.responsible if entry else ""
        if request.method == "POST":
            chosen_set = {int(p) for p in request.POST.getlist(f"a{activity.pk}-p") if p.isdigit()}
            who = request.POST.get(f"a{activity.pk}-who", "")
        rows.append(
            {
                "activity": activity,
                "cells": [(p, p in chosen_set) for p in range(1, periods + 1)],
                "who": who,
                "errors": errors.get(f"activity-{activity.pk}", []),
            }
        )
    status = 409 if conflict else (400 if errors else 200)
    return _render_step(
        request,
        project,
        spec,
        {
            "rows": rows,
            "unit": unit,
            "periods": range(1, periods + 1),
            "lock_version": _lock_version(project, "work-plan"),
            "conflict": conflict,
        },
        status=status,
    )


def _budget(request: HttpRequest, project: Project, spec: Step) -> HttpResponse:
    queryset = BudgetLine.objects.filter(project=project)
    formset = BudgetFormSet(request.POST or None, queryset=queryset, prefix="line")
    conflict = None
    refusals: list[str] = []
    if request.method == "POST":
        saved, conflict = _save_step(
            request,
            project,
            spec,
            valid=formset.is_valid(),
            save=lambda version: services.budget_save(
                project=project,
                actor=actor(request),
                expected_version=version,
                lines=[
                    {**row, "id": row["id"].pk if row["id"] else None}
                    for row in _kept_rows(formset, ("id", "category", "description", "amount"))
                ],
            ),
            message=_("Budget saved."),
            refusals=refusals,
        )
        if saved is not None:
            return saved
    lines = list(queryset)
    totals = services.budget_totals(lines)
    total = sum(totals.values(), Decimal(0))
    status = 409 if conflict else (400 if request.method == "POST" else 200)
    return _render_step(
        request,
        project,
        spec,
        {
            "formset": formset,
            "totals": [
                (label, totals[key]) for key, label in BudgetCategory.choices if key in totals
            ],
            "total": total,
            "warnings": services.fund_warnings(project, lines),
            "lock_version": _lock_version(project, "budget"),
            "conflict": conflict,
            "refusals": refusals,
        },
        status=status,
    )


def _beneficiaries(request: HttpRequest, project: Project, spec: Step) -> HttpResponse:
    sets = list(AgeBandSet.objects.all())
    chosen = request.GET.get("band_set") or request.POST.get("band_set")
    band_set = next((s for s in sets if str(s.pk) == chosen), None)
    existing = list(project.beneficiaries.filter(kind="planned").select_related("band"))
    if band_set is None and existing:
        band_set = existing[0].band.band_set
    band_set = band_set or sets[0]
    initial = {sadd_field_name(c.sex, c.band_id): c.count for c in existing}
    grid = SaddGridForm(request.POST or None, band_set=band_set, initial=initial)
    conflict = None
    if request.method == "POST" and grid.is_valid():
        try:
            project_services.beneficiaries_set(
                project=project,
                actor=actor(request),
                expected_version=posted_version(request.POST.get("version")),
                kind=BeneficiaryCount.Kind.PLANNED,
                counts=grid.cells(),
            )
        except EditConflict as error:
            conflict = str(error)
        except ValueError:
            grid.add_error(None, _("An age band is not known."))
        else:
            messages.success(request, _("Beneficiaries saved."))
            return redirect(_step_url(project, spec.key))
    status = 409 if conflict else (400 if request.method == "POST" else 200)
    return _render_step(
        request,
        project,
        spec,
        {"grid": grid, "sets": sets, "band_set": band_set, "conflict": conflict},
        status=status,
    )


def _markers(request: HttpRequest, project: Project, spec: Step) -> HttpResponse:
    if request.method == "POST":
        raise Http404
    from pat.markers.models import Scheme

    current = services.current_markers(project)
    markers = [
        {
            "scheme": scheme,
            "label": label,
            "assessment": current.get(scheme),
            "reasons": current[scheme].explained() if scheme in current else [],
        }
        for scheme, label in Scheme.choices
    ]
    return _render_step(request, project, spec, {"markers": markers})


# --- versions, comparison, export ----------------------------------------------------------


@require_http_methods(["GET", "POST"])
def versions(request: HttpRequest, code: str) -> HttpResponse:
    project = _project(code)
    if request.method == "POST":
        if not can_edit_project(request.user, project):
            raise PermissionDenied(str(EDIT_DENIED))
        reason = request.POST.get("reason", "").strip()[:200] or _("Saved as a version")
        version = services.proposal_freeze(project=project, actor=actor(request), reason=reason)
        messages.success(request, _("Version %(n)s frozen.") % {"n": version.number})
        return redirect("proposals:versions", code=project.code)
    rows = ProposalVersion.objects.filter(project=project).select_related("created_by")
    return render(
        request,
        "proposals/versions.html",
        {"project": project, "versions": rows, "can_edit": can_edit_project(request.user, project)},
    )


@require_GET
def compare(request: HttpRequest, code: str) -> HttpResponse:
    project = _project(code)
    numbers = list(ProposalVersion.objects.filter(project=project).values_list("number", flat=True))
    raw_a, raw_b = request.GET.get("a", ""), request.GET.get("b", "")
    # b = "draft" compares with the proposal as it is now.
    b_is_draft = raw_b in ("", "draft")
    if not numbers:
        messages.info(request, _("Freeze a version first to compare."))
        return redirect("proposals:versions", code=project.code)
    a_number = int(raw_a) if raw_a.isdigit() else max(numbers)
    if a_number not in numbers or (
        not b_is_draft and (not raw_b.isdigit() or int(raw_b) not in numbers)
    ):
        raise Http404
    old = ProposalVersion.objects.get(project=project, number=a_number).snapshot
    if b_is_draft:
        new = services.build_snapshot(project)
        new_label = _("the current draft")
    else:
        new = ProposalVersion.objects.get(project=project, number=int(raw_b)).snapshot
        new_label = _("version %(n)s") % {"n": raw_b}
    return render(
        request,
        "proposals/compare.html",
        {
            "project": project,
            "sections": diffing.compare(old, new, labels=reading.diff_labels()),
            "old_label": _("version %(n)s") % {"n": a_number},
            "new_label": new_label,
            "numbers": numbers,
            "a": a_number,
            "b": "draft" if b_is_draft else int(raw_b),
        },
    )


@require_GET
def export_file(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    project = _project(code)
    raw = request.GET.get("version", "")
    if raw.isdigit():
        snapshot = get_object_or_404(ProposalVersion, project=project, number=int(raw)).snapshot
        suffix = f"-v{raw}"
    else:
        snapshot = services.build_snapshot(project)
        suffix = "-draft"
    stamp = date_format(timezone.localdate(), "Ymd")
    name = f"{project.code}{suffix}-{stamp}"
    if fmt == "docx":
        response = HttpResponse(
            export.docx_bytes(snapshot),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    elif fmt == "pdf":
        response = HttpResponse(export.pdf_bytes(snapshot), content_type="application/pdf")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
