"""The applicant funnel in the JSON API: counts by stage and sex, suppressed below 5 outside
HR; candidates' names and details only for HR officers and administrators."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from pat.appointments import funnel, services
from pat.core.models import User
from pat.core.permissions import can_manage_candidates, can_read_staffing
from pat.recruitment.models import Vacancy

router = Router(tags=["appointments"])

Count = int | str  # "<5" where suppressed


class StageOut(Schema):
    stage: str
    female: Count
    male: Count
    self: Count
    undisclosed: Count
    total: Count


class ConversionOut(Schema):
    source: str
    target: str
    female: float | None
    male: float | None


class ChannelOut(Schema):
    channel: str | None
    stages: list[StageOut]


class CandidateOut(Schema):
    id: int
    name: str
    email: str
    sex: str
    sex_description: str
    channel: str | None
    stage: str
    outcome: str
    meets_requirements: bool


class FunnelOut(Schema):
    vacancy: int
    reference: str
    suppressed: bool
    stages: list[StageOut]
    conversions: list[ConversionOut]
    channels: list[ChannelOut]
    all_male_shortlist: bool
    candidates: list[CandidateOut] | None


@router.get(
    "/vacancies/{vacancy_id}/funnel",
    response=FunnelOut,
    summary="A vacancy's applicant funnel by stage, sex and outreach channel",
    description='Counts under 5 are shown as "<5" (with a neighbour hidden where a total '
    "would give one away) except to HR officers; `candidates` is null except for HR.",
)
def vacancy_funnel(request: HttpRequest, vacancy_id: int) -> dict[str, object]:
    user = request.user
    if not isinstance(user, User) or not can_read_staffing(user):
        raise HttpError(401, "Sign in first.")
    vacancy = get_object_or_404(Vacancy, pk=vacancy_id)
    full = can_manage_candidates(user)
    candidates = vacancy.candidates.select_related("channel")
    steps = services.funnel_of(candidates)
    hidden = set() if full else funnel.suppressed_cells(steps)
    channels = []
    for channel, channel_steps in services.funnel_by_channel(candidates):
        channel_hidden = set() if full else funnel.suppressed_cells(channel_steps)
        channels.append(
            {
                "channel": channel.slug if channel else None,
                "stages": funnel.as_rows(channel_steps, hidden=channel_hidden),
            }
        )
    return {
        "vacancy": vacancy.pk,
        "reference": vacancy.reference,
        "suppressed": not full,
        "stages": funnel.as_rows(steps, hidden=hidden),
        "conversions": [
            {"source": c.source, "target": c.target, **c.rates}
            for c in funnel.visible_rates(funnel.conversions(steps), hidden)
        ],
        "channels": channels,
        "all_male_shortlist": funnel.all_male_shortlist(steps),
        "candidates": [
            {
                "id": c.pk,
                "name": c.name,
                "email": c.email,
                "sex": c.sex,
                "sex_description": c.sex_description,
                "channel": c.channel.slug if c.channel else None,
                "stage": c.stage,
                "outcome": c.outcome,
                "meets_requirements": c.meets_requirements,
            }
            for c in candidates
        ]
        if full
        else None,
    }
