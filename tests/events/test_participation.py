"""The arithmetic of participation (pure: no database)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from pat.events import participation
from pat.events.models import ParticipantSex, ParticipantType

SEVENTEEN = [f"S{i:02d}" for i in range(17)]


@pytest.mark.parametrize(
    ("invited", "participated", "share", "percent"),
    [
        (SEVENTEEN, SEVENTEEN[:11], Fraction(11, 17), 65),
        (["FR", "DE"], ["FR", "DE"], Fraction(1), 100),
        (["FR", "DE"], [], Fraction(0), 0),
        ([], [], None, None),
        (["FR", "FR", "DE"], ["FR"], Fraction(1, 2), 50),  # a state counts once
        (["FR", "DE"], ["FR", "IT"], Fraction(1, 2), 50),  # an uninvited state is not counted
        (["A", "B", "C", "D", "E", "F", "G", "H"], ["A"], Fraction(1, 8), 13),  # 12.5 rounds up
    ],
)
def test_the_share_of_states_is_over_the_states_invited(
    invited: list[str], participated: list[str], share: Fraction | None, percent: int | None
) -> None:
    got = participation.state_share(invited, participated)
    assert got == share
    assert participation.percent(got) == percent


@pytest.mark.parametrize(
    ("invited", "participated", "stray"),
    [
        (["FR", "DE"], ["FR"], []),
        (["FR"], ["FR", "IT", "ES"], ["ES", "IT"]),
        ([], ["FR"], ["FR"]),
    ],
)
def test_participating_states_must_have_been_invited(
    invited: list[str], participated: list[str], stray: list[str]
) -> None:
    assert participation.states_problem(invited, participated) == stray


@pytest.mark.parametrize(
    ("cells", "bad"),
    [
        ({("government", "female"): 3, ("staff", "male"): 0}, []),
        ({("government", "female"): -1}, [("government", "female")]),
        ({("press", "female"): 2}, [("press", "female")]),
        ({("ngo", "woman"): 2}, [("ngo", "woman")]),
    ],
)
def test_cells_are_known_pairs_of_zero_or_more(
    cells: dict[tuple[str, str], int], bad: list[tuple[str, str]]
) -> None:
    assert participation.cells_problem(cells) == bad


def test_totals_add_up_by_sex_and_by_type() -> None:
    totals = participation.totals(
        {
            ("government", "female"): 9,
            ("government", "male"): 8,
            ("international", "female"): 2,
            ("staff", "female"): 4,
            ("staff", "unknown"): 1,
        }
    )
    assert totals.total == 24
    assert totals.by_sex == {"female": 15, "male": 8, "other": 0, "unknown": 1}
    assert totals.by_type == {"government": 17, "international": 2, "ngo": 0, "staff": 5}
    assert totals.women_share == Fraction(15, 23)  # over people whose sex is known
    assert participation.totals({}).women_share is None


def test_years_add_up_events_kinds_people_and_states() -> None:
    rows = [
        participation.Row(2025, "briefing", {("staff", "female"): 38, ("staff", "male"): 27}, 0, 0),
        participation.Row(2026, "consultation", {("government", "female"): 9}, 17, 11),
        participation.Row(2026, "briefing", {("government", "male"): 5}, 6, 5),
    ]
    years = participation.by_year(rows, ["meeting", "conference", "briefing", "consultation"])
    assert [y.year for y in years] == [2026, 2025]
    latest = years[0]
    assert latest.events == 2
    assert latest.by_kind == {"meeting": 0, "conference": 0, "briefing": 1, "consultation": 1}
    assert (latest.participants.total, latest.invited, latest.participated) == (14, 23, 16)
    assert latest.state_share == Fraction(16, 23)
    assert years[1].participants.by_sex["female"] == 38
    assert years[1].state_share is None


def test_the_models_choices_are_the_pure_modules_codes() -> None:
    assert tuple(ParticipantType.values) == participation.TYPES
    assert tuple(ParticipantSex.values) == participation.SEXES
