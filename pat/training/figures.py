"""The training figures as pure functions: the caller queries, these count (no Django).

A person trained twice is one person trained: the cumulative count of project developers
counts each person in the year of their first attended session.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class YearCount:
    year: int
    new: int
    cumulative: int


def cumulative_by_year(attendances: Iterable[tuple[str, int]]) -> list[YearCount]:
    """Yearly new and cumulative counts of people from (person, year attended) pairs.

    Each person counts once, in the first year they attended; the years run without gaps
    from the first to the last, so a year with nobody new still shows the running total.
    """
    first: dict[str, int] = {}
    for person, year in attendances:
        if person not in first or year < first[person]:
            first[person] = year
    if not first:
        return []
    per_year = Counter(first.values())
    out: list[YearCount] = []
    total = 0
    for year in range(min(per_year), max(per_year) + 1):
        total += per_year.get(year, 0)
        out.append(YearCount(year, per_year.get(year, 0), total))
    return out


def reached_in(series: list[YearCount], target: int) -> int | None:
    """The first year the cumulative count reached `target`, or None."""
    return next((row.year for row in series if row.cumulative >= target), None)


def distinct_people(attendances: Iterable[tuple[str, int]]) -> int:
    return len({person for person, _year in attendances})
