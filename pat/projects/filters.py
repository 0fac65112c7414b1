"""The project list's filters, shared by the page, the exports and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
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


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    region = django_filters.ChoiceFilter(
        label=_("Region"), choices=Region.choices, widget=FastSelect
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        field_name="countries",
        queryset=Country.objects.all(),
        to_field_name="code",
        widget=FastSelect,
    )
    office = django_filters.ModelChoiceFilter(
        label=_("Office"),
        field_name="executing_office",
        queryset=Office.objects.all(),
        to_field_name="code",
        widget=FastSelect,
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=Status.choices, widget=FastSelectMultiple
    )
    type = django_filters.ModelChoiceFilter(
        label=_("Project type"),
        field_name="project_type",
        queryset=ProjectType.objects.all(),
        to_field_name="code",
        widget=FastSelect,
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), field_name="themes", queryset=Theme.objects.all(), to_field_name="code", widget=FastSelect
    )
    donor = django_filters.ModelChoiceFilter(
        label=_("Donor"), field_name="donors", queryset=Donor.objects.all(), to_field_name="code", widget=FastSelect
    )
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

    def filter_search(self, queryset: QuerySet[Project], name: str, value: str) -> Any:
        return queryset.search(value)  # type: ignore[attr-defined]

    def filter_sort(self, queryset: QuerySet[Project], name: str, value: str) -> Any:
        return queryset.order_by(*SORTS.get(value, SORTS["-updated"]))
