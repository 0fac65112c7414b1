"""A returned proposal says so, and its writers read the reviewers' comments in the builder."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from pat.reviews import services
from pat.reviews.models import ReviewTask

pytestmark = pytest.mark.django_db


@pytest.fixture
def returned(project: Any, developer: Any, reviewers: dict[str, Any]) -> Any:
    services.review_submit(project=project, actor=developer)
    task = ReviewTask.objects.get(project=project, key="unit:budget")
    services.comment_add(
        task=task,
        actor=reviewers["budget"],
        text="Staff costs exceed the ceiling.",
        section="gender-analysis",
    )
    services.task_decide(
        task=task, actor=reviewers["budget"], decision="returned", note="Rework the budget."
    )
    project.refresh_from_db()
    return project


def client_for(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def test_the_builder_shows_the_return_and_the_comments(returned: Any, developer: Any) -> None:
    client = client_for(developer)
    overview = client.get(f"/proposals/{returned.code}/").content.decode()
    assert "Returned by the reviewers: action needed." in overview
    assert 'id="feedback"' in overview
    assert "Staff costs exceed the ceiling." in overview
    assert "Rework the budget." in overview
    assert "Gender analysis" in overview  # the comment's section by name
    step = client.get(f"/proposals/{returned.code}/budget/").content.decode()
    assert "Returned by the reviewers: action needed." in step
    assert f'href="/proposals/{returned.code}/#feedback"' in step


def test_my_submissions_say_returned_not_draft(returned: Any, developer: Any) -> None:
    inbox = client_for(developer).get("/reviews/").content.decode()
    submissions = inbox[inbox.index("My submissions") :]
    assert "Returned, action needed" in submissions
    assert ">Draft<" not in submissions
    page = client_for(developer).get(f"/reviews/projects/{returned.code}/").content.decode()
    assert "Returned, action needed" in page


def test_a_draft_never_reviewed_shows_no_return(project: Any, developer: Any) -> None:
    page = client_for(developer).get(f"/proposals/{project.code}/").content.decode()
    assert "action needed" not in page
