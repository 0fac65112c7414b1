"""Demo revisions: one endorsed budget revision, applied to its project, and a no-cost
extension waiting in the revision reviewers' inboxes; made through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from pat.core.models import User
from pat.projects import services as project_services
from pat.projects.models import Project
from pat.reviews import services as review_services
from pat.reviews.models import ReviewTask
from pat.revisions import rules, services
from pat.revisions.models import Revision


def _candidates() -> list[Project]:
    # The demo developer's office; active projects first ("active" sorts before the others).
    open_projects = Project.objects.filter(
        executing_office__code="co-ng", status__in=rules.OPEN_STATUSES
    )
    return list(open_projects.order_by("status", "code")[:2])


def _moved_to_shelters(current: list[dict[str, Any]], total: Decimal) -> list[dict[str, Any]]:
    """The draft's lines: a fifth of the staff costs moved to shelters and childcare.

    The project's lines keep their ids (the progress reports' spending points at them);
    a project without lines gets the four lines of the story.
    """
    if not current:
        shares = [
            ("staff", "Case workers (women and men)", "0.40"),
            ("operational", "Shelter places for women with children", "0.45"),
            ("operational", "Childcare during counselling", "0.10"),
            ("travel", "Monitoring visits", "0.05"),
        ]
        return [
            {"category": c, "description": d, "amount": (total * Decimal(s)).quantize(Decimal(1))}
            for c, d, s in shares
        ]
    lines = [dict(line) for line in current]
    moved = Decimal(0)
    for line in lines:
        if line["category"] == "staff":
            cut = (Decimal(line["amount"]) / 5).quantize(Decimal(1))
            line["amount"] = Decimal(line["amount"]) - cut
            moved += cut
    shelters = (moved * Decimal("0.8")).quantize(Decimal(1))
    lines.append(
        {
            "category": "operational",
            "description": "Shelter places for women with children",
            "amount": shelters,
        }
    )
    lines.append(
        {
            "category": "operational",
            "description": "Childcare during counselling",
            "amount": moved - shelters,
        }
    )
    return lines


@transaction.atomic
def build_revisions() -> int:
    """Make the two demo revisions once; how many were made (0 when they exist)."""
    if Revision.objects.exists():
        return 0
    people = {
        u.username: u
        for u in User.objects.filter(username__in=["developer", "reviewer", "budget", "admin"])
    }
    if len(people) < 4:
        return 0
    today = timezone.localdate()
    projects = _candidates()
    if len(projects) < 2:
        return 0
    ready = []
    for project in projects:
        fields: dict[str, object] = {}
        if project.end_date is None or project.end_date < today + dt.timedelta(days=90):
            fields["end_date"] = today + dt.timedelta(days=240)
            if project.start_date is None or project.start_date > today:
                fields["start_date"] = today - dt.timedelta(days=400)
        if project.budget is None:
            fields["budget"] = Decimal("450000")
        if fields:
            project = project_services.project_update(
                project=project,
                actor=people["admin"],
                expected_version=project.version,
                fields=fields,
            )
        ready.append(project)
    budget_project, extension_project = ready

    # An endorsed budget revision: funds moved from staff to shelters.
    revision = services.revision_request(
        project=budget_project,
        actor=people["developer"],
        kind="budget",
        justification=(
            "The survey of returnees found twice as many women with children as planned: "
            "funds move from staff costs to shelter places and childcare."
        ),
    )
    total = budget_project.budget or Decimal("450000")
    revision = services.revision_save(
        revision=revision,
        actor=people["developer"],
        expected_version=revision.version,
        budget_lines=_moved_to_shelters(revision.budget_lines, total),
    )
    services.revision_submit(
        revision=revision, actor=people["developer"], expected_version=revision.version
    )
    revision.refresh_from_db()
    for task in ReviewTask.objects.filter(version=revision.proposal_version).order_by("id"):
        who = people["reviewer"] if task.key == "unit:programme-support" else people["budget"]
        review_services.task_decide(task=task, actor=who, decision="endorse")

    # A no-cost extension in review.
    extension = services.revision_request(
        project=extension_project,
        actor=people["developer"],
        kind="extension",
        justification=(
            "Elections closed the border crossings for three months; the reintegration "
            "grants for women returnees need four more months to be paid out."
        ),
    )
    assert extension_project.end_date is not None
    extension = services.revision_save(
        revision=extension,
        actor=people["developer"],
        expected_version=extension.version,
        end_date=extension_project.end_date + dt.timedelta(days=122),
    )
    services.revision_submit(
        revision=extension, actor=people["developer"], expected_version=extension.version
    )
    return 2
