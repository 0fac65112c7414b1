"""The public IATI file and the import page; thin: the work is in export.py and services.py."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Max
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_http_methods

from pat.core import permissions
from pat.core.models import Office, Revision
from pat.iati import export, services
from pat.iati.forms import ImportForm
from pat.iati.reading import MAX_BYTES
from pat.markers.models import MarkerAssessment
from pat.projects.services import PROJECTS_REVISION
from pat.reporting.services import REVISION as REPORTING_REVISION
from pat.uploads.validation import validate

PENDING_KEY = "iati_pending"


@login_not_required
@require_GET
def activities_xml(request: HttpRequest) -> FileResponse:
    """The organization's published projects as IATI 2.03, for anyone (IATI Registry).

    Written once per state of what it shows (`_state`) into MEDIA_ROOT/iati/ and served
    from there; an office's own file with ?office=CODE.
    """
    code = request.GET.get("office", "")
    projects = export.published()
    if code:
        office = get_object_or_404(Office, code=code)
        projects = projects.filter(executing_office=office)
    folder = Path(settings.MEDIA_ROOT) / "iati"
    folder.mkdir(parents=True, exist_ok=True)
    name = f"activities-{code or 'all'}-{_state()}.xml"
    path = folder / name
    if not path.exists():
        partial = folder / f".{name}.{uuid.uuid4().hex}"
        with partial.open("wb") as out:
            export.write(out, projects)
        partial.replace(path)
        for old in folder.glob(f"activities-{code or 'all'}-*.xml"):
            if old != path:
                old.unlink(missing_ok=True)
    response = FileResponse(path.open("rb"), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="activities.xml"'
    return response


def _state() -> str:
    """What the file depends on: every project write bumps the project list's revision,
    every endorsed report the reporting one; marker assessments are only ever added."""
    latest = MarkerAssessment.objects.aggregate(latest=Max("pk"))["latest"] or 0
    return f"{Revision.current(PROJECTS_REVISION)}.{Revision.current(REPORTING_REVISION)}.{latest}"


@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    user = permissions.actor(request)
    if not permissions.can_import_iati(user):
        raise PermissionDenied
    offices = permissions.offices_for_new_projects(user)
    form = ImportForm(request.POST or None, request.FILES or None, offices=offices)
    context: dict[str, object] = {"form": form}
    if request.method == "POST":
        data: bytes | None = None
        office: Office | None = None
        dry_run = True
        pending = request.session.get(PENDING_KEY)
        if request.POST.get("confirm") and pending:
            # The file checked in the dry run, imported as it was checked.
            name, office_id = pending["name"], pending["office"]
            with default_storage.open(name, "rb") as stored:
                data = stored.read()
            office = Office.objects.filter(pk=office_id).first() if office_id else None
            dry_run = False
            _forget_pending(request)
        elif form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                validate(upload, accepted={"xml"}, max_bytes=MAX_BYTES)
            except ValidationError as error:
                form.add_error("file", error)
            else:
                data = upload.read()
                office = form.cleaned_data["office"]
                dry_run = form.cleaned_data["dry_run"]
        if data is not None:
            try:
                outcome = services.import_file(
                    data=data, actor=user, dry_run=dry_run, office=office
                )
            except services.Refused as refusal:
                context["refused"] = str(refusal)
            else:
                context["outcome"] = outcome
                if dry_run and (outcome.count("created") or outcome.count("updated")):
                    _forget_pending(request)
                    name = default_storage.save(
                        f"iati/pending/{uuid.uuid4().hex}.xml", ContentFile(data)
                    )
                    request.session[PENDING_KEY] = {
                        "name": name,
                        "office": office.pk if office else None,
                    }
                    context["can_confirm"] = True
    return render(request, "iati/import.html", context)


def _forget_pending(request: HttpRequest) -> None:
    pending = request.session.pop(PENDING_KEY, None)
    if pending:
        default_storage.delete(pending["name"])
