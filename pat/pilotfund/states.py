"""The states of a call, a proposal in the fund and a grant, and the moves between them.

Pure: no Django. Each machine is a table (state, action) → next state; `move` is the one
question the services ask before writing a state, so a refused move changes nothing.
"""

from __future__ import annotations

from typing import Final, Literal

Machine = Literal["call", "proposal", "grant"]

CALL: Final[dict[tuple[str, str], str]] = {
    ("draft", "open"): "open",
    ("open", "close"): "closed",
    ("closed", "reopen"): "open",
    ("closed", "decide"): "decided",
    ("decided", "finish"): "finished",
}

PROPOSAL: Final[dict[tuple[str, str], str]] = {
    ("entered", "submit"): "in_review",
    ("entered", "withdraw"): "withdrawn",
    ("in_review", "withdraw"): "withdrawn",
    # Scored once the review has endorsed the project; decided when the call is.
    ("in_review", "select"): "selected",
    ("in_review", "reject"): "not_selected",
    ("entered", "reject"): "not_selected",  # never reviewed: cannot be chosen
}

GRANT: Final[dict[tuple[str, str], str]] = {
    ("active", "suspend"): "suspended",
    ("suspended", "resume"): "active",
    ("active", "close"): "closed",
    ("suspended", "close"): "closed",
}

TABLES: Final[dict[str, dict[tuple[str, str], str]]] = {
    "call": CALL,
    "proposal": PROPOSAL,
    "grant": GRANT,
}


class MoveRefused(ValueError):
    def __init__(self, machine: str, state: str, action: str) -> None:
        self.machine, self.state, self.action = machine, state, action
        super().__init__(f"{machine}: {action!r} is not possible from {state!r}")


def move(machine: Machine, state: str, action: str) -> str:
    """The state after `action`, or MoveRefused if the table has no such move."""
    try:
        return TABLES[machine][(state, action)]
    except KeyError:
        raise MoveRefused(machine, state, action) from None


def actions(machine: Machine, state: str) -> list[str]:
    """The actions possible from `state`, in the table's order (for the page's buttons)."""
    return [action for (start, action) in TABLES[machine] if start == state]


def may_disburse(grant_state: str) -> bool:
    """Money goes out only to an active grant (a suspended or closed one is refused)."""
    return grant_state == "active"
