"""Background work of the projects app, run by the django-tasks worker (`pat db_worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def build_export(export_id: int) -> str:
    """Write one large XLSX export (see services.export_build)."""
    from pat.projects import services

    return services.export_build(export_id=export_id)
