"""Forms of the training pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pat.core.models import Office
from pat.core.widgets import IsoDateInput
from pat.staffing.models import Level, Sex
from pat.training.models import EVALUATION_SCALE, Session


class SessionForm(forms.ModelForm[Session]):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Session
        fields = ["course", "starts_on", "ends_on", "place", "office", "trainers"]
        widgets = {"starts_on": IsoDateInput, "ends_on": IsoDateInput}

    def __init__(self, *args: Any, offices: set[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if offices is not None:
            self.fields["office"].queryset = Office.objects.filter(pk__in=offices)  # type: ignore[attr-defined]
        self.fields["trainers"].help_text = _("Names, separated by commas.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("A session cannot end before it starts."))
        return data


class ParticipantForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email"), required=False)
    staff_id = forms.CharField(
        label=_("Staff number"),
        max_length=40,
        required=False,
        help_text=_("For staff: sex, grade and office are then taken from the latest roster."),
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "–"), *Sex.choices], required=False)
    office = forms.ModelChoiceField(
        label=_("Office"), queryset=Office.objects.all(), required=False
    )
    grade = forms.ModelChoiceField(label=_("Grade"), queryset=Level.objects.all(), required=False)


class AttendanceForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class EvaluationForm(forms.Form):
    relevance = forms.TypedChoiceField(
        label=_("How relevant was the course to your work?"),
        choices=EVALUATION_SCALE,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1: not at all, 5: very"),
    )
    quality = forms.TypedChoiceField(
        label=_("How good were the trainers and materials?"),
        choices=EVALUATION_SCALE,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1: poor, 5: excellent"),
    )
    will_apply = forms.BooleanField(
        label=_("I will apply what I learned in my next project"), required=False
    )
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea, max_length=2000, required=False
    )


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *[(y, str(y)) for y in years]]  # type: ignore[attr-defined]
