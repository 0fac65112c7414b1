"""The dashboard's tables as one XLSX workbook, suppressed exactly as the page shows them."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _

from pat.staffing.figures import FlowRow, ParityTable, TrendSeries


def _status_label(status: str | None) -> str:
    return {
        "parity": _("At parity"),
        "women_under": _("Women under-represented"),
        "men_under": _("Men under-represented"),
    }.get(status or "", "")


def parity_headers() -> list[str]:
    return [
        _("Group"),
        _("Women"),
        _("Men"),
        _("Other or unknown"),
        _("Total"),
        _("Women's share (%)"),
        _("Status"),
        _("Women needed"),
        _("Rate (points a year)"),
        _("Projected parity year"),
        _("Required pace (points a year)"),
        _("On track"),
    ]


def parity_line(row: dict[str, Any]) -> list[Any]:
    on_track = row["on_track"]
    return [
        row["label"],
        row["women"],
        row["men"],
        row["other"],
        row["total"],
        row["share"],
        _status_label(row["status"]),
        row["women_needed"],
        row["rate"],
        row["projected_year"],
        row["required_pace"],
        "" if on_track is None else _("yes") if on_track else _("no"),
    ]


def workbook(
    tables: list[tuple[str, ParityTable]], series: list[TrendSeries], flows: list[FlowRow]
) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for title, table in tables:
        sheet = book.create_sheet(title[:31])
        sheet.append([_("As of"), table.as_of])
        sheet.append(parity_headers())
        for row in [*table.rows, *([table.total] if table.total else [])]:
            sheet.append(parity_line(row.as_dict()))
    sheet = book.create_sheet(_("Trend")[:31])
    sheet.append([_("Level group"), _("Reference date"), _("Women's share (%)")])
    for s in series:
        for day, share in s.points:
            sheet.append([s.label, day, None if share is None else round(share, 1)])
    sheet = book.create_sheet(_("Flows")[:31])
    sheet.append(
        [
            _("Year"),
            _("Appointments: women"),
            _("Appointments: men"),
            _("Promotions: women"),
            _("Promotions: men"),
            _("Separations: women"),
            _("Separations: men"),
        ]
    )
    for r in flows:
        sheet.append(
            [
                r.label,
                *[
                    r.shown(kind, sex)
                    for kind in ("appointment", "promotion", "separation")
                    for sex in ("women", "men")
                ],
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
