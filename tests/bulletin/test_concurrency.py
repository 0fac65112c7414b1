"""Two workers sending the same issue at the same moment, on two real database connections.

Only PostgreSQL lets two writing transactions run at once (SQLite serializes them), so the
race itself runs there; test_sending.py interleaves two workers on either database.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from django.core import mail
from django.db import connection

from pat.bulletin import services
from pat.bulletin.models import Delivery, DeliveryState, Issue
from tests.reviews.test_concurrency import race

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serializes writers, so two workers cannot race",
    ),
]


def readers(n: int) -> None:
    from pat.bulletin.models import Subscriber

    Subscriber.objects.bulk_create(
        Subscriber(email=f"reader{i}@example.org", state="confirmed") for i in range(n)
    )


def sent_once_each(n: int) -> bool:
    counts = Counter(address for m in mail.outbox for address in m.to)
    return len(counts) == n and set(counts.values()) == {1}


@pytest.mark.parametrize("attempt", range(3))
def test_two_workers_at_once_send_each_address_exactly_once(
    published: Issue, coordinator: Any, settings: Any, attempt: int
) -> None:
    readers(40)
    # The queue holds the tasks (nothing runs them): the two workers below are the race.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    results = race(
        lambda: services.issue_send(issue=published, actor=coordinator),
        lambda: services.issue_send(issue=published, actor=coordinator),
    )
    assert all(isinstance(r, int) for r in results), results
    assert Delivery.objects.filter(issue=published).count() == 40
    sent = race(
        lambda: services.deliveries_send(issue_id=published.pk, batch_size=5),
        lambda: services.deliveries_send(issue_id=published.pk, batch_size=5),
    )
    assert sum(sent) == 40, sent
    assert sent_once_each(40)
    assert set(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.SENT}


def test_two_sends_at_once_each_running_the_task_reach_each_address_once(
    published: Issue, coordinator: Any
) -> None:
    readers(30)
    race(
        lambda: services.issue_send(issue=published, actor=coordinator),
        lambda: services.issue_send(issue=published, actor=coordinator),
    )
    assert sent_once_each(30)
