"""The API of progress reports: a project's reports (read, file), and its results by period,
sex and age. Reading is for every signed-in user, as projects are; filing for whoever
writes the project's reports (`services.can_write`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from pat.core.models import User
from pat.projects.models import AgeBand, Project, Sex
from pat.reporting import results, services
from pat.reporting.models import ProgressReport, ReportingPeriod

router = Router(tags=["reports"])

MAX_ITEMS = 2_000


class CellIn(Schema):
    sex: Sex
    age_band: int = Field(description="The age band's id (see the project's results)")
    value: Decimal | None = Field(None, ge=0, le=100_000_000)


class ActualIn(Schema):
    indicator: int
    value: Decimal | None = Field(None, ge=-999_999_999_999, le=999_999_999_999)
    comment: str = Field("", max_length=5_000)
    means_of_verification: str = Field("", max_length=5_000)
    cells: list[CellIn] = Field(default_factory=list, max_length=200)


class SpendingIn(Schema):
    budget_line: int
    spent: Decimal | None = Field(None, ge=0, le=999_999_999_999)


class ReportIn(Schema):
    period: int = Field(description="The reporting period's id")
    version: int | None = Field(None, description="The report's version you read (edits)")
    achievements: str | None = Field(None, max_length=20_000)
    challenges: str | None = Field(None, max_length=20_000)
    gender_results: str | None = Field(None, max_length=20_000)
    actuals: list[ActualIn] = Field(default_factory=list, max_length=MAX_ITEMS)
    spending: list[SpendingIn] = Field(default_factory=list, max_length=MAX_ITEMS)
    submit: bool = Field(False, description="Submit for review once saved")


class CellOut(Schema):
    sex: str
    age_band: str
    age_band_id: int
    value: Decimal | None


class ActualOut(Schema):
    indicator: int
    result: str
    statement: str
    target: Decimal | None
    value: Decimal | None
    comment: str
    means_of_verification: str
    cells: list[CellOut]


class ReportOut(Schema):
    id: int
    period: int
    start: dt.date
    end: dt.date
    due_on: dt.date
    kind: str
    state: str
    overdue: bool
    version: int
    achievements: str
    challenges: str
    gender_results: str
    actuals: list[ActualOut]


class PeriodOut(Schema):
    id: int
    start: dt.date
    end: dt.date
    due_on: dt.date
    kind: str
    overdue: bool
    report: ReportOut | None


class PeriodActualOut(Schema):
    report: int
    start: dt.date
    end: dt.date
    state: str
    value: Decimal | None
    cells: list[CellOut]


class IndicatorResultsOut(Schema):
    indicator: int
    result: str
    statement: str
    counts_people: bool
    target: Decimal | None
    targets: list[CellOut]
    periods: list[PeriodActualOut]


def _bands() -> dict[int, str]:
    return dict(AgeBand.objects.values_list("pk", "label"))


def _report_out(report: ProgressReport, bands: dict[int, str]) -> dict[str, object]:
    actuals = report.actuals.select_related("indicator__result").prefetch_related("cells")
    return {
        "id": report.pk,
        "period": report.period_id,
        "start": report.period.start,
        "end": report.period.end,
        "due_on": report.period.due_on,
        "kind": report.period.kind,
        "state": report.state,
        "overdue": services.overdue(report.period),
        "version": report.version,
        "achievements": report.achievements,
        "challenges": report.challenges,
        "gender_results": report.gender_results,
        "actuals": [
            {
                "indicator": a.indicator_id,
                "result": a.indicator.result.code,
                "statement": a.indicator.statement,
                "target": a.indicator.target_value,
                "value": a.value,
                "comment": a.comment,
                "means_of_verification": a.means_of_verification,
                "cells": [
                    {
                        "sex": c.sex,
                        "age_band": bands.get(c.band_id, ""),
                        "age_band_id": c.band_id,
                        "value": c.value,
                    }
                    for c in a.cells.all()
                ],
            }
            for a in actuals
        ],
    }


@router.get(
    "/projects/{code}/reports",
    response=list[PeriodOut],
    summary="A project's reporting periods and their progress reports",
)
def list_reports(request: HttpRequest, code: str) -> list[dict[str, object]]:
    project = get_object_or_404(Project, code=code)
    bands = _bands()
    periods = ReportingPeriod.objects.filter(project=project).select_related("report")
    out = []
    for period in periods.order_by("start"):
        report = getattr(period, "report", None) if hasattr(period, "report") else None
        out.append(
            {
                "id": period.pk,
                "start": period.start,
                "end": period.end,
                "due_on": period.due_on,
                "kind": period.kind,
                "overdue": services.overdue(period),
                "report": _report_out(report, bands) if report else None,
            }
        )
    return out


@router.post(
    "/projects/{code}/reports",
    response=ReportOut,
    summary="File (start or update, and optionally submit) the report of a period",
)
def file_report(request: HttpRequest, code: str, payload: ReportIn) -> dict[str, object]:
    user = request.user
    if not isinstance(user, User):
        raise HttpError(401, "Sign in first.")
    project = get_object_or_404(Project, code=code)
    period = get_object_or_404(ReportingPeriod, pk=payload.period, project=project)
    edit = services.ReportEdit(
        achievements=payload.achievements,
        challenges=payload.challenges,
        gender_results=payload.gender_results,
        actuals={
            a.indicator: services.ActualEdit(
                value=a.value,
                comment=a.comment.strip(),
                means_of_verification=a.means_of_verification.strip(),
                cells={(c.sex, c.age_band): c.value for c in a.cells},
            )
            for a in payload.actuals
        },
        spending={s.budget_line: s.spent for s in payload.spending},
    )
    try:
        report = services.report_start(period=period, actor=user)
        expected = payload.version if payload.version is not None else report.version
        report = services.report_save(
            report=report, actor=user, expected_version=expected, edit=edit
        )
        if payload.submit:
            report = services.report_submit(
                report=report, actor=user, expected_version=report.version
            )
    except services.ReportDenied as error:
        raise HttpError(403, error.message) from None
    except services.ReportError as error:
        raise HttpError(409, error.message) from None
    except ValidationError as error:
        raise HttpError(
            422, "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
        ) from None
    return _report_out(ProgressReport.objects.select_related("period").get(pk=report.pk), _bands())


@router.get(
    "/projects/{code}/results",
    response=list[IndicatorResultsOut],
    summary="Target against actual per indicator, by period, sex and age",
)
def get_results(request: HttpRequest, code: str) -> list[dict[str, object]]:
    project = get_object_or_404(Project, code=code)
    bands = _bands()

    def cells(values: dict[tuple[str, int], Decimal]) -> list[dict[str, object]]:
        return [
            {"sex": sex, "age_band": bands.get(band, ""), "age_band_id": band, "value": value}
            for (sex, band), value in sorted(values.items())
        ]

    return [
        {
            "indicator": item.indicator.pk,
            "result": item.code,
            "statement": item.indicator.statement,
            "counts_people": item.indicator.counts_people,
            "target": item.indicator.target_value,
            "targets": cells(item.targets),
            "periods": [
                {
                    "report": p.report.pk,
                    "start": p.report.period.start,
                    "end": p.report.period.end,
                    "state": p.report.state,
                    "value": p.value,
                    "cells": cells(p.cells),
                }
                for p in item.periods
            ],
        }
        for item in results.project_results(project)
    ]
