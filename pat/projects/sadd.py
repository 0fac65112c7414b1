"""Sex- and age-disaggregated data (SADD): pure functions over plain values.

The caller queries; these functions compute (cells add up, completeness,
percent female, small-cell suppression).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

SMALL_CELL = 5


@dataclass(frozen=True)
class Cell:
    sex: str
    band: str
    value: Decimal | None


def total(cells: Iterable[Cell]) -> Decimal:
    return sum((c.value for c in cells if c.value is not None), Decimal(0))


def adds_up(cells: Iterable[Cell], stated_total: Decimal | None) -> bool:
    """Whether the cells sum to the stated total (no total stated: nothing to check)."""
    if stated_total is None:
        return True
    return total(cells) == stated_total


def completeness(cells: Iterable[Cell], required: int) -> float:
    """Share of required cells that hold a value (0.0 to 1.0)."""
    if required <= 0:
        return 1.0
    filled = sum(1 for c in cells if c.value is not None)
    return min(filled / required, 1.0)


def percent_female(cells: Iterable[Cell]) -> float | None:
    """Women's and girls' share of the cells of known sex; None when nobody is counted."""
    known = [c for c in cells if c.value is not None and c.sex in {"female", "male"}]
    denominator = sum((c.value for c in known if c.value is not None), Decimal(0))
    if denominator == 0:
        return None
    female = sum((c.value for c in known if c.sex == "female" and c.value is not None), Decimal(0))
    return float(female / denominator * 100)


def suppress_small(values: Mapping[str, int], threshold: int = SMALL_CELL) -> dict[str, int | None]:
    """Hide counts under the threshold in public or aggregated output (None = suppressed)."""
    return {key: (None if 0 < v < threshold else v) for key, v in values.items()}


# Why a set of target cells breaks the rules (targets_problem); None when it keeps them.
MISSING = "missing"
OTHER_BANDS = "other-bands"
NOT_WHOLE = "not-whole"
DO_NOT_ADD_UP = "do-not-add-up"


def targets_problem(
    cells: Iterable[Cell], stated_total: Decimal | None, *, bands: Iterable[str]
) -> str | None:
    """The one set of rules for the targets of an indicator that counts people.

    Some cell is filled, every cell is of the indicator's age bands, people are
    counted in whole numbers (never negative), and the cells add up to the stated
    target (none stated: their sum becomes the target).
    """
    filled = [c for c in cells if c.value is not None]
    if not filled:
        return MISSING
    if {c.band for c in filled} - set(bands):
        return OTHER_BANDS
    if any(
        c.value is None or c.value < 0 or c.value != c.value.to_integral_value() for c in filled
    ):
        return NOT_WHOLE
    if not adds_up(filled, stated_total):
        return DO_NOT_ADD_UP
    return None
