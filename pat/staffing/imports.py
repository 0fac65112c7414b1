"""Roster imports started in the browser: the uploaded file, its column mapping, its progress.

The file waits under MEDIA_ROOT/staffing-imports/ (never served) from upload to
import and is deleted as soon as the import ends, imported or refused.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from pat.staffing import services
from pat.staffing.models import ImportJob
from pat.staffing.roster import (
    RosterFileError,
    gettext_noop,
    missing_fields,
    read_table,
    unknown_headers,
)

FOLDER = "staffing-imports"


def _path(job: ImportJob) -> Path:
    return Path(settings.MEDIA_ROOT) / FOLDER / job.stored_as


def job_start(*, actor: Any, data: bytes, filename: str, as_of: dt.date | None) -> ImportJob:
    """Keep the upload and look at its header: straight to the queue, or to the mapping step."""
    folder = Path(settings.MEDIA_ROOT) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    stored_as = f"{uuid.uuid4().hex}.upload"
    (folder / stored_as).write_bytes(data)
    job = ImportJob.objects.create(
        created_by=actor, filename=filename[:255], stored_as=stored_as, as_of=as_of
    )
    try:
        headers = read_table(data, filename).headers
    except RosterFileError as error:
        return _refuse(
            job, [{"row": 0, "column": "", "template": error.template, "params": error.params}]
        )
    if unknown_headers(headers) or missing_fields(headers):
        return job
    return job_queue(job=job, mapping={})


def job_headers(job: ImportJob) -> list[str]:
    return read_table(_path(job).read_bytes(), job.filename).headers


def job_queue(*, job: ImportJob, mapping: dict[str, str]) -> ImportJob:
    from pat.staffing.tasks import roster_import

    job.mapping = mapping
    job.state = ImportJob.State.QUEUED
    job.save(update_fields=["mapping", "state"])
    job_id = str(job.pk)
    # Enqueued once the job row is committed, so the worker finds it.
    transaction.on_commit(lambda: roster_import.enqueue(job_id))
    return job


def _refuse(job: ImportJob, report: list[dict[str, Any]]) -> ImportJob:
    job.state = ImportJob.State.FAILED
    job.report = report
    job.save(update_fields=["state", "report"])
    _path(job).unlink(missing_ok=True)
    return job


def job_run(*, job_id: str) -> str:
    job = ImportJob.objects.get(pk=job_id)
    if job.state not in (ImportJob.State.QUEUED, ImportJob.State.RUNNING):
        return str(job.state)
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.RUNNING)

    def progress(done: int, total: int) -> None:
        if total and done >= total:
            ImportJob.objects.filter(pk=job.pk).update(
                done=done, total=total, state=ImportJob.State.WRITING
            )
        else:
            ImportJob.objects.filter(pk=job.pk).update(done=done, total=total)

    try:
        data = _path(job).read_bytes()
    except OSError:
        gone = gettext_noop("The uploaded file is gone; upload it again.")
        _refuse(job, [{"row": 0, "column": "", "template": gone, "params": {}}])
        return "failed"
    outcome = services.snapshot_import(
        data=data,
        filename=job.filename,
        actor=job.created_by,
        as_of=job.as_of,
        mapping=job.mapping or None,
        progress=progress,
    )
    job.refresh_from_db()
    if not outcome.written:
        report = [p.as_dict() for p in outcome.problems]
        if outcome.problem_count > len(report):
            more = gettext_noop("… and %(count)s more problems.")
            report.append(
                {
                    "row": 0,
                    "column": "",
                    "template": more,
                    "params": {"count": outcome.problem_count - len(report)},
                }
            )
        _refuse(job, report)
        return "failed"
    from pat.staffing.models import Snapshot

    job.state = ImportJob.State.DONE
    job.snapshot = (
        Snapshot.objects.filter(
            pk__in=Snapshot.objects.filter(as_of=outcome.as_of).values("pk")
        ).first()
        if outcome.as_of
        else None
    )
    job.done = job.total = outcome.rows
    job.report = []
    job.save(update_fields=["state", "snapshot", "done", "total", "report"])
    _path(job).unlink(missing_ok=True)
    return "done"
