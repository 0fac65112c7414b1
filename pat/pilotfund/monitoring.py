"""Monitoring of the fund's grants: the projects' progress reports (pat.reporting).

The fund reads reports, never writes them: their periods, states and narrative, and the
latest endorsed actual of each indicator for the final report's results table.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.urls import reverse

from pat.reporting.models import IndicatorActual, ProgressReport, ReportState

if TYPE_CHECKING:
    from pat.projects.models import Project


@dataclass(frozen=True)
class ReportLine:
    title: str
    period: str
    state: str
    url: str
    achievements: str = ""
    gender_results: str = ""
    endorsed: bool = False


def reports_of(project: Project) -> list[ReportLine]:
    lines = []
    reports = ProgressReport.objects.filter(project=project).select_related("period")
    for report in reports.order_by("period__start", "pk"):
        period = report.period
        lines.append(
            ReportLine(
                title=str(period.get_kind_display()),
                period=f"{period.start.isoformat()} – {period.end.isoformat()}",
                state=str(report.get_state_display()),
                url=reverse("reporting:report", args=[report.pk]),
                achievements=report.achievements,
                gender_results=report.gender_results,
                endorsed=report.state == ReportState.ENDORSED,
            )
        )
    return lines


def latest_actuals(project: Project) -> dict[int, Decimal]:
    """Indicator id → the value of its latest endorsed report (later periods win)."""
    actuals = (
        IndicatorActual.objects.filter(
            report__project=project, report__state=ReportState.ENDORSED, value__isnull=False
        )
        .order_by("report__period__end", "pk")
        .values_list("indicator_id", "value")
    )
    found: dict[int, Decimal] = {}
    for indicator_id, value in actuals:
        if value is not None:  # filtered above; the type of the column allows None
            found[indicator_id] = value
    return found
