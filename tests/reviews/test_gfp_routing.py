"""The Gender Focal Point review goes to the executing office's focal point, else HQ's."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from pat.reviews import permissions, services
from pat.reviews.models import ReviewTask
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def field_gfp(country_office: Any) -> Any:
    user = factories.UserFactory(username="gfp-field")
    factories.RoleFactory(user=user, office=country_office, kind="gfp")
    return user


@pytest.fixture
def peru_gfp(other_office: Any) -> Any:
    user = factories.UserFactory(username="gfp-peru")
    factories.RoleFactory(user=user, office=other_office, kind="gfp")
    return user


def gfp_task(project: Any) -> ReviewTask:
    return ReviewTask.objects.get(project=project, kind="gfp")


def inbox_of(user: Any) -> str:
    client = Client()
    client.force_login(user)
    return client.get("/reviews/").content.decode()


def test_the_executing_offices_focal_point_reviews(
    project: Any,
    developer: Any,
    reviewers: dict[str, Any],
    field_gfp: Any,
    peru_gfp: Any,
    country_office: Any,
) -> None:
    services.review_submit(project=project, actor=developer)
    task = gfp_task(project)
    assert task.office == country_office
    assert list(permissions.eligible_users(task)) == [field_gfp]
    assert task.assignee == field_gfp
    assert permissions.may_take(field_gfp, task)
    # Neither HQ's focal point nor another country office's sees or takes it.
    for other in (reviewers["gfp"], peru_gfp):
        assert not permissions.may_take(other, task)
        assert not ReviewTask.objects.filter(permissions.reviewer_scope(other), pk=task.pk)
        assert project.code not in inbox_of(other)
    assert project.code in inbox_of(field_gfp)


def test_without_one_in_the_office_hqs_focal_point_reviews(
    project: Any, developer: Any, reviewers: dict[str, Any], peru_gfp: Any, hq: Any
) -> None:
    services.review_submit(project=project, actor=developer)
    task = gfp_task(project)
    assert task.office == hq
    assert list(permissions.eligible_users(task)) == [reviewers["gfp"]]
    assert not permissions.may_take(peru_gfp, task)
    assert permissions.may_take(reviewers["gfp"], task)


def test_the_submit_page_says_whose_focal_point(
    project: Any, developer: Any, reviewers: dict[str, Any], field_gfp: Any
) -> None:
    client = Client()
    client.force_login(developer)
    page = client.get(f"/reviews/projects/{project.code}/").content.decode()
    assert "Gender Focal Point (Country Office Nigeria)" in page
