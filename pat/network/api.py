"""The gender network in the JSON API: the focal point register, plans, a campaign's summary."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from pat.core import permissions as can
from pat.network.analysis import analyse
from pat.network.models import ActionPlan, Campaign, FocalPoint, PlanStatus

router = Router(tags=["network"])


class FocalPointOut(Schema):
    person: str
    name: str
    office: str
    office_name: str
    region: str
    unit: str | None
    time_share: int
    appointed_on: dt.date
    term_end: dt.date | None
    alternate: str | None


class ActionOut(Schema):
    title: str
    owner: str
    deadline: dt.date
    status: str


class ObjectiveOut(Schema):
    title: str
    actions: list[ActionOut]


class IndicatorOut(Schema):
    name: str
    baseline: str
    target: str
    current: str


class PlanOut(Schema):
    id: int
    office: str
    period: str
    version: int
    status: str
    approved_at: dt.datetime | None
    objectives: list[ObjectiveOut]
    indicators: list[IndicatorOut]


class QuestionSummaryOut(Schema):
    code: str
    counts: dict[str, int]
    mean: float | None
    meets_share: float | None
    change: float | None
    comments: int


class SummaryOut(Schema):
    campaign: int
    name: str
    deadline: dt.date
    closed: bool
    invited: int
    answered: int
    response_rate: float | None
    questions: list[QuestionSummaryOut]
    regions: dict[str, dict[str, float | None]]


@router.get("/network/focal-points", response=list[FocalPointOut], summary="Current focal points")
def focal_points(request: HttpRequest) -> list[dict[str, object]]:
    rows = FocalPoint.objects.current().select_related("person", "office", "unit", "alternate")
    return [
        {
            "person": fp.person.get_username(),
            "name": fp.person.get_full_name(),
            "office": fp.office.code,
            "office_name": fp.office.name,
            "region": fp.office.region,
            "unit": fp.unit.code if fp.unit else None,
            "time_share": fp.time_share,
            "appointed_on": fp.appointed_on,
            "term_end": fp.term_end,
            "alternate": fp.alternate.get_username() if fp.alternate else None,
        }
        for fp in rows
    ]


@router.get(
    "/network/plans",
    response=list[PlanOut],
    summary="Plans of Action (latest version per period) the caller may read; ?office=CODE",
)
def plans(request: HttpRequest, office: str = "") -> list[dict[str, object]]:
    rows = (
        ActionPlan.objects.latest_versions()
        .select_related("office")
        .prefetch_related("objectives__actions", "indicators")
    )
    if office:
        rows = rows.filter(office__code=office)
    return [
        {
            "id": p.pk,
            "office": p.office.code,
            "period": p.period,
            "version": p.version,
            "status": p.status,
            "approved_at": p.approved_at,
            "objectives": [
                {
                    "title": o.title,
                    "actions": [
                        {
                            "title": a.title,
                            "owner": a.owner,
                            "deadline": a.deadline,
                            "status": a.status,
                        }
                        for a in o.actions.all()
                    ],
                }
                for o in p.objectives.all()
            ],
            "indicators": [
                {"name": i.name, "baseline": i.baseline, "target": i.target, "current": i.current}
                for i in p.indicators.all()
            ],
        }
        for p in rows
        if can.can_read_plan(request.user, p.office_id, published=p.status == PlanStatus.APPROVED)
    ]


@router.get(
    "/network/assessments/{campaign}/summary",
    response=SummaryOut,
    summary="The global analysis of a self-assessment campaign",
)
def summary(request: HttpRequest, campaign: int) -> dict[str, object]:
    item = get_object_or_404(Campaign, pk=campaign)
    if not can.can_read_report(request.user, published=item.closed_at is not None):
        raise HttpError(403, "Only the gender coordinator reads an open exercise's analysis.")
    result = analyse(item)
    regions: dict[str, dict[str, float | None]] = {}
    for (region, code), value in result.region_cells.items():
        regions.setdefault(region, {})[code] = value
    return {
        "campaign": item.pk,
        "name": item.name,
        "deadline": item.deadline,
        "closed": item.closed_at is not None,
        "invited": result.invited,
        "answered": result.answered,
        "response_rate": result.rate,
        "questions": [
            {
                "code": line.question.code,
                "counts": line.figures.counts,
                "mean": line.figures.mean,
                "meets_share": line.figures.meets_share,
                "change": line.change,
                "comments": len(line.comments),
            }
            for line in result.lines
        ],
        "regions": regions,
    }
