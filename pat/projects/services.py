"""Project workflows that touch several models or leave a trace: create, update, history.

Every write goes through here so that each change is recorded (who, when,
what), the search text stays current and concurrent edits never silently
overwrite each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from pat.core.locking import claim
from pat.core.models import Country, Revision, TranslatedName, User
from pat.projects.models import (
    AgeBand,
    BeneficiaryCount,
    Organization,
    Project,
    ProjectChange,
    ProjectDocument,
    ProjectExport,
    ProjectPartner,
)

TRACKED_FIELDS = (
    "title",
    "executing_office",
    "project_type",
    "status",
    "start_date",
    "end_date",
    "budget",
    "currency",
    "summary",
    "rationale",
    "objective",
)
TRACKED_M2M = ("countries", "themes", "donors", "team")


def _plain(value: Any) -> Any:
    """A JSON-safe form of a field value for the change record."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _m2m_labels(project: Project, name: str) -> list[str]:
    # Reference data is recorded by its stable English name, whatever the writer's language;
    # the history shows it in the reader's (`pat.projects.history`).
    return sorted(
        str(getattr(obj, "name", obj)) if isinstance(obj, TranslatedName) else str(obj)
        for obj in getattr(project, name).all()
    )


def _apply_m2m(project: Project, m2m: Mapping[str, Iterable[Any]]) -> dict[str, list[Any]]:
    changes: dict[str, list[Any]] = {}
    for name, objs in m2m.items():
        before = _m2m_labels(project, name)
        getattr(project, name).set(list(objs))
        after = _m2m_labels(project, name)
        if before != after:
            changes[name] = [before, after]
    return changes


def _region_for(project: Project) -> str:
    """A project's region: its executing office's, unless its countries all lie elsewhere."""
    regions = set(project.countries.values_list("region", flat=True)) if project.pk else set()
    if len(regions) == 1:
        return regions.pop()
    return project.executing_office.region


PROJECTS_REVISION = "projects"


def search_document(project: Project) -> str:
    """Title, summary, rationale, objective and the results matrix, as one text to index."""
    from pat.projects.matrix import tree

    parts: list[str] = [project.code, project.title, project.summary]
    parts += [project.rationale, project.objective]
    for node in tree(project):
        parts.append(node.statement)
        parts.extend(indicator.statement for indicator in node.indicators.all())
    return "\n".join(p for p in parts if p)


def project_reindex(*, project: Project) -> None:
    """Refresh the full-text search document (triggers or a generated column index it).

    Every write path ends here, so this is also where cached lists learn of the change.
    """
    document = search_document(project)
    Project.objects.filter(pk=project.pk).update(search_document=document)
    project.search_document = document
    Revision.bump(PROJECTS_REVISION)


@transaction.atomic
def project_create(
    *, actor: User | None, fields: Mapping[str, Any], m2m: Mapping[str, Iterable[Any]] | None = None
) -> Project:
    project = Project(**fields, created_by=actor)
    project.region = project.executing_office.region
    project.full_clean()
    project.save()
    _apply_m2m(project, m2m or {})
    region = _region_for(project)
    if region != project.region:
        Project.objects.filter(pk=project.pk).update(region=region)
        project.region = region
    if actor is not None and not project.team.filter(pk=actor.pk).exists():
        project.team.add(actor)
    project_reindex(project=project)
    changes = {"title": [None, project.title]}
    _record(project, actor, ProjectChange.Action.CREATED, changes, timezone.now(), coalesce=False)
    return project


@transaction.atomic
def project_update(
    *,
    project: Project,
    actor: User | None,
    expected_version: int | None,
    fields: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> Project:
    """Save an edit made on `expected_version`, or raise EditConflict and write nothing."""
    claim(project, expected=expected_version, label=project.code, updated_at=timezone.now())
    current = Project.objects.get(pk=project.pk)
    changes: dict[str, list[Any]] = {}
    for name, value in fields.items():
        old = getattr(current, name)
        if old != value:
            changes[name] = [_plain(old), _plain(value)]
        setattr(current, name, value)
    current.full_clean(exclude=["code"])
    current.save()
    changes.update(_apply_m2m(current, m2m or {}))
    region = _region_for(current)
    if region != current.region:
        changes["region"] = [current.region, region]
        Project.objects.filter(pk=current.pk).update(region=region)
        current.region = region
    project_reindex(project=current)
    _record(current, actor, ProjectChange.Action.UPDATED, changes, timezone.now(), coalesce=False)
    return current


# An editing session's autosaves fold into one history entry (old → latest)
# instead of one every few seconds.
COALESCE = dt.timedelta(minutes=30)


@transaction.atomic
def project_touch(
    *,
    project: Project,
    actor: User | None,
    action: str,
    changes: Mapping[str, Any],
    fields: Mapping[str, Any] | None = None,
    bump: bool = True,
    coalesce: bool = False,
    claimed: bool = False,
) -> Project:
    """Record a change to a project or its parts; the one way other apps write a project.

    `fields` are plain project fields set here (validated). `bump` moves the
    version and reindexes (every change that the project page or search shows);
    a change to another app's part of the proposal is only recorded. `coalesce`
    folds an editing session's autosaves into its previous entry. `claimed`: the
    caller already moved the version under the lock (`pat.core.locking.claim`).
    """
    now = timezone.now()
    if fields:
        for name, value in fields.items():
            setattr(project, name, value)
        project.full_clean(exclude=["code"])
    if bump:
        bumped = {} if claimed else {"version": F("version") + 1, "updated_at": now}
        if fields or bumped:
            Project.objects.filter(pk=project.pk).update(**(fields or {}), **bumped)
        project.refresh_from_db(fields=["version", "updated_at"])
        project_reindex(project=project)
    else:
        # Recorded without a new version: the project page's history and recent changes
        # are cached under the projects revision (project_reindex bumps it otherwise).
        Revision.bump(PROJECTS_REVISION)
    _record(project, actor, action, changes, now, coalesce=coalesce)
    return project


def _record(
    project: Project,
    actor: User | None,
    action: str,
    changes: Mapping[str, Any],
    now: dt.datetime,
    *,
    coalesce: bool,
) -> None:
    """The one place a ProjectChange is written."""
    latest = project.changes.order_by("-at", "-id").first() if coalesce else None
    if (
        latest is not None
        and latest.actor_id == (actor.pk if actor else None)
        and latest.action == action
        and set(latest.changes) == set(changes)
        and now - latest.at < COALESCE
    ):
        latest.changes = {k: [latest.changes[k][0], v[1]] for k, v in changes.items()}
        latest.version = project.version
        latest.save(update_fields=["changes", "version"])
        return
    ProjectChange.objects.create(
        project=project,
        actor=actor,
        action=action,
        version=project.version,
        changes=dict(changes),
        at=now,
    )


@transaction.atomic
def status_move(
    *,
    project: Project,
    actor: User | None,
    sources: Collection[str],
    to: str,
    changes: Mapping[str, Any] | None = None,
) -> bool:
    """Move the status to `to` if it is still one of `sources`; False (nothing written) if not.

    The review workflow names the transitions; this is where the status is written.
    Conditional on the status read, so a status changed meanwhile is never overwritten.
    """
    old = project.status
    if old not in sources or not Project.objects.filter(pk=project.pk, status=old).update(
        status=to
    ):
        project.refresh_from_db(fields=["status"])
        return False
    project.status = to
    project_touch(
        project=project,
        actor=actor,
        action=ProjectChange.Action.UPDATED,
        changes={"status": [old, to], **(changes or {})},
    )
    return True


@transaction.atomic
def beneficiaries_set(
    *,
    project: Project,
    actor: User | None,
    expected_version: int | None,
    kind: str,
    counts: Mapping[tuple[str, int], int | None],
) -> Project:
    """Replace the planned or reached counts made on `expected_version`; keys are (sex, band id).

    Raises EditConflict (nothing written) when the project moved on meanwhile.
    """
    claim(project, expected=expected_version, label=project.code, updated_at=timezone.now())
    band_ids = {band_id for _sex, band_id in counts}
    known = set(AgeBand.objects.filter(pk__in=band_ids).values_list("pk", flat=True))
    if band_ids - known:
        raise ValueError("unknown age band")
    before = {(b.sex, b.band_id): b.count for b in project.beneficiaries.filter(kind=kind)}
    project.beneficiaries.filter(kind=kind).delete()
    BeneficiaryCount.objects.bulk_create(
        BeneficiaryCount(project=project, kind=kind, sex=sex, band_id=band_id, count=value)
        for (sex, band_id), value in counts.items()
        if value is not None
    )
    after = {key: value for key, value in counts.items() if value is not None}
    return project_touch(
        project=project,
        actor=actor,
        action=ProjectChange.Action.BENEFICIARIES,
        changes={kind: [sum(before.values()), sum(after.values())]},
        claimed=True,
    )


@transaction.atomic
def document_add(
    *, project: Project, actor: User | None, title: str, upload: Any, content_type: str
) -> ProjectDocument:
    document = ProjectDocument(
        project=project,
        title=title,
        original_name=upload.name[:255],
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    document.file.save(upload.name, upload, save=False)
    document.save()
    project_touch(
        project=project,
        actor=actor,
        action=ProjectChange.Action.DOCUMENT,
        changes={"document": [None, title]},
    )
    return document


def countries_for_codes(codes: Iterable[str]) -> list[Country]:
    return list(Country.objects.filter(code__in=list(codes)))


# --- partners on the cover page --------------------------------------------------------------


@transaction.atomic
def partner_add(
    *, project: Project, actor: User | None, organization: str, kind: str, role: str
) -> ProjectPartner:
    """Name a partner and its role; an organization not yet known is added to the list."""
    name = organization.strip()
    if not name:
        raise ValidationError({"organization": _("Name the organization.")})
    known = Organization.objects.filter(name__iexact=name).first()
    if known is None:
        known = Organization(name=name, kind=kind)
        known.full_clean()
        known.save()
    partner = ProjectPartner(project=project, organization=known, role=role)
    partner.full_clean()
    partner.save()
    project_touch(
        project=project,
        actor=actor,
        action=ProjectChange.Action.UPDATED,
        changes={"partners": [None, str(partner)]},
    )
    return partner


@transaction.atomic
def partner_remove(*, partner: ProjectPartner, actor: User | None) -> None:
    project, label = partner.project, str(partner)
    partner.delete()
    project_touch(
        project=project,
        actor=actor,
        action=ProjectChange.Action.UPDATED,
        changes={"partners": [label, None]},
    )


# --- large exports ------------------------------------------------------------------------


@transaction.atomic
def export_request(*, actor: User, query: str, language: str) -> ProjectExport:
    """Queue the XLSX of the list under these filters; the worker builds it."""
    from pat.projects.tasks import build_export

    job = ProjectExport.objects.create(created_by=actor, query=query, language=language)
    transaction.on_commit(lambda: build_export.enqueue(job.pk))
    return job


def export_build(*, export_id: int) -> str:
    """Write the spreadsheet of one queued export, telling its progress as it goes.

    The rows are read in chunks and the progress is saved in its own short writes, so the
    status page shows it while the file is being written.
    """
    from django.core.files.base import ContentFile
    from django.http import QueryDict
    from django.utils import translation

    from pat.projects import export
    from pat.projects.filters import ProjectFilter

    job = ProjectExport.objects.select_related("created_by").get(pk=export_id)
    if job.finished:
        return str(job.status)
    jobs = ProjectExport.objects.filter(pk=job.pk)
    try:
        with translation.override(job.language):
            queryset = Project.objects.visible_to(job.created_by).for_list()
            project_filter = ProjectFilter(QueryDict(job.query), queryset=queryset)
            if not project_filter.is_valid():
                raise ValueError(_("The filters are not valid."))
            rows = project_filter.qs
            jobs.update(status=ProjectExport.Status.RUNNING, total=rows.count())

            def told(written: int) -> None:
                jobs.update(processed=written)

            data = export.xlsx_bytes(rows, progress=told)
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        job.refresh_from_db()
        job.file.save(f"projects-{stamp}-{job.pk}.xlsx", ContentFile(data), save=False)
        jobs.update(
            file=job.file.name, status=ProjectExport.Status.DONE, finished_at=timezone.now()
        )
    except Exception as error:
        # Whatever stopped it is shown on the status page; nothing half-written is offered.
        jobs.update(
            status=ProjectExport.Status.FAILED,
            problem=str(error)[:500],
            finished_at=timezone.now(),
        )
        raise
    return str(ProjectExport.Status.DONE)
