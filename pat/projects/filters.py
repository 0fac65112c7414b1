"""The project list's filters, shared by the page, the exports and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pat.core.fragments import remembered
from pat.core.models import Country, Office, Revision
from pat.core.regions import Region
from pat.core.widgets import FastSelect, FastSelectMultiple
from pat.projects.models import Donor, Project, ProjectType, Status, Theme
from pat.projects.services import PROJECTS_REVISION

SORTS = {
    "-updated": ("-updated_at", "-id"),
    "code": ("code",),
    "title": ("title", "id"),
    "-start": ("-start_date", "-id"),
    "start": ("start_date", "id"),
    "-budget": ("-budget", "-id"),
}


def _cached_choices(kind: str, region: str = "") -> list[tuple[str, str]]:
    """A filter's options in the reader's language. Offices, project types, themes and donors
    bump the projects revision when saved (pat.projects.signals), so the options are kept in
    each process under it; countries are reference data that changes only with a release."""
    language = get_language()
    key = (
        f"projects:filter-choices:{kind}:{region}:{language}:{Revision.current(PROJECTS_REVISION)}"
    )

    def build() -> list[tuple[str, str]]:
        if kind == "country":
            return Country.choices(region or None)
        model = {"office": Office, "type": ProjectType, "theme": Theme}.get(kind, Donor)
        # Names in the reader's language (the cache key has it), sorted as read.
        rows = model.objects.only("code", "name", "name_fr", "name_es")  # type: ignore[attr-defined]
        return sorted(((r.code, str(r)) for r in rows), key=lambda c: c[1])

    return remembered(key, build, CHOICES_SECONDS)


CHOICES_SECONDS = 3600


CHOICE_KINDS = ("country", "office", "type", "theme", "donor")


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
        # A region chosen: offer only its countries (the page reloads on "Filter").
        self._country_region = region if region in Region.values else ""
        # Validating and drawing the form read each list of options many times: read each
        # once per filter set.
        self._options: dict[str, list[tuple[str, str]]] = {}
        for kind in CHOICE_KINDS:
            # A function, not a partial: forms deep-copy their fields' choices, and a function
            # is copied as itself where a partial would copy this whole filter set.
            self.filters[kind].extra["choices"] = lambda kind=kind: self._choices(kind)

    def _choices(self, kind: str) -> list[tuple[str, str]]:
        if kind not in self._options:
            region = self._country_region if kind == "country" else ""
            self._options[kind] = _cached_choices(kind, region)
        return self._options[kind]

    def filter_search(self, queryset: QuerySet[Project], name: str, value: str) -> Any:
        return queryset.search(value)  # type: ignore[attr-defined]

    def filter_sort(self, queryset: QuerySet[Project], name: str, value: str) -> Any:
        return queryset.order_by(*SORTS.get(value, SORTS["-updated"]))
