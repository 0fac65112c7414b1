"""Demo marker assessments across the portfolio, so the marker pages show a real spread.

Most projects are assessed with the IOM Gender Marker, in proportions an organization early
in its gender work could show (many partly there, few principal); humanitarian projects also
carry the IASC Gender with Age Marker, and donor-funded ones often the OECD-DAC marker.
Written in bulk: a portfolio of thousands loads in a second.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from pat.core.models import User
from pat.markers import scoring
from pat.markers.models import MarkerAssessment
from pat.markers.services import normalised_answers
from pat.projects.models import Project

ASSESSED_SHARE = 0.85
# IOM answers and how often each profile occurs (weights).
IOM_PROFILES: list[tuple[dict[str, Any], int]] = [
    ({}, 12),
    ({"needs_assessment": True}, 15),
    ({"needs_assessment": True, "results_matrix": True}, 18),
    ({"needs_assessment": True, "results_matrix": True, "activities": True}, 38),
    (
        {
            "needs_assessment": True,
            "results_matrix": True,
            "activities": True,
            "principal_purpose": True,
        },
        17,
    ),
]
HUMANITARIAN_TYPES = ("movement-emergency", "migrant-assistance", "migration-health")
DAC_PROFILES: list[tuple[dict[str, Any], int]] = [
    ({"screened": True}, 35),
    (
        {
            "screened": True,
            "gender_analysis": True,
            "do_no_harm": True,
            "gender_objective": True,
            "gender_indicator": True,
            "sex_disaggregated_data": True,
            "commitment_to_report": True,
        },
        50,
    ),
    (
        {
            "screened": True,
            "gender_analysis": True,
            "do_no_harm": True,
            "gender_objective": True,
            "gender_indicator": True,
            "sex_disaggregated_data": True,
            "commitment_to_report": True,
            "principal_objective": True,
            "would_not_exist_without": True,
        },
        15,
    ),
]


def _pick(rng: random.Random, profiles: list[tuple[dict[str, Any], int]]) -> dict[str, Any]:
    return rng.choices([p for p, _ in profiles], weights=[w for _, w in profiles])[0]


def _assessment(
    project_id: int, scheme: str, answers: dict[str, Any], user: User | None, at: dt.datetime
) -> MarkerAssessment:
    result = scoring.score(scheme, answers)
    return MarkerAssessment(
        project_id=project_id,
        scheme=scheme,
        answers=normalised_answers(scheme, answers),
        code=result.code,
        reasons=result.sentences(),
        answered_by=user,
        answered_at=at,
    )


@transaction.atomic
def build_assessments(*, seed: int = 2000) -> int:
    """Assess most demo projects that have no assessment yet; returns the rows written."""
    rng = random.Random(seed)
    assessed = MarkerAssessment.objects.values("project_id")
    projects = list(
        Project.objects.exclude(pk__in=assessed)
        .order_by("pk")
        .values_list("pk", "project_type__code")
    )
    developers: list[User | None] = [*User.objects.filter(roles__kind="developer").distinct()] or [
        None
    ]
    now = timezone.now()
    rows: list[MarkerAssessment] = []
    for pk, type_code in projects:
        if rng.random() > ASSESSED_SHARE:
            continue
        user = rng.choice(developers)
        at = now - dt.timedelta(days=rng.randint(1, 900), minutes=rng.randint(0, 1440))
        rows.append(_assessment(pk, "iom", _pick(rng, IOM_PROFILES), user, at))
        if type_code in HUMANITARIAN_TYPES:
            codes = {m: rng.choice([1, 2, 3, 3, 4, 4]) for m in scoring.GAM_KEY_MEASURES}
            answers: dict[str, Any] = {**codes, "targeted": rng.random() < 0.15}
            rows.append(_assessment(pk, "gam_design", answers, user, at))
        if rng.random() < 0.35:
            rows.append(_assessment(pk, "dac", _pick(rng, DAC_PROFILES), user, at))
    MarkerAssessment.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
