"""The proposal's state machine table (domain brief §8)."""

from __future__ import annotations

import pytest

from pat.projects.models import Status
from pat.reviews import workflow


@pytest.mark.parametrize(
    ("action", "status", "to"),
    [
        ("submit", "draft", "in_review"),
        ("submit", "concept", "in_review"),
        ("return", "in_review", "draft"),
        ("endorse", "in_review", "endorsed"),
        ("submit_to_donor", "endorsed", "submitted"),
        ("activate", "submitted", "active"),
        ("not_funded", "submitted", "not_funded"),
        ("final_reporting", "active", "final_reporting"),
        ("close", "final_reporting", "closed"),
        ("withdraw", "draft", "withdrawn"),
        ("withdraw", "in_review", "withdrawn"),
        ("withdraw", "submitted", "withdrawn"),
    ],
)
def test_allowed_transitions(action: str, status: str, to: str) -> None:
    assert workflow.target(action, status) == to


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("submit", "in_review"),
        ("submit", "endorsed"),
        ("return", "draft"),
        ("endorse", "draft"),
        ("withdraw", "active"),
        ("withdraw", "closed"),
        ("activate", "endorsed"),
        ("close", "active"),
        ("fly", "draft"),
    ],
)
def test_refused_transitions(action: str, status: str) -> None:
    assert workflow.target(action, status) is None


def test_by_hand_actions_of_an_endorsed_proposal() -> None:
    assert workflow.allowed("endorsed") == ["withdraw", "submit_to_donor"]


def test_the_workflow_moves_between_the_projects_own_states_and_reaches_each() -> None:
    named = {to for _sources, to in workflow.TRANSITIONS.values()}
    named |= {s for sources, _to in workflow.TRANSITIONS.values() for s in sources}
    assert named == set(Status.values)
    # Every state but the two a project starts in is reached by some move.
    reached = {to for _sources, to in workflow.TRANSITIONS.values()}
    assert set(Status.values) - reached == {Status.CONCEPT}


def test_the_gfp_checklist_prefills_exactly_the_items_its_model_stores() -> None:
    from pat.reviews import checklist
    from pat.reviews.models import ChecklistItem

    assert list(checklist.ITEMS) == list(ChecklistItem.values)
