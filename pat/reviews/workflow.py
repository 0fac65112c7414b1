"""The proposal's life as a state machine (domain brief §8): which transitions exist.

draft → in review (parallel review tasks) → endorsed when every required review
endorses; a return sends it back to draft; endorsed → submitted to donor →
active or not funded; active → final reporting → closed; any state before
active → withdrawn. A project still a concept may be submitted too: the
concept note is reviewed like a full proposal.

The states are the project's own (`Status`); the projects services write them
(`status_move`), this table only names the moves the review workflow asks for.
"""

from __future__ import annotations

from typing import Literal

from pat.projects.models import Status

Action = Literal[
    "submit",
    "return",
    "endorse",
    "withdraw",
    "submit_to_donor",
    "activate",
    "not_funded",
    "final_reporting",
    "close",
]

CONCEPT = Status.CONCEPT
DRAFT = Status.DRAFT
IN_REVIEW = Status.IN_REVIEW
ENDORSED = Status.ENDORSED
SUBMITTED = Status.SUBMITTED
ACTIVE = Status.ACTIVE
FINAL_REPORTING = Status.FINAL_REPORTING
CLOSED = Status.CLOSED
NOT_FUNDED = Status.NOT_FUNDED
WITHDRAWN = Status.WITHDRAWN

# action -> (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({CONCEPT, DRAFT}), IN_REVIEW),
    "return": (frozenset({IN_REVIEW}), DRAFT),
    "endorse": (frozenset({IN_REVIEW}), ENDORSED),
    "withdraw": (frozenset({CONCEPT, DRAFT, IN_REVIEW, ENDORSED, SUBMITTED}), WITHDRAWN),
    "submit_to_donor": (frozenset({ENDORSED}), SUBMITTED),
    "activate": (frozenset({SUBMITTED}), ACTIVE),
    "not_funded": (frozenset({SUBMITTED}), NOT_FUNDED),
    "final_reporting": (frozenset({ACTIVE}), FINAL_REPORTING),
    "close": (frozenset({FINAL_REPORTING}), CLOSED),
}

# What the project's developers may do by hand; return and endorse come from reviews.
BY_HAND: tuple[str, ...] = (
    "withdraw",
    "submit_to_donor",
    "activate",
    "not_funded",
    "final_reporting",
    "close",
)


def target(action: str, status: str) -> str | None:
    """The status `action` leads to from `status`, or None when it is not allowed."""
    rule = TRANSITIONS.get(action)
    if rule is None:
        return None
    sources, to = rule
    return to if status in sources else None


def allowed(status: str, actions: tuple[str, ...] = BY_HAND) -> list[str]:
    """The actions among `actions` that `status` allows, in their order."""
    return [a for a in actions if target(a, status) is not None]
