"""Two reviewers deciding at the same moment, on two real database connections.

Only PostgreSQL has row locks to race on: SQLite serializes every writing
transaction (IMMEDIATE), so there the race cannot happen and the test is skipped.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from pat.reviews import services
from pat.reviews.models import ReviewEvent, ReviewTask

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serializes writers, so two decisions cannot race",
    ),
]


def race(*calls: Any) -> list[Any]:
    """Run the calls in threads released together; their results or exceptions, in order."""
    from django.db import connections

    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(i: int, call: Any) -> None:
        try:
            barrier.wait()
            results[i] = call()
        except Exception as error:  # the refused one is part of the result
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


@pytest.mark.parametrize("attempt", range(3))
def test_the_last_two_endorsements_at_once_endorse_the_proposal_exactly_once(
    project: Any, developer: Any, reviewers: dict[str, Any], attempt: int
) -> None:
    services.review_submit(project=project, actor=developer)
    gfp = ReviewTask.objects.get(key="gfp")
    services.task_decide(
        task=gfp, actor=reviewers["gfp"], decision="endorse_with_comments", note="ok"
    )
    budget = ReviewTask.objects.get(key="unit:budget")
    support = ReviewTask.objects.get(key="unit:programme-support")
    results = race(
        lambda: services.task_decide(task=budget, actor=reviewers["budget"], decision="endorse"),
        lambda: services.task_decide(
            task=support, actor=reviewers["programme-support"], decision="endorse"
        ),
    )
    assert all(isinstance(r, ReviewTask) for r in results), results
    project.refresh_from_db()
    assert project.status == "endorsed"
    assert ReviewEvent.objects.filter(project=project, action="proposal_endorsed").count() == 1
    assert project.changes.filter(changes__status=["in_review", "endorsed"]).count() == 1


def test_two_decisions_on_one_review_apply_once(
    project: Any, developer: Any, reviewers: dict[str, Any], hq: Any, budget_unit: Any
) -> None:
    from tests import factories

    second = factories.UserFactory(username="budget2")
    factories.RoleFactory(user=second, office=hq, kind="reviewer", department=budget_unit)
    services.review_submit(project=project, actor=developer)
    task = ReviewTask.objects.get(key="unit:budget")
    assert task.assignee is None  # two people in the unit: both may decide
    results = race(
        lambda: services.task_decide(task=task, actor=reviewers["budget"], decision="endorse"),
        lambda: services.task_decide(task=task, actor=second, decision="return", note="No."),
    )
    applied = [r for r in results if isinstance(r, ReviewTask)]
    refused = [r for r in results if isinstance(r, services.ReviewError)]
    assert len(applied) == 1 and len(refused) == 1, results
    task.refresh_from_db()
    assert task.state == applied[0].state
    decisions = ReviewEvent.objects.filter(task=task, action__in=["endorsed", "returned"])
    assert decisions.count() == 1
