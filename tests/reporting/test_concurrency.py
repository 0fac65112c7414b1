"""Two reviewers deciding on a progress report at the same moment, on two real connections.

Only PostgreSQL has row locks to race on: SQLite serializes every writing transaction, so
there the race cannot happen and the test is skipped (the stale-page refusal is tested on
both in test_review_routes.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from pat.reporting import services
from pat.reporting.models import ReportEvent, ReportState, ResultFigure
from pat.reviews.models import ReviewTask
from tests import factories
from tests.reporting.conftest import submitted
from tests.reviews.test_concurrency import race

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serializes writers, so two decisions cannot race",
    ),
]


@pytest.mark.parametrize("attempt", range(2))
def test_two_decisions_on_one_report_review_apply_once(
    first_report: Any,
    developer: Any,
    bands: Any,
    reporting_project: Any,
    regional_reviewer: Any,
    regional_office: Any,
    attempt: int,
) -> None:
    second = factories.UserFactory(username="regional2")
    factories.RoleFactory(user=second, office=regional_office, kind="reviewer")
    report = submitted(first_report, developer, bands, reporting_project)
    task = report.reviews.get(kind="regional")
    results = race(
        lambda: services.review_decide(review=task, actor=regional_reviewer, decision="endorse"),
        lambda: services.review_decide(review=task, actor=second, decision="return", note="No."),
    )
    applied = [r for r in results if isinstance(r, ReviewTask)]
    refused = [r for r in results if isinstance(r, services.ReportError)]
    assert len(applied) == 1 and len(refused) == 1, results
    task.refresh_from_db()
    assert task.state == applied[0].state
    events = ReportEvent.objects.filter(report=report, action__in=["endorsed", "returned"])
    assert events.count() == 1


def test_the_last_two_endorsements_at_once_freeze_the_report_exactly_once(
    first_report: Any,
    developer: Any,
    bands: Any,
    reporting_project: Any,
    regional_reviewer: Any,
    focal_point: Any,
) -> None:
    report = submitted(first_report, developer, bands, reporting_project)
    regional = report.reviews.get(kind="regional")
    gfp = report.reviews.get(kind="gfp")
    results = race(
        lambda: services.review_decide(
            review=regional, actor=regional_reviewer, decision="endorse"
        ),
        lambda: services.review_decide(review=gfp, actor=focal_point, decision="endorse"),
    )
    assert all(isinstance(r, ReviewTask) for r in results), results
    report.refresh_from_db()
    assert report.state == ReportState.ENDORSED
    assert report.events.filter(action=ReportEvent.Action.REPORT_ENDORSED).count() == 1
    assert ResultFigure.objects.filter(report=report).count() == 4
