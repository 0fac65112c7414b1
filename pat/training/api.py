"""Training in the JSON API: people trained by sex, office, year and course."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from pat.core.permissions import can_read_training
from pat.staffing.models import Sex
from pat.training import services

router = Router(tags=["training"])


class BySex(Schema):
    female: int
    male: int
    other: int
    unknown: int
    total: int


class GroupRow(BySex):
    group: str


class DevelopersOut(Schema):
    trained: int = Field(description="Project developers trained so far (each person once)")
    target: int
    target_year: int


class SummaryOut(Schema):
    year: int | None
    sessions: int
    participants: int = Field(description="Registered participants")
    attended: int = Field(description="Participants who attended")
    people: int = Field(description="Distinct people who attended")
    by_sex: BySex
    by_office: list[GroupRow]
    by_year: list[GroupRow]
    by_course: list[GroupRow]
    developers: DevelopersOut


class SummaryQuery(Schema):
    year: int | None = Field(None, ge=1900, le=2200)


def _cells(counts: dict[str, int]) -> dict[str, int]:
    return {
        "female": counts.get(Sex.FEMALE, 0),
        "male": counts.get(Sex.MALE, 0),
        "other": counts.get(Sex.OTHER, 0),
        "unknown": counts.get(Sex.UNKNOWN, 0),
        "total": counts.get("total", sum(counts.get(s, 0) for s in Sex.values)),
    }


@router.get("/summary", response=SummaryOut, summary="People trained by sex, office and year")
def summary(request: HttpRequest, filters: Query[SummaryQuery]) -> dict[str, object]:
    if not can_read_training(request.user):
        raise HttpError(403, "Not allowed")
    data = services.summary(year=filters.year)
    series = services.developers_trained()
    target = services.target()
    return {
        "year": data.year,
        "sessions": data.sessions,
        "participants": data.participants,
        "attended": data.attended,
        "people": data.people,
        "by_sex": _cells(data.by_sex),
        "by_office": [{"group": office.code, **_cells(c)} for office, c in data.by_office],
        "by_year": [{"group": str(year), **_cells(c)} for year, c in data.by_year],
        "by_course": [{"group": course.code, **_cells(c)} for course, c in data.by_course],
        "developers": {
            "trained": series[-1].cumulative if series else 0,
            "target": target.people,
            "target_year": target.year,
        },
    }
