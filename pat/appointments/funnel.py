"""The applicant funnel by sex, pure: no Django, no database (domain.md §5).

A candidate's stage is the furthest step reached (a candidate interviewed has also applied,
been long-listed and shortlisted), so each step counts everyone who reached it; a withdrawn
or rejected candidate keeps the step where they left. Conversion from one step to the next
is the share of those at the first who reached the second, per sex. Counts shown outside HR
are suppressed below 5 (`pat.staffing.privacy`), with the conversion rates hidden with them.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

STAGES: tuple[str, ...] = (
    "applied",
    "long_listed",
    "shortlisted",
    "interviewed",
    "recommended",
    "selected",
)
SEXES: tuple[str, ...] = ("female", "male", "self", "undisclosed")
SHORTLIST = "shortlisted"


def reached(stage: str, step: str) -> bool:
    return STAGES.index(stage) >= STAGES.index(step)


@dataclass(frozen=True)
class Step:
    stage: str
    counts: dict[str, int]  # sex → number who reached the step

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Conversion:
    source: str
    target: str
    rates: dict[str, float | None]  # sex → per cent of those at `source` who reached `target`


def steps(stages_by_sex: Iterable[tuple[str, str]]) -> list[Step]:
    """(stage reached, sex) of each candidate → the funnel, one step per stage."""
    counts = {s: dict.fromkeys(SEXES, 0) for s in STAGES}
    for stage, sex in stages_by_sex:
        for step in STAGES[: STAGES.index(stage) + 1]:
            counts[step][sex] += 1
    return [Step(s, counts[s]) for s in STAGES]


def conversions(
    funnel: Sequence[Step], sexes: Sequence[str] = ("female", "male")
) -> list[Conversion]:
    out = []
    for source, target in pairwise(funnel):
        out.append(
            Conversion(
                source.stage,
                target.stage,
                {
                    sex: (target.counts[sex] * 100 / source.counts[sex])
                    if source.counts[sex]
                    else None
                    for sex in sexes
                },
            )
        )
    return out


def all_male_shortlist(funnel: Sequence[Step]) -> bool:
    """Somebody was shortlisted and every one of them is a man."""
    step = next(s for s in funnel if s.stage == SHORTLIST)
    return step.counts["male"] > 0 and step.total == step.counts["male"]


def suppressed_cells(funnel: Sequence[Step], threshold: int = 5) -> set[tuple[str, str]]:
    """The (stage, sex or "total") cells to hide outside HR: each step's sexes add up to its
    total, so a small cell hides a neighbour too (`pat.staffing.privacy.suppress`)."""
    from pat.staffing.privacy import Relation, suppress

    values: dict[Hashable, int] = {}
    relations = []
    for step in funnel:
        for sex, n in step.counts.items():
            values[(step.stage, sex)] = n
        values[(step.stage, "total")] = step.total
        relations.append(
            Relation((step.stage, "total"), tuple((step.stage, sex) for sex in step.counts))
        )
    return {k for k in suppress(values, relations, threshold=threshold)}  # type: ignore[misc]


def as_rows(
    funnel: Sequence[Step], *, hidden: set[tuple[str, str]] | None = None
) -> list[dict[str, int | str]]:
    """The funnel as plain rows; a hidden count reads "<5"."""
    hidden = hidden or set()
    rows: list[dict[str, int | str]] = []
    for step in funnel:
        row: dict[str, int | str] = {"stage": step.stage}
        cells: Mapping[str, int] = {**step.counts, "total": step.total}
        for key, n in cells.items():
            row[key] = "<5" if (step.stage, key) in hidden else n
        rows.append(row)
    return rows


def visible_rates(
    conversions_: Sequence[Conversion], hidden: set[tuple[str, str]]
) -> list[Conversion]:
    """Rates computed from a hidden count would give it away: hide them with it."""
    out = []
    for c in conversions_:
        out.append(
            Conversion(
                c.source,
                c.target,
                {
                    sex: None if (c.source, sex) in hidden or (c.target, sex) in hidden else rate
                    for sex, rate in c.rates.items()
                },
            )
        )
    return out
