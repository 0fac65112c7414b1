"""Small-cell suppression for aggregates shown outside HR, pure: no Django.

A count under the threshold (5) is shown as "<5" (primary suppression). A
hidden count must not be recoverable by subtraction from a total that is
shown, so whenever an additive relation (total = sum of parts) has exactly one
hidden member, the smallest shown member of that relation is hidden too
(complementary suppression), until no relation has exactly one hidden member.
Zero is a small count like any other: showing it would tell readers that the
hidden neighbours are 1–4.

This is the usual heuristic of statistical offices (cell suppression with a
complementary pass over every published total), not an optimal solver; each
table passes every relation it publishes, including subtotals such as a
region over its offices.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

THRESHOLD = 5
HIDDEN = "<5"

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Relation:
    """total = sum(parts): the keys of cells published together."""

    total: Hashable
    parts: tuple[Hashable, ...]

    def members(self) -> tuple[Hashable, ...]:
        return (self.total, *self.parts)


def suppress(
    values: Mapping[K, int],
    relations: Sequence[Relation],
    *,
    threshold: int = THRESHOLD,
    cost: Callable[[K], float] | None = None,
) -> set[K]:
    """The keys of the cells to hide.

    `cost` says what hiding a cell loses (the count itself by default); the
    complement is the shown cell of least cost. The dashboard makes women and
    men dearer than totals, so a small "other" count hides a row's total
    rather than its women, and the share stays readable.
    """
    hidden: set[K] = {key for key, value in values.items() if value < threshold}
    changed = True
    while changed:
        changed = False
        for relation in relations:
            members = [m for m in relation.members() if m in values]
            hidden_here = [m for m in members if m in hidden]
            if len(hidden_here) != 1:
                continue
            shown = [m for m in members if m not in hidden]
            if not shown:
                continue
            # The smallest shown cell costs the least information; parts before
            # the total, so a published total stays when a part can go instead.
            pick = min(
                shown,
                key=lambda m: (
                    cost(m) if cost else values[m],  # type: ignore[arg-type, index]
                    m == relation.total,
                ),
            )
            hidden.add(pick)  # type: ignore[arg-type]
            changed = True
    return hidden


def table_relations(
    rows: Sequence[Hashable],
    columns: Sequence[Hashable],
    *,
    row_total: Hashable = "total",
    column_total: Hashable = "all",
    groups: Mapping[Hashable, Sequence[Hashable]] | None = None,
) -> list[Relation]:
    """Relations of a table of cells (row, column) with row totals, column totals and
    optional subtotal rows (`groups`: subtotal row → the rows it adds up).

    Cells are keyed (row, column); a row's total is (row, row_total); the
    column totals are (column_total, column).
    """
    every_column = [*columns, row_total]
    relations = [
        Relation((row, row_total), tuple((row, c) for c in columns))
        for row in [*rows, column_total, *(groups or {})]
    ]
    relations += [
        Relation((column_total, c), tuple((row, c) for row in rows)) for c in every_column
    ]
    for subtotal, members in (groups or {}).items():
        relations += [
            Relation((subtotal, c), tuple((row, c) for row in members)) for c in every_column
        ]
    return relations


def masked(value: int, hide: bool) -> int | str:
    return HIDDEN if hide else value
