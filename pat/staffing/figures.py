"""The staffing figures: parity tables, trends, the age pyramid and flows, suppressed by viewer.

Reads the counts written at import (`StaffCount`, `Flow`) and hands them to
the pure `parity` and `privacy` modules; views, the API and the XLSX export
show what these return. Other apps use `pat.staffing.services.parity_rows`
and `representation`, built on these.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from pat.core.models import Office
from pat.core.regions import Region
from pat.staffing import parity, privacy
from pat.staffing.models import (
    Category,
    Flow,
    Level,
    LevelGroup,
    Snapshot,
    StaffCount,
    StaffRecord,
    Target,
    population_filter,
)

POPULATION_GROUP = "professional"  # the level group whose targets the population rows follow
BY_CHOICES = ("grade", "level_group", "category", "duty", "region", "office")


@dataclass
class ParityRow:
    """One row of a parity table, with the figures of domain.md §5."""

    group: str  # a code: P-4, co-ng, WCA, P, hq, professional
    label: str
    counts: parity.Counts
    figures: parity.Figures
    hidden: set[str] = field(default_factory=set)  # suppressed cells: women, men, other, total

    def shown(self, name: str) -> int | str:
        value = {
            "women": self.counts.women,
            "men": self.counts.men,
            "other": self.counts.other,
            "total": self.counts.total,
        }[name]
        return privacy.masked(value, name in self.hidden)

    @property
    def derived_hidden(self) -> bool:
        """Share and what follows from it are hidden when women or men are."""
        return "women" in self.hidden or "men" in self.hidden

    def as_dict(self) -> dict[str, Any]:
        f = self.figures
        hide = self.derived_hidden
        return {
            "group": self.group,
            "label": self.label,
            "women": self.shown("women"),
            "men": self.shown("men"),
            "other": self.shown("other"),
            "total": self.shown("total"),
            "share": None if hide or f.share is None else round(f.share, 1),
            "status": None if hide or f.status is None else str(f.status),
            "women_needed": None if hide else f.women_needed,
            "rate": None if hide or f.rate is None else round(f.rate, 2),
            "projected_year": None if hide or f.projected_year is None else int(f.projected_year),
            "required_pace": None if hide or f.required_pace is None else round(f.required_pace, 2),
            "on_track": None if hide else f.on_track,
        }


def sees_everything(viewer: Any) -> bool:
    from pat.core.permissions import can_see_staff_details

    return viewer is None or can_see_staff_details(viewer)


def latest_snapshot(on: dt.date | None = None) -> Snapshot | None:
    qs = Snapshot.objects.order_by("-as_of")
    if on is not None:
        qs = qs.filter(as_of__lte=on)
    return qs.first()


def scope_offices(office_code: str | None) -> list[int] | None:
    """The office and those reporting to it (two levels down); None for the whole organization."""
    if not office_code:
        return None
    office = Office.objects.filter(code=office_code).first()
    if office is None:
        return []
    ids = {office.pk}
    children = set(Office.objects.filter(parent=office).values_list("pk", flat=True))
    ids |= children
    ids |= set(Office.objects.filter(parent__in=children).values_list("pk", flat=True))
    return sorted(ids)


def _targets() -> dict[int, list[parity.TargetLine]]:
    result: dict[int, list[parity.TargetLine]] = defaultdict(list)
    for target in Target.objects.all():
        result[target.group_id].append(parity.TargetLine(float(target.share), target.year))
    return result


def _group_targets() -> tuple[dict[int, list[parity.TargetLine]], list[parity.TargetLine]]:
    """Targets per level (from the smallest group holding it that has targets), and the
    population's (the professional group's)."""
    by_group = _targets()
    groups = list(LevelGroup.objects.prefetch_related("levels"))
    per_level: dict[int, list[parity.TargetLine]] = {}
    for group in sorted(groups, key=lambda g: len(g.levels.all()), reverse=True):
        if by_group.get(group.pk):
            for level in group.levels.all():
                per_level[level.pk] = by_group[group.pk]
    population = next((by_group.get(g.pk, []) for g in groups if g.code == POPULATION_GROUP), [])
    return per_level, population


# (snapshot id, office id, level id, category, at HQ, long term, sex, count)
_Cell = tuple[int, int, int, str, bool, bool, str, int]


def _cells(snapshot_ids: Sequence[int], offices: list[int] | None) -> list[_Cell]:
    qs = StaffCount.objects.filter(snapshot_id__in=snapshot_ids, long_term=True)
    if offices is not None:
        qs = qs.filter(office_id__in=offices)
    return list(
        qs.values_list(
            "snapshot_id",
            "office_id",
            "level_id",
            "category",
            "at_headquarters",
            "long_term",
            "sex",
            "count",
        )
    )


def _add(table: dict[Any, list[int]], key: Any, sex: str, count: int) -> None:
    cell = table.get(key)
    if cell is None:
        cell = table[key] = [0, 0, 0]
    cell[0 if sex == "F" else 1 if sex == "M" else 2] += count


def _group_key(
    by: str, cell: _Cell, office_region: dict[int, str], groups_of: dict[int, list[str]]
) -> list[str]:
    _s, office, level, category, at_hq, _lt, _sex, _n = cell
    if by == "grade":
        return [str(level)]
    if by == "category":
        return [category]
    if category != Category.PROFESSIONAL:
        return []  # the other tables count the population only (domain.md §5)
    if by == "office":
        return [str(office)]
    if by == "region":
        return [office_region.get(office, "")]
    if by == "duty":
        return ["hq" if at_hq else "field"]
    if by == "level_group":
        return groups_of.get(level, [])
    return ["all"]


@dataclass
class ParityTable:
    by: str
    as_of: dt.date | None
    rows: list[ParityRow]
    total: ParityRow | None
    suppressed: bool


def parity_table(
    *,
    as_of: dt.date | None,
    by: str,
    office: str | None = None,
    viewer: Any = None,
    window: int = parity.DEFAULT_WINDOW_YEARS,
) -> ParityTable:
    """A parity table at a date (the latest snapshot on or before it), rows grouped `by`.

    By grade and by category every category counts (fixed-term or longer); by
    office, region, HQ/field and level group only the population of §5.
    """
    return parity_tables(as_of=as_of, bys=[by], office=office, viewer=viewer, window=window)[0]


def parity_tables(
    *,
    as_of: dt.date | None,
    bys: Sequence[str],
    office: str | None = None,
    viewer: Any = None,
    window: int = parity.DEFAULT_WINDOW_YEARS,
) -> list[ParityTable]:
    """Several parity tables from one read of the counts (the dashboard shows six)."""
    for by in bys:
        if by not in BY_CHOICES:
            raise ValueError(f"by must be one of {', '.join(BY_CHOICES)}")
    snapshot = latest_snapshot(as_of)
    suppressed = not sees_everything(viewer)
    if snapshot is None:
        return [ParityTable(by, as_of, [], None, suppressed) for by in bys]
    history = list(
        Snapshot.objects.filter(
            as_of__lte=snapshot.as_of,
            as_of__gte=snapshot.as_of - dt.timedelta(days=int(366 * window) + 8),
        ).values_list("pk", "as_of")
    )
    years = {pk: parity.decimal_year(day) for pk, day in history}
    cells = _cells(list(years), scope_offices(office))
    targets = _group_targets()
    return [
        _table(by, snapshot, years, cells, targets, suppressed=suppressed, window=window)
        for by in bys
    ]


def _table(
    by: str,
    snapshot: Snapshot,
    years: dict[int, float],
    cells: list[_Cell],
    targets: tuple[dict[int, list[parity.TargetLine]], list[parity.TargetLine]],
    *,
    suppressed: bool,
    window: int,
) -> ParityTable:
    context = _labels(by)
    tables: dict[int, dict[str, list[int]]] = defaultdict(dict)
    for cell in cells:
        for key in _group_key(by, cell, context.office_region, context.groups_of):
            _add(tables[cell[0]], key, cell[6], cell[7])
            _add(tables[cell[0]], "__all__", cell[6], cell[7])
    current = tables.get(snapshot.pk, {})
    now = years[snapshot.pk]
    per_level, population = targets

    def targets_for(key: str) -> list[parity.TargetLine]:
        if key == "__all__":
            return [] if by in ("grade", "category") else population
        if by == "grade":
            return per_level.get(int(key), [])
        if by == "category":
            return population if key == Category.PROFESSIONAL else []
        if by == "level_group":
            return context.group_targets.get(key, [])
        return population

    def row(key: str, label: str) -> ParityRow:
        w, m, o = current.get(key, [0, 0, 0])
        points = [
            (years[pk], share)
            for pk, table in tables.items()
            if key in table
            and (share := parity.women_share(table[key][0], table[key][1])) is not None
        ]
        counts = parity.Counts(w, m, o)
        figures = parity.figures(counts, points, now=now, targets=targets_for(key), window=window)
        return ParityRow(key, label, counts, figures)

    keys = [k for k in context.order if k in current]
    rows = [row(k, context.labels.get(k, k)) for k in keys]
    # Level groups overlap (P-5 is professional and decision-making): no total row.
    total = row("__all__", _("All")) if current and by != "level_group" else None
    if suppressed:
        _suppress(rows, total, by, context.office_region)
    return ParityTable(by, snapshot.as_of, rows, total, suppressed)


def _suppress(
    rows: list[ParityRow], total: ParityRow | None, by: str, office_region: dict[int, str]
) -> None:
    columns = ("women", "men", "other")
    values: dict[Any, int] = {}
    every = [*rows, *([total] if total else [])]
    for r in every:
        name = "all" if r is total else r.group
        values[(name, "women")] = r.counts.women
        values[(name, "men")] = r.counts.men
        values[(name, "other")] = r.counts.other
        values[(name, "total")] = r.counts.total
    groups: dict[Any, list[str]] = {}
    if by == "office":
        # Region totals are published in the region table: each is a relation here too.
        for r in rows:
            groups.setdefault(("region", office_region.get(int(r.group), "")), []).append(r.group)
    relations = privacy.table_relations([r.group for r in rows], columns)
    if total is None:  # overlapping rows: each row's own total is the only relation
        relations = [
            privacy.Relation((r.group, "total"), tuple((r.group, c) for c in columns)) for r in rows
        ]
    for region, members in groups.items():
        for c in (*columns, "total"):
            # The region subtotal is not a cell of this table but is published in
            # the region table: hiding one office of a region must hide a second.
            # Its stand-in value is too large ever to be picked as the complement.
            subtotal = ("__sub__", f"{region}:{c}")
            relations.append(privacy.Relation(subtotal, tuple((m, c) for m in members)))
            values[subtotal] = 10**9
    hidden = privacy.suppress(values, relations, cost=_cost(values))
    for r in every:
        name = "all" if r is total else r.group
        r.hidden = {c for c in (*columns, "total") if (name, c) in hidden}


def _cost(values: dict[Any, int]) -> Any:
    """Hiding women or men costs ten times their count; totals and "other" cost their count."""

    def cost(key: Any) -> float:
        weight = 10 if isinstance(key, tuple) and key[-1] in ("women", "men") else 1
        return values[key] * weight

    return cost


@dataclass
class _Labels:
    order: list[str]
    labels: dict[str, str]
    office_region: dict[int, str]
    groups_of: dict[int, list[str]]
    group_targets: dict[str, list[parity.TargetLine]]


def _labels(by: str) -> _Labels:
    office_region = dict(Office.objects.values_list("pk", "region"))
    groups_of: dict[int, list[str]] = defaultdict(list)
    group_targets: dict[str, list[parity.TargetLine]] = {}
    order: list[str] = []
    labels: dict[str, str] = {}
    if by == "level_group":
        by_group = _targets()
        for group in LevelGroup.objects.prefetch_related("levels"):
            order.append(group.code)
            labels[group.code] = _(group.name)  # shipped names are in the catalogue
            group_targets[group.code] = by_group.get(group.pk, [])
            for level in group.levels.all():
                groups_of[level.pk].append(group.code)
    elif by == "grade":
        for level in Level.objects.all():
            order.append(str(level.pk))
            labels[str(level.pk)] = level.code
    elif by == "category":
        order = [c.value for c in Category]
        labels = {c.value: str(c.label) for c in Category}
    elif by == "duty":
        order = ["hq", "field"]
        labels = {"hq": _("Headquarters"), "field": _("Field")}
    elif by == "region":
        order = [r.value for r in Region]
        labels = {r.value: str(r.label) for r in Region}
    elif by == "office":
        # Office names in the reader's language (the cached page is keyed on it).
        for office in Office.objects.order_by("name").only("pk", "name", "name_fr", "name_es"):
            order.append(str(office.pk))
            labels[str(office.pk)] = str(office)
    return _Labels(order, labels, office_region, groups_of, group_targets)


# ---------------------------------------------------------------- trend, pyramid, flows


@dataclass
class TrendSeries:
    group: str
    label: str
    points: list[tuple[dt.date, float | None]]  # None where hidden or nobody
    targets: list[parity.TargetLine]


def trends(
    *, office: str | None = None, viewer: Any = None, until: dt.date | None = None
) -> list[TrendSeries]:
    """Women's share per level group and snapshot (the population rule for professional levels)."""
    suppressed = not sees_everything(viewer)
    offices = scope_offices(office)
    qs = StaffCount.objects.filter(long_term=True)
    if until is not None:
        qs = qs.filter(snapshot__as_of__lte=until)
    if offices is not None:
        qs = qs.filter(office_id__in=offices)
    per_level: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    for snapshot_id, level_id, sex, n in (
        qs.filter(sex__in=["F", "M"])
        .values_list("snapshot_id", "level_id", "sex")
        .annotate(n=Sum("count"))
        .values_list("snapshot_id", "level_id", "sex", "n")
    ):
        per_level[(snapshot_id, level_id)][0 if sex == "F" else 1] += int(n)
    dates = dict(Snapshot.objects.values_list("pk", "as_of"))
    by_group = _targets()
    result = []
    for group in LevelGroup.objects.prefetch_related("levels"):
        members = {level.pk for level in group.levels.all()}
        totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
        for (snapshot_id, level_id), (w, m) in per_level.items():
            if level_id in members:
                totals[snapshot_id][0] += w
                totals[snapshot_id][1] += m
        points: list[tuple[dt.date, float | None]] = []
        for snapshot_id, (w, m) in sorted(totals.items(), key=lambda kv: dates[kv[0]]):
            hide = suppressed and (w < privacy.THRESHOLD or m < privacy.THRESHOLD)
            points.append((dates[snapshot_id], None if hide else parity.women_share(w, m)))
        result.append(TrendSeries(group.code, _(group.name), points, by_group.get(group.pk, [])))
    return result


AGE_BANDS = ((0, 29), (30, 39), (40, 49), (50, 59), (60, 200))


def age_band_label(low: int, high: int) -> str:
    return f"{low}+" if high >= 200 else f"{low}–{high}" if low else f"<{high + 1}"


@dataclass
class Pyramid:
    level: str
    as_of: dt.date | None
    bands: list[tuple[str, int | str, int | str]]  # label, women, men (or "<5")
    unknown_age: tuple[int | str, int | str]


def pyramid(
    *, level: str | None, as_of: dt.date | None, office: str | None = None, viewer: Any = None
) -> Pyramid:
    """Age band by sex for a grade (or the whole population) at a snapshot."""
    snapshot = latest_snapshot(as_of)
    label = level or _("Professional and higher")
    if snapshot is None:
        return Pyramid(label, None, [], (0, 0))
    qs = StaffRecord.objects.filter(snapshot=snapshot, long_term=True, sex__in=["F", "M"])
    qs = qs.filter(level__code=level) if level else qs.filter(population_filter())
    offices = scope_offices(office)
    if offices is not None:
        qs = qs.filter(office_id__in=offices)
    counts: Counter[tuple[int, str]] = Counter()
    for birth_year, sex, n in _birth_counts(qs):
        if birth_year is None:
            counts[(-1, sex)] += n
            continue
        age = snapshot.as_of.year - birth_year
        band = (
            next(i for i, (low, high) in enumerate(AGE_BANDS) if low <= age <= high)
            if age >= 0
            else 0
        )
        counts[(band, sex)] += n
    rows_keys = [*range(len(AGE_BANDS)), -1]
    values = {(b, s): counts[(b, s)] for b in rows_keys for s in ("F", "M")}
    hidden: set[Any] = set()
    if not sees_everything(viewer):
        for b in rows_keys:
            values[(b, "total")] = values[(b, "F")] + values[(b, "M")]
        for s in ("F", "M", "total"):
            values[("all", s)] = sum(values[(b, s)] for b in rows_keys)
        hidden = privacy.suppress(
            values, privacy.table_relations(rows_keys, ("F", "M"), column_total="all")
        )
    shown = {k: privacy.masked(v, k in hidden) for k, v in values.items()}
    bands = [
        (age_band_label(*AGE_BANDS[b]), shown[(b, "F")], shown[(b, "M")])
        for b in range(len(AGE_BANDS))
    ]
    return Pyramid(label, snapshot.as_of, bands, (shown[(-1, "F")], shown[(-1, "M")]))


def _birth_counts(qs: Any) -> list[tuple[int | None, str, int]]:
    return list(
        qs.values("birth_year", "sex").annotate(n=Count("id")).values_list("birth_year", "sex", "n")
    )


@dataclass
class FlowRow:
    group: str
    label: str
    counts: dict[str, parity.Counts]  # kind → counts
    hidden: set[tuple[str, str]] = field(default_factory=set)  # (kind, women|men)

    def shown(self, kind: str, sex: str) -> int | str:
        c = self.counts[kind]
        return privacy.masked(c.women if sex == "women" else c.men, (kind, sex) in self.hidden)

    def share(self, kind: str) -> float | None:
        if (kind, "women") in self.hidden or (kind, "men") in self.hidden:
            return None
        c = self.counts[kind]
        return parity.women_share(c.women, c.men)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"group": self.group, "label": self.label}
        for kind in Flow.Kind.values:
            share = self.share(kind)
            out[f"{kind}s"] = {
                "women": self.shown(kind, "women"),
                "men": self.shown(kind, "men"),
                "share": None if share is None else round(share, 1),
            }
        return out


def flow_rows(
    *,
    start: dt.date | None,
    end: dt.date | None,
    by: str = "level_group",
    office: str | None = None,
    viewer: Any = None,
) -> list[FlowRow]:
    """Appointments, promotions and separations by sex in (start, end], grouped `by`.

    Imported events count for the period when there are any in it; otherwise
    the flows derived from consecutive snapshots.
    """
    if by not in (*BY_CHOICES, "year"):
        raise ValueError(f"by must be one of {', '.join(BY_CHOICES)} or year")
    qs = Flow.objects.filter(long_term=True, sex__in=["F", "M"])
    if start is not None:
        qs = qs.filter(on__gt=start)
    if end is not None:
        qs = qs.filter(on__lte=end)
    source = (
        Flow.Source.IMPORTED
        if qs.filter(source=Flow.Source.IMPORTED).exists()
        else Flow.Source.DERIVED
    )
    qs = qs.filter(source=source)
    offices = scope_offices(office)
    if offices is not None:
        qs = qs.filter(office_id__in=offices)
    context = _labels("level_group" if by == "year" else by)
    data: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    if by == "year":
        # By year: the population of §5. Grouped by date, not by year: SQLite
        # has no year function and Django's is Python called on every row.
        per_day = (
            qs.filter(category=Category.PROFESSIONAL)
            .values("kind", "sex", "on")
            .annotate(n=Count("id"))
            .values_list("kind", "sex", "on", "n")
        )
        for kind, sex, day, n in per_day:
            data[str(day.year)][kind][0 if sex == "F" else 1] += n
    else:
        # The office's kind (HQ or field) comes from a dictionary, not a join.
        hq = set(Office.objects.filter(kind=Office.Kind.HEADQUARTERS).values_list("pk", flat=True))
        fields = ("kind", "sex", "office_id", "level_id", "category")
        grouped = qs.values(*fields).annotate(n=Count("id")).values_list(*fields, "n")
        for kind, sex, office_id, level_id, category, n in grouped:
            cell: _Cell = (0, office_id, level_id, category, office_id in hq, True, sex, n)
            for key in _group_key(by, cell, context.office_region, context.groups_of):
                data[key][kind][0 if sex == "F" else 1] += n
    order = sorted(data) if by == "year" else [k for k in context.order if k in data]
    rows = [
        FlowRow(
            key,
            key if by == "year" else context.labels.get(key, key),
            {k: parity.Counts(*data[key][k]) for k in Flow.Kind.values},
        )
        for key in order
    ]
    if not sees_everything(viewer) and rows:
        values: dict[Any, int] = {}
        relations: list[privacy.Relation] = []
        for kind in Flow.Kind.values:
            keys = [r.group for r in rows]
            for r in rows:
                values[((r.group, kind), "women")] = r.counts[kind].women
                values[((r.group, kind), "men")] = r.counts[kind].men
                values[((r.group, kind), "total")] = r.counts[kind].binary
            for s in ("women", "men", "total"):
                values[(("all", kind), s)] = sum(values[((k, kind), s)] for k in keys)
            relations += privacy.table_relations(
                [(k, kind) for k in keys], ("women", "men"), column_total=("all", kind)
            )
        hidden = privacy.suppress(values, relations)
        for r in rows:
            r.hidden = {
                (kind, s)
                for kind in Flow.Kind.values
                for s in ("women", "men")
                if ((r.group, kind), s) in hidden
            }
    return rows


def snapshots() -> list[dt.date]:
    return list(Snapshot.objects.order_by("-as_of").values_list("as_of", flat=True))


def date_or_none(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
