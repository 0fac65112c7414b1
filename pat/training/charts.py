"""The cumulative count of project developers trained against its target, as a still SVG.

Drawn with the staffing app's chart settings (pygal, no script), from the same rows the page
shows in its table.
"""

from __future__ import annotations

import pygal  # type: ignore[import-untyped]
from django.utils.translation import gettext as _

from pat.staffing.charts import BASE, _svg
from pat.training.figures import YearCount


def developers_svg(series: list[YearCount], *, target: int, target_year: int) -> str:
    chart = pygal.XY(
        **BASE,
        title=_("Project developers trained (cumulative)"),
        include_x_axis=True,
        x_value_formatter=lambda x: f"{x:.0f}",
        value_formatter=lambda y: f"{y:.0f}",
        dots_size=2,
    )
    points = [(row.year, row.cumulative) for row in series]
    first = points[0][0] if points else target_year - 5
    last = max(points[-1][0] if points else target_year, target_year)
    chart.x_labels = list(range(first, last + 1, max(1, (last - first) // 8 or 1)))
    chart.add(_("Trained"), points)
    chart.add(
        _("Target: %(people)s by %(year)s") % {"people": target, "year": target_year},
        [(first, target), (last, target)],
        stroke_style={"dasharray": "6, 4", "width": 2},
        show_dots=False,
    )
    return _svg(chart)
