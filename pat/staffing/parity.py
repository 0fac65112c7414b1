"""Staff gender parity statistics, pure: no Django, no database (domain.md §5).

The caller counts; these functions compute. Shares are percentages (0–100) of
women among women and men: other and unknown stay outside the denominator and
are reported apart. Years are decimal years (2007.5 is the middle of 2007), so
a roster dated 31 December and one dated 1 January are a year apart.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

ZONE_LOW = 47
ZONE_HIGH = 53
SMALL_N = 10  # below this many women and men the zone widens to ±100/N around 50
DEFAULT_WINDOW_YEARS = 5


class Status(StrEnum):
    PARITY = "parity"
    WOMEN_UNDER = "women_under"
    MEN_UNDER = "men_under"


@dataclass(frozen=True)
class Zone:
    low: float
    high: float


@dataclass(frozen=True)
class Counts:
    women: int
    men: int
    other: int = 0  # other and unknown: shown apart, never in the share

    @property
    def binary(self) -> int:
        return self.women + self.men

    @property
    def total(self) -> int:
        return self.women + self.men + self.other

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.women + other.women, self.men + other.men, self.other + other.other)


@dataclass(frozen=True)
class TargetLine:
    """A target: at least `share` per cent women by the end of `year`."""

    share: float
    year: int


@dataclass(frozen=True)
class Figures:
    """Everything the dashboard shows beside one row."""

    counts: Counts
    share: float | None
    status: Status | None
    women_needed: int | None
    rate: float | None
    projected_year: float | None
    required_pace: float | None
    target: TargetLine | None
    on_track: bool | None


def decimal_year(day: dt.date) -> float:
    start = dt.date(day.year, 1, 1)
    length = (dt.date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


def women_share(women: int, men: int) -> float | None:
    """p = W / (W + M) × 100; None when there is nobody to count."""
    if women + men == 0:
        return None
    return women * 100 / (women + men)


def parity_zone(n: int) -> Zone | None:
    """47–53 % from ten people up; below ten the margin is ±100/N points around 50."""
    if n <= 0:
        return None
    if n >= SMALL_N:
        return Zone(ZONE_LOW, ZONE_HIGH)
    margin = 100 / n
    return Zone(max(0.0, 50 - margin), min(100.0, 50 + margin))


def status(women: int, men: int) -> Status | None:
    share = women_share(women, men)
    zone = parity_zone(women + men)
    if share is None or zone is None:
        return None
    if share < zone.low:
        return Status.WOMEN_UNDER
    if share > zone.high:
        return Status.MEN_UNDER
    return Status.PARITY


def women_needed(women: int, men: int) -> int:
    """More women needed to reach the parity zone with the total held constant.

    ceil(0.47·N − W), at least 0 (N = W + M). Below ten people the zone's own
    lower bound replaces 47 %, so a small office at parity needs nobody.
    Exact arithmetic: 0.47 × 100 is not 47 in floating point.
    """
    n = women + men
    zone = parity_zone(n)
    if zone is None:
        return 0
    low = Fraction(ZONE_LOW) if n >= SMALL_N else Fraction(50) - Fraction(100, n)
    return max(0, math.ceil(low / 100 * n - women))


def rate_of_change(
    points: Sequence[tuple[float, float]], *, window: int = DEFAULT_WINDOW_YEARS
) -> float | None:
    """Least-squares slope of the share, in points per year, over the last `window` years.

    `points` are (decimal year, share). The window runs back from the latest
    point and includes its start: shares of 1997 and 2007 with a window of ten
    give (p2007 − p1997) / 10. None with fewer than two years in the window.
    """
    if not points:
        return None
    latest = max(year for year, _ in points)
    # A week of slack: the same calendar date k years back, across leap years,
    # is a hair more than k decimal years away and must still count.
    chosen = [(x, y) for x, y in points if x >= latest - window - 7 / 365]
    if len(chosen) < 2:
        return None
    mean_x = sum(x for x, _ in chosen) / len(chosen)
    mean_y = sum(y for _, y in chosen) / len(chosen)
    spread = sum((x - mean_x) ** 2 for x, _ in chosen)
    if spread == 0:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in chosen) / spread


def projected_parity_year(share: float | None, rate: float | None, now: float) -> float | None:
    """When the share enters the zone at the current rate: t + (47 − p) / r.

    Already in the zone: `now`. Not reached at the current rate (r ≤ 0 while
    below, or no rate): None. Above the zone (men under-represented) the same
    rule runs downwards: t + (53 − p) / r while r < 0 (our symmetric extension).
    """
    if share is None:
        return None
    if ZONE_LOW <= share <= ZONE_HIGH:
        return now
    if rate is None:
        return None
    if share < ZONE_LOW:
        return now + (ZONE_LOW - share) / rate if rate > 0 else None
    return now + (ZONE_HIGH - share) / rate if rate < 0 else None


def required_pace(share: float | None, now: float, target: TargetLine | None) -> float | None:
    """(target share − p) / (T − t), points per year; None when the target year is past.

    For the parity target (50 %) this is domain.md's (50 − p) / (T − t). The
    target is met at the end of its year, so T counts as T + 1 in decimal years.
    """
    if share is None or target is None:
        return None
    years_left = (target.year + 1) - now
    if years_left <= 0:
        return None
    return (target.share - share) / years_left


def next_target(targets: Sequence[TargetLine], now: float) -> TargetLine | None:
    """The earliest target whose year has not ended yet."""
    ahead = [t for t in targets if t.year + 1 > now]
    return min(ahead, key=lambda t: (t.year, t.share)) if ahead else None


def on_track(
    share: float | None, rate: float | None, pace: float | None, target: TargetLine | None
) -> bool | None:
    """On track when r ≥ the required pace; a share already at or past the target is on track."""
    if share is None:
        return None
    if target is not None and share >= target.share:
        return True
    if pace is None:
        return None
    return rate is not None and rate >= pace


def figures(
    counts: Counts,
    history: Sequence[tuple[float, float]],
    *,
    now: float,
    targets: Sequence[TargetLine] = (),
    window: int = DEFAULT_WINDOW_YEARS,
) -> Figures:
    """All the figures of one row: `history` holds (decimal year, share) up to and with `now`."""
    share = women_share(counts.women, counts.men)
    rate = rate_of_change(history, window=window)
    target = next_target(targets, now)
    pace = required_pace(share, now, target)
    return Figures(
        counts=counts,
        share=share,
        status=status(counts.women, counts.men),
        women_needed=women_needed(counts.women, counts.men) if share is not None else None,
        rate=rate,
        projected_year=projected_parity_year(share, rate, now),
        required_pace=pace,
        target=target,
        on_track=on_track(share, rate, pace, target),
    )


@dataclass(frozen=True)
class FlowShares:
    """Women's share of each kind of flow in a period (None where there was none)."""

    appointments: float | None
    promotions: float | None
    separations: float | None


def flow_shares(appointments: Counts, promotions: Counts, separations: Counts) -> FlowShares:
    return FlowShares(
        women_share(appointments.women, appointments.men),
        women_share(promotions.women, promotions.men),
        women_share(separations.women, separations.men),
    )
