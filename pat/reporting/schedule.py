"""Reporting periods from a donor agreement's schedule (pure: no database, no Django).

A quarterly, half-yearly or yearly schedule cuts the project's dates into
periods of 3, 6 or 12 months from its start date; the last period ends on the
end date and is the final report's. An explicit schedule lists the period ends.
An interim report is due `due_days` after its period, the final one
`final_due_days` after the end date.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

MONTHS = {"quarterly": 3, "half_yearly": 6, "yearly": 12}
INTERIM = "interim"
FINAL = "final"
# Bounds what one schedule may generate (a 30-year project reporting quarterly).
MAX_PERIODS = 120


class ScheduleError(ValueError):
    """The schedule cannot be laid out; `code` picks the sentence the page shows."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    due_on: dt.date
    kind: str


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 =
    28 or 29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def periods(
    *,
    start: dt.date | None,
    end: dt.date | None,
    frequency: str,
    dates: Sequence[dt.date] = (),
    due_days: int = 30,
    final_due_days: int = 90,
) -> list[Period]:
    """The periods of a project from `start` to `end` (both needed)."""
    if start is None or end is None:
        raise ScheduleError("no-dates")
    if end < start:
        raise ScheduleError("end-before-start")
    ends: list[dt.date] = []
    if frequency == "dates":
        ends = sorted({d for d in dates if start <= d < end})
    elif frequency in MONTHS:
        step, n = MONTHS[frequency], 1
        while (cut := add_months(start, step * n) - dt.timedelta(days=1)) < end:
            ends.append(cut)
            n += 1
            if n > MAX_PERIODS:
                raise ScheduleError("too-many")
    else:
        raise ScheduleError("frequency")
    ends.append(end)
    if len(ends) > MAX_PERIODS:
        raise ScheduleError("too-many")
    out: list[Period] = []
    begin = start
    for index, cut in enumerate(ends):
        final = index == len(ends) - 1
        days = final_due_days if final else due_days
        out.append(Period(begin, cut, cut + dt.timedelta(days=days), FINAL if final else INTERIM))
        begin = cut + dt.timedelta(days=1)
    return out


def is_overdue(due_on: dt.date, *, on: dt.date, done: bool) -> bool:
    return not done and due_on < on
