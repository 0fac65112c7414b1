"""The gender marker portfolio: codes per office, region and theme, and the 2a/2b shares.

Each table is one aggregate query whose size depends on the number of offices,
regions, themes and codes, never on the number of projects.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import CharField, Count, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language

from pat.core.regions import Region
from pat.markers import scoring
from pat.markers.models import MarkerAssessment, Scheme
from pat.projects.models import Project

NOT_ASSESSED = "not_assessed"
GENDER_CODES = ("2a", "2b")


@dataclass
class Row:
    label: str
    counts: dict[str, int] = field(default_factory=dict)
    values: list[int] = field(default_factory=list)  # counts in the order of Portfolio.codes

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def cells(self, codes: Iterable[str]) -> list[int]:
        return [self.counts.get(code, 0) for code in codes]


@dataclass
class CurrencyShare:
    currency: str
    projects: int
    gender_projects: int
    budget: Decimal
    gender_budget: Decimal

    @property
    def budget_share(self) -> float | None:
        return float(self.gender_budget / self.budget) if self.budget else None


@dataclass
class Portfolio:
    scheme: str
    codes: list[str]
    by_office: list[Row]
    by_region: list[Row]
    by_theme: list[Row]
    currencies: list[CurrencyShare]

    @property
    def projects(self) -> int:
        return sum(c.projects for c in self.currencies)

    @property
    def gender_projects(self) -> int:
        return sum(c.gender_projects for c in self.currencies)

    @property
    def project_share(self) -> float | None:
        return self.gender_projects / self.projects if self.projects else None


def with_current_code(projects: QuerySet[Project], scheme: str) -> QuerySet[Project]:
    """Projects annotated with the code of their current assessment (or NOT_ASSESSED)."""
    latest = (
        MarkerAssessment.objects.filter(project=OuterRef("pk"), scheme=scheme)
        .order_by("-id")
        .values("code")[:1]
    )
    return projects.annotate(
        marker_code=Coalesce(
            Subquery(latest, output_field=CharField()),
            Value(NOT_ASSESSED),
            output_field=CharField(),
        )
    )


def _rows(
    projects: QuerySet[Project], group: str, label_of: Any, label_field: str | None = None
) -> list[Row]:
    language = (get_language() or "en")[:2]
    if label_field and language in ("fr", "es"):
        # Reference data's name in the reader's language, English where none is given.
        localized = Coalesce(NullIf(F(f"{label_field}_{language}"), Value("")), F(label_field))
        projects = projects.annotate(label_in_language=localized)
        label_field = "label_in_language"
    fields = [group, "marker_code"] + ([label_field] if label_field else [])
    rows: dict[Any, Row] = {}
    for item in (
        projects.order_by().values(*fields).annotate(n=Count("id", distinct=True)).order_by()
    ):
        key = item[group]
        label = label_of(item[label_field] if label_field else key)
        row = rows.setdefault(key, Row(label=label))
        row.counts[item["marker_code"]] = row.counts.get(item["marker_code"], 0) + item["n"]
    return sorted(rows.values(), key=lambda r: r.label)


def portfolio_summary(projects: QuerySet[Project], scheme: str = Scheme.IOM) -> Portfolio:
    coded = with_current_code(projects, scheme)
    codes = list(scoring.CODES[scheme])
    by_office = _rows(coded, "executing_office__code", str, "executing_office__name")
    by_region = _rows(coded, "region", lambda r: str(Region(r).label) if r else "–")
    by_theme = _rows(coded, "themes__code", lambda n: n or "–", "themes__name")
    # The 2a/2b shares are about the IOM marker whatever table is shown; budgets
    # are summed per currency because the project database holds no exchange rates.
    iom = with_current_code(projects, Scheme.IOM) if scheme != Scheme.IOM else coded
    gender = Q(marker_code__in=GENDER_CODES)
    currencies = [
        CurrencyShare(
            currency=item["currency"],
            projects=item["projects"],
            gender_projects=item["gender_projects"],
            budget=item["total_budget"] or Decimal(0),
            gender_budget=item["total_gender_budget"] or Decimal(0),
        )
        for item in iom.order_by()
        .values("currency")
        .annotate(
            projects=Count("id"),
            gender_projects=Count("id", filter=gender),
            total_budget=Sum("budget"),
            total_gender_budget=Sum("budget", filter=gender),
        )
        .order_by("currency")
    ]
    # Codes no longer produced (older rules) still show rather than vanish.
    seen = {code for row in by_region for code in row.counts}
    codes += [*sorted(seen - set(codes) - {NOT_ASSESSED}), NOT_ASSESSED]
    for row in (*by_office, *by_region, *by_theme):
        row.values = row.cells(codes)
    return Portfolio(scheme, codes, by_office, by_region, by_theme, currencies)
