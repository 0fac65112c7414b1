"""The parity formulas of domain.md §5, on worked cases; no database."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from pat.staffing import parity
from pat.staffing.parity import Counts, Status, TargetLine


@pytest.mark.parametrize(
    ("women", "men", "share"),
    [(15, 36, 15 * 100 / 51), (0, 10, 0.0), (10, 0, 100.0), (5, 5, 50.0), (0, 0, None)],
)
def test_women_share_counts_women_among_women_and_men(women, men, share):
    assert parity.women_share(women, men) == share


def test_other_and_unknown_stay_outside_the_share_and_are_counted_apart():
    counts = Counts(women=15, men=36, other=4)
    figures = parity.figures(counts, [], now=2020.0)
    assert figures.share == pytest.approx(29.41, abs=0.01)
    assert counts.total == 55
    assert counts.binary == 51


@pytest.mark.parametrize(
    ("n", "low", "high"),
    [(10, 47, 53), (51, 47, 53), (1000, 47, 53), (5, 30, 70), (8, 37.5, 62.5), (2, 0, 100)],
)
def test_the_parity_zone_widens_to_100_over_n_below_ten(n, low, high):
    zone = parity.parity_zone(n)
    assert zone is not None
    assert (zone.low, zone.high) == (low, high)


@pytest.mark.parametrize(
    ("women", "men", "expected"),
    [
        (47, 53, Status.PARITY),
        (53, 47, Status.PARITY),
        (46, 54, Status.WOMEN_UNDER),
        (54, 46, Status.MEN_UNDER),
        (15, 36, Status.WOMEN_UNDER),
        (2, 3, Status.PARITY),  # 40 % of five is inside 30–70
        (1, 4, Status.WOMEN_UNDER),  # 20 % of five is not
        (0, 0, None),
    ],
)
def test_status(women, men, expected):
    assert parity.status(women, men) == expected


@pytest.mark.parametrize(
    ("women", "men", "needed"),
    [
        (15, 36, 9),  # the published worked case: 15 women among 51 staff
        (40, 60, 7),  # 0.47 × 100 − 40 exactly, no floating-point 8
        (47, 53, 0),
        (60, 40, 0),
        (0, 10, 5),
        (1, 4, 1),  # below ten the zone's bound (30 % of five) replaces 47 %
        (0, 0, 0),
    ],
)
def test_women_needed_holds_the_total_constant(women, men, needed):
    assert parity.women_needed(women, men) == needed


def test_rate_of_change_is_the_least_squares_slope_over_the_window():
    points = [(2000.0, 30.0), (2001.0, 31.0), (2002.0, 33.0), (2003.0, 33.0), (2004.0, 35.0)]
    # slope of 30, 31, 33, 33, 35 against 0..4 is 1.2
    assert parity.rate_of_change(points, window=5) == pytest.approx(1.2)
    # a window of two keeps 2002–2004: 33, 33, 35 → 1.0
    assert parity.rate_of_change(points, window=2) == pytest.approx(1.0)
    assert parity.rate_of_change(points[:1]) is None
    assert parity.rate_of_change([]) is None


def test_projected_year_follows_the_published_worked_case():
    # shares moving from p1997 to p2007: r = (p2007 − p1997) / 10 and the year
    # is 2007 + (47 − p2007) / r
    p1997, p2007 = 32.0, 37.4
    rate = parity.rate_of_change([(1997.0, p1997), (2007.0, p2007)], window=10)
    assert rate == pytest.approx((p2007 - p1997) / 10)
    year = parity.projected_parity_year(p2007, rate, 2007.0)
    assert year == pytest.approx(2007 + (47 - p2007) / ((p2007 - p1997) / 10))
    assert year == pytest.approx(2024.78, abs=0.01)


@pytest.mark.parametrize(
    ("share", "rate", "now", "expected"),
    [
        (50.0, 0.0, 2020.0, 2020.0),  # already in the zone
        (40.0, 0.0, 2020.0, None),  # not reached at the current rate
        (40.0, -1.0, 2020.0, None),
        (40.0, 1.0, 2020.0, 2027.0),
        (60.0, -1.0, 2020.0, 2027.0),  # above the zone, falling towards 53
        (60.0, 1.0, 2020.0, None),
        (40.0, None, 2020.0, None),
        (None, 1.0, 2020.0, None),
    ],
)
def test_projected_parity_year(share, rate, now, expected):
    assert parity.projected_parity_year(share, rate, now) == expected


def test_required_pace_to_a_target_year_and_on_track():
    target = TargetLine(50.0, 2029)
    pace = parity.required_pace(40.0, 2025.0, target)  # ten points in five years
    assert pace == pytest.approx(2.0)
    assert parity.on_track(40.0, 2.5, pace, target) is True
    assert parity.on_track(40.0, 1.0, pace, target) is False
    assert parity.on_track(40.0, None, pace, target) is False
    assert parity.required_pace(40.0, 2030.5, target) is None  # the year is past
    assert parity.on_track(55.0, -1.0, None, target) is True  # already past the target


def test_the_next_target_is_the_earliest_whose_year_has_not_ended():
    seed = [TargetLine(40.0, 2002), TargetLine(50.0, 2008)]
    assert parity.next_target(seed, 2001.5) == TargetLine(40.0, 2002)
    assert parity.next_target(seed, 2005.0) == TargetLine(50.0, 2008)
    assert parity.next_target(seed, 2026.0) is None


def test_figures_put_every_measure_of_a_row_together():
    history = [(2016.0, 25.0), (2018.0, 27.0), (2021.0, 29.41)]
    figures = parity.figures(
        Counts(15, 36), history, now=2021.0, targets=[TargetLine(50.0, 2030)], window=5
    )
    assert figures.status == Status.WOMEN_UNDER
    assert figures.women_needed == 9
    assert figures.rate is not None and figures.rate > 0
    assert figures.projected_year is not None and figures.projected_year > 2021
    assert figures.required_pace == pytest.approx((50 - 15 * 100 / 51) / 10)
    assert figures.on_track is False


def test_flow_shares_are_womens_share_of_each_kind():
    shares = parity.flow_shares(Counts(6, 4), Counts(1, 3), Counts(0, 0))
    assert shares.appointments == 60.0
    assert shares.promotions == 25.0
    assert shares.separations is None


@pytest.mark.parametrize(
    ("day", "year"),
    [(dt.date(2007, 1, 1), 2007.0), (dt.date(2008, 7, 2), 2008 + 183 / 366)],
)
def test_decimal_years(day, year):
    assert parity.decimal_year(day) == pytest.approx(year)


def test_the_statistics_module_does_not_import_django():
    code = (
        "import sys, pat.staffing.parity, pat.staffing.privacy, pat.staffing.roster; "
        "print('django' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_window_reaches_the_same_date_k_years_back_across_leap_years():
    points = [
        (parity.decimal_year(dt.date(2019, 12, 31)), 30.0),
        (parity.decimal_year(dt.date(2024, 12, 31)), 40.0),
    ]
    assert parity.rate_of_change(points, window=5) == pytest.approx(2.0, abs=0.01)
