"""Events and consultations in the JSON API (mounted at /api/v1/programme/events)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from pat.core import permissions as can
from pat.events import figures, participation
from pat.events.models import EventKind

router = Router(tags=["programme"])


class ParticipantsOut(Schema):
    total: int
    by_sex: dict[str, int]
    by_type: dict[str, int]
    cells: list[dict[str, str | int]]


class EventOut(Schema):
    id: int
    kind: str
    title: str
    starts_on: dt.date
    ends_on: dt.date | None
    place: str
    country: str | None
    organizers: str
    office: str | None
    states_invited: list[str]
    states_participated: list[str]
    state_share: float | None
    participants: ParticipantsOut


class EventFilter(Schema):
    year: int | None = Field(None, ge=1900, le=2100)
    kind: EventKind | None = None


@router.get("", response=list[EventOut], summary="Events and consultations with participation")
def events(request: HttpRequest, filters: Query[EventFilter]) -> list[EventOut]:
    """Every event (of a year and kind when given), its Member States (ISO 3166-1 alpha-2)
    and its participants by type and sex."""
    if not can.can_read_events(request.user):
        raise HttpError(403, "Not allowed.")
    rows = figures.with_cells(
        figures.events_for(year=filters.year, kind=filters.kind.value if filters.kind else "")
    ).prefetch_related("invited_states", "participating_states")
    out = []
    for event in rows:
        cells = {(c.participant_type, c.sex): c.count for c in event.participation.all()}
        totals = participation.totals(cells)
        invited = sorted(c.code for c in event.invited_states.all())
        took_part = sorted(c.code for c in event.participating_states.all())
        share = participation.state_share(invited, took_part)
        out.append(
            EventOut(
                id=event.pk,
                kind=event.kind,
                title=event.title,
                starts_on=event.starts_on,
                ends_on=event.ends_on,
                place=event.place,
                country=event.country_id,
                organizers=event.organizers,
                office=event.office.code if event.office else None,
                states_invited=invited,
                states_participated=took_part,
                state_share=None if share is None else round(float(share), 4),
                participants=ParticipantsOut(
                    total=totals.total,
                    by_sex=totals.by_sex,
                    by_type=totals.by_type,
                    cells=[
                        {"type": kind, "sex": sex, "count": count}
                        for (kind, sex), count in sorted(cells.items())
                    ],
                ),
            )
        )
    return out
