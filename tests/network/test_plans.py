"""Plans of Action: versions, editing with locking, approval, overdue lists, coordinator filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from pat.network import services
from pat.network.models import Action, ActionPlan, ActionStatus, PlanStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(country_office: Any, coordinator: Any) -> ActionPlan:
    plan = services.plan_create(office=country_office, period="2026", actor=coordinator)
    objective = services.objective_add(plan=plan, expected_lock=0, title="Data by sex and age")
    services.action_add(
        plan=plan,
        expected_lock=1,
        objective=objective,
        title="Review the forms",
        owner="M&E officer",
        deadline=timezone.localdate() - dt.timedelta(days=5),
    )
    services.indicator_add(
        plan=plan, expected_lock=2, name="Reports with SADD", baseline="20%", target="80%"
    )
    plan.refresh_from_db()
    return plan


def test_a_new_version_copies_objectives_actions_and_indicators(
    plan: ActionPlan, coordinator: Any
) -> None:
    second = services.plan_create(office=plan.office, period="2026", actor=coordinator)
    assert second.version == 2 and second.status == PlanStatus.DRAFT
    assert [o.title for o in second.objectives.all()] == ["Data by sex and age"]
    assert Action.objects.filter(objective__plan=second).count() == 1
    assert second.indicators.get().target == "80%"
    assert list(ActionPlan.objects.latest_versions()) == [second]


def test_a_stale_plan_edit_is_refused(plan: ActionPlan) -> None:
    with pytest.raises(services.EditConflict):
        services.objective_add(plan=plan, expected_lock=0, title="Late")
    assert plan.objectives.count() == 1


def test_an_approved_version_no_longer_changes_but_progress_is_still_recorded(
    plan: ActionPlan, chief: Any, field_focal_point: Any
) -> None:
    plan = services.plan_submit(plan=plan, expected_lock=plan.lock)
    plan = services.plan_decide(plan=plan, expected_lock=plan.lock, actor=chief, approve=True)
    assert plan.status == PlanStatus.APPROVED and plan.approved_by == chief
    with pytest.raises(services.NetworkError, match="new version"):
        services.objective_add(plan=plan, expected_lock=plan.lock, title="More")
    action = Action.objects.get()
    services.action_progress(
        plan=plan,
        expected_lock=plan.lock,
        action=action,
        status=ActionStatus.DONE,
        note="Forms revised",
        on=dt.date(2026, 3, 1),
        actor=field_focal_point,
    )
    action.refresh_from_db()
    assert action.status == "done" and action.notes.get().text == "Forms revised"


def test_an_empty_plan_cannot_be_submitted(country_office: Any, coordinator: Any) -> None:
    plan = services.plan_create(office=country_office, period="2027", actor=coordinator)
    with pytest.raises(services.NetworkError, match="objective"):
        services.plan_submit(plan=plan, expected_lock=plan.lock)


@pytest.mark.parametrize(
    ("offset", "status", "overdue", "due_soon"),
    [
        (-1, ActionStatus.PLANNED, True, False),
        (-1, ActionStatus.DONE, False, False),
        (0, ActionStatus.IN_PROGRESS, False, True),
        (30, ActionStatus.PLANNED, False, True),
        (31, ActionStatus.PLANNED, False, False),
        (5, ActionStatus.DROPPED, False, False),
    ],
)
def test_overdue_and_due_soon_lists(
    plan: ActionPlan, offset: int, status: str, overdue: bool, due_soon: bool
) -> None:
    on = timezone.localdate()
    Action.objects.update(deadline=on + dt.timedelta(days=offset), status=status)
    assert Action.objects.overdue(on).exists() == overdue
    assert Action.objects.due_soon(on, 30).exists() == due_soon
    assert Action.objects.get().is_overdue(on) == overdue


def test_the_coordinator_sees_plans_side_by_side_filtered_by_region_and_status(
    client: Any, plan: ActionPlan, other_office: Any, coordinator: Any
) -> None:
    other = services.plan_create(office=other_office, period="2026", actor=coordinator)
    ActionPlan.objects.filter(pk=other.pk).update(status=PlanStatus.APPROVED)
    client.force_login(coordinator)
    page = client.get("/network/plans/").content.decode()
    assert "Country Office Nigeria" in page and "Country Office Peru" in page
    assert 'class="num overdue"' in page and "Review the forms" in page
    page = client.get("/network/plans/?region=SA").content.decode()
    assert "Country Office Peru" in page and "Country Office Nigeria</a>" not in page
    page = client.get("/network/plans/?status=draft").content.decode()
    assert "Country Office Nigeria</a>" in page and "Country Office Peru</a>" not in page
