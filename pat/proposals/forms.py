from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pat.core.models import Country
from pat.core.widgets import IsoDateInput
from pat.projects.models import (
    Organization,
    Project,
    ProjectPartner,
)
from pat.proposals.models import BudgetLine, Risk, Stage


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
            "start_date": IsoDateInput(),
            "end_date": IsoDateInput(),
            "donors": forms.SelectMultiple(attrs={"size": 5}),
        }

    M2M = ("countries", "donors")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        # By name in the reader's language (the queryset still validates what is posted).
        self.fields["countries"].choices = Country.choices()  # type: ignore[attr-defined]

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


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
