"""Staffing pages: the dashboard (every signed-in user, suppressed outside HR), charts,
the XLSX download, and the roster import (HR officers and administrators)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from pat.core.models import Office, Revision
from pat.core.permissions import actor, can_read_staffing, can_see_staff_details
from pat.staffing import charts, export, figures, imports, services
from pat.staffing.forms import MappingForm, RosterUploadForm
from pat.staffing.models import ImportJob, Level, Snapshot
from pat.staffing.roster import column_fields

CACHE_SECONDS = 3600
TABLES = (
    ("level_group", "Level groups"),
    ("grade", "Grades"),
    ("category", "Categories"),
    ("duty", "HQ and field"),
    ("region", "Regions"),
    ("office", "Offices"),
)


def _reader(request: HttpRequest) -> tuple[Any, bool]:
    user = actor(request)
    if not can_read_staffing(user):
        raise PermissionDenied
    return user, can_see_staff_details(user)


def _hr(request: HttpRequest) -> Any:
    user = actor(request)
    if not can_see_staff_details(user):
        raise PermissionDenied
    return user


def _choices(request: HttpRequest) -> dict[str, Any]:
    as_of = figures.date_or_none(request.GET.get("as_of"))
    office = request.GET.get("office") or None
    if office and not Office.objects.filter(code=office).exists():
        office = None
    level = request.GET.get("level") or None
    if level and not Level.objects.filter(code=level).exists():
        level = None
    return {"as_of": as_of, "office": office, "level": level}


def _cache_key(name: str, request: HttpRequest, full: bool, **choices: Any) -> str:
    revision = Revision.current(services.REVISION)
    raw = f"{name}|{revision}|{get_language()}|{int(full)}|{sorted(choices.items())}"
    return "staffing:" + hashlib.sha256(raw.encode()).hexdigest()


def _period(as_of: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """The flows period of the dashboard: from the previous snapshot to the one shown."""
    current = figures.latest_snapshot(as_of)
    if current is None:
        return None, None
    previous = Snapshot.objects.filter(as_of__lt=current.as_of).order_by("-as_of").first()
    return (previous.as_of if previous else None), current.as_of


def _dashboard_context(
    viewer: Any, *, as_of: dt.date | None, office: str | None, level: str | None
) -> dict[str, Any]:
    shown = [(by, title) for by, title in TABLES if not (office and by == "region")]
    computed = figures.parity_tables(
        as_of=as_of, bys=[by for by, _title in shown], office=office, viewer=viewer
    )
    tables = [(by, _(title), table) for (by, title), table in zip(shown, computed, strict=True)]
    start, end = _period(as_of)
    return {
        "tables": tables,
        "series": figures.trends(office=office, viewer=viewer, until=end),
        "pyramid": figures.pyramid(level=level, as_of=as_of, office=office, viewer=viewer),
        "flows": figures.flow_rows(
            start=start, end=end, by="level_group", office=office, viewer=viewer
        ),
        "flow_years": figures.flow_rows(
            start=None, end=end, by="year", office=office, viewer=viewer
        ),
        "period": (start, end),
    }


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    viewer, full = _reader(request)
    choices = _choices(request)
    key = _cache_key("dashboard", request, full, **choices)
    body: str | None = cache.get(key)
    if body is None:
        context = _dashboard_context(viewer, **choices)
        context.update(
            choices=choices,
            full=full,
            snapshots=figures.snapshots(),
            offices=[(o.code, str(o)) for o in Office.objects.order_by("name")],
            levels=Level.objects.values_list("code", flat=True),
            query=request.GET.urlencode(),
        )
        body = render(request, "staffing/dashboard.html#body", context).content.decode()
        cache.set(key, body, CACHE_SECONDS)
    return render(request, "staffing/dashboard.html", {"body": body, "full": full})


@require_GET
def chart(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    viewer, full = _reader(request)
    if fmt not in ("svg", "png"):
        raise Http404
    choices = _choices(request)
    key = _cache_key(f"chart:{kind}", request, full, **choices)
    svg: str | None = cache.get(key)
    if svg is None:
        office, as_of = choices["office"], choices["as_of"]
        _start, end = _period(as_of)
        if kind.startswith("trend-"):
            code = kind.removeprefix("trend-")
            series = [
                s
                for s in figures.trends(office=office, viewer=viewer, until=end)
                if s.group == code
            ]
            if not series:
                raise Http404
            svg = charts.trend_svg(series[0])
        elif kind == "pyramid":
            svg = charts.pyramid_svg(
                figures.pyramid(level=choices["level"], as_of=as_of, office=office, viewer=viewer)
            )
        elif kind == "flows":
            svg = charts.flows_svg(
                figures.flow_rows(start=None, end=end, by="year", office=office, viewer=viewer)
            )
        else:
            raise Http404
        cache.set(key, svg, CACHE_SECONDS)
    if fmt == "png":
        response = HttpResponse(charts.png(svg), content_type="image/png")
    else:
        response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="staffing-{kind}.{fmt}"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_GET
def download(request: HttpRequest) -> HttpResponse:
    viewer, _full = _reader(request)
    choices = _choices(request)
    office, as_of = choices["office"], choices["as_of"]
    _start, end = _period(as_of)
    computed = figures.parity_tables(
        as_of=as_of, bys=[by for by, _title in TABLES], office=office, viewer=viewer
    )
    tables = [(_(title), t) for (_by, title), t in zip(TABLES, computed, strict=True)]
    data = export.workbook(
        tables,
        figures.trends(office=office, viewer=viewer, until=end),
        figures.flow_rows(start=None, end=end, by="year", office=office, viewer=viewer),
    )
    day = tables[0][1].as_of
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="staff-gender-balance-{day.isoformat() if day else "none"}.xlsx"'
    )
    return response


@require_http_methods(["GET", "POST"])
def roster_import(request: HttpRequest) -> HttpResponse:
    user = _hr(request)
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = imports.job_start(
            actor=user, data=upload.read(), filename=upload.name, as_of=form.cleaned_data["as_of"]
        )
        return redirect("staffing:job", pk=job.pk)
    return render(
        request,
        "staffing/import.html",
        {
            "form": form,
            "jobs": ImportJob.objects.filter(created_by=user)[:10],
            "snapshot_list": Snapshot.objects.order_by("-as_of")[:40],
        },
    )


def problem_text(problem: dict[str, Any]) -> str:
    template = _(str(problem.get("template", "")))
    params = problem.get("params") or {}
    try:
        return template % params if params else template
    except (KeyError, TypeError, ValueError):
        return str(problem.get("template", ""))


@require_http_methods(["GET", "POST"])
def job(request: HttpRequest, pk: str) -> HttpResponse:
    user = _hr(request)
    job = get_object_or_404(ImportJob, pk=pk, created_by=user)
    form = None
    if job.state == ImportJob.State.MAPPING:
        headers = imports.job_headers(job)
        form = MappingForm(
            request.POST or None, headers=headers, initial_fields=column_fields(headers)
        )
        if request.method == "POST" and form.is_valid():
            imports.job_queue(job=job, mapping=form.mapping())
            messages.success(request, _("The import is queued."))
            return redirect("staffing:job", pk=job.pk)
    elif request.method == "POST":
        return redirect("staffing:job", pk=job.pk)
    report = [
        {"row": p.get("row"), "column": p.get("column"), "message": problem_text(p)}
        for p in job.report
    ]
    context = {
        "job": job,
        "form": form,
        "report": report,
        "refresh": not job.finished and job.state != ImportJob.State.MAPPING,
    }
    if request.htmx and not form:  # type: ignore[attr-defined]
        return render(request, "staffing/job.html#progress", context)
    return render(request, "staffing/job.html", context)
