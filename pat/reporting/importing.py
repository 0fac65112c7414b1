"""Reports that arrive already endorsed: the actuals another publisher (or PAT itself, on the
way back from an IATI file) reported per period.

Each period becomes a reporting period of the project with a progress report that is
endorsed and frozen at once: its publisher endorsed it, there is nothing left to review
here. It is frozen by the reporting services' own `_freeze`, so its snapshot, result
figures and reach totals are those of any endorsed report, and the results views and the
IATI export read it the same way. The actuals are checked by the rule typed reports keep
(`services.actual_problem`: cells of the indicator's age bands adding up to the total);
the caller checks and leaves out what breaks it, and this module refuses it again rather
than write half a report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pat.core.models import User
from pat.projects.models import AgeBand, Indicator, Project
from pat.reporting import services
from pat.reporting.models import (
    ActualCell,
    Frequency,
    IndicatorActual,
    PeriodKind,
    ProgressReport,
    ReportEvent,
    ReportingPeriod,
    ReportingSchedule,
)

# The schedule's defaults: an interim report a month after its period, the final one three.
DUE_DAYS, FINAL_DUE_DAYS = 30, 90


@dataclass
class ImportedActual:
    indicator: Indicator
    value: Decimal | None
    cells: Mapping[tuple[str, int], Decimal] = field(default_factory=dict)  # (sex, band id)


@dataclass
class ImportedPeriod:
    start: dt.date
    end: dt.date
    actuals: list[ImportedActual] = field(default_factory=list)


def band_ids(indicator: Indicator) -> set[int]:
    if indicator.band_set_id is None:
        return set()
    bands = AgeBand.objects.filter(band_set_id=indicator.band_set_id)
    return set(bands.values_list("pk", flat=True))


def actual_problem(actual: ImportedActual) -> str | None:
    """Why the actual cannot be placed, as a sentence; None when it can."""
    indicator = actual.indicator
    if actual.cells and not indicator.counts_people:
        return _("The indicator does not count people: its actual has no sex and age.")
    edit = services.ActualEdit(value=actual.value, cells=dict(actual.cells))
    problem = services.actual_problem(indicator, edit, band_ids(indicator))
    return None if problem is None else problem[1]


@transaction.atomic
def endorsed_reports_import(
    *, project: Project, periods: Sequence[ImportedPeriod], actor: User | None
) -> tuple[list[ProgressReport], list[ReportingPeriod]]:
    """Write each period as an endorsed, frozen report, all or nothing.

    Returns the reports written and the periods left as they were because they already
    have a report (reported in PAT, or imported before). Raises ValidationError, having
    written nothing, when an actual breaks the rule.
    """
    for period in periods:
        if period.start > period.end:
            raise ValidationError(f"{period.start} > {period.end}")
        for actual in period.actuals:
            if actual.indicator.result.project_id != project.pk:
                raise ValidationError(f"indicator {actual.indicator.pk} is not in {project.code}")
            problem = actual_problem(actual)
            if problem:
                raise ValidationError(problem)
    written: list[ProgressReport] = []
    kept: list[ReportingPeriod] = []
    for period in sorted(periods, key=lambda p: (p.start, p.end)):
        final = project.end_date is not None and period.end >= project.end_date
        row, _created = ReportingPeriod.objects.get_or_create(
            project=project,
            start=period.start,
            end=period.end,
            defaults={
                "due_on": period.end + dt.timedelta(days=FINAL_DUE_DAYS if final else DUE_DAYS),
                "kind": PeriodKind.FINAL if final else PeriodKind.INTERIM,
            },
        )
        if ProgressReport.objects.filter(period=row).exists():
            kept.append(row)
            continue
        now = timezone.now()
        report = ProgressReport.objects.create(
            period=row, project=project, created_by=actor, submitted_by=actor, submitted_at=now
        )
        for actual in period.actuals:
            value = actual.value
            if value is None and actual.cells:
                value = sum(actual.cells.values(), Decimal(0))  # as a typed report does
            row_actual = IndicatorActual.objects.create(
                report=report, indicator=actual.indicator, value=value
            )
            ActualCell.objects.bulk_create(
                ActualCell(actual=row_actual, sex=sex, band_id=band, value=v)
                for (sex, band), v in actual.cells.items()
            )
        services._event(
            report, ReportEvent.Action.CREATED, actor, note=_("Imported from an IATI file.")
        )
        # The one way a report becomes endorsed: snapshot, result figures, reach totals.
        services._freeze(report)
        written.append(report)
    if written and not ReportingSchedule.objects.filter(project=project).exists():
        # The periods the publisher reported on are the project's schedule.
        ends = sorted({p.end.isoformat() for p in periods})
        ReportingSchedule.objects.create(project=project, frequency=Frequency.DATES, dates=ends)
    return written, kept
