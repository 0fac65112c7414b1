from decimal import Decimal

import pytest

from pat.projects import sadd
from pat.projects.sadd import Cell, adds_up, completeness, percent_female, suppress_small

CELLS = [
    Cell("female", "0-17", Decimal(30)),
    Cell("female", "18+", Decimal(70)),
    Cell("male", "0-17", Decimal(50)),
    Cell("male", "18+", None),
    Cell("unknown", "18+", Decimal(5)),
]


@pytest.mark.parametrize(
    ("stated", "expected"), [(Decimal(155), True), (Decimal(150), False), (None, True)]
)
def test_cells_add_up_to_the_stated_total(stated: Decimal | None, expected: bool) -> None:
    assert adds_up(CELLS, stated) is expected


def test_completeness_counts_filled_cells_of_those_required() -> None:
    assert completeness(CELLS, 8) == 0.5
    assert completeness([], 0) == 1.0


def test_percent_female_leaves_unknown_sex_out_of_the_denominator() -> None:
    assert percent_female(CELLS) == pytest.approx(100 * 100 / 150)
    assert percent_female([Cell("unknown", "x", Decimal(3))]) is None


def test_small_cells_are_suppressed_but_zero_is_kept() -> None:
    assert suppress_small({"a": 3, "b": 0, "c": 12}) == {"a": None, "b": 0, "c": 12}


@pytest.mark.parametrize(
    ("cells", "stated", "problem"),
    [
        ([], None, sadd.MISSING),
        ([("female", "1", None)], Decimal(5), sadd.MISSING),
        ([("female", "9", Decimal(5))], None, sadd.OTHER_BANDS),
        ([("female", "1", Decimal("2.5"))], None, sadd.NOT_WHOLE),
        ([("female", "1", Decimal(-1))], None, sadd.NOT_WHOLE),
        ([("female", "1", Decimal(5)), ("male", "2", Decimal(5))], Decimal(11), sadd.DO_NOT_ADD_UP),
        ([("female", "1", Decimal(5)), ("male", "2", Decimal(5))], Decimal(10), None),
        ([("female", "1", Decimal(5))], None, None),
        ([("female", "1", Decimal("5.00"))], Decimal("5.0"), None),
    ],
)
def test_the_rules_for_targets_of_an_indicator_that_counts_people(
    cells: list[tuple[str, str, Decimal | None]], stated: Decimal | None, problem: str | None
) -> None:
    given = [sadd.Cell(sex, band, value) for sex, band, value in cells]
    assert sadd.targets_problem(given, stated, bands={"1", "2"}) == problem
