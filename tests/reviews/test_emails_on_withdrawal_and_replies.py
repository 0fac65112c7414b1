"""Withdrawing tells the reviewers; a reply tells the people of its thread."""

from __future__ import annotations

from typing import Any

import pytest

from pat.reviews import services
from pat.reviews.models import ReviewTask

pytestmark = pytest.mark.django_db


def task_for(project: Any, key: str) -> ReviewTask:
    return ReviewTask.objects.get(project=project, key=key)


def test_a_withdrawal_tells_each_open_reviews_reviewer(
    project: Any, developer: Any, reviewers: dict[str, Any], mail: list[Any]
) -> None:
    services.review_submit(project=project, actor=developer)
    mail.clear()
    services.project_transition(
        project=project, actor=developer, action="withdraw", note="The donor call was cancelled."
    )
    withdrawn = [m for m in mail if "withdrawn" in m.subject]
    assert len(withdrawn) == 1
    assert set(withdrawn[0].to) == {
        "reviewer@example.org",
        "budget@example.org",
        "gfp@example.org",
    }
    assert "The donor call was cancelled." in withdrawn[0].body
    assert "developer@example.org" not in withdrawn[0].to


def test_a_writers_reply_tells_the_reviewer_who_commented(
    project: Any, developer: Any, reviewers: dict[str, Any], mail: list[Any]
) -> None:
    services.review_submit(project=project, actor=developer)
    task = task_for(project, "unit:budget")
    root = services.comment_add(
        task=task, actor=reviewers["budget"], text="Why two coordinators?", section="budget"
    )
    mail.clear()
    services.comment_add(task=task, actor=developer, text="One per province.", parent=root)
    replies = [m for m in mail if "replied" in m.subject]
    assert len(replies) == 1
    assert replies[0].to == ["budget@example.org"]
    assert "Why two coordinators?" in replies[0].body and "One per province." in replies[0].body


def test_a_reviewers_reply_tells_the_writers(
    project: Any, developer: Any, reviewers: dict[str, Any], mail: list[Any]
) -> None:
    services.review_submit(project=project, actor=developer)
    task = task_for(project, "unit:budget")
    root = services.comment_add(
        task=task, actor=reviewers["budget"], text="Why two coordinators?", section="budget"
    )
    services.comment_add(task=task, actor=developer, text="One per province.", parent=root)
    mail.clear()
    services.comment_add(task=task, actor=reviewers["budget"], text="Fine.", parent=root)
    replies = [m for m in mail if "replied" in m.subject]
    assert len(replies) == 1
    assert replies[0].to == ["developer@example.org"]
