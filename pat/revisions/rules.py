"""When a project may be revised, and the states a revision moves through (pure: no Django).

The handbook asks for budget revisions and no-cost extensions at least a month before the
project ends (domain brief §7): a request later than that is refused unless an
administrator allows it, with a reason that is kept. Only a project that has been endorsed
and is not over (endorsed, submitted to the donor, active) is revised.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Literal

# Project statuses (pat.projects.models.Status values) a revision may be requested in.
OPEN_STATUSES = frozenset({"endorsed", "submitted", "active"})

Kind = Literal["budget", "extension", "results"]
KINDS: tuple[str, ...] = ("budget", "extension", "results")

Refusal = Literal["status", "no-end-date", "too-late", "open-revision"]

DRAFT = "draft"
IN_REVIEW = "in_review"
RETURNED = "returned"
ENDORSED = "endorsed"
WITHDRAWN = "withdrawn"

# action -> (states it starts from, state it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({DRAFT, RETURNED}), IN_REVIEW),
    "return": (frozenset({IN_REVIEW}), RETURNED),
    "endorse": (frozenset({IN_REVIEW}), ENDORSED),
    "withdraw": (frozenset({DRAFT, RETURNED}), WITHDRAWN),
}
EDITABLE = frozenset({DRAFT, RETURNED})
OPEN = frozenset({DRAFT, RETURNED, IN_REVIEW})


def target(action: str, state: str) -> str | None:
    """The state `action` leads to from `state`, or None when it is not allowed."""
    rule = TRANSITIONS.get(action)
    if rule is None or state not in rule[0]:
        return None
    return rule[1]


def month_before(day: dt.date) -> dt.date:
    """The same day a calendar month earlier (31 March → 28 or 29 February)."""
    year, month = (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def refusal(
    *,
    status: str,
    end_date: dt.date | None,
    today: dt.date,
    late_allowed: bool = False,
    open_revision: bool = False,
) -> Refusal | None:
    """Why a revision may not be requested (or submitted) now, or None when it may.

    Less than a month before the end date (or after it) is too late unless an
    administrator allowed it (`late_allowed`); one revision at a time per project.
    """
    if status not in OPEN_STATUSES:
        return "status"
    if open_revision:
        return "open-revision"
    if end_date is None:
        return "no-end-date"
    if today > month_before(end_date) and not late_allowed:
        return "too-late"
    return None


ChangeProblem = Literal["end-not-later", "end-before-start", "no-lines", "no-change"]


def change_problems(
    *,
    kind: str,
    current_end: dt.date | None,
    new_end: dt.date | None,
    start: dt.date | None,
    lines: int,
    changed: bool,
) -> list[ChangeProblem]:
    """What keeps a draft from being submitted: a no-cost extension moves the end date
    later; a budget revision keeps at least one line; every revision changes something."""
    problems: list[ChangeProblem] = []
    later = new_end is not None and (current_end is None or new_end > current_end)
    if kind == "extension" and not later:
        problems.append("end-not-later")
    if new_end is not None and start is not None and new_end < start:
        problems.append("end-before-start")
    if kind == "budget" and lines == 0:
        problems.append("no-lines")
    if not changed and "end-not-later" not in problems:
        problems.append("no-change")
    return problems


def stale(base_version: int, current_version: int) -> bool:
    """Whether the project moved on since the draft was made from it."""
    return base_version != current_version
