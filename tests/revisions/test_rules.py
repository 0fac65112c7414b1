"""When a revision may be requested, and its states (pure: no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from pat.revisions import rules

D = dt.date


@pytest.mark.parametrize(
    ("day", "before"),
    [
        (D(2026, 6, 30), D(2026, 5, 30)),
        (D(2026, 3, 31), D(2026, 2, 28)),
        (D(2028, 3, 31), D(2028, 2, 29)),  # leap year
        (D(2026, 1, 15), D(2025, 12, 15)),
        (D(2026, 5, 1), D(2026, 4, 1)),
    ],
)
def test_a_month_before_is_the_same_day_of_the_previous_month(
    day: dt.date, before: dt.date
) -> None:
    assert rules.month_before(day) == before


END = D(2026, 6, 30)  # a month before: 30 May


@pytest.mark.parametrize(
    ("status", "end", "today", "late_allowed", "open_revision", "refusal"),
    [
        ("active", END, D(2026, 5, 29), False, False, None),
        ("active", END, D(2026, 5, 30), False, False, None),  # exactly a month before: on time
        ("active", END, D(2026, 5, 31), False, False, "too-late"),
        ("active", END, D(2026, 6, 30), False, False, "too-late"),
        ("active", END, D(2026, 8, 1), False, False, "too-late"),  # after the end
        ("active", END, D(2026, 6, 15), True, False, None),  # an administrator allowed it
        ("endorsed", END, D(2026, 1, 1), False, False, None),
        ("submitted", END, D(2026, 1, 1), False, False, None),
        ("draft", END, D(2026, 1, 1), False, False, "status"),
        ("in_review", END, D(2026, 1, 1), False, False, "status"),
        ("final_reporting", END, D(2026, 1, 1), False, False, "status"),
        ("closed", END, D(2026, 1, 1), True, False, "status"),
        ("active", None, D(2026, 1, 1), False, False, "no-end-date"),
        ("active", END, D(2026, 1, 1), False, True, "open-revision"),
    ],
)
def test_who_may_request_a_revision_when(
    status: str,
    end: dt.date | None,
    today: dt.date,
    late_allowed: bool,
    open_revision: bool,
    refusal: str | None,
) -> None:
    got = rules.refusal(
        status=status,
        end_date=end,
        today=today,
        late_allowed=late_allowed,
        open_revision=open_revision,
    )
    assert got == refusal


@pytest.mark.parametrize(
    ("kind", "new_end", "lines", "changed", "problems"),
    [
        ("extension", D(2026, 10, 31), 2, True, []),
        ("extension", END, 2, False, ["end-not-later"]),
        ("extension", D(2026, 1, 1), 2, True, ["end-not-later"]),
        ("extension", D(2024, 1, 1), 2, True, ["end-not-later", "end-before-start"]),
        ("budget", END, 3, True, []),
        ("budget", END, 0, True, ["no-lines"]),
        ("budget", END, 2, False, ["no-change"]),
        ("results", END, 2, False, ["no-change"]),
        ("results", END, 2, True, []),
    ],
)
def test_what_keeps_a_draft_from_review(
    kind: str, new_end: dt.date, lines: int, changed: bool, problems: list[str]
) -> None:
    got = rules.change_problems(
        kind=kind,
        current_end=END,
        new_end=new_end,
        start=D(2025, 1, 1),
        lines=lines,
        changed=changed,
    )
    assert got == problems


@pytest.mark.parametrize(
    ("action", "state", "to"),
    [
        ("submit", "draft", "in_review"),
        ("submit", "returned", "in_review"),
        ("submit", "in_review", None),
        ("submit", "endorsed", None),
        ("endorse", "in_review", "endorsed"),
        ("endorse", "draft", None),
        ("return", "in_review", "returned"),
        ("withdraw", "draft", "withdrawn"),
        ("withdraw", "in_review", None),
        ("withdraw", "endorsed", None),
        ("apply", "draft", None),
    ],
)
def test_the_states_a_revision_moves_through(action: str, state: str, to: str | None) -> None:
    assert rules.target(action, state) == to


def test_a_draft_is_stale_once_the_project_moved_on() -> None:
    assert not rules.stale(4, 4)
    assert rules.stale(4, 5)
