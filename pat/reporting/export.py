"""The disaggregated results export (CSV and XLSX): one row per indicator that counts people,
reporting period, sex and age band, with what was targeted and what was reached.

Under the header row sits an HXL hashtag row (Humanitarian Exchange Language,
hxlstandard.org), so humanitarian tools (HDX, HXL Proxy, Kobo) read the columns
without a mapping: `#sex` and `#age` name the disaggregation, `#targeted` and
`#reached` the figures.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from pat.projects.export import _Echo, _safe_cell, column_widths
from pat.projects.models import AgeBand, Indicator, IndicatorValue, Project, Sex, ValueKind
from pat.reporting.models import ActualCell, ProgressReport

HXL = [
    "#activity+code",
    "#activity+name",
    "#org+impl",
    "#region",
    "#indicator+code",
    "#indicator+name",
    "#date+start",
    "#date+end",
    "#status",
    "#sex",
    "#age",
    "#targeted",
    "#reached",
]


def headers() -> list[str]:
    return [
        _("Project code"),
        _("Project"),
        _("Executing office"),
        _("Region"),
        _("Result"),
        _("Indicator"),
        _("Period from"),
        _("Period to"),
        _("Report state"),
        _("Sex"),
        _("Age"),
        _("Targeted"),
        _("Reached"),
    ]


def _number(value: Decimal | None) -> Any:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value


def rows(projects: QuerySet[Project], *, endorsed_only: bool = False) -> Iterator[list[Any]]:
    """Rows project by project; a project's cells in three queries."""
    bands = {b.pk: b for b in AgeBand.objects.all()}
    sexes = dict(Sex.choices)
    for project in projects.select_related("executing_office").iterator(chunk_size=500):
        reports = ProgressReport.objects.filter(project=project).select_related("period")
        if endorsed_only:
            reports = reports.filter(state="endorsed")
        reports_list = list(reports.order_by("period__start"))
        if not reports_list:
            continue
        targets = {
            (v.indicator_id, v.sex, v.band_id): v.value
            for v in IndicatorValue.objects.filter(
                indicator__result__project=project,
                kind=ValueKind.TARGET,
                indicator__counts_people=True,
            )
        }
        cells: dict[int, dict[tuple[int, str, int], Decimal | None]] = {}
        for c in ActualCell.objects.filter(actual__report__in=reports_list).values_list(
            "actual__report_id", "actual__indicator_id", "sex", "band_id", "value"
        ):
            cells.setdefault(c[0], {})[(c[1], c[2], c[3])] = c[4]
        indicators = list(
            Indicator.objects.filter(result__project=project, counts_people=True)
            .select_related("result")
            .order_by("result__order", "order", "id")
        )
        for indicator in indicators:
            keys = sorted(
                {(s, b) for (i, s, b) in targets if i == indicator.pk}
                | {(s, b) for r in cells.values() for (i, s, b) in r if i == indicator.pk},
                key=lambda k: (list(sexes).index(k[0]), bands[k[1]].min_age),
            )
            for report in reports_list:
                for sex, band in keys:
                    yield [
                        project.code,
                        project.title,
                        str(project.executing_office),
                        project.get_region_display(),
                        indicator.result.code,
                        indicator.statement,
                        report.period.start,
                        report.period.end,
                        report.get_state_display(),
                        str(sexes.get(sex, sex)),
                        bands[band].label,
                        _number(targets.get((indicator.pk, sex, band))),
                        _number(cells.get(report.pk, {}).get((indicator.pk, sex, band))),
                    ]


def csv_lines(projects: QuerySet[Project], *, endorsed_only: bool = False) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"
    yield writer.writerow(headers())
    yield writer.writerow(HXL)
    for row in rows(projects, endorsed_only=endorsed_only):
        yield writer.writerow([_safe_cell(v) for v in row])


def xlsx_bytes(projects: QuerySet[Project], *, endorsed_only: bool = False) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Results"))
    data = [[_safe_cell(v) for v in row] for row in rows(projects, endorsed_only=endorsed_only)]
    header = headers()
    for i, width in enumerate(column_widths([header, HXL, *data[:500]]), start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A3"  # the header and the hashtags stay in view
    bold = Font(bold=True)
    cells = []
    for title in header:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    sheet.append(HXL)
    for row in data:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
