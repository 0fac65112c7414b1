"""Server-rendered charts (pygal SVG, no JavaScript) and their PNG (CairoSVG, the system cairo).

Each chart is drawn from the same figures the page shows in its data table,
so a suppressed count is missing from the chart as it is from the table.
"""

from __future__ import annotations

import re
from typing import Any

import pygal  # type: ignore[import-untyped]
from django.utils.translation import gettext as _
from pygal.style import Style  # type: ignore[import-untyped]

from pat.staffing import parity
from pat.staffing.figures import FlowRow, Pyramid, TrendSeries

STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#222",
    foreground_strong="#111",
    foreground_subtle="#666",
    colors=("#6a1b9a", "#00695c", "#c62828", "#1565c0", "#ef6c00", "#455a64"),
    font_family="system-ui, sans-serif",
)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)
BASE: dict[str, Any] = {
    "style": STYLE,
    "js": [],  # no script: the chart is read as an image
    "disable_xml_declaration": True,
    "width": 640,
    "height": 360,
    "legend_at_bottom": True,
    "legend_at_bottom_columns": 3,
    "truncate_legend": -1,
    "print_values": False,
    "margin_bottom": 24,
}


def _svg(chart: Any) -> str:
    # pygal writes its tooltip configuration as an inline script even with
    # js=[]: drop it, the chart is read as a still image.
    return _SCRIPT.sub("", str(chart.render(is_unicode=True)))


def trend_svg(series: TrendSeries) -> str:
    chart = pygal.XY(
        **BASE,
        title=_("Women's share, %(group)s") % {"group": series.label},
        range=(0, 100),
        include_x_axis=True,
        y_title="%",
        x_value_formatter=lambda x: f"{x:.0f}",
        value_formatter=lambda y: f"{y:.1f}",
        dots_size=2,
    )
    points = [(parity.decimal_year(day), share) for day, share in series.points]
    if points:
        first, last = int(points[0][0]), int(points[-1][0]) + 1
        ends = [t.year + 1 for t in series.targets]
        chart.x_labels = list(range(first - first % 5, max([last, *ends]) + 1, 5))
    chart.add(_("Women's share"), [p if p[1] is not None else None for p in points])
    start = min((x for x, _y in points), default=1995.0)
    for target in series.targets:
        chart.add(
            _("Target: %(share)s%% by %(year)s")
            % {"share": f"{target.share:g}", "year": target.year},
            [(min(start, target.year), target.share), (target.year + 1, target.share)],
            stroke_style={"dasharray": "6, 4", "width": 2},
            show_dots=False,
        )
    chart.add(
        _("Parity zone (47 %)"),
        [(start, 47), (max((x for x, _ in points), default=start), 47)],
        stroke_style={"dasharray": "2, 3"},
        show_dots=False,
    )
    return _svg(chart)


def pyramid_svg(pyramid: Pyramid) -> str:
    chart = pygal.Pyramid(
        **BASE,
        title=_("Staff by age band and sex, %(level)s") % {"level": pyramid.level},
        human_readable=True,
    )
    chart.x_labels = [label for label, _w, _m in pyramid.bands]
    chart.add(_("Women"), [w if isinstance(w, int) else None for _l, w, _m in pyramid.bands])
    chart.add(_("Men"), [m if isinstance(m, int) else None for _l, _w, m in pyramid.bands])
    return _svg(chart)


def flows_svg(rows: list[FlowRow]) -> str:
    chart = pygal.Line(
        **BASE,
        title=_("Women's share of appointments, promotions and separations"),
        range=(0, 100),
        y_title="%",
        value_formatter=lambda y: f"{y:.1f}",
        x_label_rotation=0,
        truncate_label=-1,
        x_labels_major_every=5,
        show_minor_x_labels=False,
    )
    chart.x_labels = [r.label for r in rows]
    for kind, label in (
        ("appointment", _("Appointments")),
        ("promotion", _("Promotions")),
        ("separation", _("Separations")),
    ):
        chart.add(label, [r.share(kind) for r in rows])
    return _svg(chart)


def png(svg: str) -> bytes:
    import cairosvg  # type: ignore[import-untyped]

    result: bytes = cairosvg.svg2png(bytestring=svg.encode(), output_width=1280)
    return result
