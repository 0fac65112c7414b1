"""CSV and XLSX export of exactly the filtered project list."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from pat.core.models import Office
from pat.core.regions import Region
from pat.projects.models import Donor, Project, ProjectType, Status, Theme

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


def _many(through: Any, column: str, ids: list[int]) -> dict[int, list[Any]]:
    """Project id → the ids of one many-to-many relation, for a chunk of projects, in one query."""
    found: dict[int, list[Any]] = defaultdict(list)
    for project_id, other in through.objects.filter(project_id__in=ids).values_list(
        "project_id", column
    ):
        found[project_id].append(other)
    return found


def rows(queryset: QuerySet[Project]) -> Iterator[list[Any]]:
    """One row per project, read in chunks as plain values (no model per row), with the
    names of offices, types, themes, donors, statuses and regions looked up once."""
    offices = {o.pk: str(o) for o in Office.objects.all()}
    types = {t.pk: str(t) for t in ProjectType.objects.all()}
    themes = {t.pk: str(t) for t in Theme.objects.all()}
    donors = {d.pk: str(d) for d in Donor.objects.all()}
    statuses = {code: str(label) for code, label in Status.choices}
    regions = {code: str(label) for code, label in Region.choices}
    values = queryset.values_list(
        "id", "code", "title", "status", "executing_office_id", "region", "project_type_id",
        "start_date", "end_date", "budget", "currency",
    )  # fmt: skip
    stream = values.iterator(chunk_size=CHUNK)
    while chunk := list(islice(stream, CHUNK)):
        ids = [r[0] for r in chunk]
        countries = _many(Project.countries.through, "country_id", ids)
        project_themes = _many(Project.themes.through, "theme_id", ids)
        project_donors = _many(Project.donors.through, "donor_id", ids)
        for pk, code, title, status, office, region, kind, start, end, budget, currency in chunk:
            yield [
                code,
                title,
                statuses.get(status, status),
                offices.get(office, ""),
                regions.get(region, region),
                ", ".join(sorted(countries.get(pk, []))),
                types.get(kind, ""),
                ", ".join(sorted(themes[t] for t in project_themes.get(pk, []))),
                ", ".join(sorted(donors[d] for d in project_donors.get(pk, []))),
                start,
                end,
                budget,
                currency,
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
