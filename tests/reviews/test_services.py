"""The review workflow: every transition, every refusal, history and emails."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from pat.projects.models import ProjectChange
from pat.reviews import services
from pat.reviews.models import (
    ChecklistAnswer,
    DonorReviewer,
    ReviewEvent,
    ReviewRoute,
    ReviewTask,
    RouteStep,
)
from pat.reviews.services import ReviewDenied, ReviewError
from tests import factories

pytestmark = pytest.mark.django_db


def task_for(project: Any, key: str) -> ReviewTask:
    return ReviewTask.objects.filter(project=project, key=key).latest("version__number")


def endorse_all(project: Any, reviewers: dict[str, Any], skip: str = "") -> None:
    version = services.current_version(project)
    for task in ReviewTask.objects.filter(version=version, state="pending"):
        name = "gfp" if task.kind == "gfp" else task.department.code
        if name == skip:
            continue
        decision = "endorse_with_comments" if name == "gfp" else "endorse"
        services.task_decide(task=task, actor=reviewers[name], decision=decision, note="Fine.")


def test_submitting_freezes_a_version_and_opens_a_review_per_unit(
    project: Any, developer: Any, reviewers: dict[str, Any], mail: list[Any]
) -> None:
    version = services.review_submit(project=project, actor=developer)
    project.refresh_from_db()
    assert project.status == "in_review"
    assert version.number == 1
    tasks = {t.key: t for t in ReviewTask.objects.filter(version=version)}
    assert set(tasks) == {"unit:programme-support", "unit:budget", "gfp"}
    assert tasks["unit:budget"].assignee == reviewers["budget"]
    assert all(t.state == "pending" and t.opened_at and t.due_on for t in tasks.values())
    assert ReviewEvent.objects.filter(project=project, action="submitted").count() == 1
    change = ProjectChange.objects.filter(project=project, changes__has_key="status").get()
    assert change.changes["status"] == ["concept", "in_review"]
    assert change.actor == developer


def test_assignment_is_emailed_to_each_reviewer(
    project: Any, developer: Any, reviewers: dict[str, Any], mail: list[Any]
) -> None:
    services.review_submit(project=project, actor=developer)
    to = sorted(address for m in mail for address in m.to)
    assert to == ["budget@example.org", "gfp@example.org", "reviewer@example.org"]
    assert any("Budget Unit" in m.subject and project.code in m.subject for m in mail)


def test_a_unit_with_several_reviewers_is_emailed_to_all_until_one_takes_it(
    project: Any, developer: Any, reviewers: dict[str, Any], hq: Any, budget_unit: Any, mail: Any
) -> None:
    second = factories.UserFactory(username="budget2")
    factories.RoleFactory(user=second, office=hq, kind="reviewer", department=budget_unit)
    services.review_submit(project=project, actor=developer)
    task = task_for(project, "unit:budget")
    assert task.assignee is None
    budget_mail = [m for m in mail if "Budget Unit" in m.subject]
    assert sorted(budget_mail[0].to) == ["budget2@example.org", "budget@example.org"]
    services.task_claim(task=task, actor=second)
    assert task_for(project, "unit:budget").assignee == second
    assert ReviewEvent.objects.filter(task=task, action="claimed", actor=second).exists()


def test_every_endorsement_endorses_the_proposal_once(
    project: Any, developer: Any, reviewers: dict[str, Any], mail: list[Any]
) -> None:
    services.review_submit(project=project, actor=developer)
    endorse_all(project, reviewers, skip="budget")
    project.refresh_from_db()
    assert project.status == "in_review"
    services.task_decide(
        task=task_for(project, "unit:budget"), actor=reviewers["budget"], decision="endorse"
    )
    project.refresh_from_db()
    assert project.status == "endorsed"
    assert ReviewEvent.objects.filter(project=project, action="proposal_endorsed").count() == 1
    assert any("endorsed" in m.subject and "developer@example.org" in m.to for m in mail)


def test_a_return_sends_the_proposal_back_with_every_comment(
    project: Any, developer: Any, reviewers: dict[str, Any], mail: list[Any]
) -> None:
    services.review_submit(project=project, actor=developer)
    budget = task_for(project, "unit:budget")
    services.comment_add(
        task=task_for(project, "gfp"),
        actor=reviewers["gfp"],
        text="Name the groups in the analysis.",
        section="summary",
    )
    services.task_decide(
        task=budget, actor=reviewers["budget"], decision="return", note="Staff costs too high."
    )
    project.refresh_from_db()
    assert project.status == "draft"
    states = dict(ReviewTask.objects.filter(project=project).values_list("key", "state"))
    assert states == {
        "unit:budget": "returned",
        "unit:programme-support": "closed",
        "gfp": "closed",
    }
    returned = [m for m in mail if "returned" in m.subject]
    assert returned and returned[0].to == ["developer@example.org"]
    assert "Staff costs too high." in returned[0].body
    assert "Name the groups in the analysis." in returned[0].body


def test_a_resubmission_goes_back_to_the_same_reviewers_with_a_new_version(
    project: Any, developer: Any, reviewers: dict[str, Any], hq: Any, budget_unit: Any
) -> None:
    services.review_submit(project=project, actor=developer)
    second = factories.UserFactory(username="budget2")
    factories.RoleFactory(user=second, office=hq, kind="reviewer", department=budget_unit)
    services.task_decide(
        task=task_for(project, "unit:budget"),
        actor=reviewers["budget"],
        decision="return",
        note="x",
    )
    version = services.review_submit(project=project, actor=developer)
    assert version.number == 2
    assert task_for(project, "unit:budget").assignee == reviewers["budget"]
    assert ReviewEvent.objects.filter(project=project, action="resubmitted").count() == 1
    base, mine = services.base_version_for(task_for(project, "unit:budget"), reviewers["budget"])
    assert base is not None and base.number == 1 and mine


def test_later_stages_open_when_the_earlier_one_has_endorsed(
    project: Any, developer: Any, reviewers: dict[str, Any]
) -> None:
    RouteStep.objects.filter(kind="gfp").update(stage=2)
    services.review_submit(project=project, actor=developer)
    gfp = task_for(project, "gfp")
    assert gfp.opened_at is None and gfp.due_on is None
    with pytest.raises(ReviewError, match="stage 1"):
        services.task_decide(
            task=gfp, actor=reviewers["gfp"], decision="endorse_with_comments", note="x"
        )
    endorse_all(project, reviewers, skip="gfp")
    gfp.refresh_from_db()
    assert gfp.opened_at is not None and gfp.due_on is not None
    project.refresh_from_db()
    assert project.status == "in_review"


def test_the_regional_office_reviews_when_there_is_one(
    project: Any, developer: Any, reviewers: dict[str, Any], regional_reviewer: Any
) -> None:
    services.review_submit(project=project, actor=developer)
    task = task_for(project, "regional:ro-dakar")
    assert task.assignee == regional_reviewer
    assert task.label == "Regional Office Dakar"


def test_a_budget_above_the_threshold_adds_legal(
    project: Any, developer: Any, reviewers: dict[str, Any], legal_unit: Any
) -> None:
    project.budget = Decimal(2_000_000)
    project.save()
    preview = services.route_preview(project=project)
    assert "Office of Legal Affairs" in [row.label for row in preview.steps]
    assert [row.reviewers for row in preview.steps if row.label == "Office of Legal Affairs"] == [
        []
    ]


def test_a_route_naming_a_missing_unit_refuses_the_submission(
    project: Any, developer: Any, reviewers: dict[str, Any]
) -> None:
    project.budget = Decimal(2_000_000)
    project.save()
    with pytest.raises(ReviewError, match="legal"):
        services.review_submit(project=project, actor=developer)
    project.refresh_from_db()
    assert project.status == "concept"
    assert not project.proposal_versions.exists()


def test_no_route_at_all_refuses_the_submission(project: Any, developer: Any) -> None:
    ReviewRoute.objects.update(active=False)
    with pytest.raises(ReviewError, match="No review route"):
        services.review_submit(project=project, actor=developer)


def test_a_donor_specific_reviewer_joins_for_that_donor(
    project: Any, developer: Any, reviewers: dict[str, Any]
) -> None:
    from pat.projects.models import Donor

    donor = Donor.objects.create(code="eu-test", name="EU test")
    desk = factories.DepartmentFactory(code="eu-desk", name="EU desk")
    DonorReviewer.objects.create(donor=donor, department=desk, deadline_days=5)
    project.donors.add(donor)
    services.review_submit(project=project, actor=developer)
    task = task_for(project, "unit:eu-desk")
    assert task.deadline_days == 5 and task.routed_by == ["donor:eu-test"]


# --- refusals ------------------------------------------------------------------------------


def test_only_the_executing_office_submits(project: Any, colleague: Any, reviewer: Any) -> None:
    with pytest.raises(ReviewDenied):
        services.review_submit(project=project, actor=colleague)
    with pytest.raises(ReviewDenied):
        services.review_submit(project=project, actor=reviewer)


def test_a_proposal_in_review_cannot_be_submitted_again(
    project: Any, developer: Any, reviewers: dict[str, Any]
) -> None:
    services.review_submit(project=project, actor=developer)
    with pytest.raises(ReviewError, match="in review"):
        services.review_submit(project=project, actor=developer)
    assert project.proposal_versions.count() == 1


def test_a_reviewer_of_one_unit_cannot_decide_for_another(
    project: Any, developer: Any, reviewers: dict[str, Any]
) -> None:
    services.review_submit(project=project, actor=developer)
    budget = task_for(project, "unit:budget")
    with pytest.raises(ReviewDenied, match="Budget Unit"):
        services.task_decide(task=budget, actor=reviewers["programme-support"], decision="endorse")
    with pytest.raises(ReviewDenied):
        services.task_claim(task=budget, actor=reviewers["gfp"])
    budget.refresh_from_db()
    assert budget.state == "pending"


def test_a_unit_reviewer_takes_the_reviews_of_its_department(
    project: Any, developer: Any, reviewers: dict[str, Any], hq: Any
) -> None:
    finance = factories.DepartmentFactory(code="finance", name="Finance")
    unit = factories.DepartmentFactory(code="treasury", name="Treasury", parent=finance)
    member = factories.UserFactory(username="treasurer")
    factories.RoleFactory(user=member, office=hq, kind="reviewer", department=unit)
    route = ReviewRoute.objects.create(name="Finance", order=300)
    RouteStep.objects.create(route=route, kind="unit", department_id="finance")
    services.review_submit(project=project, actor=developer)
    task = task_for(project, "unit:finance")
    assert task.assignee == member
    services.task_decide(task=task, actor=member, decision="endorse")


def test_the_developer_cannot_decide_on_their_own_proposal(
    project: Any, developer: Any, reviewers: dict[str, Any], hq: Any, budget_unit: Any
) -> None:
    # Even holding a reviewer role for the unit.
    factories.RoleFactory(user=developer, office=hq, kind="reviewer", department=budget_unit)
    services.review_submit(project=project, actor=developer)
    task = task_for(project, "unit:budget")
    assert task.assignee == reviewers["budget"]  # never the writer
    with pytest.raises(ReviewDenied, match="someone else"):
        services.task_decide(task=task, actor=developer, decision="endorse")


def test_a_decision_is_applied_once(
    project: Any, developer: Any, reviewers: dict[str, Any]
) -> None:
    services.review_submit(project=project, actor=developer)
    task = task_for(project, "unit:budget")
    services.task_decide(task=task, actor=reviewers["budget"], decision="endorse")
    with pytest.raises(ReviewError, match="already closed"):
        services.task_decide(task=task, actor=reviewers["budget"], decision="return", note="x")
    task.refresh_from_db()
    assert task.state == "endorsed"
    assert ReviewEvent.objects.filter(task=task, action__in=["endorsed", "returned"]).count() == 1


def test_a_decision_on_a_stale_page_is_refused(
    project: Any, developer: Any, reviewers: dict[str, Any]
) -> None:
    services.review_submit(project=project, actor=developer)
    task = task_for(project, "unit:budget")
    with pytest.raises(ReviewError, match="reload"):
        services.task_decide(
            task=task, actor=reviewers["budget"], decision="endorse", expected_lock=task.lock - 1
        )


def test_a_return_or_comments_need_a_reason(
    project: Any, developer: Any, reviewers: dict[str, Any]
) -> None:
    services.review_submit(project=project, actor=developer)
    task = task_for(project, "unit:budget")
    for decision in ("return", "endorse_with_comments"):
        with pytest.raises(ReviewError, match="Say why"):
            services.task_decide(task=task, actor=reviewers["budget"], decision=decision, note=" ")
    with pytest.raises(ReviewError, match="Choose"):
        services.task_decide(task=task, actor=reviewers["budget"], decision="approve")
    task.refresh_from_db()
    assert task.state == "pending"


def test_a_review_taken_by_a_colleague_must_be_taken_over_first(
    project: Any, developer: Any, reviewers: dict[str, Any], hq: Any, budget_unit: Any
) -> None:
    services.review_submit(project=project, actor=developer)
    second = factories.UserFactory(username="budget2")
    factories.RoleFactory(user=second, office=hq, kind="reviewer", department=budget_unit)
    task = task_for(project, "unit:budget")
    with pytest.raises(ReviewError, match="take it over"):
        services.task_decide(task=task, actor=second, decision="endorse")
    services.task_claim(task=task, actor=second)
    services.task_decide(task=task, actor=second, decision="endorse")
    event = ReviewEvent.objects.get(task=task, action="claimed")
    assert event.note == "from budget"


def test_only_an_administrator_assigns(
    project: Any, developer: Any, reviewers: dict[str, Any], administrator: Any, mail: Any
) -> None:
    services.review_submit(project=project, actor=developer)
    task = task_for(project, "unit:budget")
    with pytest.raises(ReviewDenied):
        services.task_assign(task=task, actor=reviewers["budget"], assignee=reviewers["budget"])
    with pytest.raises(ReviewError, match="cannot review"):
        services.task_assign(task=task, actor=administrator, assignee=reviewers["gfp"])
    services.task_assign(task=task, actor=administrator, assignee=reviewers["budget"])


# --- GFP checklist ---------------------------------------------------------------------------


def test_the_gfp_checklist_is_prefilled_and_blocks_a_plain_endorsement(
    project: Any, developer: Any, reviewers: dict[str, Any]
) -> None:
    services.review_submit(project=project, actor=developer)
    gfp = task_for(project, "gfp")
    assert set(gfp.checklist_prefill) == {
        "gender-analysis",
        "indicators-disaggregated",
        "marker-justified",
        "terminology-resolved",
    }
    # The factory project has no gender analysis: the suggestion says so, with the evidence.
    assert gfp.checklist_prefill["gender-analysis"]["ok"] is False
    assert gfp.checklist_prefill["gender-analysis"]["evidence"]
    with pytest.raises(ReviewError, match="checklist"):
        services.task_decide(task=gfp, actor=reviewers["gfp"], decision="endorse")
    with pytest.raises(ReviewError, match="say why"):
        services.checklist_answer(task=gfp, actor=reviewers["gfp"], item="gender-analysis", ok=True)
    for item, suggestion in gfp.checklist_prefill.items():
        services.checklist_answer(
            task=gfp,
            actor=reviewers["gfp"],
            item=item,
            ok=True,
            note="" if suggestion["ok"] else "Seen in the annex.",
        )
    answers = ChecklistAnswer.objects.filter(task=gfp)
    assert any(a.overridden for a in answers)
    services.task_decide(task=gfp, actor=reviewers["gfp"], decision="endorse")


def test_only_the_gfp_answers_the_checklist(
    project: Any, developer: Any, reviewers: dict[str, Any]
) -> None:
    services.review_submit(project=project, actor=developer)
    with pytest.raises(ReviewDenied):
        services.checklist_answer(
            task=task_for(project, "gfp"),
            actor=reviewers["budget"],
            item="marker-justified",
            ok=False,
        )
    with pytest.raises(ReviewError, match="Only the Gender Focal Point"):
        services.checklist_answer(
            task=task_for(project, "unit:budget"),
            actor=reviewers["budget"],
            item="marker-justified",
            ok=False,
        )


# --- comments --------------------------------------------------------------------------------


def test_comments_anchor_to_sections_and_rows_and_thread_replies(
    project: Any, developer: Any, reviewers: dict[str, Any]
) -> None:
    from pat.projects.models import ResultNode

    ResultNode.objects.create(project=project, level="outcome", code="OC1", statement="Safer")
    services.review_submit(project=project, actor=developer)
    task = task_for(project, "unit:programme-support")
    root = services.comment_add(
        task=task, actor=reviewers["programme-support"], text="Which women?", result_code="OC1"
    )
    assert (root.section, root.result_code) == ("results", "OC1")
    reply = services.comment_add(task=task, actor=developer, text="Returnees.", parent=root)
    again = services.comment_add(
        task=task, actor=reviewers["programme-support"], text="Thanks.", parent=reply
    )
    assert reply.parent == root and again.parent == root  # one thread
    with pytest.raises(ReviewError, match="OC9"):
        services.comment_add(
            task=task, actor=reviewers["programme-support"], text="?", result_code="OC9"
        )
    with pytest.raises(ReviewError, match="no section"):
        services.comment_add(
            task=task, actor=reviewers["programme-support"], text="?", section="nope"
        )
    with pytest.raises(ReviewError, match="Write"):
        services.comment_add(task=task, actor=reviewers["programme-support"], text="  ")
    with pytest.raises(ReviewDenied):
        services.comment_add(task=task, actor=developer, text="I start a thread")
    with pytest.raises(ReviewDenied):
        services.comment_add(task=task, actor=reviewers["budget"], text="Not my unit")


# --- by hand ---------------------------------------------------------------------------------


def test_withdrawing_closes_the_open_reviews(
    project: Any, developer: Any, reviewers: dict[str, Any]
) -> None:
    services.review_submit(project=project, actor=developer)
    services.project_transition(
        project=project, actor=developer, action="withdraw", note="Donor left"
    )
    project.refresh_from_db()
    assert project.status == "withdrawn"
    assert set(ReviewTask.objects.filter(project=project).values_list("state", flat=True)) == {
        "closed"
    }
    with pytest.raises(ReviewError, match="already closed"):
        services.task_decide(
            task=task_for(project, "gfp"), actor=reviewers["gfp"], decision="endorse"
        )


def test_after_endorsement_the_donor_states_follow(
    project: Any, developer: Any, reviewers: dict[str, Any]
) -> None:
    services.review_submit(project=project, actor=developer)
    endorse_all(project, reviewers)
    for action, status in [
        ("submit_to_donor", "submitted"),
        ("activate", "active"),
        ("final_reporting", "final_reporting"),
        ("close", "closed"),
    ]:
        services.project_transition(project=project, actor=developer, action=action)
        project.refresh_from_db()
        assert project.status == status
    actions = set(ReviewEvent.objects.filter(project=project).values_list("action", flat=True))
    assert {"submit_to_donor", "activate", "final_reporting", "close"} <= actions


def test_a_donor_may_decline(project: Any, developer: Any, reviewers: dict[str, Any]) -> None:
    services.review_submit(project=project, actor=developer)
    endorse_all(project, reviewers)
    services.project_transition(project=project, actor=developer, action="submit_to_donor")
    services.project_transition(project=project, actor=developer, action="not_funded")
    project.refresh_from_db()
    assert project.status == "not_funded"


@pytest.mark.parametrize(
    ("status", "action"),
    [
        ("draft", "submit_to_donor"),
        ("in_review", "activate"),
        ("active", "withdraw"),
        ("closed", "withdraw"),
        ("endorsed", "close"),
    ],
)
def test_illegal_transitions_are_refused_with_a_message(
    project: Any, developer: Any, status: str, action: str
) -> None:
    project.status = status
    project.save()
    with pytest.raises(ReviewError, match="cannot be"):
        services.project_transition(project=project, actor=developer, action=action)
    project.refresh_from_db()
    assert project.status == status


def test_only_the_project_office_changes_its_status(
    project: Any, colleague: Any, reviewer: Any
) -> None:
    for user in (colleague, reviewer):
        with pytest.raises(ReviewDenied):
            services.project_transition(project=project, actor=user, action="withdraw")


# --- dashboards ------------------------------------------------------------------------------


def test_turnaround_is_the_median_in_working_days_per_unit(
    project: Any, developer: Any, reviewers: dict[str, Any]
) -> None:
    services.review_submit(project=project, actor=developer)
    endorse_all(project, reviewers)
    monday = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)
    ReviewTask.objects.filter(key="unit:budget").update(
        opened_at=monday, decided_at=monday + dt.timedelta(days=7)
    )
    rows = {r.label: r for r in services.turnaround(on=dt.date(2026, 12, 1))}
    assert rows["Budget Unit"].median_days == 5
    assert rows["Budget Unit"].decided == 1


def test_overdue_reviews_are_listed_by_region(
    project: Any, developer: Any, reviewers: dict[str, Any]
) -> None:
    services.review_submit(project=project, actor=developer)
    ReviewTask.objects.filter(key="gfp").update(due_on=dt.date(2020, 1, 1))
    overdue = services.overdue_by_region()
    assert [t.key for t in overdue["West and Central Africa"]] == ["gfp"]
    assert services.overdue_by_region(region="SA") == {}


def test_the_demo_puts_proposals_in_review_with_some_late(submission_rules: None) -> None:
    import io

    from django.core.management import call_command

    from pat.reviews.models import ReviewTask

    call_command("demo", "--projects", "120", stdout=io.StringIO())
    assert ReviewTask.objects.exists()
    late = ReviewTask.objects.filter(due_on__lt=dt.date.today())
    assert late.exists()


def test_a_reviewer_who_also_develops_in_the_executing_office_is_never_assigned_its_review(
    project: Any,
    developer: Any,
    reviewers: dict[str, Any],
    country_office: Any,
    mail: list[Any],
) -> None:
    # The only budget reviewer is also a developer of the executing office: an author.
    budget = reviewers["budget"]
    factories.RoleFactory(user=budget, office=country_office, kind="developer")
    version = services.review_submit(project=project, actor=developer)
    task = ReviewTask.objects.get(version=version, key="unit:budget")
    assert task.assignee is None
    assert budget.email not in {address for m in mail for address in m.to}
    with pytest.raises(ReviewDenied):
        services.task_decide(task=task, actor=budget, decision="endorse")


def test_one_submission_records_one_change_and_reindexes_once(
    project: Any,
    developer: Any,
    reviewers: dict[str, Any],
    mail: list[Any],
) -> None:
    from pat.core.models import Revision

    before = Revision.current("projects")
    changes = ProjectChange.objects.filter(project=project).count()
    services.review_submit(project=project, actor=developer)
    assert ProjectChange.objects.filter(project=project).count() == changes + 1
    change = ProjectChange.objects.filter(project=project).latest("id")
    assert set(change.changes) == {"status", "proposal version"}
    assert Revision.current("projects") == before + 1
