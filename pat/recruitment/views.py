"""Staff-side vacancy pages: the list, drafting with the live wording check, the notice with
its history, tracked links and moves. HR officers manage; the hiring office drafts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from pat.core.locking import EditConflict, posted_version
from pat.core.permissions import (
    actor,
    can_draft_vacancy,
    can_edit_vacancy,
    can_manage_vacancy,
    vacancy_offices,
)
from pat.guide.markdown import render_markdown
from pat.recruitment import services
from pat.recruitment.forms import MAX_TEXT, MoveForm, VacancyForm
from pat.recruitment.models import ChannelVisit, Language, OutreachChannel, State, Vacancy
from pat.termbase import marking

VERDICTS = {
    "strongly feminine-coded": gettext_lazy("strongly feminine-coded"),
    "feminine-coded": gettext_lazy("feminine-coded"),
    "neutral": gettext_lazy("neutral"),
    "masculine-coded": gettext_lazy("masculine-coded"),
    "strongly masculine-coded": gettext_lazy("strongly masculine-coded"),
}


def verdict_label(verdict: str) -> str:
    return str(VERDICTS[verdict]) if verdict in VERDICTS else verdict


def _offices(request: HttpRequest) -> set[int] | None:
    offices = vacancy_offices(actor(request))
    if offices is not None and not offices:
        raise PermissionDenied
    return offices


def _visible(offices: set[int] | None) -> QuerySet[Vacancy]:
    vacancies = Vacancy.objects.select_related("office", "grade")
    return vacancies if offices is None else vacancies.filter(office_id__in=offices)


def vacancy_list(request: HttpRequest) -> HttpResponse:
    vacancies = _visible(_offices(request))
    state = request.GET.get("state", "")
    if state in State.values:
        vacancies = vacancies.filter(state=state)
    return render(
        request,
        "recruitment/list.html",
        {"vacancies": vacancies[:500], "states": State.choices, "state": state},
    )


def _wording_context(text: str, lang: str) -> dict[str, Any]:
    if not text.strip() or lang not in Language.values:
        return {"checked": False}
    # An oversized text is refused by the form; its preview checks only the allowed length.
    outcome = services.wording_outcome(text[:MAX_TEXT], lang)
    assert outcome.report is not None
    return {
        "checked": True,
        "report": outcome.report,
        "verdict": verdict_label(outcome.report.verdict),
        "findings": marking.numbered(outcome.findings),
    }


@require_http_methods(["GET", "POST"])
def vacancy_create(request: HttpRequest) -> HttpResponse:
    offices = _offices(request)
    form = VacancyForm(request.POST or None, offices=offices)
    context: dict[str, Any] = {"form": form, "vacancy": None}
    if request.method == "POST" and form.is_valid() and "check" not in request.POST:
        if not can_draft_vacancy(actor(request), form.cleaned_data["office"].pk):
            raise PermissionDenied
        vacancy = services.vacancy_create(by=actor(request), fields=form.cleaned_data)
        messages.success(
            request, _("Draft saved. Wording: %s.") % verdict_label(vacancy.wording_verdict)
        )
        return redirect("recruitment:detail", pk=vacancy.pk)
    context.update(_wording_context(request.POST.get("text", ""), request.POST.get("language", "")))
    status = 400 if form.errors and "check" not in request.POST else 200
    return render(request, "recruitment/form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def vacancy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    vacancy = get_object_or_404(Vacancy.objects.select_related("office", "grade"), pk=pk)
    if not can_edit_vacancy(user, vacancy.office_id, state=vacancy.state):
        raise PermissionDenied
    offices = vacancy_offices(user)
    form = VacancyForm(request.POST or None, instance=vacancy, offices=offices)
    conflict = None
    if request.method == "POST" and form.is_valid() and "check" not in request.POST:
        if not can_draft_vacancy(user, form.cleaned_data["office"].pk):
            raise PermissionDenied
        try:
            services.vacancy_update(
                vacancy=Vacancy.objects.get(pk=pk),
                by=user,
                expected_version=posted_version(request.POST.get("version")),
                fields=form.cleaned_data,
                reason=form.cleaned_data.get("reason", ""),
            )
        except EditConflict as error:
            conflict = str(error)
        except services.Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved."))
            return redirect("recruitment:detail", pk=pk)
    text = request.POST.get("text", vacancy.text) if request.method == "POST" else vacancy.text
    lang = request.POST.get("language", vacancy.language)
    context: dict[str, Any] = {"form": form, "vacancy": vacancy, "conflict": conflict}
    context.update(_wording_context(text, lang))
    status = 409 if conflict else 400 if form.errors else 200
    return render(request, "recruitment/form.html", context, status=status)


@require_POST
def wording(request: HttpRequest) -> HttpResponse:
    """The live wording check of the draft being typed (htmx; nothing is saved)."""
    _offices(request)
    text = request.POST.get("text", "")
    context = _wording_context(text, request.POST.get("language", "en"))
    return render(request, "recruitment/form.html#wording", context)


def vacancy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    vacancy = get_object_or_404(Vacancy.objects.select_related("office", "grade"), pk=pk)
    if not can_draft_vacancy(user, vacancy.office_id):
        raise PermissionDenied
    return _detail(request, vacancy, MoveForm(initial={"version": vacancy.version}))


def _detail(
    request: HttpRequest, vacancy: Vacancy, move_form: MoveForm, status: int = 200, **extra: Any
) -> HttpResponse:
    user = actor(request)
    public = request.build_absolute_uri(reverse("vacancies:detail", args=[vacancy.slug]))
    visits = {v.channel_id: v.count for v in ChannelVisit.objects.filter(vacancy=vacancy)}
    channels = [
        (c, f"{public}?via={c.slug}", visits.get(c.pk, 0))
        for c in OutreachChannel.objects.filter(active=True)
    ]
    context = {
        "vacancy": vacancy,
        "html": render_markdown(vacancy.text),
        "verdict": verdict_label(vacancy.wording_verdict),
        "events": vacancy.events.select_related("by")[:100],
        "can_manage": can_manage_vacancy(user, vacancy.office_id),
        "can_edit": can_edit_vacancy(user, vacancy.office_id, state=vacancy.state),
        "moves": [(s, State(s).label) for s in vacancy.next_states()],
        "move_form": move_form,
        "public_url": public,
        "channels": channels,
        **_wording_context(vacancy.text, vacancy.language),
        **extra,
    }
    return render(request, "recruitment/detail.html", context, status=status)


@require_POST
def vacancy_move(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    vacancy = get_object_or_404(Vacancy.objects.select_related("office", "grade"), pk=pk)
    if not can_manage_vacancy(user, vacancy.office_id):
        raise PermissionDenied
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _detail(request, vacancy, form, status=400)
    try:
        services.vacancy_move(
            vacancy=vacancy,
            by=user,
            to=form.cleaned_data["to"],
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        )
    except EditConflict as error:
        vacancy.refresh_from_db()
        return _detail(request, vacancy, form, status=409, conflict=str(error))
    except services.Refused as error:
        form.add_error(None, str(error))
        vacancy.refresh_from_db()
        return _detail(request, vacancy, form, status=400)
    messages.success(request, _("The notice is now %s.") % State(vacancy.state).label.lower())
    return redirect("recruitment:detail", pk=pk)
