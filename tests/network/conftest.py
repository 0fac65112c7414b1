"""Network personas: the gender coordinator, a field focal point and the Chief of Mission of the
country office, a focal point of another office, and a small questionnaire and campaign."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from pat.network import services
from pat.network.models import FocalPoint, Question, Questionnaire, QuestionSection
from tests import factories

# Network tests submit bare proposals to reach the review pages; the submission rules are
# tested in tests/reviews, so the same relaxing fixture applies here.
from tests.reviews.conftest import _any_proposal_may_go_to_review, submission_rules  # noqa: F401


@pytest.fixture
def coordinator(hq: Any) -> Any:
    user = factories.UserFactory(username="coordinator", email="coordinator@example.org")
    factories.RoleFactory(user=user, office=hq, kind="coord")
    return user


@pytest.fixture
def field_focal_point(country_office: Any) -> Any:
    """In the register for the country office (no GFP role: the register alone counts)."""
    user = factories.UserFactory(username="gfp-ng", first_name="Ngozi", last_name="Eze")
    FocalPoint.objects.create(
        person=user,
        office=country_office,
        time_share=30,
        appointed_on=timezone.localdate() - dt.timedelta(days=100),
    )
    return user


@pytest.fixture
def other_focal_point(other_office: Any) -> Any:
    user = factories.UserFactory(username="gfp-pe", first_name="Rosa", last_name="Quispe")
    factories.RoleFactory(user=user, office=other_office, kind="gfp")
    return user


@pytest.fixture
def chief(country_office: Any) -> Any:
    user = factories.UserFactory(username="com")
    factories.RoleFactory(user=user, office=country_office, kind="com")
    return user


@pytest.fixture
def questionnaire(db: None) -> Any:
    questionnaire = Questionnaire.objects.create(name="Exercise")
    section = QuestionSection.objects.create(
        questionnaire=questionnaire, order=1, text_en="Plans", text_fr="Plans", text_es="Planes"
    )
    for n, code in enumerate(["PA1", "PA2"], start=1):
        Question.objects.create(
            section=section,
            order=n,
            code=code,
            text_en=f"Question {code} in English",
            text_fr=f"Question {code} en français",
            text_es=f"Pregunta {code} en español",
        )
    return questionnaire


@pytest.fixture
def campaign(
    questionnaire: Any,
    coordinator: Any,
    country_office: Any,
    other_office: Any,
    field_focal_point: Any,
    other_focal_point: Any,
) -> Any:
    return services.campaign_launch(
        name="Self-assessment 2026",
        questionnaire=questionnaire,
        offices=[country_office, other_office],
        deadline=timezone.localdate() + dt.timedelta(days=14),
        actor=coordinator,
    )
