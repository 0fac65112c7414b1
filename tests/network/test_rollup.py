"""The global analysis's pure roll-up and the heat map: table tests, no database."""

from __future__ import annotations

import pytest

from pat.network import rollup
from pat.network.heatmap import colour, heatmap_svg
from pat.network.rollup import AnswerRow


def row(office: str, region: str, question: str, rating: str, comment: str = "") -> AnswerRow:
    return AnswerRow(office, region, question, rating, comment)


@pytest.mark.parametrize(
    ("counts", "mean", "share"),
    [
        ({}, None, None),
        ({"na": 3}, None, None),
        ({"meets": 2}, 3.0, 1.0),
        ({"missing": 1, "exceeds": 1}, 2.5, 0.5),
        ({"approaches": 3, "meets": 1, "na": 5}, 2.25, 0.25),
        ({"missing": 0, "approaches": 0, "meets": 0, "exceeds": 4}, 4.0, 1.0),
    ],
)
def test_the_mean_and_the_share_meeting_leave_not_applicable_out(
    counts: dict[str, int], mean: float | None, share: float | None
) -> None:
    assert rollup.mean_score(counts) == mean
    assert rollup.meets_share(counts) == share


def test_ratings_per_question_follow_the_questionnaire_order_and_count_every_rating() -> None:
    rows = [
        row("A", "WCA", "Q2", "meets"),
        row("B", "WCA", "Q2", "exceeds"),
        row("A", "WCA", "Q1", "missing"),
        row("C", "SA", "Q1", "na"),
        row("C", "SA", "Q1", "bogus"),
    ]
    figures = rollup.ratings_by_question(rows, ["Q1", "Q2", "Q3"])
    assert [f.question for f in figures] == ["Q1", "Q2", "Q3"]
    assert figures[0].counts == {"na": 1, "missing": 1, "approaches": 0, "meets": 0, "exceeds": 0}
    assert figures[0].mean == 1.0
    assert figures[1].mean == 3.5 and figures[1].meets_share == 1.0
    assert figures[2].mean is None and sum(figures[2].counts.values()) == 0


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ("office", {("A", "Q1"): 2.5, ("B", "Q1"): 3.0, ("B", "Q2"): None}),
        ("region", {("WCA", "Q1"): 2.5, ("SA", "Q1"): 3.0, ("SA", "Q2"): None}),
    ],
)
def test_the_grid_averages_per_office_or_region(
    by: str, expected: dict[tuple[str, str], float | None]
) -> None:
    rows = [
        row("A", "WCA", "Q1", "missing"),
        row("A", "WCA", "Q1", "exceeds"),
        row("B", "SA", "Q1", "meets"),
        row("B", "SA", "Q2", "na"),
    ]
    assert rollup.grid(rows, by=by) == expected


def test_the_grid_refuses_an_unknown_grouping() -> None:
    with pytest.raises(ValueError, match="office"):
        rollup.grid([], by="question")


@pytest.mark.parametrize(
    ("invited", "answered", "rate"),
    [(0, 0, None), (4, 0, 0.0), (4, 2, 0.5), (4, 4, 1.0), (3, 5, 1.0)],
)
def test_response_rate(invited: int, answered: int, rate: float | None) -> None:
    assert rollup.response_rate(invited=invited, answered=answered) == rate


def test_comments_are_grouped_by_question_without_blanks_and_sorted_by_office() -> None:
    rows = [
        row("Peru", "SA", "Q1", "meets", " Good progress "),
        row("Nigeria", "WCA", "Q1", "missing", "No time"),
        row("Chad", "WCA", "Q1", "meets", "   "),
        row("Chad", "WCA", "Q2", "meets", "Later"),
    ]
    assert rollup.comments_by_question(rows) == {
        "Q1": [("Nigeria", "No time"), ("Peru", "Good progress")],
        "Q2": [("Chad", "Later")],
    }


@pytest.mark.parametrize(
    ("previous", "current", "change"),
    [
        ({"Q1": 2.0}, {"Q1": 2.5}, {"Q1": 0.5}),
        ({"Q1": 3.0}, {"Q1": 2.25}, {"Q1": -0.75}),
        ({}, {"Q1": 2.0}, {"Q1": None}),
        ({"Q1": None}, {"Q1": 2.0}, {"Q1": None}),
        ({"Q1": 2.0}, {"Q1": None}, {"Q1": None}),
        ({"Q9": 1.0}, {"Q1": 1.0, "Q2": 4.0}, {"Q1": None, "Q2": None}),
    ],
)
def test_change_since_the_last_exercise(
    previous: dict[str, float | None],
    current: dict[str, float | None],
    change: dict[str, float | None],
) -> None:
    assert rollup.change_since(previous, current) == change


@pytest.mark.parametrize(
    ("score", "fill"),
    [(None, "#eeeeee"), (1.0, "#d6604d"), (0.2, "#d6604d"), (4.0, "#1a9850"), (9.0, "#1a9850")],
)
def test_heat_map_colours_follow_the_score(score: float | None, fill: str) -> None:
    assert colour(score) == fill


def test_the_heat_map_escapes_labels_and_shows_each_score() -> None:
    svg = heatmap_svg(
        [("x", "<script>alert(1)</script>"), ("y", "Peru")],
        ["Q1"],
        {("x", "Q1"): 2.0, ("y", "Q1"): None},
        title="Means & more",
    )
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "Means &amp; more" in svg
    assert ">2.0</text>" in svg
    assert svg.count("<path") == 2  # one per colour: the scored cell and the empty one


def test_a_large_heat_map_draws_one_path_per_colour_and_leaves_numbers_to_the_table() -> None:
    rows = [(f"o{i}", f"Office {i}") for i in range(200)]
    columns = [f"Q{j}" for j in range(20)]
    cells = {(f"o{i}", f"Q{j}"): 1 + (i * j % 13) / 4 for i in range(200) for j in range(20)}
    svg = heatmap_svg(rows, columns, cells, title="Big")
    assert svg.count("<path") <= 13 and ">1.0</text>" not in svg
    assert len(svg) < 150_000
