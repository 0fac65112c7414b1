"""Background work of the term base, run by the django-tasks worker (`pat db_worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_import(import_id: int) -> str:
    """Validate and apply one uploaded import (see services.import_run)."""
    from pat.termbase import services

    return services.import_run(import_id=import_id)
