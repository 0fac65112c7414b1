"""A heat map as a small SVG drawn on the server (pure: no database, no JavaScript).

Rows are offices or regions, columns questions; a cell's colour follows the mean score on
the UN-SWAP scale (1 missing … 4 exceeds), blank cells have no scored answer. The page
shows the same figures as a table, so nothing depends on reading colours.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from html import escape

CELL_W = 44
CELL_H = 22
LABEL_W = 210
HEAD_H = 28
# Red → amber → light green → green, readable with black text.
STOPS = ((1.0, (214, 96, 77)), (2.0, (244, 165, 96)), (3.0, (166, 217, 106)), (4.0, (26, 152, 80)))


def colour(score: float | None) -> str:
    if score is None:
        return "#eeeeee"
    score = min(max(score, STOPS[0][0]), STOPS[-1][0])
    for (lo, c1), (hi, c2) in itertools.pairwise(STOPS):
        if score <= hi:
            t = (score - lo) / (hi - lo)
            rgb = tuple(round(a + (b - a) * t) for a, b in zip(c1, c2, strict=True))
            return "#{:02x}{:02x}{:02x}".format(*rgb)
    return "#{:02x}{:02x}{:02x}".format(*STOPS[-1][1])


def heatmap_svg(
    rows: Sequence[tuple[str, str]],
    columns: Sequence[str],
    cells: Mapping[tuple[str, str], float | None],
    *,
    title: str,
    numbers_up_to: int = 400,
) -> str:
    """rows are (key, label); cells are keyed by (row key, column).

    Cells of one colour are drawn as one path and scores are rounded to a quarter point
    for the colour, so a map of 200 offices by 20 questions stays small; the scores are
    written in the cells only for maps of at most `numbers_up_to` cells (the table beside
    the map always has them).
    """
    width = LABEL_W + CELL_W * max(len(columns), 1) + 2
    height = HEAD_H + CELL_H * max(len(rows), 1) + 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="sans-serif" font-size="11"><title>{escape(title)}</title>'
    ]
    for j, column in enumerate(columns):
        x = LABEL_W + j * CELL_W + CELL_W // 2
        parts.append(f'<text x="{x}" y="{HEAD_H - 8}" text-anchor="middle">{escape(column)}</text>')
    shapes: dict[str, list[str]] = {}
    numbers = []
    show_numbers = len(rows) * len(columns) <= numbers_up_to
    for i, (key, label) in enumerate(rows):
        y = HEAD_H + i * CELL_H
        short = label if len(label) <= 32 else label[:31] + "…"
        parts.append(f'<text x="4" y="{y + 15}">{escape(short)}</text>')
        for j, column in enumerate(columns):
            score = cells.get((key, column))
            x = LABEL_W + j * CELL_W
            fill = colour(None if score is None else round(score * 4) / 4)
            shapes.setdefault(fill, []).append(f"M{x} {y}h{CELL_W - 2}v{CELL_H - 2}h{2 - CELL_W}z")
            if show_numbers and score is not None:
                numbers.append(
                    f'<text x="{x + CELL_W // 2 - 1}" y="{y + 15}" text-anchor="middle">'
                    f"{score:.1f}</text>"
                )
    parts.extend(f'<path fill="{fill}" d="{"".join(d)}"/>' for fill, d in shapes.items())
    parts.extend(numbers)
    parts.append("</svg>")
    return "".join(parts)
