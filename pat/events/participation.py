"""Who took part in an event, counted (pure: no database, no Django).

An event's participants are counted in cells, one per participant type and sex, as the
projects count people (female, male, other, unknown). Member States are ISO 3166-1 codes:
the share that participated is over the states invited, and a state counts as having
participated only if it was invited (an uninvited state is refused at entry).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

TYPES: tuple[str, ...] = ("government", "international", "ngo", "staff")
SEXES: tuple[str, ...] = ("female", "male", "other", "unknown")

Cells = Mapping[tuple[str, str], int]  # (participant type, sex) -> people


def state_share(invited: Iterable[str], participated: Iterable[str]) -> Fraction | None:
    """Participating invited states over invited states; None when none were invited."""
    asked = set(invited)
    if not asked:
        return None
    return Fraction(len(asked & set(participated)), len(asked))


def percent(share: Fraction | None) -> int | None:
    """A share as a whole percentage, half up (11 of 17 is 65 %)."""
    if share is None:
        return None
    return int(share * 100 + Fraction(1, 2))


def states_problem(invited: Iterable[str], participated: Iterable[str]) -> list[str]:
    """Codes of participating states that were not invited, sorted (empty when consistent)."""
    return sorted(set(participated) - set(invited))


def cells_problem(cells: Cells) -> list[tuple[str, str]]:
    """Cells that are not a known (type, sex) pair or hold a negative count."""
    return sorted(
        key
        for key, value in cells.items()
        if key[0] not in TYPES or key[1] not in SEXES or value < 0
    )


@dataclass(frozen=True)
class Totals:
    total: int
    by_sex: dict[str, int]
    by_type: dict[str, int]

    @property
    def women_share(self) -> Fraction | None:
        """Women among participants whose sex is known (female or male)."""
        known = self.by_sex["female"] + self.by_sex["male"]
        return Fraction(self.by_sex["female"], known) if known else None


def totals(cells: Cells) -> Totals:
    by_sex = dict.fromkeys(SEXES, 0)
    by_type = dict.fromkeys(TYPES, 0)
    for (kind, sex), value in cells.items():
        by_sex[sex] = by_sex.get(sex, 0) + value
        by_type[kind] = by_type.get(kind, 0) + value
    return Totals(sum(by_sex.values()), by_sex, by_type)


@dataclass(frozen=True)
class Row:
    """One event's figures, as the dashboard adds them up."""

    year: int
    kind: str
    cells: Cells
    invited: int
    participated: int


@dataclass(frozen=True)
class YearFigures:
    year: int
    events: int
    by_kind: dict[str, int]
    participants: Totals
    invited: int
    participated: int

    @property
    def state_share(self) -> Fraction | None:
        return Fraction(self.participated, self.invited) if self.invited else None


def by_year(rows: Iterable[Row], kinds: Iterable[str]) -> list[YearFigures]:
    """Events, participants by sex and type, and states per year, the latest year first."""
    kinds = tuple(kinds)
    grouped: dict[int, list[Row]] = {}
    for row in rows:
        grouped.setdefault(row.year, []).append(row)
    out = []
    for year in sorted(grouped, reverse=True):
        items = grouped[year]
        merged: dict[tuple[str, str], int] = {}
        for row in items:
            for key, value in row.cells.items():
                merged[key] = merged.get(key, 0) + value
        by_kind = dict.fromkeys(kinds, 0)
        for row in items:
            by_kind[row.kind] = by_kind.get(row.kind, 0) + 1
        out.append(
            YearFigures(
                year=year,
                events=len(items),
                by_kind=by_kind,
                participants=totals(merged),
                invited=sum(r.invited for r in items),
                participated=sum(r.participated for r in items),
            )
        )
    return out
