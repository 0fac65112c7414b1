"""The applicant funnel by sex, its conversions and suppression: pure, no database."""

from __future__ import annotations

import pytest

from pat.appointments import funnel


def candidates(**by_stage: tuple[int, int]) -> list[tuple[str, str]]:
    """stage=(women, men) → (stage, sex) per candidate."""
    out = []
    for stage, (women, men) in by_stage.items():
        out += [(stage, "female")] * women + [(stage, "male")] * men
    return out


def test_each_step_counts_everyone_who_reached_it() -> None:
    steps = funnel.steps(candidates(applied=(10, 20), shortlisted=(2, 3), selected=(1, 0)))
    counts = {s.stage: (s.counts["female"], s.counts["male"]) for s in steps}
    assert counts == {
        "applied": (13, 23),
        "long_listed": (3, 3),
        "shortlisted": (3, 3),
        "interviewed": (1, 0),
        "recommended": (1, 0),
        "selected": (1, 0),
    }


def test_conversion_rates_by_sex_between_steps() -> None:
    steps = funnel.steps(candidates(applied=(8, 6), long_listed=(2, 4)))
    first = funnel.conversions(steps)[0]
    assert (first.source, first.target) == ("applied", "long_listed")
    assert first.rates == {"female": 20.0, "male": 40.0}
    # nobody at a step: no rate, not zero
    assert funnel.conversions(steps)[1].rates == {"female": 0.0, "male": 0.0}
    assert funnel.conversions(steps)[2].rates == {"female": None, "male": None}


@pytest.mark.parametrize(
    ("people", "flagged"),
    [
        (candidates(applied=(5, 5), shortlisted=(0, 3)), True),
        (candidates(applied=(5, 5), interviewed=(0, 2)), True),  # past the shortlist counts
        (candidates(applied=(5, 5), shortlisted=(1, 3)), False),
        (candidates(applied=(5, 5)), False),  # no shortlist yet
        ([("shortlisted", "male"), ("shortlisted", "self")], False),
    ],
)
def test_an_all_male_shortlist_is_flagged(people: list[tuple[str, str]], flagged: bool) -> None:
    assert funnel.all_male_shortlist(funnel.steps(people)) is flagged


def test_counts_under_five_are_hidden_with_a_neighbour() -> None:
    steps = funnel.steps(candidates(applied=(20, 30), shortlisted=(3, 6)))
    hidden = funnel.suppressed_cells(steps)
    rows = {r["stage"]: r for r in funnel.as_rows(steps, hidden=hidden)}
    assert rows["applied"]["female"] == 23 and rows["applied"]["male"] == 36
    assert rows["shortlisted"]["female"] == "<5"
    # women 3 hidden: another cell of the row goes too, or subtraction gives the 3 back
    assert sum(v == "<5" for v in rows["shortlisted"].values()) >= 2
    rates = funnel.visible_rates(funnel.conversions(steps), hidden)
    assert rates[1].rates["female"] is None  # long-listed → shortlisted reveals the 3


def test_empty_cells_are_hidden_and_the_rest_stays() -> None:
    steps = funnel.steps(candidates(selected=(5, 5)))
    hidden = funnel.suppressed_cells(steps)
    # "self" and "undisclosed" at 0 are small cells: hidden, and the rest stays
    assert ("selected", "self") in hidden and ("selected", "female") not in hidden
