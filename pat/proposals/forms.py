from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pat.core.models import Country
from pat.projects.models import (
    AgeBand,
    AgeBandSet,
    Indicator,
    Organization,
    Project,
    ProjectPartner,
    Sex,
)
from pat.proposals.models import BudgetCategory, BudgetLine, Level, Risk, Stage
from pat.proposals.services import MatrixEdit


class SectionForm(forms.Form):
    text = forms.CharField(required=False, widget=forms.Textarea)
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    # Digest of the text the writer started from (project-backed sections).
    base = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)


class CoverForm(forms.ModelForm):  # type: ignore[type-arg]
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries covered"),
        queryset=Country.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "project_type",
            "countries",
            "donors",
            "start_date",
            "end_date",
            "budget",
            "currency",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "donors": forms.SelectMultiple(attrs={"size": 5}),
        }

    M2M = ("countries", "donors")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        self.fields["countries"].label_from_instance = lambda c: c.name  # type: ignore[attr-defined]

    def split(self) -> tuple[dict[str, Any], dict[str, Any]]:
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.M2M and k != "version"}
        return data, {k: self.cleaned_data[k] for k in self.M2M}


class PartnerForm(forms.Form):
    organization = forms.CharField(label=_("Organization"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Organization.Kind.choices)
    role = forms.ChoiceField(label=_("Role"), choices=ProjectPartner.Role.choices)


class RiskForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Risk
        fields = ["risk", "likelihood", "impact", "mitigation", "owner"]
        widgets = {
            "risk": forms.Textarea(attrs={"rows": 2}),
            "mitigation": forms.Textarea(attrs={"rows": 2}),
        }


class BudgetLineForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = BudgetLine
        fields = ["category", "description", "amount"]
        widgets = {
            "amount": forms.NumberInput(attrs={"step": "0.01", "min": "0", "class": "amount"})
        }


RiskFormSet = forms.modelformset_factory(Risk, form=RiskForm, extra=2, can_delete=True)
BudgetFormSet = forms.modelformset_factory(
    BudgetLine, form=BudgetLineForm, extra=3, can_delete=True
)


class LockForm(forms.Form):
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    # The results matrix page also sends a digest of the matrix it was built from.
    base = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)


# --- the results matrix form ------------------------------------------------------------------

SEXES = [s for s, _label in Sex.choices]


def cell_name(indicator_id: int, sex: str, band_id: int) -> str:
    return f"ind-{indicator_id}-cell-{sex}-{band_id}"


def _decimal(raw: str) -> Decimal | None:
    raw = raw.strip().replace(",", "")
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValueError(raw) from None
    if not value.is_finite():
        raise ValueError(raw)
    return value


def parse_matrix(
    data: Any,
    nodes: list[Any],
    indicators: list[Indicator],
    band_sets: dict[int, AgeBandSet],
) -> tuple[MatrixEdit, dict[str, list[str]]]:
    """The typed matrix from the POST data, and field-level errors for what does not parse."""
    errors: dict[str, list[str]] = {}
    rows = {}
    for node in nodes:
        statement = data.get(f"row-{node.pk}-statement")
        if statement is None:
            continue
        statement = statement.strip()
        if not statement:
            errors[f"row-{node.pk}"] = [str(_("A row needs its statement."))]
        rows[node.pk] = (statement, data.get(f"row-{node.pk}-assumptions", "").strip())
    parsed: dict[int, tuple[dict[str, Any], dict[tuple[str, int], Decimal | None]]] = {}
    for indicator in indicators:
        prefix = f"ind-{indicator.pk}-"
        statement = data.get(prefix + "statement")
        if statement is None:
            continue
        fields: dict[str, Any] = {
            "statement": statement.strip(),
            "means_of_verification": data.get(prefix + "mov", "").strip(),
            "counts_people": data.get(prefix + "counts") == "on",
        }
        if not fields["statement"]:
            errors[f"indicator-{indicator.pk}"] = [str(_("An indicator needs its statement."))]
        measure = data.get(prefix + "measure", indicator.measure)
        fields["measure"] = measure if measure in Indicator.Measure.values else indicator.measure
        band_set_raw = data.get(prefix + "bandset", "")
        band_set = band_sets.get(int(band_set_raw)) if band_set_raw.isdigit() else None
        fields["band_set"] = band_set
        cells: dict[tuple[str, int], Decimal | None] = {}
        try:
            fields["baseline_value"] = _decimal(data.get(prefix + "baseline", ""))
            fields["target_value"] = _decimal(data.get(prefix + "target", ""))
            if band_set is not None:
                for band in band_set.bands.all():
                    for sex in SEXES:
                        value = _decimal(data.get(cell_name(indicator.pk, sex, band.pk), ""))
                        if value is not None and value < 0:
                            raise ValueError(str(value))
                        cells[(sex, band.pk)] = value
        except ValueError as error:
            errors[f"indicator-{indicator.pk}"] = [
                str(_("“%(value)s” is not a number.")) % {"value": error}
            ]
        parsed[indicator.pk] = (fields, cells)
    action, _sep, target = data.get("action", "").partition(":")
    field = f"newind-{target}" if action == "add-indicator" else f"new-{target or 'outcome'}"
    edit = MatrixEdit(
        rows=rows,
        indicators=parsed,
        action=action,
        target=int(target) if target.isdigit() else None,
        statement=data.get(field, ""),
    )
    return edit, errors


def level_choices() -> list[tuple[str, str]]:
    return [(k, str(v)) for k, v in Level.choices]


def band_lookup() -> dict[int, AgeBandSet]:
    sets = AgeBandSet.objects.prefetch_related("bands")
    return {s.pk: s for s in sets}


__all__ = [
    "AgeBand",
    "BudgetCategory",
    "BudgetFormSet",
    "CoverForm",
    "LockForm",
    "RiskFormSet",
    "SectionForm",
    "StageForm",
    "band_lookup",
    "cell_name",
    "parse_matrix",
]
