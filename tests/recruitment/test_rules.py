"""The state table and the public address of a reference: pure, no database."""

from __future__ import annotations

import pytest

from pat.recruitment.models import TRANSITIONS, State, can_move, reference_slug


@pytest.mark.parametrize(
    ("source", "target", "allowed"),
    [
        ("draft", "published", True),
        ("draft", "cancelled", True),
        ("draft", "closed", False),
        ("draft", "filled", False),
        ("published", "closed", True),
        ("published", "cancelled", True),
        ("published", "filled", False),
        ("published", "draft", False),
        ("closed", "filled", True),
        ("closed", "cancelled", True),
        ("closed", "published", False),
        ("filled", "cancelled", False),
        ("filled", "published", False),
        ("cancelled", "draft", False),
        ("cancelled", "published", False),
        ("draft", "draft", False),
        ("nonsense", "published", False),
    ],
)
def test_a_notice_moves_only_along_the_table(source: str, target: str, allowed: bool) -> None:
    assert can_move(source, target) is allowed


def test_filled_and_cancelled_are_final_and_every_state_is_in_the_table() -> None:
    assert set(TRANSITIONS) == set(State.values)
    assert TRANSITIONS[State.FILLED] == TRANSITIONS[State.CANCELLED] == frozenset()


@pytest.mark.parametrize(
    ("reference", "slug"),
    [
        ("VN 2026/041", "vn-2026-041"),
        ("SVN-2026-007", "svn-2026-007"),
        ("  VN 2026 / 41  ", "vn-2026-41"),
        ("VN2026_041", "vn2026-041"),
    ],
)
def test_the_public_address_follows_the_reference(reference: str, slug: str) -> None:
    assert reference_slug(reference) == slug
