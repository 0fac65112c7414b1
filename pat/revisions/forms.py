"""The request form and the draft's forms (the budget lines are the builder's own form)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pat.core.widgets import IsoDateInput
from pat.proposals.forms import BudgetLineForm
from pat.revisions.models import JUSTIFICATION_MAX_CHARS, Kind


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of revision"), choices=Kind.choices)
    justification = forms.CharField(
        label=_("Justification"),
        max_length=JUSTIFICATION_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    late_reason = forms.CharField(
        label=_("Allowed after the one-month limit because"),
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Administrators only: less than a month before the end date."),
    )


class DraftForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    justification = forms.CharField(
        label=_("Justification"),
        max_length=JUSTIFICATION_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    end_date = forms.DateField(label=_("New end date"), widget=IsoDateInput(), required=False)


class LockForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DraftLineForm(BudgetLineForm):
    """A budget line of the draft; `id` names the project's line it changes (none if new)."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta(BudgetLineForm.Meta):
        fields = ["category", "description", "amount"]


BudgetDraftFormSet = forms.formset_factory(DraftLineForm, extra=2, can_delete=True)
