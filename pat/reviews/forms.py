"""Forms of the review pages: decide, comment, checklist, status changes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pat.reviews.models import ChecklistItem, TaskState
from pat.reviews.workflow import BY_HAND


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (TaskState.ENDORSED, _("Endorse")),
            (TaskState.ENDORSED_WITH_COMMENTS, _("Endorse with comments")),
            (TaskState.RETURNED, _("Return to the developer")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Why"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed to return or to endorse with comments."),
    )
    lock = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CommentForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"), required=False)
    result_code = forms.ChoiceField(label=_("Results matrix row"), required=False)
    text = forms.CharField(
        label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, snapshot: Mapping[str, Any], labels: Mapping[str, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        keys = ["cover", *snapshot.get("sections", {}), "results", "work-plan", "budget"]
        keys += ["risks", "beneficiaries", "markers"]
        section_field = self.fields["section"]
        assert isinstance(section_field, forms.ChoiceField)
        section_field.choices = [("", _("The whole proposal"))] + [
            (k, labels.get(k, k)) for k in dict.fromkeys(keys)
        ]
        row_field = self.fields["result_code"]
        assert isinstance(row_field, forms.ChoiceField)
        row_field.choices = [("", "–")] + [
            (str(r["code"]), f"{r['code']} {str(r['statement'])[:60]}")
            for r in snapshot.get("results", [])
            if r.get("code")
        ]


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Reply"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    parent = forms.IntegerField(widget=forms.HiddenInput)


class ChecklistForm(forms.Form):
    item = forms.ChoiceField(choices=ChecklistItem.choices, widget=forms.HiddenInput)
    ok = forms.TypedChoiceField(
        label=_("Met"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


ACTION_LABELS = {
    "withdraw": _("Withdraw the proposal"),
    "submit_to_donor": _("Record: submitted to the donor"),
    "activate": _("Record: funded, the project is active"),
    "not_funded": _("Record: not funded"),
    "final_reporting": _("Start final reporting"),
    "close": _("Close the project"),
}


class TransitionForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), choices=[(a, ACTION_LABELS[a]) for a in BY_HAND])
    note = forms.CharField(label=_("Note"), required=False, max_length=500)
