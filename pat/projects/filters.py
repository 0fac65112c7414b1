"""The project list's filters, shared by the page, the exports and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pat.core.models import Country, Office
from pat.core.regions import Region
from pat.core.widgets import FastSelect, FastSelectMultiple
from pat.projects.models import Donor, Project, ProjectType, Status, Theme

SORTS = {
    "-updated": ("-updated_at", "-id"),
    "code": ("code",),
    "title": ("title", "id"),
    "-start": ("-start_date", "-id"),
    "start": ("start_date", "id"),
    "-budget": ("-budget", "-id"),
}

# Offices, donors and the like change a few times a year; their option lists
# are rebuilt at most once a minute per process instead of on every request.
CHOICES_TTL = 60


def _cached_choices(kind: str, region: str = "") -> list[tuple[str, str]]:
    key = f"projects:filter-choices:{kind}:{region}:{get_language()}"
    choices: list[tuple[str, str]] | None = cache.get(key)
    if choices is None:
        if kind == "country":
            choices = Country.choices(region or None)
        else:
            model = {"office": Office, "type": ProjectType, "theme": Theme}.get(kind, Donor)
            # Names in the reader's language (the cache key has it), sorted as read.
            rows = model.objects.only("code", "name", "name_fr", "name_es")  # type: ignore[attr-defined]
            choices = sorted(((r.code, str(r)) for r in rows), key=lambda c: c[1])
        cache.set(key, choices, CHOICES_TTL)
    return choices


def _choice_filter(kind: str, label: Any, field_name: str) -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(
        label=label,
        field_name=field_name,
        choices=lambda: _cached_choices(kind),
        widget=FastSelect,
    )


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    region = django_filters.ChoiceFilter(
        label=_("Region"), choices=Region.choices, widget=FastSelect
    )
    country = _choice_filter("country", _("Country"), "countries")
    office = _choice_filter("office", _("Office"), "executing_office__code")
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=Status.choices, widget=FastSelectMultiple
    )
    type = _choice_filter("type", _("Project type"), "project_type__code")
    theme = _choice_filter("theme", _("Theme"), "themes__code")
    donor = _choice_filter("donor", _("Donor"), "donors__code")
    start_after = django_filters.DateFilter(
        label=_("Starts on or after"), field_name="start_date", lookup_expr="gte"
    )
    start_before = django_filters.DateFilter(
        label=_("Starts on or before"), field_name="start_date", lookup_expr="lte"
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        method="filter_sort",
        empty_label=None,
        widget=FastSelect,
        choices=[
            ("-updated", _("Recently changed")),
            ("code", _("Code")),
            ("title", _("Title")),
            ("-start", _("Newest start")),
            ("start", _("Oldest start")),
            ("-budget", _("Largest budget")),
        ],
    )

    class Meta:
        model = Project
        fields: list[str] = []

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(data, *args, **kwargs)
        region = (data or {}).get("region") or ""
        if region in Region.values:
            # A region chosen: offer only its countries (the page reloads on "Filter").
            self.filters["country"].extra["choices"] = lambda: _cached_choices("country", region)

    def filter_search(self, queryset: QuerySet[Project], name: str, value: str) -> Any:
        return queryset.search(value)  # type: ignore[attr-defined]

    def filter_sort(self, queryset: QuerySet[Project], name: str, value: str) -> Any:
        return queryset.order_by(*SORTS.get(value, SORTS["-updated"]))
