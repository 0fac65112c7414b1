"""Small-cell suppression with complementary suppression; no database."""

from __future__ import annotations

import itertools

import pytest

from pat.staffing.privacy import HIDDEN, Relation, masked, suppress, table_relations


def table(rows: dict[str, tuple[int, int]]) -> dict[object, int]:
    values: dict[object, int] = {}
    for name, (w, m) in rows.items():
        values[(name, "w")] = w
        values[(name, "m")] = m
        values[(name, "total")] = w + m
    for column in ("w", "m", "total"):
        values[("all", column)] = sum(values[(name, column)] for name in rows)
    return values


def recoverable(values: dict[object, int], relations: list[Relation], hidden: set[object]) -> bool:
    """True when some relation has exactly one hidden member (it could be subtracted out)."""
    return any(sum(1 for m in r.members() if m in hidden and m in values) == 1 for r in relations)


@pytest.mark.parametrize(
    ("rows", "must_hide"),
    [
        # nothing small: nothing hidden
        ({"a": (10, 12), "b": (20, 30)}, set()),
        # one small cell: its row neighbour and a column neighbour go too
        ({"a": (3, 12), "b": (20, 30), "c": (9, 8)}, {("a", "w"), ("a", "m")}),
        # a small row total hides the whole row
        ({"a": (1, 2), "b": (20, 30), "c": (9, 8)}, {("a", "w"), ("a", "m"), ("a", "total")}),
        # zero is a small count too
        ({"a": (0, 12), "b": (20, 30), "c": (9, 8)}, {("a", "w")}),
    ],
)
def test_small_cells_are_hidden_and_none_can_be_worked_out(rows, must_hide):
    values = table(rows)
    relations = table_relations(list(rows), ("w", "m"))
    hidden = suppress(values, relations)
    assert must_hide <= hidden
    assert not recoverable(values, relations, hidden)
    assert all(values[k] >= 5 for k in values if k not in hidden)


def test_the_complement_is_the_smallest_shown_cell():
    values = table({"a": (3, 40), "b": (20, 30), "c": (9, 8)})
    hidden = suppress(values, table_relations(["a", "b", "c"], ("w", "m")))
    # column w: a is hidden, c (9) is the smallest other woman count
    assert ("c", "w") in hidden
    assert ("b", "w") not in hidden


def test_a_subtotal_relation_pulls_a_second_cell_inside_the_group():
    rows = {"x1": (3, 20), "x2": (30, 40), "y1": (6, 20), "y2": (9, 20)}
    values = table(rows)
    relations = table_relations(list(rows), ("w", "m"), groups={"x": ["x1", "x2"]})
    for column in ("w", "m", "total"):
        values[("x", column)] = values[("x1", column)] + values[("x2", column)]
    hidden = suppress(values, relations)
    assert not recoverable(values, relations, hidden)
    # x's women are published, so hiding x1's women must hide x2's too
    assert ("x2", "w") in hidden or ("x", "w") in hidden


def test_suppression_is_safe_on_every_small_table():
    # every 3×2 table with counts in 0..6: no relation is left with one hidden cell
    for w1, m1, w2, m2 in itertools.product((0, 2, 4, 5, 6), repeat=4):
        rows = {"a": (w1, m1), "b": (w2, m2), "c": (7, 9)}
        values = table(rows)
        relations = table_relations(list(rows), ("w", "m"))
        hidden = suppress(values, relations)
        assert not recoverable(values, relations, hidden), rows


def test_masked_values_read_less_than_five():
    assert masked(3, True) == HIDDEN == "<5"
    assert masked(30, False) == 30


def test_a_cost_steers_the_complement_towards_totals():
    values = {("a", "w"): 80, ("a", "m"): 91, ("a", "o"): 2, ("a", "total"): 173}
    relation = [Relation(("a", "total"), (("a", "w"), ("a", "m"), ("a", "o")))]
    assert suppress(values, relation) == {("a", "o"), ("a", "w")}
    dear = {("a", "w"): 10.0, ("a", "m"): 10.0}
    hidden = suppress(values, relation, cost=lambda k: values[k] * dear.get(k, 1.0))
    assert hidden == {("a", "o"), ("a", "total")}
