"""The transition tables of the call, the proposal in the fund and the grant (pure)."""

from __future__ import annotations

import pytest

from pat.pilotfund import states


@pytest.mark.parametrize(
    ("machine", "state", "action", "after"),
    [
        ("call", "draft", "open", "open"),
        ("call", "open", "close", "closed"),
        ("call", "closed", "reopen", "open"),
        ("call", "closed", "decide", "decided"),
        ("call", "decided", "finish", "finished"),
        ("proposal", "entered", "submit", "in_review"),
        ("proposal", "entered", "withdraw", "withdrawn"),
        ("proposal", "in_review", "withdraw", "withdrawn"),
        ("proposal", "in_review", "select", "selected"),
        ("proposal", "in_review", "reject", "not_selected"),
        ("proposal", "entered", "reject", "not_selected"),
        ("grant", "active", "suspend", "suspended"),
        ("grant", "suspended", "resume", "active"),
        ("grant", "active", "close", "closed"),
        ("grant", "suspended", "close", "closed"),
    ],
)
def test_each_allowed_move_leads_to_its_state(
    machine: states.Machine, state: str, action: str, after: str
) -> None:
    assert states.move(machine, state, action) == after


@pytest.mark.parametrize(
    ("machine", "state", "action"),
    [
        ("call", "draft", "close"),
        ("call", "draft", "decide"),
        ("call", "open", "decide"),  # the selection waits until the call is closed
        ("call", "decided", "reopen"),
        ("call", "finished", "open"),
        ("proposal", "entered", "select"),  # never selected without the review
        ("proposal", "selected", "reject"),
        ("proposal", "not_selected", "select"),
        ("proposal", "withdrawn", "submit"),
        ("grant", "closed", "resume"),
        ("grant", "closed", "suspend"),
        ("grant", "active", "resume"),
        ("call", "open", "no-such-action"),
    ],
)
def test_a_move_the_table_lacks_is_refused(
    machine: states.Machine, state: str, action: str
) -> None:
    with pytest.raises(states.MoveRefused):
        states.move(machine, state, action)


@pytest.mark.parametrize(
    ("machine", "state", "expected"),
    [
        ("call", "draft", ["open"]),
        ("call", "closed", ["reopen", "decide"]),
        ("call", "finished", []),
        ("grant", "active", ["suspend", "close"]),
        ("proposal", "selected", []),
    ],
)
def test_the_page_offers_exactly_the_possible_actions(
    machine: states.Machine, state: str, expected: list[str]
) -> None:
    assert states.actions(machine, state) == expected


@pytest.mark.parametrize(
    ("state", "may"), [("active", True), ("suspended", False), ("closed", False)]
)
def test_only_an_active_grant_is_paid(state: str, may: bool) -> None:
    assert states.may_disburse(state) is may
