"""Budget lines keep their identity: the spending a progress report enters against a line
survives a budget edit and a budget revision; a line with spending cannot be removed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from pat.core.locking import EditConflict
from pat.projects.models import AgeBand, Project, ProjectChange
from pat.proposals import services as proposal_services
from pat.proposals.models import BudgetLine
from pat.reporting import services
from pat.reporting.models import FinancialLine
from pat.revisions import services as revision_services
from tests.reporting.conftest import filled
from tests.revisions.conftest import decide_all

pytestmark = pytest.mark.django_db


def _spending(report: Any) -> dict[str, Decimal]:
    rows = FinancialLine.objects.filter(report=report).select_related("budget_line")
    return {row.budget_line.description: row.spent for row in rows}


def _rows(project: Project) -> list[dict[str, Any]]:
    return [
        {"id": b.pk, "category": b.category, "description": b.description, "amount": b.amount}
        for b in project.budget_lines.order_by("order")
    ]


@pytest.fixture
def spent(first_report: Any, developer: Any, bands: dict[str, AgeBand]) -> Any:
    """The first report, in draft, with 12,000 spent on case workers and 7,000 on shelters."""
    services.report_save(
        report=first_report,
        actor=developer,
        expected_version=first_report.version,
        edit=filled(bands, first_report.project),
    )
    first_report.refresh_from_db()
    assert _spending(first_report) == {
        "Case workers": Decimal("12000"),
        "Shelter running costs": Decimal("7000"),
    }
    return first_report


def test_a_budget_edit_keeps_the_lines_and_the_spending(spent: Any, developer: Any) -> None:
    project = spent.project
    ids = [b.pk for b in project.budget_lines.order_by("order")]
    rows = _rows(project)
    rows[0]["amount"] = Decimal("55000")
    rows[1]["description"] = "Shelter running costs and repairs"
    # A new line first: the order given is kept, the old lines move down.
    rows.insert(0, {"category": "travel", "description": "Field visits", "amount": Decimal(900)})
    proposal_services.budget_save(
        project=project,
        actor=developer,
        expected_version=proposal_services.section_row(project, "budget").version,
        lines=rows,
    )
    lines = list(project.budget_lines.order_by("order"))
    assert [b.description for b in lines] == [
        "Field visits",
        "Case workers",
        "Shelter running costs and repairs",
    ]
    assert [b.pk for b in lines[1:]] == ids
    assert lines[1].amount == Decimal("55000")
    assert _spending(spent) == {
        "Case workers": Decimal("12000"),
        "Shelter running costs and repairs": Decimal("7000"),
    }
    change = (
        ProjectChange.objects.filter(project=project, changes__has_key="budget lines")
        .order_by("pk")
        .last()
    )
    assert change is not None
    assert change.changes["budget lines"][1][0]["description"] == "Field visits"


def test_removing_a_line_with_spending_is_refused_and_changes_nothing(
    spent: Any, developer: Any
) -> None:
    project = spent.project
    before = list(project.budget_lines.order_by("order").values())
    lock = proposal_services.section_row(project, "budget").version
    history = ProjectChange.objects.filter(project=project).count()
    rows = _rows(project)
    rows[0]["amount"] = Decimal(1)
    with pytest.raises(ValidationError, match="“Shelter running costs” has spending reported"):
        proposal_services.budget_save(
            project=project, actor=developer, expected_version=lock, lines=rows[:1]
        )
    assert list(project.budget_lines.order_by("order").values()) == before
    assert proposal_services.section_row(project, "budget").version == lock
    assert ProjectChange.objects.filter(project=project).count() == history
    assert len(_spending(spent)) == 2


def test_a_line_without_spending_is_removed(spent: Any, developer: Any) -> None:
    project = spent.project
    rows = _rows(project)
    rows.append({"category": "other", "description": "Audit", "amount": Decimal(500)})
    version = proposal_services.section_row(project, "budget").version
    proposal_services.budget_save(
        project=project, actor=developer, expected_version=version, lines=rows
    )
    proposal_services.budget_save(
        project=project, actor=developer, expected_version=version + 1, lines=rows[:2]
    )
    assert [b.description for b in project.budget_lines.order_by("order")] == [
        "Case workers",
        "Shelter running costs",
    ]


def test_the_budget_page_posts_ids_and_refuses_the_removal_with_the_lines_name(
    spent: Any, developer: Any
) -> None:
    project = spent.project
    lines = list(project.budget_lines.order_by("order"))
    version = proposal_services.section_row(project, "budget").version
    data: dict[str, Any] = {
        "version": version,
        "line-TOTAL_FORMS": 2,
        "line-INITIAL_FORMS": 2,
    }
    for i, line in enumerate(lines):
        data |= {
            f"line-{i}-id": line.pk,
            f"line-{i}-category": line.category,
            f"line-{i}-description": line.description,
            f"line-{i}-amount": str(line.amount + 1000),
        }
    client = Client()
    client.force_login(developer)
    url = f"/proposals/{project.code}/budget/"
    page = client.get(url)
    assert f'name="line-0-id" value="{lines[0].pk}"' in page.content.decode()
    refused = client.post(url, data | {"line-1-DELETE": "on"})
    assert refused.status_code == 400
    assert "“Shelter running costs” has spending reported" in refused.content.decode()
    assert [b.amount for b in project.budget_lines.order_by("order")] == [
        Decimal("50000"),
        Decimal("30000"),
    ]
    assert client.post(url, data).status_code == 302
    assert [(b.pk, b.amount) for b in project.budget_lines.order_by("order")] == [
        (lines[0].pk, Decimal("51000")),
        (lines[1].pk, Decimal("31000")),
    ]
    assert len(_spending(spent)) == 2


def test_two_editors_at_once_still_conflict(spent: Any, developer: Any) -> None:
    project = spent.project
    version = proposal_services.section_row(project, "budget").version
    rows = _rows(project)
    proposal_services.budget_save(
        project=project, actor=developer, expected_version=version, lines=rows
    )
    rows[0]["amount"] = Decimal(1)
    with pytest.raises(EditConflict):
        proposal_services.budget_save(
            project=project, actor=developer, expected_version=version, lines=rows
        )
    assert project.budget_lines.order_by("order").first().amount == Decimal("50000")


def _open_for_revision(project: Project) -> Project:
    # The fixture's project ended in 2025; a revision needs more than a month to go.
    Project.objects.filter(pk=project.pk).update(
        end_date=timezone.localdate() + dt.timedelta(days=200)
    )
    project.refresh_from_db()
    return project


def test_a_budget_revision_changing_amounts_keeps_the_spending(
    spent: Any, developer: Any, reviewer: Any, budget_reviewer: Any
) -> None:
    project = _open_for_revision(spent.project)
    ids = [b.pk for b in project.budget_lines.order_by("order")]
    revision = revision_services.revision_request(
        project=project, actor=developer, kind="budget", justification="Shelters cost more."
    )
    lines = [dict(line) for line in revision.budget_lines]
    assert [line["id"] for line in lines] == ids
    lines[0]["amount"] = "40000"
    lines[1]["amount"] = "45000"
    revision = revision_services.revision_save(
        revision=revision, actor=developer, expected_version=revision.version, budget_lines=lines
    )
    assert [d.key for d in revision_services.diff(revision)] == ["cover", "budget"]
    revision_services.revision_submit(
        revision=revision, actor=developer, expected_version=revision.version
    )
    revision.refresh_from_db()
    decide_all(revision, reviewer, budget_reviewer)
    assert [(b.pk, b.amount) for b in project.budget_lines.order_by("order")] == [
        (ids[0], Decimal("40000")),
        (ids[1], Decimal("45000")),
    ]
    assert _spending(spent) == {
        "Case workers": Decimal("12000"),
        "Shelter running costs": Decimal("7000"),
    }


def test_a_revision_draft_that_drops_a_line_with_spending_is_refused(
    spent: Any, developer: Any
) -> None:
    project = _open_for_revision(spent.project)
    revision = revision_services.revision_request(
        project=project, actor=developer, kind="budget", justification="Fewer shelters."
    )
    with pytest.raises(ValidationError, match="“Case workers” has spending reported"):
        revision_services.revision_save(
            revision=revision,
            actor=developer,
            expected_version=revision.version,
            budget_lines=revision.budget_lines[1:],
        )
    revision.refresh_from_db()
    assert len(revision.budget_lines) == 2
    assert BudgetLine.objects.filter(project=project).count() == 2


def test_spending_reported_after_the_draft_refuses_the_endorsement_and_nothing_is_applied(
    first_report: Any,
    developer: Any,
    reviewer: Any,
    budget_reviewer: Any,
    bands: dict[str, AgeBand],
) -> None:
    from pat.reviews import services as review_services
    from pat.reviews.models import ReviewTask

    project = _open_for_revision(first_report.project)
    revision = revision_services.revision_request(
        project=project, actor=developer, kind="budget", justification="No more shelters."
    )
    revision = revision_services.revision_save(
        revision=revision,
        actor=developer,
        expected_version=revision.version,
        budget_lines=revision.budget_lines[:1],  # no spending yet: the draft may drop it
    )
    revision_services.revision_submit(
        revision=revision, actor=developer, expected_version=revision.version
    )
    revision.refresh_from_db()
    # Meanwhile the report enters spending against the shelters' line.
    services.report_save(
        report=first_report,
        actor=developer,
        expected_version=first_report.version,
        edit=filled(bands, project),
    )
    tasks = list(ReviewTask.objects.filter(version=revision.proposal_version).order_by("id"))
    with pytest.raises(review_services.ReviewError, match="“Shelter running costs” has spending"):
        for task in tasks:
            who = reviewer if task.key == "unit:programme-support" else budget_reviewer
            review_services.task_decide(task=task, actor=who, decision="endorse")
    assert BudgetLine.objects.filter(project=project).count() == 2
    assert len(_spending(first_report)) == 2
    revision.refresh_from_db()
    assert revision.state == "in_review"
