"""Requesting, reviewing and applying revisions: the one-month rule, history, stale drafts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from pat.core.locking import EditConflict
from pat.projects import services as project_services
from pat.projects.models import Project, ProjectChange
from pat.proposals.models import BudgetLine
from pat.reviews import services as review_services
from pat.reviews.models import ReviewTask
from pat.revisions import services
from pat.revisions.models import Revision, RevisionEvent, State
from tests.revisions.conftest import decide_all

pytestmark = pytest.mark.django_db


def _ending_in(project: Project, days: int) -> Project:
    Project.objects.filter(pk=project.pk).update(end_date=dt.date.today() + dt.timedelta(days=days))
    project.refresh_from_db()
    return project


def test_a_request_less_than_a_month_before_the_end_is_refused(
    active: Project, developer: Any
) -> None:
    project = _ending_in(active, 20)
    with pytest.raises(services.RevisionRefused, match="at least a month before"):
        services.revision_request(
            project=project, actor=developer, kind="extension", justification="Late."
        )
    assert not Revision.objects.exists()


def test_only_an_administrator_allows_a_late_request_and_it_is_recorded(
    active: Project, developer: Any, administrator: Any
) -> None:
    project = _ending_in(active, 20)
    with pytest.raises(PermissionDenied):
        services.revision_request(
            project=project,
            actor=developer,
            kind="extension",
            justification="Late.",
            late_reason="I say so.",
        )
    revision = services.revision_request(
        project=project,
        actor=administrator,
        kind="extension",
        justification="Floods closed the project area for six weeks.",
        late_reason="Force majeure confirmed by the Chief of Mission.",
    )
    assert revision.late_allowed_by == administrator
    allowed = revision.events.get(action=RevisionEvent.Action.ALLOWED_LATE)
    assert (allowed.actor, allowed.note) == (
        administrator,
        "Force majeure confirmed by the Chief of Mission.",
    )


def test_a_request_in_time_records_no_allowance(active: Project, administrator: Any) -> None:
    revision = services.revision_request(
        project=active,
        actor=administrator,
        kind="budget",
        justification="Move funds to shelters.",
        late_reason="Not needed.",
    )
    assert revision.late_allowed_by is None
    assert not revision.events.filter(action=RevisionEvent.Action.ALLOWED_LATE).exists()


def test_projects_not_yet_endorsed_are_not_revised(project: Project, developer: Any) -> None:
    with pytest.raises(services.RevisionRefused, match="endorsed, submitted or active"):
        services.revision_request(
            project=project, actor=developer, kind="budget", justification="x"
        )


def test_one_revision_at_a_time(extension: Revision, developer: Any) -> None:
    with pytest.raises(services.RevisionRefused, match="already has a revision"):
        services.revision_request(
            project=extension.project, actor=developer, kind="budget", justification="More."
        )


def test_a_no_cost_extension_is_reviewed_then_applied_with_history(
    extension: Revision, developer: Any, reviewer: Any, budget_reviewer: Any
) -> None:
    project = extension.project
    old_end = project.end_date
    services.revision_submit(
        revision=extension, actor=developer, expected_version=extension.version
    )
    extension.refresh_from_db()
    project.refresh_from_db()
    assert extension.state == State.IN_REVIEW
    assert project.end_date == old_end  # the draft does not change the project
    assert project.status == "active"  # nor its status
    tasks = ReviewTask.objects.filter(version=extension.proposal_version)
    assert sorted(t.key for t in tasks) == ["unit:budget", "unit:programme-support"]
    assert {t.purpose for t in tasks} == {"revision"}
    decide_all(extension, reviewer, budget_reviewer)
    extension.refresh_from_db()
    project.refresh_from_db()
    assert extension.state == State.ENDORSED
    assert project.end_date == extension.end_date
    assert project.status == "active"
    change = ProjectChange.objects.filter(project=project, changes__has_key="end_date").get()
    assert change.changes["end_date"] == [old_end.isoformat(), extension.end_date.isoformat()]
    assert change.actor in (reviewer, budget_reviewer)


def test_a_budget_revision_replaces_the_lines_and_the_total(
    active: Project, developer: Any, reviewer: Any, budget_reviewer: Any
) -> None:
    revision = services.revision_request(
        project=active, actor=developer, kind="budget", justification="Shelters cost more."
    )
    revision = services.revision_save(
        revision=revision,
        actor=developer,
        expected_version=revision.version,
        budget_lines=[
            {"category": "staff", "description": "Case workers", "amount": Decimal("250000")},
            {"category": "operational", "description": "Shelters", "amount": Decimal("280000")},
        ],
    )
    services.revision_submit(revision=revision, actor=developer, expected_version=revision.version)
    revision.refresh_from_db()
    assert [d.key for d in services.diff(revision)] == ["cover", "budget"]
    decide_all(revision, reviewer, budget_reviewer)
    active.refresh_from_db()
    assert active.budget == Decimal("530000")
    assert sorted(BudgetLine.objects.filter(project=active).values_list("amount", flat=True)) == [
        Decimal("250000"),
        Decimal("280000"),
    ]


def test_a_returned_revision_changes_nothing_and_may_be_resubmitted(
    extension: Revision, developer: Any, reviewer: Any, budget_reviewer: Any
) -> None:
    old_end = extension.project.end_date
    services.revision_submit(
        revision=extension, actor=developer, expected_version=extension.version
    )
    extension.refresh_from_db()
    decide_all(extension, reviewer, budget_reviewer, decision="return")
    extension.refresh_from_db()
    assert extension.state == State.RETURNED
    assert Project.objects.get(pk=extension.project_id).end_date == old_end
    services.revision_submit(
        revision=extension, actor=developer, expected_version=extension.version
    )
    extension.refresh_from_db()
    assert extension.state == State.IN_REVIEW


def test_a_stale_revision_is_refused_at_endorsement_and_nothing_is_applied(
    extension: Revision, developer: Any, reviewer: Any, budget_reviewer: Any
) -> None:
    project = extension.project
    old_end = project.end_date
    services.revision_submit(
        revision=extension, actor=developer, expected_version=extension.version
    )
    extension.refresh_from_db()
    # Someone edits the project while the revision is in review.
    project_services.project_update(
        project=project,
        actor=developer,
        expected_version=project.version,
        fields={"title": "Protecting migrant women (renamed)"},
    )
    first, second = ReviewTask.objects.filter(version=extension.proposal_version).order_by("id")
    review_services.task_decide(
        task=first,
        actor=reviewer if first.key == "unit:programme-support" else budget_reviewer,
        decision="endorse",
    )
    with pytest.raises(review_services.ReviewError, match="changed since revision 1 was drafted"):
        review_services.task_decide(
            task=second,
            actor=reviewer if second.key == "unit:programme-support" else budget_reviewer,
            decision="endorse",
        )
    second.refresh_from_db()
    extension.refresh_from_db()
    assert second.state == "pending"  # the endorsement was not recorded either
    assert extension.state == State.IN_REVIEW
    assert Project.objects.get(pk=project.pk).end_date == old_end


def test_a_stale_draft_is_refused_at_submission(extension: Revision, developer: Any) -> None:
    project = extension.project
    project_services.project_update(
        project=project, actor=developer, expected_version=project.version, fields={"title": "x"}
    )
    with pytest.raises(services.RevisionRefused, match="changed since revision 1"):
        services.revision_submit(
            revision=extension, actor=developer, expected_version=extension.version
        )
    extension.refresh_from_db()
    assert extension.state == State.DRAFT
    assert extension.proposal_version is None


def test_two_edits_of_the_same_draft_the_second_is_refused(
    extension: Revision, developer: Any
) -> None:
    seen = extension.version
    later = extension.end_date + dt.timedelta(days=30)
    services.revision_save(
        revision=extension, actor=developer, expected_version=seen, end_date=later
    )
    with pytest.raises(EditConflict):
        services.revision_save(
            revision=Revision.objects.get(pk=extension.pk),
            actor=developer,
            expected_version=seen,
            end_date=later + dt.timedelta(days=30),
        )
    assert Revision.objects.get(pk=extension.pk).end_date == later


def test_an_extension_that_does_not_move_the_end_later_is_not_submitted(
    active: Project, developer: Any
) -> None:
    revision = services.revision_request(
        project=active, actor=developer, kind="extension", justification="x"
    )
    with pytest.raises(services.RevisionRefused, match="moves the end date later"):
        services.revision_submit(
            revision=revision, actor=developer, expected_version=revision.version
        )


def test_a_change_of_results_goes_through_the_matrix_form_and_its_save(
    active: Project, developer: Any, reviewer: Any, budget_reviewer: Any
) -> None:
    from tests.factories import result_add

    outcome = result_add(project=active, actor=developer, parent=None, statement="Women are safe.")
    active.refresh_from_db()
    revision = services.revision_request(
        project=active, actor=developer, kind="results", justification="Sharper outcome."
    )
    form = services.matrix_form(revision)
    data = {name: form[name].value() or "" for name in form.fields}
    data[f"row-{outcome.pk}-statement"] = "Women and girls in shelters are safe."
    data = {k: str(v) for k, v in data.items() if v not in (None, False)}
    revision = services.revision_save(
        revision=revision, actor=developer, expected_version=revision.version, results=data
    )
    assert "results" in [d.key for d in services.diff(revision)]
    services.revision_submit(revision=revision, actor=developer, expected_version=revision.version)
    revision.refresh_from_db()
    decide_all(revision, reviewer, budget_reviewer)
    outcome.refresh_from_db()
    assert outcome.statement == "Women and girls in shelters are safe."
    assert ProjectChange.objects.filter(project=active, action="results").count() == 2
