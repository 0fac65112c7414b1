"""Vacancy notices in the JSON API: the published ones, for anyone (no sign-in)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from pat.core.http import MAX_OFFSET
from pat.recruitment.models import Vacancy

router = Router(tags=["recruitment"])
MAX_LIMIT = 200


class VacancyOut(Schema):
    id: int
    reference: str
    title: str
    grade: str
    category: Literal["P", "GS", "NO", "UG"]
    office: str
    duty_station: str
    closing_date: dt.date
    language: Literal["en", "fr", "es"]
    text: str
    apply_url: str
    published_at: dt.datetime | None
    url: str


class VacancyPage(Schema):
    count: int
    items: list[VacancyOut]


class VacancyQuery(Schema):
    offset: int = Field(0, ge=0, le=MAX_OFFSET)
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    office: str | None = None
    grade: str | None = None
    category: Literal["P", "GS", "NO", "UG"] | None = None
    language: Literal["en", "fr", "es"] | None = None


@router.get("/vacancies", response=VacancyPage, auth=None)
def vacancies(request: HttpRequest, filters: Query[VacancyQuery]) -> VacancyPage:
    """Published vacancy notices, closing soonest first (public: no sign-in needed).

    `office` and `grade` take codes (`co-ng`, `P-4`); the text is Markdown."""
    found = Vacancy.objects.public().select_related("office", "grade")
    if filters.office:
        found = found.filter(office__code=filters.office)
    if filters.grade:
        found = found.filter(grade__code=filters.grade)
    if filters.category:
        found = found.filter(category=filters.category)
    if filters.language:
        found = found.filter(language=filters.language)
    found = found.order_by("closing_date", "reference")
    page = found[filters.offset : filters.offset + filters.limit]
    items = [
        VacancyOut(
            id=v.pk,
            reference=v.reference,
            title=v.title,
            grade=v.grade.code,
            category=v.category,  # type: ignore[arg-type]
            office=v.office.code,
            duty_station=v.duty_station,
            closing_date=v.closing_date,
            language=v.language,  # type: ignore[arg-type]
            text=v.text,
            apply_url=v.apply_url,
            published_at=v.published_at,
            url=request.build_absolute_uri(reverse("vacancies:detail", args=[v.slug])),
        )
        for v in page
    ]
    return VacancyPage(count=found.count(), items=items)
