"""The report page's form: every actual, cell, spending line and narrative part in one POST.

Field names: `actual-<indicator>`, `comment-<indicator>`, `mov-<indicator>`,
`cell-<indicator>-<sex>-<band>`, `spent-<budget line>`, the narrative fields,
`gam-<measure>` and `gam-targeted`. Parsing turns them into a `ReportEdit`;
what is not a number is an error keyed like the services' errors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pat.markers import scoring
from pat.reporting.models import Frequency
from pat.reporting.services import ActualEdit, ReportEdit, parse_number

SEXES = ("female", "male", "other", "unknown")
NARRATIVE = ("achievements", "challenges", "gender_results")


def cell_name(indicator_id: int, sex: str, band_id: int) -> str:
    return f"cell-{indicator_id}-{sex}-{band_id}"


def parse_report(
    data: Mapping[str, Any], *, indicators: Mapping[int, Any], line_ids: set[int]
) -> tuple[ReportEdit, dict[str, list[str]]]:
    """The edit a POST describes, and the fields that are not numbers."""
    errors: dict[str, list[str]] = {}

    def number(name: str) -> Decimal | None:
        try:
            return parse_number(data.get(name))
        except ValueError:
            errors.setdefault(name, []).append(_("Enter a number."))
            return None

    actuals: dict[int, ActualEdit] = {}
    for pk, indicator in indicators.items():
        if f"actual-{pk}" not in data:
            continue
        cells: dict[tuple[str, int], Decimal | None] = {}
        if indicator.counts_people:
            for band in indicator.band_set.bands.all() if indicator.band_set else []:
                for sex in SEXES:
                    name = cell_name(pk, sex, band.pk)
                    if name in data:
                        cells[(sex, band.pk)] = number(name)
        actuals[pk] = ActualEdit(
            value=number(f"actual-{pk}"),
            comment=str(data.get(f"comment-{pk}", "")).strip(),
            means_of_verification=str(data.get(f"mov-{pk}", "")).strip(),
            cells=cells,
        )
    spending: dict[int, Decimal | None] = {}
    for line_id in line_ids:
        if f"spent-{line_id}" in data:
            spending[line_id] = number(f"spent-{line_id}")
    gam: dict[str, Any] | None = None
    if any(f"gam-{m}" in data for m in scoring.GAM_MEASURES):
        gam = {}
        for measure in scoring.GAM_MEASURES:
            raw = str(data.get(f"gam-{measure}", "")).strip()
            if raw:
                gam[measure] = raw
        if gam:
            gam[scoring.GAM_TARGETED] = bool(data.get("gam-targeted"))
    edit = ReportEdit(
        actuals=actuals,
        spending=spending,
        gam_answers=gam,
        **{name: str(data[name]).replace("\r\n", "\n") for name in NARRATIVE if name in data},
    )
    return edit, errors


class ScheduleForm(forms.Form):
    frequency = forms.ChoiceField(label=gettext_lazy("Frequency"), choices=Frequency.choices)
    dates = forms.CharField(
        label=gettext_lazy("Period end dates"),
        required=False,
        help_text=gettext_lazy("For given dates: one ISO date (2026-06-30) a line."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    due_days = forms.IntegerField(
        label=gettext_lazy("Interim report due (days after the period)"),
        min_value=0,
        max_value=365,
        initial=30,
    )
    final_due_days = forms.IntegerField(
        label=gettext_lazy("Final report due (days after the end date)"),
        min_value=0,
        max_value=365,
        initial=90,
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_dates(self) -> list[dt.date]:
        out = []
        for line in str(self.cleaned_data.get("dates") or "").split():
            try:
                out.append(dt.date.fromisoformat(line.strip()))
            except ValueError as error:
                raise forms.ValidationError(
                    _("%(text)s is not a date like 2026-06-30.") % {"text": line[:20]}
                ) from error
        if len(out) > 120:
            raise forms.ValidationError(_("That schedule makes too many periods (at most 120)."))
        return out


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Filled-in report spreadsheet (.xlsx)"))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ScopeForm(forms.Form):
    """Which part of the portfolio a results view covers (all empty: the whole portfolio)."""

    office = forms.IntegerField(required=False, widget=forms.HiddenInput)
    region = forms.CharField(required=False)
    theme = forms.IntegerField(required=False)


__all__ = ["ScheduleForm", "UploadForm", "parse_report"]
