"""The board's report for a period: special measures, outcomes by sex, women among
selections by level against the staffing targets, and the Gender Focal Point's objections."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import QuerySet

from pat.appointments import rules
from pat.appointments.models import Case, Sex


@dataclass
class LevelRow:
    level: str
    women: int = 0
    men: int = 0
    other: int = 0
    targets: list[tuple[str, float, int]] = field(default_factory=list)  # (group, share, year)

    @property
    def share(self) -> float | None:
        return self.women * 100 / (self.women + self.men) if self.women + self.men else None

    @property
    def below_target(self) -> bool | None:
        if self.share is None or not self.targets:
            return None
        return self.share < max(t[1] for t in self.targets)


@dataclass
class Report:
    start: dt.date | None
    end: dt.date | None
    cases: int
    special_measures: list[Case]
    recommended_by_sex: dict[str, int]
    selected_by_sex: dict[str, int]
    decisions: dict[str, int]
    levels: list[LevelRow]
    objections: list[Case]
    objection_decisions: dict[str, int]


def _in_period(qs: QuerySet[Case], start: dt.date | None, end: dt.date | None) -> QuerySet[Case]:
    if start:
        qs = qs.filter(opened_on__gte=start)
    if end:
        qs = qs.filter(opened_on__lte=end)
    return qs


def period_report(*, start: dt.date | None, end: dt.date | None) -> Report:
    from pat.staffing.models import Target

    cases = list(
        _in_period(Case.objects.all(), start, end)
        .select_related("vacancy__grade", "vacancy__office", "recommended")
        .order_by("opened_on", "pk")
    )
    sexes = [s.value for s in Sex]
    recommended = Counter(c.recommended.sex for c in cases if c.recommended)
    approved = [c for c in cases if c.decision == rules.Decision.APPROVE and c.recommended]
    selected = Counter(c.recommended.sex for c in approved if c.recommended)
    year = (end or dt.date.today()).year
    levels: dict[str, LevelRow] = {}
    for c in approved:
        assert c.recommended is not None
        row = levels.setdefault(c.vacancy.grade.code, LevelRow(c.vacancy.grade.code))
        if c.recommended.sex == Sex.FEMALE:
            row.women += 1
        elif c.recommended.sex == Sex.MALE:
            row.men += 1
        else:
            row.other += 1
    # The target of each level group the level is in: the first line due on or after the
    # period's year, else the latest one.
    for target in (
        Target.objects.select_related("group")
        .prefetch_related("group__levels")
        .order_by("group__order", "year")
    ):
        for level in target.group.levels.all():
            found = levels.get(level.code)
            if found is None:
                continue
            row = found
            same = [t for t in row.targets if t[0] == target.group.name]
            if same and same[0][2] >= year:
                continue
            row.targets = [t for t in row.targets if t[0] != target.group.name]
            row.targets.append((target.group.name, float(target.share), target.year))
    objections = [c for c in cases if c.verdict == rules.Verdict.OBJECT]
    return Report(
        start=start,
        end=end,
        cases=len(cases),
        special_measures=[c for c in cases if c.special_measures],
        recommended_by_sex={s: recommended.get(s, 0) for s in sexes},
        selected_by_sex={s: selected.get(s, 0) for s in sexes},
        decisions=dict(Counter(c.decision or "pending" for c in cases)),
        levels=sorted(levels.values(), key=lambda r: r.level),
        objections=objections,
        objection_decisions=dict(Counter(c.decision or "pending" for c in objections)),
    )
