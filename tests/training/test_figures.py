"""The cumulative count, table-driven, without the database."""

from __future__ import annotations

import pytest

from pat.training.figures import YearCount, cumulative_by_year, distinct_people, reached_in


@pytest.mark.parametrize(
    ("attendances", "expected"),
    [
        ([], []),
        ([("a", 2000)], [YearCount(2000, 1, 1)]),
        # a person trained twice counts once, in the first year
        ([("a", 2001), ("a", 2000), ("b", 2001)], [YearCount(2000, 1, 1), YearCount(2001, 1, 2)]),
        # a year with nobody new keeps the running total
        (
            [("a", 1999), ("b", 2001), ("c", 2001)],
            [YearCount(1999, 1, 1), YearCount(2000, 0, 1), YearCount(2001, 2, 3)],
        ),
    ],
)
def test_people_count_once_in_the_year_they_were_first_trained(
    attendances: list[tuple[str, int]], expected: list[YearCount]
) -> None:
    assert cumulative_by_year(attendances) == expected


@pytest.mark.parametrize(("target", "year"), [(1, 1999), (3, 2001), (4, None)])
def test_the_target_is_reached_in_the_first_year_the_total_gets_there(
    target: int, year: int | None
) -> None:
    series = cumulative_by_year([("a", 1999), ("b", 2001), ("c", 2001)])
    assert reached_in(series, target) == year


def test_distinct_people_ignores_repeat_attendance() -> None:
    assert distinct_people([("a", 1), ("a", 2), ("b", 2)]) == 2
