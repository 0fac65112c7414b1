"""Training personas: the gender coordinator, a focal point of the country office, courses."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pat.training.models import Course, Session
from tests import factories


@pytest.fixture
def coordinator(hq: Any) -> Any:
    user = factories.UserFactory(username="coordinator", email="coordinator@example.org")
    factories.RoleFactory(user=user, office=hq, kind="coord")
    return user


@pytest.fixture
def office_focal_point(country_office: Any) -> Any:
    user = factories.UserFactory(username="gfp-ng", email="gfp-ng@example.org")
    factories.RoleFactory(user=user, office=country_office, kind="gfp")
    return user


@pytest.fixture
def pd_course(db: None) -> Course:
    return Course.objects.create(
        code="pd-gender",
        name="Project development with gender",
        name_fr="Élaboration de projets et genre",
        trains_project_developers=True,
    )


@pytest.fixture
def senior_course(db: None) -> Course:
    return Course.objects.create(code="senior", name="Gender for senior staff")


@pytest.fixture
def session(pd_course: Course, country_office: Any, coordinator: Any) -> Session:
    return Session.objects.create(
        course=pd_course,
        starts_on=dt.date(2025, 3, 10),
        ends_on=dt.date(2025, 3, 12),
        place="Abuja",
        office=country_office,
        trainers="A. Bello, M. Rossi",
        created_by=coordinator,
    )
