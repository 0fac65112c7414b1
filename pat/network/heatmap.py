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
) -> str:
    """rows are (key, label); cells are keyed by (row key, column)."""
    width = LABEL_W + CELL_W * max(len(columns), 1) + 2
    height = HEAD_H + CELL_H * max(len(rows), 1) + 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="sans-serif" font-size="11"><title>{escape(title)}</title>'
    ]
    for j, column in enumerate(columns):
        x = LABEL_W + j * CELL_W + CELL_W / 2
        parts.append(f'<text x="{x}" y="{HEAD_H - 8}" text-anchor="middle">{escape(column)}</text>')
    for i, (key, label) in enumerate(rows):
        y = HEAD_H + i * CELL_H
        short = label if len(label) <= 32 else label[:31] + "…"
        parts.append(f'<text x="4" y="{y + 15}">{escape(short)}</text>')
        for j, column in enumerate(columns):
            score = cells.get((key, column))
            x = LABEL_W + j * CELL_W
            shown = "" if score is None else f"{score:.1f}"
            parts.append(
                f'<rect x="{x}" y="{y}" width="{CELL_W - 2}" height="{CELL_H - 2}" '
                f'fill="{colour(score)}"><title>{escape(label)} · {escape(column)}: '
                f"{shown or '–'}</title></rect>"
            )
            if shown:
                middle = x + (CELL_W - 2) / 2
                parts.append(f'<text x="{middle}" y="{y + 15}" text-anchor="middle">{shown}</text>')
    parts.append("</svg>")
    return "".join(parts)
