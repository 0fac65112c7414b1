"""The events' figures: per year, kind and sex, for the dashboard, the API and the annual report."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Prefetch, QuerySet

from pat.events import participation
from pat.events.models import Event, EventKind, Participation


def events_for(*, year: int | None = None, kind: str = "") -> QuerySet[Event]:
    events = Event.objects.all()
    if year:
        events = events.filter(starts_on__year=year)
    if kind:
        events = events.filter(kind=kind)
    return events.select_related("country", "office").annotate(
        invited_count=Count("invited_states", distinct=True),
        participated_count=Count("participating_states", distinct=True),
    )


def with_cells(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.prefetch_related(Prefetch("participation", queryset=Participation.objects.all()))


def rows(events: Iterable[Event]) -> list[participation.Row]:
    """Each event's figures; the events must carry the counts `events_for` annotates."""
    return [
        participation.Row(
            year=e.starts_on.year,
            kind=e.kind,
            cells={(c.participant_type, c.sex): c.count for c in e.participation.all()},
            invited=e.invited_count,  # type: ignore[attr-defined]
            participated=e.participated_count,  # type: ignore[attr-defined]
        )
        for e in events
    ]


def by_year(*, year: int | None = None, kind: str = "") -> list[participation.YearFigures]:
    return participation.by_year(
        rows(with_cells(events_for(year=year, kind=kind))), EventKind.values
    )
