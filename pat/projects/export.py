"""CSV and XLSX export of exactly the filtered project list."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
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
            str(project.executing_office),
            project.get_region_display(),
            ", ".join(sorted(c.code for c in project.countries.all())),
            str(project.project_type),
            ", ".join(sorted(str(t) for t in project.themes.all())),
            ", ".join(sorted(str(d) for d in project.donors.all())),
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


# Column widths are fitted to the header and the first rows (a streamed sheet takes its
# widths before its rows), within bounds that keep a long title from hiding the rest.
FIT_ROWS = 500
MIN_WIDTH, MAX_WIDTH = 8, 60


def column_widths(table: list[list[Any]]) -> list[float]:
    """Widths in characters fitted to the longest value of each column (header included)."""
    widths = [0] * max((len(r) for r in table), default=0)
    for row in table:
        for i, value in enumerate(row):
            text = "" if value is None else str(value)
            widths[i] = max(widths[i], len(text))
    return [float(min(max(w + 2, MIN_WIDTH), MAX_WIDTH)) for w in widths]


PROGRESS_EVERY = 1000


def xlsx_bytes(
    queryset: QuerySet[Project], *, progress: Callable[[int], None] | None = None
) -> bytes:
    """The spreadsheet of the list; `progress(rows written)` is told every 1,000 rows."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.cell_range import CellRange

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Projects"))
    stream = rows(queryset)
    first = [[_safe_cell(v) for v in row] for _i, row in zip(range(FIT_ROWS), stream, strict=False)]
    header = headers()
    for i, width in enumerate(column_widths([header, *first]), start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"  # the header stays in view while scrolling
    sheet.auto_filter.ref = CellRange(min_col=1, min_row=1, max_col=len(header), max_row=1).coord
    bold = Font(bold=True)
    cells = []
    for title in header:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    budget = header.index(_("Budget"))

    def with_formats(values: list[Any]) -> list[Any]:
        # Amounts stay numbers (sums work) shown with grouping and two decimals.
        if values[budget] != "":
            cell = WriteOnlyCell(sheet, value=values[budget])
            cell.number_format = "#,##0.00"
            values[budget] = cell
        return values

    written = 0
    for values in first:
        sheet.append(with_formats(values))
        written += 1
    for row in stream:
        sheet.append(with_formats([_safe_cell(v) for v in row]))
        written += 1
        if progress is not None and written % PROGRESS_EVERY == 0:
            progress(written)
    if progress is not None:
        progress(written)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
