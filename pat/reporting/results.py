"""The results views' figures: target against actual per indicator and period for a project,
and people targeted and reached by sex and age for an office, a region, a theme or the
whole portfolio.

A project's view reads its reports (every state, marked). The wider views read
only endorsed figures (`ResultFigure`), are cached per scope under the
`reporting` and `projects` revisions (an endorsement or a project edit shows at
once on every app server), and hide counts under 5 with the staffing
dashboard's suppression (`pat.staffing.privacy`), complementary cells included.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import BooleanField as DjangoBooleanField
from django.db.models import Case, Exists, OuterRef, Q, Sum, When
from django.utils.translation import gettext_lazy as _

from pat.core.models import Revision
from pat.projects import matrix
from pat.projects.models import AgeBand, IndicatorValue, Project, ValueKind
from pat.reporting.models import (
    IndicatorActual,
    ProgressReport,
    ReachTotal,
    ReportState,
    ResultFigure,
)
from pat.staffing import privacy

# The four groups the portfolio speaks of, then who is counted outside them.
GROUPS: tuple[tuple[str, Any], ...] = (
    ("women", _("Women")),
    ("men", _("Men")),
    ("girls", _("Girls")),
    ("boys", _("Boys")),
    ("other", _("Other or unknown sex")),
)
GROUP_KEYS = tuple(key for key, _label in GROUPS)
ADULT_AGE = 18
TARGET_ROW = "target"
TOTAL = "total"


def group_of(sex: str, adult: bool | None) -> str:
    if sex == "female":
        return "women" if adult else "girls"
    if sex == "male":
        return "men" if adult else "boys"
    return "other"


# --- one project ---------------------------------------------------------------------------


@dataclass
class PeriodActual:
    report: ProgressReport
    value: Decimal | None
    cells: dict[tuple[str, int], Decimal]


@dataclass
class IndicatorResults:
    indicator: Any
    code: str
    targets: dict[tuple[str, int], Decimal]
    periods: list[PeriodActual] = field(default_factory=list)
    bands: list[AgeBand] = field(default_factory=list)

    @property
    def reached(self) -> Decimal:
        """The endorsed actuals added up over the periods (people reached so far)."""
        return sum(
            (
                p.value
                for p in self.periods
                if p.value is not None and p.report.state == ReportState.ENDORSED
            ),
            Decimal(0),
        )

    def rows(self) -> list[dict[str, Any]]:
        """One row per sex × age cell: the target, then the actual of each period."""
        out = []
        for sex in ("female", "male", "other", "unknown"):
            for band in self.bands:
                key = (sex, band.pk)
                values = [p.cells.get(key) for p in self.periods]
                target = self.targets.get(key)
                if target is None and not any(v is not None for v in values):
                    continue
                out.append({"sex": sex, "band": band, "target": target, "actuals": values})
        return out


def project_results(project: Project) -> list[IndicatorResults]:
    """Each indicator of the project in tree order with its targets and every report's actual."""
    reports = list(project.progress_reports.select_related("period").order_by("period__start"))
    actuals = IndicatorActual.objects.filter(report__project=project).prefetch_related("cells")
    by_indicator: dict[int, dict[int, IndicatorActual]] = defaultdict(dict)
    for row in actuals:
        by_indicator[row.indicator_id][row.report_id] = row
    bands_by_set: dict[int, list[AgeBand]] = defaultdict(list)
    for band in AgeBand.objects.order_by("min_age"):
        bands_by_set[band.band_set_id].append(band)
    out: list[IndicatorResults] = []
    for node in matrix.tree(project):
        for indicator in node.indicators.all():
            targets = {
                (c.sex, c.band_id): c.value
                for c in indicator.targets  # type: ignore[attr-defined]
                if c.value is not None
            }
            item = IndicatorResults(
                indicator=indicator,
                code=node.code,
                targets=targets,
                bands=bands_by_set.get(indicator.band_set_id or 0, []),
            )
            for report in reports:
                actual = by_indicator[indicator.pk].get(report.pk)
                item.periods.append(
                    PeriodActual(
                        report=report,
                        value=actual.value if actual else None,
                        cells={
                            (c.sex, c.band_id): c.value
                            for c in (actual.cells.all() if actual else [])
                            if c.value is not None
                        },
                    )
                )
            out.append(item)
    return out


# --- an office, a region, a theme, the portfolio -------------------------------------------


@dataclass
class Reach:
    """People targeted and reached by group, per year, with the cells to hide."""

    years: list[int]
    reached: dict[tuple[Any, str], int]  # (year or TARGET_ROW or TOTAL, group or TOTAL)
    hidden: set[tuple[Any, str]]
    projects: int

    def cell(self, row: Any, group: str) -> int | str | None:
        if (row, group) not in self.reached:
            return None
        value = self.reached[(row, group)]
        return privacy.masked(value, (row, group) in self.hidden)

    def table(self) -> list[tuple[Any, list[int | str | None]]]:
        rows: list[Any] = [*self.years, TOTAL]
        return [(row, [self.cell(row, g) for g in (*GROUP_KEYS, TOTAL)]) for row in rows]

    def targets(self) -> list[int | str | None]:
        return [self.cell(TARGET_ROW, g) for g in (*GROUP_KEYS, TOTAL)]


def _scope(*, office: int | None, region: str | None, theme: int | None) -> Q:
    """The scope over figures and totals (which carry the office and region themselves)."""
    q = Q()
    if office is not None:
        q &= Q(office_id=office)
    if region:
        q &= Q(region=region)
    if theme is not None:
        q &= Q(project__themes=theme)
    return q


ADULT = Case(
    When(band__min_age__gte=ADULT_AGE, then=True),
    default=False,
    output_field=DjangoBooleanField(),
)


def _compute_reach(*, office: int | None, region: str | None, theme: int | None) -> dict[str, Any]:
    reached: dict[tuple[Any, str], int] = defaultdict(int)
    if theme is None:
        # The running totals: a few rows per office and year, whatever the number of reports.
        source: Any = ReachTotal.objects.filter(_scope(office=office, region=region, theme=None))
    else:
        # A theme is a property of projects, not of offices: add up its projects' figures.
        source = ResultFigure.objects.filter(_scope(office=office, region=region, theme=theme))
    figures = source.values_list("year", "sex", "adult").annotate(total=Sum("value")).order_by()
    years: set[int] = set()
    for year, sex, adult, total in figures:
        group = group_of(sex, adult)
        count = int(total)
        if not count:
            continue
        years.add(year)
        for row in (year, TOTAL):
            reached[(row, group)] += count
            reached[(row, TOTAL)] += count
    # The projects that reported (an endorsed report) in the scope, and their targets.
    projects = Project.objects.filter(
        _project_scope(office=office, region=region, theme=theme),
        Exists(ProgressReport.objects.filter(project=OuterRef("pk"), state=ReportState.ENDORSED)),
    )
    targets = (
        IndicatorValue.objects.filter(
            kind=ValueKind.TARGET,
            indicator__counts_people=True,
            value__isnull=False,
            indicator__result__project__in=projects,
        )
        .annotate(adult=ADULT)
        .values_list("sex", "adult")
        .annotate(total=Sum("value"))
        .order_by()
    )
    for sex, adult, total in targets:
        group = group_of(sex, adult)
        reached[(TARGET_ROW, group)] += int(total)
        reached[(TARGET_ROW, TOTAL)] += int(total)
    return {
        "years": sorted(years),
        "reached": [[row, group, value] for (row, group), value in reached.items()],
        "projects": projects.count(),
    }


def _project_scope(*, office: int | None, region: str | None, theme: int | None) -> Q:
    q = Q()
    if office is not None:
        q &= Q(executing_office_id=office)
    if region:
        q &= Q(region=region)
    if theme is not None:
        q &= Q(themes=theme)
    return q


def reach(
    *, office: int | None = None, region: str | None = None, theme: int | None = None
) -> Reach:
    """People targeted and reached (endorsed reports) by group and year in the scope."""
    key = "reporting:reach:{}:{}:{}:{}:{}".format(
        Revision.current("reporting"),
        Revision.current("projects"),
        office or "",
        region or "",
        theme or "",
    )
    data = cache.get(key)
    if data is None:
        data = _compute_reach(office=office, region=region, theme=theme)
        cache.set(key, data, 3600)
    reached = {(row, group): value for row, group, value in data["reached"]}
    years: list[int] = data["years"]
    relations = privacy.table_relations(
        list(years), list(GROUP_KEYS), row_total=TOTAL, column_total=TOTAL
    )
    # The totals row is the years added up: (TOTAL, group) = sum over years.
    present = {k: v for k, v in reached.items() if k[0] != TARGET_ROW}
    hidden = privacy.suppress(present, relations)
    targets = {k: v for k, v in reached.items() if k[0] == TARGET_ROW}
    hidden |= privacy.suppress(
        targets,
        [privacy.Relation((TARGET_ROW, TOTAL), tuple((TARGET_ROW, g) for g in GROUP_KEYS))],
    )
    return Reach(years=years, reached=reached, hidden=hidden, projects=data["projects"])
