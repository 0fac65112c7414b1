"""Forms of the pilot fund pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pat.core.widgets import IsoDateInput
from pat.pilotfund.eligibility import rules_problem
from pat.pilotfund.models import Allocation, Call, Source
from pat.projects.models import Project


def money_field(label: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, min_value=Decimal("0.01"), max_digits=14, decimal_places=2
    )


class AllocationForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    amount = money_field(_("Amount"))
    source = forms.ChoiceField(label=_("Source"), choices=Source.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CallForm(forms.ModelForm):  # type: ignore[type-arg]
    eligibility = forms.JSONField(
        label=_("Eligibility rules"),
        required=False,
        initial=list,
        help_text=_(
            'A list such as [{"rule": "max_budget", "value": "50000"}, {"rule": "max_months", '
            '"value": 18}]. Rules: max_budget, currency, max_months, regions, project_types, '
            "requires, statuses."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    criteria = forms.JSONField(
        label=_("Selection criteria"),
        required=False,
        initial=list,
        help_text=_(
            'A list such as [{"code": "gender", "name": "Gender analysis", "weight": 2, "max": 5}].'
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    class Meta:
        model = Call
        fields = ["title", "allocation", "opens_on", "deadline", "text", "eligibility", "criteria"]
        widgets = {"opens_on": IsoDateInput, "deadline": IsoDateInput}

    def __init__(self, *args: Any, fund: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allocation = self.fields["allocation"]
        assert isinstance(allocation, forms.ModelChoiceField)
        allocation.queryset = Allocation.objects.filter(fund=fund)

    def clean_eligibility(self) -> Any:
        rules = self.cleaned_data.get("eligibility") or []
        problem = rules_problem(rules)
        if problem:
            raise ValidationError(_("Invalid rules: %(p)s") % {"p": problem})
        return rules

    def clean_criteria(self) -> Any:
        criteria = self.cleaned_data.get("criteria") or []
        if not isinstance(criteria, list) or not all(
            isinstance(c, dict) and c.get("code") and c.get("name") for c in criteria
        ):
            raise ValidationError(_("Each criterion needs a code and a name."))
        for c in criteria:
            try:
                if int(c.get("max", 5)) < 1 or int(c.get("weight", 1)) < 1:
                    raise ValueError
            except (TypeError, ValueError):
                raise ValidationError(_("Weights and maxima are whole numbers from 1.")) from None
        return criteria


class EnterForm(forms.Form):
    project: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Project"), queryset=Project.objects.none()
    )
    requested = money_field(_("Amount requested"))

    def __init__(self, *args: Any, projects: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["project"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = projects


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("select", _("Select")), ("reject", _("Do not select"))]
    )
    note = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class GrantForm(forms.Form):
    amount = money_field(_("Amount granted"))


class DisbursementForm(forms.Form):
    amount = money_field(_("Amount"))
    paid_on = forms.DateField(label=_("Paid on"), widget=IsoDateInput)
    reference = forms.CharField(label=_("Reference"), max_length=100, required=False)


class MoveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.CharField(max_length=20)


def scores_form(
    criteria: list[dict[str, Any]], data: Any = None, initial: Any = None
) -> forms.Form:
    """One number field per criterion of the call (criteria are data, so is the form)."""
    form = forms.Form(data, initial=initial)
    for c in criteria:
        form.fields[f"c_{c['code']}"] = forms.IntegerField(
            label=f"{c['name']} (0–{int(c.get('max', 5))}, ×{int(c.get('weight', 1))})",
            min_value=0,
            max_value=int(c.get("max", 5)),
        )
    return form
