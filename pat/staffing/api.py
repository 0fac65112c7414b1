"""Staffing in the JSON API: parity rows and flows, suppressed for everyone outside HR."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from pat.core.models import User
from pat.core.permissions import can_read_staffing
from pat.staffing import figures, services

router = Router(tags=["staffing"])

Count = int | str  # "<5" where suppressed


class ParityRowOut(Schema):
    group: str
    women: Count
    men: Count
    other: Count
    total: Count
    share: float | None
    status: Literal["parity", "women_under", "men_under"] | None
    women_needed: int | None
    rate: float | None
    projected_year: int | None
    required_pace: float | None
    on_track: bool | None


class ParityOut(Schema):
    as_of: dt.date | None
    rows: list[ParityRowOut]


class ParityQuery(Schema):
    as_of: dt.date | None = None
    by: Literal["grade", "office", "region", "category", "level_group", "duty"] = "grade"
    office: str | None = None


class FlowCell(Schema):
    women: Count
    men: Count
    share: float | None


class FlowRowOut(Schema):
    group: str
    appointments: FlowCell
    promotions: FlowCell
    separations: FlowCell


class FlowsOut(Schema):
    start: dt.date | None
    end: dt.date | None
    rows: list[FlowRowOut]


def _viewer(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not can_read_staffing(user):
        raise HttpError(401, "Sign in first.")
    return user


@router.get(
    "/staffing/parity",
    response=ParityOut,
    summary="Women's and men's numbers, share, parity status and projections by group",
)
def parity(request: HttpRequest, query: Query[ParityQuery]) -> dict[str, object]:
    viewer = _viewer(request)
    snapshot = figures.latest_snapshot(query.as_of)
    rows = services.parity_rows(as_of=query.as_of, by=query.by, office=query.office, viewer=viewer)
    return {"as_of": snapshot.as_of if snapshot else None, "rows": rows}


@router.get(
    "/staffing/flows",
    response=FlowsOut,
    summary="Appointments, promotions and separations by sex in a period (from, to]",
)
def flows(
    request: HttpRequest,
    start: dt.date | None = Query(None, alias="from"),  # type: ignore[type-arg]  # noqa: B008 - ninja's way to alias
    end: dt.date | None = Query(None, alias="to"),  # type: ignore[type-arg]  # noqa: B008
    by: Literal["grade", "office", "region", "category", "level_group", "duty", "year"] = "year",
    office: str | None = None,
) -> dict[str, object]:
    viewer = _viewer(request)
    rows = figures.flow_rows(start=start, end=end, by=by, office=office, viewer=viewer)
    out = []
    for r in rows:
        d = r.as_dict()
        d["group"] = d["label"] if by == "grade" else d["group"]
        out.append(d)
    return {"start": start, "end": end, "rows": out}
