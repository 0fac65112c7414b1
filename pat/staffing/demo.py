"""A roster history for the demo organization, 1995 to this year.

A small simulation, not random rows: each year some staff separate (retirement
at 62, or turnover), some are promoted one grade, and vacancies are filled with
women at a rate that rises unevenly by level, so women's share in the
professional categories climbs from about 30 % (P-1/P-2 reach parity early,
the director levels late). A few country offices have only a handful of staff,
so the suppression of small counts shows. Run by `pat demo` (`--staff N`).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction

from pat.core.models import Office, Revision
from pat.staffing import figures, services
from pat.staffing.models import LevelGroup, Snapshot, Target
from pat.staffing.roster import LevelInfo, OfficeInfo, Row, Vocabulary

FIRST_YEAR = 1995
LONG_TERM = {"fixed-term", "permanent", "continuing"}

# level: (share of the staff, women's share of appointments in 1995, in this year)
LEVEL_MIX: dict[str, tuple[float, float, float]] = {
    "P-1": (0.01, 0.45, 0.60),
    "P-2": (0.05, 0.42, 0.58),
    "P-3": (0.08, 0.33, 0.55),
    "P-4": (0.07, 0.26, 0.50),
    "P-5": (0.04, 0.18, 0.46),
    "D-1": (0.015, 0.10, 0.42),
    "D-2": (0.006, 0.05, 0.40),
    "ASG": (0.002, 0.0, 0.45),
    "USG": (0.001, 0.0, 0.45),
    "GS-3": (0.06, 0.55, 0.55),
    "GS-4": (0.10, 0.60, 0.58),
    "GS-5": (0.10, 0.62, 0.60),
    "GS-6": (0.08, 0.58, 0.58),
    "GS-7": (0.04, 0.45, 0.52),
    "NO-A": (0.05, 0.30, 0.45),
    "NO-B": (0.06, 0.28, 0.45),
    "NO-C": (0.04, 0.22, 0.42),
    "NO-D": (0.02, 0.15, 0.38),
}
PROMOTION = {
    "P-1": "P-2",
    "P-2": "P-3",
    "P-3": "P-4",
    "P-4": "P-5",
    "P-5": "D-1",
    "D-1": "D-2",
    "GS-3": "GS-4",
    "GS-4": "GS-5",
    "GS-5": "GS-6",
    "GS-6": "GS-7",
    "NO-A": "NO-B",
    "NO-B": "NO-C",
    "NO-C": "NO-D",
}
SMALL_OFFICES = 4  # country offices kept to a handful of staff


@dataclass
class Person:
    number: int
    sex: str
    level: str
    office: str
    appointment: str
    birth_year: int
    entry: dt.date


def reference_dates(today: dt.date, first_year: int = FIRST_YEAR) -> list[dt.date]:
    return [dt.date(y, 12, 31) for y in range(first_year, today.year)] + [today]


def _women_rate(level: str, year: int, last_year: int) -> float:
    _share, start, end = LEVEL_MIX[level]
    progress = max(0.0, (year - FIRST_YEAR) / max(1, last_year - FIRST_YEAR))
    return start + (end - start) * progress


def build_rosters(
    *,
    staff: int = 2000,
    seed: int = 1995,
    today: dt.date | None = None,
    first_year: int = FIRST_YEAR,
) -> int:
    """Create the roster history; 0 when snapshots exist already (nothing is changed)."""
    if staff <= 0 or Snapshot.objects.exists() or not Office.objects.filter(code="hq").exists():
        return 0
    today = today or dt.date.today()
    rng = random.Random(seed)
    vocabulary = services.vocabulary()
    offices = list(Office.objects.order_by("code"))
    country = [o.code for o in offices if o.kind == Office.Kind.COUNTRY]
    small = set(country[:: max(1, len(country) // SMALL_OFFICES)][:SMALL_OFFICES])
    regional = [o.code for o in offices if o.kind == Office.Kind.REGIONAL]
    big_country = [c for c in country if c not in small]
    dates = reference_dates(today, first_year)
    last_year = dates[-1].year
    numbers = iter(range(1, 10**9))

    def office_for(level: str) -> str:
        if level in ("ASG", "USG", "D-2"):
            return "hq"
        if level.startswith("NO-"):
            return rng.choice(country if rng.random() < 0.03 else big_country)
        draw = rng.random()
        if draw < 0.35:
            return "hq"
        if draw < 0.45:
            return rng.choice(regional)
        return rng.choice(country if rng.random() < 0.02 else big_country)

    def appoint(level: str, year: int, day: dt.date) -> Person:
        sex = "F" if rng.random() < _women_rate(level, year, last_year) else "M"
        if rng.random() < 0.004:
            sex = rng.choice("XU")
        age = (
            rng.randint(24, 35) if level in ("P-1", "P-2", "GS-3", "NO-A") else rng.randint(30, 52)
        )
        return Person(
            next(numbers),
            sex,
            level,
            office_for(level),
            rng.choices(["fixed-term", "permanent", "continuing", "temporary"], [70, 10, 10, 10])[
                0
            ],
            year - age,
            day - dt.timedelta(days=rng.randint(0, 300)),
        )

    quota = {level: max(1, round(mix[0] * staff)) for level, mix in LEVEL_MIX.items()}
    people = [
        appoint(level, FIRST_YEAR - rng.randint(0, 15), dates[0])
        for level, n in quota.items()
        for _ in range(n)
    ]
    for small_office in small:
        for person in [p for p in people if p.office == small_office][6:]:
            person.office = rng.choice(big_country)
    total = 0
    with transaction.atomic():
        group = LevelGroup.objects.filter(code=figures.POPULATION_GROUP).first()
        if group is not None:
            Target.objects.get_or_create(
                group=group,
                share=50,
                year=2030,
                defaults={"source": "Demo: the organization's parity strategy"},
            )
        for day in dates:
            if day != dates[0]:
                people = _next_year(people, day, rng, appoint, quota)
            rows = [_row(p, vocabulary) for p in people]
            snapshot = services._snapshot_replace(
                as_of=day, rows=rows, actor=None, source_name="demo roster"
            )
            services._flows_around(snapshot, rows)
            total += len(rows)
        Revision.bump(services.REVISION)
    return total


def _next_year(
    people: list[Person], day: dt.date, rng: random.Random, appoint: object, quota: dict[str, int]
) -> list[Person]:
    year = day.year
    kept = [
        p
        for p in people
        if year - p.birth_year < 62
        and rng.random() > (0.10 if p.appointment == "temporary" else 0.06)
    ]
    for person in kept:
        higher = PROMOTION.get(person.level)
        # Promotions favour men early on and even out over the years.
        chance = 0.05 * (1.0 if person.sex != "F" else 0.6 + 0.4 * (year - FIRST_YEAR) / 30)
        if higher and rng.random() < chance:
            person.level = higher
    have: dict[str, int] = {}
    for person in kept:
        have[person.level] = have.get(person.level, 0) + 1
    for level, wanted in quota.items():
        for _ in range(wanted - have.get(level, 0)):
            kept.append(appoint(level, year, day))  # type: ignore[operator]
    return kept


def _row(person: Person, vocabulary: Vocabulary) -> Row:
    level: LevelInfo = vocabulary.levels[person.level]
    office: OfficeInfo = vocabulary.offices[person.office]
    return Row(
        f"D{person.number:08d}",
        person.sex,
        level,
        level.category,
        office,
        office.at_headquarters,
        person.appointment,
        person.appointment in LONG_TERM,
        person.birth_year,
        person.entry,
    )
