"""Project workflows that touch several models or leave a trace: create, update, history.

Every write goes through here so that each change is recorded (who, when,
what), the search text stays current and concurrent edits never silently
overwrite each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from pat.core.models import Country, Revision, User
from pat.projects.models import (
    AgeBand,
    BeneficiaryCount,
    Project,
    ProjectChange,
    ProjectDocument,
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


class EditConflict(Exception):
    """Someone saved the project after this edit began; nothing was written."""

    def __init__(self, project: Project, expected_version: int) -> None:
        self.project = project
        self.expected_version = expected_version
        super().__init__(
            _(
                "%(code)s was changed by someone else since you opened it (your version "
                "%(mine)s, now %(theirs)s). Nothing was saved: reload to see their changes."
            )
            % {"code": project.code, "mine": expected_version, "theirs": project.version}
        )


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
    return sorted(str(obj) for obj in getattr(project, name).all())


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


def project_reindex(*, project: Project) -> None:
    """Refresh the full-text search document (triggers or a generated column index it).

    Every write path ends here, so this is also where cached lists learn of the change.
    """
    document = project.build_search_document()
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
    ProjectChange.objects.create(
        project=project,
        actor=actor,
        action=ProjectChange.Action.CREATED,
        version=project.version,
        changes={"title": [None, project.title]},
    )
    return project


@transaction.atomic
def project_update(
    *,
    project: Project,
    actor: User | None,
    expected_version: int,
    fields: Mapping[str, Any],
    m2m: Mapping[str, Iterable[Any]] | None = None,
) -> Project:
    """Save an edit made on `expected_version`, or raise EditConflict and write nothing."""
    # The conditional UPDATE is the lock: of two edits based on the same
    # version only one can move it forward, on SQLite and PostgreSQL alike.
    now = timezone.now()
    claimed = Project.objects.filter(pk=project.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=now
    )
    if not claimed:
        project.refresh_from_db()
        raise EditConflict(project, expected_version)

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
    ProjectChange.objects.create(
        project=current,
        actor=actor,
        action=ProjectChange.Action.UPDATED,
        version=current.version,
        changes=changes,
    )
    return current


@transaction.atomic
def project_touch(
    *, project: Project, actor: User | None, action: str, changes: Mapping[str, Any]
) -> Project:
    """Record a change to a project's parts (results, beneficiaries, documents) and bump it."""
    Project.objects.filter(pk=project.pk).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    project.refresh_from_db(fields=["version", "updated_at"])
    project_reindex(project=project)
    ProjectChange.objects.create(
        project=project, actor=actor, action=action, version=project.version, changes=dict(changes)
    )
    return project


@transaction.atomic
def beneficiaries_set(
    *,
    project: Project,
    actor: User | None,
    kind: str,
    counts: Mapping[tuple[str, int], int | None],
) -> Project:
    """Replace the planned or reached counts; keys are (sex, age band id)."""
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
