"""An active project ending in a year, with budget lines, and the revision route's reviewers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from pat.projects.models import Project
from pat.proposals import services as proposal_services
from pat.revisions import services
from pat.revisions.models import Revision
from tests import factories


@pytest.fixture
def active(country_office: Any, developer: Any) -> Project:
    today = timezone.localdate()
    project = factories.ProjectFactory(
        executing_office=country_office,
        status="active",
        start_date=today - dt.timedelta(days=300),
        end_date=today + dt.timedelta(days=200),
        budget=Decimal("500000.00"),
    )
    proposal_services.budget_save(
        project=project,
        actor=developer,
        expected_version=1,
        lines=[
            {"category": "staff", "description": "Case workers", "amount": Decimal("300000")},
            {"category": "operational", "description": "Shelters", "amount": Decimal("200000")},
        ],
    )
    project.refresh_from_db()
    return project


@pytest.fixture
def extension(active: Project, developer: Any) -> Revision:
    revision = services.revision_request(
        project=active,
        actor=developer,
        kind="extension",
        justification="Elections delayed the shelter openings by four months.",
    )
    assert active.end_date is not None
    return services.revision_save(
        revision=revision,
        actor=developer,
        expected_version=revision.version,
        end_date=active.end_date + dt.timedelta(days=120),
    )


def decide_all(revision: Revision, *people: Any, decision: str = "endorse") -> None:
    from pat.reviews import services as review_services
    from pat.reviews.models import ReviewTask

    for task in ReviewTask.objects.filter(version=revision.proposal_version).order_by("id"):
        who = next(p for p in people if review_services.permissions.may_take(p, task))
        review_services.task_decide(task=task, actor=who, decision=decision, note="Checked.")
        if decision == "return":
            break
