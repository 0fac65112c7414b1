"""Monitoring of the fund's grants: the projects' progress reports (pat.reporting).

Read lazily, as the annual report reads staffing: the fund works, and says "no progress
report", where the reporting app or its reports are absent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps

if TYPE_CHECKING:
    from pat.projects.models import Project


@dataclass(frozen=True)
class ReportLine:
    title: str
    period: str
    state: str
    url: str
    summary: str = ""


def reports_of(project: Project) -> list[ReportLine]:
    if not apps.is_installed("pat.reporting"):
        return []
    try:
        from pat.reporting.models import ProgressReport  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return []
    model: Any = ProgressReport
    lines = []
    for report in model.objects.filter(project=project).order_by("pk"):
        lines.append(
            ReportLine(
                title=str(report),
                period=str(getattr(report, "period", "")),
                state=str(getattr(report, "get_state_display", lambda: "")()),
                url=report.get_absolute_url() if hasattr(report, "get_absolute_url") else "",
            )
        )
    return lines
