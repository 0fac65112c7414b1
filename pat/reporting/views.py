"""Pages of progress reports: a project's periods, one page per report, its spreadsheet,
review decisions, the results of a project and of an office, a region, a theme."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from pat.core.http import is_htmx
from pat.core.locking import EditConflict, posted_version
from pat.core.models import Office
from pat.core.permissions import actor
from pat.core.regions import Region
from pat.markers import scoring
from pat.projects.models import Indicator, Project, Sex, Theme
from pat.reporting import results, services, workbook
from pat.reporting.forms import SEXES, ScheduleForm, UploadForm, cell_name, parse_report
from pat.reporting.models import ProgressReport, ReportingPeriod, ReportState
from pat.reviews.models import ReviewTask
from pat.uploads import validation as uploads

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def max_upload_bytes() -> int:
    return int(getattr(settings, "PAT_REPORT_MAX_UPLOAD_BYTES", 5 * 1024 * 1024))


def _project(code: str) -> Project:
    return get_object_or_404(Project.objects.select_related("executing_office"), code=code)


def _report(pk: int) -> ProgressReport:
    return get_object_or_404(
        ProgressReport.objects.select_related("project__executing_office", "period"), pk=pk
    )


@require_http_methods(["GET", "POST"])
def project_reports(request: HttpRequest, code: str) -> HttpResponse:
    """The project's schedule, periods and reports."""
    project = _project(code)
    can_write = services.can_write(request.user, project)
    schedule = getattr(project, "reporting_schedule", None)
    initial: dict[str, Any] = {}
    if schedule is not None:
        initial = {
            "frequency": schedule.frequency,
            "dates": "\n".join(schedule.dates),
            "due_days": schedule.due_days,
            "final_due_days": schedule.final_due_days,
            "version": schedule.version,
        }
    form = ScheduleForm(request.POST or None, initial=initial)
    conflict, status = None, 200
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied(_("Only the project's team and office write its reports."))
        if form.is_valid():
            try:
                services.schedule_set(
                    project=project,
                    actor=actor(request),
                    frequency=form.cleaned_data["frequency"],
                    dates=form.cleaned_data["dates"],
                    due_days=form.cleaned_data["due_days"],
                    final_due_days=form.cleaned_data["final_due_days"],
                    expected_version=form.cleaned_data["version"],
                )
            except EditConflict as error:
                conflict, status = str(error), 409
            except services.ReportError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                messages.success(request, _("Reporting schedule saved."))
                return redirect("reporting:project", code=project.code)
        else:
            status = 400
    periods = list(
        ReportingPeriod.objects.filter(project=project).select_related("report").order_by("start")
    )
    today = services.today()
    rows = [(p, getattr(p, "report", None), services.overdue(p, on=today)) for p in periods]
    return render(
        request,
        "reporting/project.html",
        {
            "project": project,
            "rows": rows,
            "form": form,
            "can_write": can_write,
            "conflict": conflict,
        },
        status=status,
    )


@require_POST
def report_start(request: HttpRequest, pk: int) -> HttpResponse:
    period = get_object_or_404(ReportingPeriod.objects.select_related("project"), pk=pk)
    try:
        report = services.report_start(period=period, actor=actor(request))
    except services.ReportDenied as error:
        raise PermissionDenied(error.message) from error
    return redirect("reporting:report", pk=report.pk)


def _indicators(project: Project) -> dict[int, Indicator]:
    return {
        i.pk: i
        for i in Indicator.objects.filter(result__project=project)
        .select_related("band_set")
        .prefetch_related("band_set__bands")
    }


def _entry(report: ProgressReport, data: Any, errors: dict[str, list[str]]) -> list[dict[str, Any]]:
    """The report's indicators as the page lays them out, with typed or saved values."""
    items = results.project_results(report.project)
    saved = {a.indicator_id: a for a in report.actuals.prefetch_related("cells")}
    sex_names = dict(Sex.choices)
    out = []
    for item in items:
        pk = item.indicator.pk
        actual = saved.get(pk)
        cells = {(c.sex, c.band_id): c.value for c in (actual.cells.all() if actual else [])}

        def typed(name: str, default: Any) -> Any:
            if data is not None and name in data:
                return data.get(name)
            return "" if default is None else default

        grid = []
        if item.indicator.counts_people:
            for sex in SEXES:
                grid.append(
                    (
                        sex_names.get(sex, sex),
                        [
                            {
                                "name": cell_name(pk, sex, band.pk),
                                "value": typed(
                                    cell_name(pk, sex, band.pk), _plain(cells.get((sex, band.pk)))
                                ),
                                "target": item.targets.get((sex, band.pk)),
                                "label": f"{sex_names.get(sex, sex)} {band.label}",
                            }
                            for band in item.bands
                        ],
                    )
                )
        out.append(
            {
                "item": item,
                "pk": pk,
                "value": typed(f"actual-{pk}", _plain(actual.value if actual else None)),
                "comment": typed(f"comment-{pk}", actual.comment if actual else ""),
                "mov": typed(f"mov-{pk}", actual.means_of_verification if actual else ""),
                "grid": grid,
                "errors": errors.get(f"actual-{pk}", []) + errors.get(f"cells-{pk}", []),
            }
        )
    return out


def _plain(value: Any) -> Any:
    """A stored number as typed: 12, not 12.00."""
    if value is None:
        return ""
    return f"{value.normalize():f}" if hasattr(value, "normalize") else value


def _context(
    request: HttpRequest,
    report: ProgressReport,
    data: Any = None,
    errors: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    errors = errors or {}
    project = report.project
    can_write = services.can_write(request.user, project) and report.editable
    reviews = list(
        report.reviews.select_related(
            "project", "report", "office", "department", "decided_by", "assignee"
        ).order_by("-round", "stage", "id")
    )
    lines = list(project.budget_lines.all())
    spent = {s.budget_line_id: s.spent for s in report.spending.all()}
    gam = report.gam_answers or {}

    def typed(name: str, default: Any) -> Any:
        if data is not None and name in data:
            return data.get(name)
        return default

    return {
        "project": project,
        "report": report,
        "can_write": can_write,
        "entries": _entry(report, data, errors),
        "general_errors": errors.get("__all__", []),
        "lines": [
            (
                line,
                typed(f"spent-{line.pk}", _plain(spent.get(line.pk))),
                errors.get(f"spent-{line.pk}"),
            )
            for line in lines
        ],
        "narrative": [
            (name, label, typed(name, getattr(report, name)), errors.get(name, []))
            for name, label in (
                ("achievements", _("Achievements")),
                ("challenges", _("Challenges")),
                (
                    "gender_results",
                    _(
                        "Gender results: who was reached, and how women, men, girls and boys "
                        "benefited differently"
                    ),
                ),
            )
        ],
        "gam": [
            (m, label, str(typed(f"gam-{m}", gam.get(m, ""))))
            for m, label in scoring.GAM_MEASURES.items()
        ],
        "gam_codes": sorted(scoring.GAM_CODE_MEANINGS.items(), reverse=True),
        "gam_targeted": bool(typed("gam-targeted", gam.get(scoring.GAM_TARGETED))),
        "gam_errors": errors.get("gam", []),
        "reviews": [(r, services.may_decide(request.user, r) and r.is_open) for r in reviews],
        "events": list(report.events.select_related("actor")[:50]),
        "gaps": services.submission_gaps(report) if can_write else [],
        "upload_form": UploadForm(initial={"version": report.version}),
        "version": report.version,
    }


@require_http_methods(["GET", "POST"])
def report_page(request: HttpRequest, pk: int) -> HttpResponse:
    """One report: its actuals by sex and age, spending, narrative, reviews, history."""
    report = _report(pk)
    if request.method == "GET":
        return render(request, "reporting/report.html", _context(request, report))
    if not services.can_write(request.user, report.project):
        raise PermissionDenied(_("Only the project's team and office write its reports."))
    indicators = _indicators(report.project)
    line_ids = set(report.project.budget_lines.values_list("pk", flat=True))
    edit, errors = parse_report(request.POST, indicators=indicators, line_ids=line_ids)
    conflict, status = None, 200
    if errors:
        status = 400
    else:
        try:
            report = services.report_save(
                report=report,
                actor=actor(request),
                expected_version=posted_version(request.POST.get("version")),
                edit=edit,
            )
            if request.POST.get("action") == "submit":
                report = services.report_submit(
                    report=report, actor=actor(request), expected_version=report.version
                )
                messages.success(request, _("Report submitted for review."))
            elif not is_htmx(request):
                messages.success(request, _("Report saved."))
        except EditConflict as error:
            conflict, status = str(error), 409
        except ValidationError as error:
            errors, status = error.message_dict, 400
        except services.ReportError as error:
            errors, status = {"__all__": [error.message]}, 400
        else:
            if request.POST.get("action") == "submit" and is_htmx(request):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = request.path
                return response
            if not is_htmx(request):
                return redirect("reporting:report", pk=report.pk)
            report = _report(pk)
            context = _context(request, report)
            context["saved"] = True
            return render(request, "reporting/report.html#entry", context)
    report = _report(pk)
    context = _context(request, report, None if conflict else request.POST, errors)
    context["conflict"] = conflict
    template = "reporting/report.html#entry" if is_htmx(request) else "reporting/report.html"
    return render(request, template, context, status=status)


def report_template(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(pk)
    response = HttpResponse(workbook.template_bytes(report), content_type=XLSX)
    name = f"{report.project.code}-{report.period.start:%Y%m%d}-report.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def report_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """A filled-in template: all of it saved, or nothing and a list of what is wrong where."""
    report = _report(pk)
    if not services.can_write(request.user, report.project):
        raise PermissionDenied(_("Only the project's team and office write its reports."))
    form = UploadForm(request.POST, request.FILES)
    problems: list[tuple[str, str]] = []
    conflict = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            uploads.validate(upload, accepted={"xlsx"}, max_bytes=max_upload_bytes())
            reading = workbook.read(upload.read(), report)
        except ValidationError as error:
            problems = [("", m) for m in error.messages]
        except workbook.WorkbookError as error:
            problems = [("", str(error))]
        else:
            problems = reading.problems
            if not problems:
                try:
                    services.report_save(
                        report=report,
                        actor=actor(request),
                        expected_version=reading.version,
                        edit=reading.edit,
                        action="imported",
                    )
                except EditConflict as error:
                    conflict = str(error)
                except ValidationError as error:
                    problems = reading.locate(error.message_dict)
                except services.ReportError as error:
                    problems = [("", error.message)]
                else:
                    messages.success(request, _("The spreadsheet was read and saved."))
                    return redirect("reporting:report", pk=report.pk)
    else:
        problems = [("", str(m)) for e in form.errors.values() for m in e]
    context = _context(request, report)
    context.update({"problems": problems, "conflict": conflict})
    return render(request, "reporting/report.html", context, status=409 if conflict else 400)


@require_POST
def review_decide(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_object_or_404(
        ReviewTask.objects.select_related("report", "project"), pk=pk, report__isnull=False
    )
    try:
        services.review_decide(
            review=review,
            actor=actor(request),
            decision=str(request.POST.get("decision", "")),
            note=str(request.POST.get("note", ""))[:10_000],
            expected_lock=posted_version(request.POST.get("lock")),
        )
    except services.ReportDenied as error:
        raise PermissionDenied(error.message) from error
    except services.ReportError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("reporting:report", pk=review.report_id)


def project_results(request: HttpRequest, code: str) -> HttpResponse:
    """Target against actual per indicator and period, by sex and age."""
    project = _project(code)
    return render(
        request,
        "reporting/project_results.html",
        {
            "project": project,
            "items": results.project_results(project),
            "states": dict(ReportState.choices),
        },
    )


def reach(request: HttpRequest) -> HttpResponse:
    """People targeted and reached by women, men, girls and boys for an office, a region, a
    theme, or the whole portfolio (endorsed reports; counts under 5 hidden)."""
    office = region = theme = None
    office_id = request.GET.get("office") or ""
    if office_id:
        if not office_id.isdigit():
            raise Http404
        office = get_object_or_404(Office, pk=int(office_id))
    region_code = request.GET.get("region") or ""
    if region_code:
        if region_code not in Region.values:
            raise Http404
        region = region_code
    theme_id = request.GET.get("theme") or ""
    if theme_id:
        if not theme_id.isdigit():
            raise Http404
        theme = get_object_or_404(Theme, pk=int(theme_id))
    figures = results.reach(
        office=office.pk if office else None,
        region=region,
        theme=theme.pk if theme else None,
    )
    return render(
        request,
        "reporting/reach.html",
        {
            "figures": figures,
            "groups": results.GROUPS,
            "office": office,
            "region": region,
            "region_name": dict(Region.choices).get(region or "", ""),
            "theme": theme,
            "offices": Office.objects.order_by("name"),
            "regions": Region.choices,
            "themes": Theme.objects.all(),
            "total_key": results.TOTAL,
        },
    )


def _export(projects: Any, fmt: str, name: str, *, endorsed_only: bool) -> HttpResponse:
    from django.http import StreamingHttpResponse

    from pat.reporting import export

    if fmt == "csv":
        response: HttpResponse | StreamingHttpResponse = StreamingHttpResponse(
            export.csv_lines(projects, endorsed_only=endorsed_only),
            content_type="text/csv; charset=utf-8",
        )
    elif fmt == "xlsx":
        response = HttpResponse(
            export.xlsx_bytes(projects, endorsed_only=endorsed_only), content_type=XLSX
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response  # type: ignore[return-value]


def project_results_export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """The project's results by sex and age, every report, with the HXL hashtag row."""
    project = _project(code)
    return _export(
        Project.objects.filter(pk=project.pk), fmt, f"{project.code}-results", endorsed_only=False
    )


def reach_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The endorsed results by sex and age of an office, a region or a theme (HXL-tagged)."""
    projects = Project.objects.filter(progress_reports__state=ReportState.ENDORSED).distinct()
    office, region, theme = (request.GET.get(k) or "" for k in ("office", "region", "theme"))
    if office:
        if not office.isdigit():
            raise Http404
        projects = projects.filter(executing_office_id=int(office))
    if region:
        if region not in Region.values:
            raise Http404
        projects = projects.filter(region=region)
    if theme:
        if not theme.isdigit():
            raise Http404
        projects = projects.filter(themes=int(theme))
    return _export(projects.order_by("code"), fmt, "results", endorsed_only=True)
