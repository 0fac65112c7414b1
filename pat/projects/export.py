"""CSV and XLSX export of exactly the filtered project list."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from pat.projects.models import Project

CHUNK = 2000


def headers() -> list[str]:
    return [
        _("Code"),
        _("Title"),
        _("Status"),
        _("Executing office"),
        _("Region"),
        _("Countries"),
        _("Project type"),
        _("Themes"),
        _("Donors"),
        _("Start date"),
        _("End date"),
        _("Budget"),
        _("Currency"),
    ]


def rows(queryset: QuerySet[Project]) -> Iterator[list[Any]]:
    """One row per project, in chunks with their many-to-many values prefetched."""
    qs = queryset.select_related("executing_office", "project_type").prefetch_related(
        "countries", "themes", "donors"
    )
    for project in qs.iterator(chunk_size=CHUNK):
        yield [
            project.code,
            project.title,
            project.get_status_display(),
            project.executing_office.name,
            project.get_region_display(),
            ", ".join(sorted(c.code for c in project.countries.all())),
            project.project_type.name,
            ", ".join(sorted(t.name for t in project.themes.all())),
            ", ".join(sorted(d.name for d in project.donors.all())),
            project.start_date,
            project.end_date,
            project.budget,
            project.currency,
        ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _safe_cell(value: Any) -> Any:
    # A cell starting with = + - @ is run as a formula by spreadsheet programs;
    # prefix it so exported text stays text (CSV injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def csv_lines(queryset: QuerySet[Project]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so Excel opens UTF-8 with the right accents
    yield writer.writerow(headers())
    for row in rows(queryset):
        yield writer.writerow([_safe_cell(v) for v in row])


def xlsx_bytes(queryset: QuerySet[Project]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Projects"))
    sheet.append(headers())
    for row in rows(queryset):
        sheet.append([_safe_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
