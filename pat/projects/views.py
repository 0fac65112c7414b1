from __future__ import annotations

import hashlib
from functools import cache
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    QueryDict,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pat.core.fragments import remembered
from pat.core.http import is_htmx
from pat.core.locking import EditConflict, posted_version
from pat.core.models import PEOPLE_REVISION, Revision
from pat.core.paging import Cursor, keyset_page
from pat.core.permissions import (
    actor,
    can_create_project,
    can_download_export,
    can_edit_project,
    can_import_iati,
)
from pat.projects import export, history, listing, matrix, services
from pat.projects.filters import ProjectFilter
from pat.projects.forms import (
    DocumentForm,
    ProjectForm,
    SaddGridForm,
    sadd_field_name,
)
from pat.projects.models import (
    AgeBandSet,
    BeneficiaryCount,
    Project,
    ProjectChange,
    ProjectDocument,
    ProjectExport,
    Sex,
)
from pat.projects.services import PROJECTS_REVISION

PAGE_SIZE = listing.PAGE_SIZE


def _filtered(request: HttpRequest) -> ProjectFilter:
    queryset = Project.objects.visible_to(request.user).for_list()
    return ProjectFilter(request.GET, queryset=queryset)


# The list is the same for every signed-in reader, so what it shows is kept per query under the
# projects revision: any change to any project moves the revision and every app server reads
# afresh. The blocks of rows (listing.py) and the filter form go to the shared cache, where
# every process finds them; the results, cheap to draw again from a block, stay in each
# process's memory.
LIST_CACHE_SECONDS = 300


def _list_key(part: str, revision: int, params: list[tuple[str, str]], language: str = "") -> str:
    digest = hashlib.sha256(repr(params).encode()).hexdigest()
    return f"projects:list-{part}:{language}:{revision}:{digest}"


def _page_number(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return 1


def _list_fragments(request: HttpRequest, *, with_filters: bool = True) -> tuple[str, str]:
    """The filter form and the results of the project list, rendered or from the cache.

    Only what the list reads makes a key (a stray parameter is not a new list). The form does
    not depend on the page; the rows are read a block of pages at a time and kept, whatever
    the language (offices and types by id, named when drawn), so the pages of one query share
    one read.
    """
    known = set(ProjectFilter.base_filters)
    params = sorted((k, v) for k in request.GET if k in known for v in request.GET.getlist(k))
    page_number = request.GET.get("page", "")
    query = QueryDict(mutable=True)
    for name, value in params:
        query.appendlist(name, value)
    revision = Revision.current(PROJECTS_REVISION)
    language = get_language()

    # One filter set a request, if any (making one copies every field and its options), and
    # only when something is not cached.
    @cache
    def project_filter() -> ProjectFilter:
        return _filtered(request)

    @cache
    def queryset() -> Any:
        valid = project_filter().is_valid()
        return project_filter().qs if valid else Project.objects.none()

    def block_of(index: int) -> listing.Block:
        return remembered(
            _list_key("block", revision, [*params, ("block", str(index))]),
            lambda: listing.read_block(queryset(), index),
            LIST_CACHE_SECONDS,
        )

    def results() -> str:
        page = listing.list_page(
            _page_number(page_number),
            block_of,
            last_known=lambda limit: int(queryset()[:limit].count()),
        )
        context = {
            "page": page,
            "rows_html": listing.rows_html(list(page.object_list), language),
            "query": query.urlencode(),
        }
        return render_to_string("projects/list.html#results", context, request=request)

    def filters() -> str:
        context = {"filter": project_filter()}
        return render_to_string("projects/list.html#filters", context, request=request)

    results_key = _list_key("results", revision, [*params, ("page", page_number)], language)
    results_html: str = remembered(results_key, results, LIST_CACHE_SECONDS, shared=False)
    filters_html = ""
    if with_filters:
        filters_key = _list_key("filters", revision, params, language)
        filters_html = remembered(filters_key, filters, LIST_CACHE_SECONDS)
    return filters_html, results_html


@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    filters_html, results_html = _list_fragments(request, with_filters=not is_htmx(request))
    if is_htmx(request):
        return HttpResponse(results_html)
    context = {
        # Both fragments come from our own templates (autoescaped) or their cache.
        "filters_html": mark_safe(filters_html),  # noqa: S308
        "results_html": mark_safe(results_html),  # noqa: S308
        "can_create": can_create_project(actor(request)),
        "can_import_iati": can_import_iati(actor(request)),
    }
    return render(request, "projects/list.html", context)


@require_GET
def project_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    project_filter = _filtered(request)
    if not project_filter.is_valid():
        return HttpResponse(_("The filters are not valid."), status=400, content_type="text/plain")
    queryset = project_filter.qs
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response: HttpResponseBase
    if fmt == "csv":
        response = StreamingHttpResponse(
            export.csv_lines(queryset), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="projects-{stamp}.csv"'
        return response
    if fmt == "xlsx":
        if queryset[: XLSX_AT_ONCE + 1].count() > XLSX_AT_ONCE:
            # A large sheet takes longer than a request may: offer to build it in the background.
            query = request.GET.copy()
            query.pop("page", None)
            return render(
                request,
                "projects/export_large.html",
                {"query": query.urlencode(), "at_once": XLSX_AT_ONCE},
            )
        response = HttpResponse(
            export.xlsx_bytes(queryset),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="projects-{stamp}.xlsx"'
        return response
    raise Http404


# Up to this many rows an XLSX is written in the request; more go to the task worker.
XLSX_AT_ONCE = 5000


@require_POST
def export_start(request: HttpRequest) -> HttpResponse:
    query = request.POST.get("query", "")
    project_filter = ProjectFilter(QueryDict(query), queryset=Project.objects.none())
    if not project_filter.is_valid():
        return HttpResponse(_("The filters are not valid."), status=400, content_type="text/plain")
    job = services.export_request(actor=actor(request), query=query, language=get_language())
    return redirect(job)


def _export(request: HttpRequest, pk: int) -> ProjectExport:
    job = get_object_or_404(ProjectExport, pk=pk)
    if not can_download_export(request.user, job):
        raise PermissionDenied(_("Only the person who asked for this export may open it."))
    return job


@require_GET
def export_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress of one export; htmx polls the progress part, without JavaScript the page
    reloads itself until the file is ready."""
    job = _export(request, pk)
    if is_htmx(request):
        return render(request, "projects/export_status.html#progress", {"job": job})
    return render(request, "projects/export_status.html", {"job": job})


@require_GET
def export_download(request: HttpRequest, pk: int) -> FileResponse:
    job = _export(request, pk)
    if job.status != ProjectExport.Status.DONE or not job.file:
        raise Http404
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=f"projects-{job.created_at:%Y%m%d-%H%M}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _project(code: str) -> Project:
    return get_object_or_404(
        Project.objects.select_related("executing_office", "project_type"), code=code
    )


def _beneficiary_table(project: Project) -> dict[str, Any]:
    counts = list(project.beneficiaries.select_related("band").order_by("band__min_age"))
    bands = sorted({c.band for c in counts}, key=lambda b: b.min_age)
    table: dict[str, Any] = {}
    for kind, kind_label in BeneficiaryCount.Kind.choices:
        cells = {(c.sex, c.band_id): c.count for c in counts if c.kind == kind}
        if not cells:
            continue
        rows = [
            (
                label,
                [cells.get((sex, b.pk)) for b in bands],
                sum(v for (s, _b), v in cells.items() if s == sex),
            )
            for sex, label in Sex.choices
        ]
        table[kind] = {
            "label": kind_label,
            "bands": bands,
            "rows": rows,
            "total": sum(cells.values()),
        }
    return table


PAGE_CACHE_SECONDS = 3600


# What the project page shows beside the project itself comes from apps that bump their own
# revision on every write (pat/network/signals.py, pat/pilotfund/signals.py) and names people
# (the people revision); revisions of the project are recorded in its history and so move the
# projects revision.
PAGE_REVISIONS = (PROJECTS_REVISION, "network", "pilotfund", PEOPLE_REVISION)
# The columns in the model's order: `Model.from_db` assigns them to its fields in that order.
HEADING_FIELDS = ["id", "code", "title", "executing_office_id", "version"]
HEADING_SQL = (
    "SELECT p.id, p.code, p.title, p.executing_office_id, p.version, EXISTS ("
    "SELECT 1 FROM projects_project_team t WHERE t.project_id = p.id AND t.user_id = %s"
    ") AS on_team FROM projects_project p WHERE p.code = %s"
)


@require_GET
def project_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The project page: all but its heading (facts, focal points, pilot fund, texts, matrix,
    beneficiaries, documents, history, revisions) is the same for every reader, so it is cached
    per language under the project's version and the revisions of what it shows; what depends on
    the reader (the edit and revision buttons) is rendered afresh."""
    # What the heading, the key and the edit buttons need (whether the reader is on the team),
    # read in one SQL query (the ORM's query costs more to build than to run); the whole
    # project is read only when the page is rendered.
    with connection.cursor() as cursor:
        cursor.execute(HEADING_SQL, [request.user.pk or 0, code])
        row = cursor.fetchone()
    if row is None:
        raise Http404
    project = Project.from_db(connection.alias, HEADING_FIELDS, row[:5])
    project.on_team = bool(row[5])  # type: ignore[attr-defined]
    revisions = Revision.several(*PAGE_REVISIONS)
    # Focal points are current between dates: the day is part of the key as well.
    stamp = ".".join(str(revisions[name]) for name in PAGE_REVISIONS)
    day = timezone.localdate()
    key = f"projects:page:{project.pk}:{project.version}:{stamp}:{day}:{get_language()}"

    def build() -> str:
        project = _project(code)
        page_context = {
            "project": project,
            "countries": project.countries.all(),
            "partners": project.partners.select_related("organization"),
            "matrix": matrix.tree(project),
            "beneficiaries": _beneficiary_table(project),
            "documents": project.documents.select_related("uploaded_by"),
            "history": history.entries(project.changes.select_related("actor")[:50]),
        }
        return render_to_string("projects/detail.html#page", page_context, request=request)

    page = remembered(key, build, PAGE_CACHE_SECONDS)
    on_team = bool(getattr(project, "on_team", False))  # a column of HEADING_SQL
    can_edit = can_edit_project(request.user, project, on_team=on_team)
    context = {
        "project": project,
        "can_edit": can_edit,
        # Requesting a revision is editing the project (can_request_revision).
        "may_request_revision": can_edit,
        # Rendered from our own templates (autoescaped), here or in the cache.
        "page": mark_safe(page),  # noqa: S308
    }
    return render(request, "projects/detail.html", context)


@require_http_methods(["GET", "POST"])
def project_create(request: HttpRequest) -> HttpResponse:
    if not can_create_project(actor(request)):
        raise PermissionDenied(_("You hold no role that lets you open a project."))
    form = ProjectForm(request.POST or None, user=actor(request))
    if request.method == "POST" and form.is_valid():
        fields, m2m = form.split()
        try:
            project = services.project_create(actor=actor(request), fields=fields, m2m=m2m)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Project %(code)s created.") % {"code": project.code})
            return redirect(project)
    return render(request, "projects/form.html", {"form": form, "project": None})


@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, code: str) -> HttpResponse:
    project = _project(code)
    if not can_edit_project(request.user, project):
        raise PermissionDenied(
            _("Only the executing office and the project team edit this project.")
        )
    form = ProjectForm(request.POST or None, instance=project, user=actor(request))
    conflict = None
    if request.method == "POST" and form.is_valid():
        fields, m2m = form.split()
        try:
            project = services.project_update(
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
            messages.success(request, _("Saved."))
            return redirect(project)
    status = 409 if conflict else 200
    return render(
        request,
        "projects/form.html",
        {"form": form, "project": project, "conflict": conflict},
        status=status,
    )


def _editable(request: HttpRequest, code: str) -> Project:
    project = _project(code)
    if not can_edit_project(request.user, project):
        raise PermissionDenied(
            _("Only the executing office and the project team edit this project.")
        )
    return project


def matrix_edit(request: HttpRequest, project: Project) -> tuple[dict[str, Any], int, str | None]:
    """The one matrix editor's request handling, for the results page and the builder alike.

    Returns the partial's context, the status, and where to go when it saved (else None).
    """
    form = matrix.MatrixForm(request.POST if request.method == "POST" else None, project=project)
    conflict, status = None, 200
    if request.method == "POST" and not form.showing and form.confirming is None:
        if form.is_valid():
            edit = form.edit
            try:
                matrix.save(
                    project=project,
                    actor=actor(request),
                    expected_version=form.cleaned_data["version"],
                    edit=edit,
                )
            except EditConflict as error:
                conflict, status = str(error), 409
            except ValidationError as error:
                form.place(error.message_dict)
                status = 400
            else:
                anchor = {
                    "up": f"#row-{edit.target}",
                    "down": f"#row-{edit.target}",
                    "indicator-up": f"#indicator-{edit.target}",
                    "indicator-down": f"#indicator-{edit.target}",
                }.get(edit.action, "#matrix")
                return {}, 302, anchor
        else:
            status = 400
    if conflict:
        # Show the matrix as it is now; what was typed is lost only on a conflict.
        form = matrix.MatrixForm(None, project=Project.objects.get(pk=project.pk))
    return {**form.context(), "conflict": conflict}, status, None


@require_http_methods(["GET", "POST"])
def project_results(request: HttpRequest, code: str) -> HttpResponse:
    """The results matrix editor (the same one as the builder's results step)."""
    project = _editable(request, code)
    context, status, saved = matrix_edit(request, project)
    if saved is not None:
        return redirect(reverse("projects:results", kwargs={"code": project.code}) + saved)
    context.update({"project": project, "can_edit": True})
    return render(request, "projects/results.html", context, status=status)


@require_http_methods(["GET", "POST"])
def project_beneficiaries(request: HttpRequest, code: str) -> HttpResponse:
    project = _editable(request, code)
    kind = request.GET.get("kind") or request.POST.get("kind") or BeneficiaryCount.Kind.PLANNED
    if kind not in BeneficiaryCount.Kind.values:
        raise Http404
    sets = list(AgeBandSet.objects.all())
    chosen = request.GET.get("band_set") or request.POST.get("band_set")
    band_set = next((s for s in sets if str(s.pk) == chosen), None)
    existing = list(project.beneficiaries.filter(kind=kind))
    if band_set is None and existing:
        band_set = existing[0].band.band_set
    if band_set is None:
        band_set = sets[0]
    initial = {sadd_field_name(c.sex, c.band_id): c.count for c in existing}
    grid = SaddGridForm(request.POST or None, band_set=band_set, initial=initial)
    conflict = None
    if request.method == "POST" and grid.is_valid():
        try:
            services.beneficiaries_set(
                project=project,
                actor=actor(request),
                expected_version=posted_version(request.POST.get("version")),
                kind=kind,
                counts=grid.cells(),
            )
        except EditConflict as error:
            conflict = str(error)
        else:
            messages.success(request, _("Beneficiaries saved."))
            return redirect(project)
    return render(
        request,
        "projects/beneficiaries.html",
        {
            "project": project,
            "grid": grid,
            "sets": sets,
            "band_set": band_set,
            "kind": kind,
            "kinds": BeneficiaryCount.Kind.choices,
            "conflict": conflict,
        },
        status=409 if conflict else 400 if grid.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def document_upload(request: HttpRequest, code: str) -> HttpResponse:
    project = _editable(request, code)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.document_add(
            project=project,
            actor=actor(request),
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
            content_type=form.content_type,
        )
        messages.success(request, _("Document added."))
        return redirect(project)
    return render(
        request,
        "projects/document_form.html",
        {"project": project, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def document_download(request: HttpRequest, code: str, document_id: int) -> FileResponse:
    document = get_object_or_404(ProjectDocument, pk=document_id, project__code=code)
    # Served as an attachment with its checked type, so a browser never runs it.
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


@require_GET
def change_feed(request: HttpRequest) -> HttpResponse:
    """Recent changes, newest first, paged by the last change seen (`?after=`), not by offset.

    The entries are the same for every reader: cached per page and language under the
    projects revision, which every recorded change bumps.
    """
    office = request.GET.get("office", "")
    after = Cursor.parse(request.GET.get("after"))
    where = hashlib.sha256(f"{office}|{after.token() if after else ''}".encode()).hexdigest()
    key = f"projects:feed:{get_language()}:{Revision.current(PROJECTS_REVISION)}:{where}"

    def build() -> str:
        changes = ProjectChange.objects.select_related(
            "project", "project__executing_office", "actor"
        )
        if office:
            changes = changes.filter(project__executing_office__code=office)
        page = keyset_page(changes, after=after, size=PAGE_SIZE)
        context = {"page": page, "office": office}
        return render_to_string("projects/feed.html#entries", context, request=request)

    entries = remembered(key, build, LIST_CACHE_SECONDS)
    # Rendered from our own templates (autoescaped), here or in the cache.
    return render(request, "projects/feed.html", {"entries": mark_safe(entries)})  # noqa: S308


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    mine = Project.objects.filter(team=user).for_list()[:10]
    recent = ProjectChange.objects.select_related("project", "actor")[:15]
    return render(
        request,
        "projects/home.html",
        {
            "mine": mine,
            "recent": recent,
            "roles": user.roles.select_related("office", "department"),
            "can_create": can_create_project(user),
        },
    )
