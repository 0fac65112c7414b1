"""Background work of staffing, run by the django-tasks worker (`pat db_worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def roster_import(job_id: str) -> str:
    """Import an uploaded roster; the job row carries the progress and the report."""
    from pat.staffing.imports import job_run

    return job_run(job_id=job_id)
