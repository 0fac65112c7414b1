"""Event pages: the dashboard and list, one event, recording and its outcome documents."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from pat.core import permissions as can
from pat.core.locking import EditConflict
from pat.events import figures, participation, services
from pat.events.forms import EventFilterForm, EventForm, OutcomeDocumentForm
from pat.events.models import Event, EventKind, ParticipantSex, ParticipantType


def _reader(request: HttpRequest) -> None:
    if not can.can_read_events(request.user):
        raise PermissionDenied


def _recorder(request: HttpRequest) -> None:
    if not can.can_record_events(request.user):
        raise PermissionDenied(_("Only the gender coordinator records events."))


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    _reader(request)
    form = EventFilterForm(request.GET or None)
    year, kind = None, ""
    if form.is_valid():
        year = form.cleaned_data.get("year")
        kind = form.cleaned_data.get("kind") or ""
    events = list(figures.with_cells(figures.events_for(year=year, kind=kind)))
    years = participation.by_year(figures.rows(events), EventKind.values)
    return render(
        request,
        "events/index.html",
        {
            "form": form,
            "events": events,
            "years": years,
            "kinds": EventKind.choices,
            "sexes": ParticipantSex.choices,
            "types": ParticipantType.choices,
            "may_record": can.can_record_events(request.user),
        },
    )


@require_GET
def event(request: HttpRequest, pk: int) -> HttpResponse:
    _reader(request)
    item = get_object_or_404(Event.objects.select_related("country", "office"), pk=pk)
    invited = list(item.invited_states.all())
    participated = {c.code for c in item.participating_states.all()}
    share = participation.state_share([c.code for c in invited], participated)
    cells = item.cells()
    return render(
        request,
        "events/event.html",
        {
            "event": item,
            "invited": sorted(invited, key=lambda c: c.name),
            "participated": participated,
            "participated_count": len(participated),
            "share": participation.percent(share),
            "totals": participation.totals(cells),
            "grid": [
                (label, [cells.get((kind, sex), 0) for sex in participation.SEXES])
                for kind, label in ParticipantType.choices
            ],
            "sexes": ParticipantSex.choices,
            "documents": item.documents.all(),
            "changes": item.changes.select_related("actor")[:20],
            "may_record": can.can_record_events(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _recorder(request)
    item = get_object_or_404(Event, pk=pk) if pk else None
    conflict = ""
    if request.method == "POST":
        form = EventForm(request.POST)
        if form.is_valid():
            try:
                saved = services.event_save(
                    actor=can.actor(request),
                    event=item,
                    expected_version=form.cleaned_data.get("version"),
                    **form.service_arguments(),
                )
            except EditConflict as error:
                conflict = str(error)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect(saved)
    else:
        form = EventForm(initial=EventForm.initial_for(item) if item else {})
    return render(
        request,
        "events/form.html",
        {"form": form, "event": item, "conflict": conflict, "sexes": ParticipantSex.choices},
        status=409 if conflict else 200,
    )


@require_http_methods(["GET", "POST"])
def document(request: HttpRequest, pk: int) -> HttpResponse:
    _recorder(request)
    item = get_object_or_404(Event, pk=pk)
    conflict = ""
    if request.method == "POST":
        form = OutcomeDocumentForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.document_attach(
                    actor=can.actor(request),
                    event=item,
                    expected_version=data.get("version"),
                    title=data["title"],
                    summary=data.get("summary", ""),
                    language=data["language"],
                    topic=data["topic"],
                    tags=data.get("tags") or [],
                    office=data.get("office"),
                    published_on=data["published_on"],
                    upload=data.get("file"),
                    content_type=form.content_type,
                    url=data.get("url", ""),
                )
            except EditConflict as error:
                conflict = str(error)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect(item)
    else:
        form = OutcomeDocumentForm(
            initial={
                "version": item.version,
                "title": item.title,
                "published_on": item.ends_on or item.starts_on,
                "office": item.office_id,
                "topic": "other",
            }
        )
    return render(
        request,
        "events/document.html",
        {"form": form, "event": item, "conflict": conflict},
        status=409 if conflict else 200,
    )
