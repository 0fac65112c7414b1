"""Forms of the gender network pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pat.core.models import Office
from pat.core.widgets import IsoDateInput
from pat.network.models import (
    ActionStatus,
    Campaign,
    FocalPoint,
    Meeting,
    Objective,
    Question,
    Questionnaire,
    QuestionSection,
    Rating,
    WggiMember,
)

# The ISO date input: a localized value would be dropped by the browser (first field week).
DateInput = IsoDateInput


def checked_upload(upload: Any) -> str:
    """The app's one upload check: the project documents' rules (size, type by content).

    Returns the checked content type or raises ValidationError; kept in this one function
    so that the app-wide upload validator can replace it in one place.
    """
    from django.utils.datastructures import MultiValueDict

    from pat.projects.forms import DocumentForm

    form = DocumentForm(data={"title": "evidence"}, files=MultiValueDict({"file": [upload]}))
    if not form.is_valid():
        raise ValidationError([str(e) for e in form.errors.get("file", [])] or _("Refused."))
    return str(form.content_type)


class LockedForm(forms.Form):
    """A form that carries the lock counter it was rendered with (optimistic locking)."""

    lock = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class FocalPointForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = FocalPoint
        fields = ["person", "office", "unit", "time_share", "appointed_on", "term_end", "alternate"]
        widgets = {"appointed_on": DateInput, "term_end": DateInput}


class WggiMemberForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = WggiMember
        fields = ["person", "unit", "role", "since"]
        widgets = {"since": DateInput}


class MeetingForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Meeting
        fields = ["held_on", "title", "agenda", "minutes", "attendees"]
        widgets = {"held_on": DateInput, "attendees": forms.CheckboxSelectMultiple}


class PlanCreateForm(forms.Form):
    office = forms.ModelChoiceField(queryset=Office.objects.none(), label=_("Office"))
    period = forms.CharField(label=_("Period"), max_length=20, initial=str(dt.date.today().year))

    def __init__(self, *args: Any, offices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]


class SummaryForm(LockedForm):
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ObjectiveForm(LockedForm):
    title = forms.CharField(label=_("Objective"), max_length=300)


class ActionForm(LockedForm):
    objective = forms.ModelChoiceField(queryset=Objective.objects.none(), label=_("Objective"))
    title = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.CharField(label=_("Owner"), max_length=150)
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput)

    def __init__(self, *args: Any, plan: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if plan is not None:
            self.fields["objective"].queryset = plan.objectives.all()  # type: ignore[attr-defined]


class ProgressForm(LockedForm):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    on = forms.DateField(label=_("Date"), widget=DateInput, initial=dt.date.today)
    note = forms.CharField(
        label=_("Progress note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class IndicatorForm(LockedForm):
    name = forms.CharField(label=_("Indicator"), max_length=300)
    baseline = forms.CharField(label=_("Baseline"), max_length=100)
    target = forms.CharField(label=_("Target"), max_length=100)


class MeasureForm(LockedForm):
    current = forms.CharField(label=_("Latest value"), max_length=100, required=False)


class DecisionForm(LockedForm):
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class PlanFilterForm(forms.Form):
    region = forms.ChoiceField(label=_("Region"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from pat.core.regions import Region
        from pat.network.models import PlanStatus

        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All regions")), *Region.choices]  # type: ignore[attr-defined]
        self.fields["status"].choices = [("", _("Any status")), *PlanStatus.choices]  # type: ignore[attr-defined]


class QuestionnaireForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Questionnaire
        fields = ["name"]


class SectionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = QuestionSection
        fields = ["order", "text_en", "text_fr", "text_es"]
        widgets = {f"text_{lang}": forms.TextInput for lang in ("en", "fr", "es")}


class QuestionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Question
        fields = ["section", "order", "code", "text_en", "text_fr", "text_es"]
        widgets = {f"text_{lang}": forms.Textarea(attrs={"rows": 2}) for lang in ("en", "fr", "es")}

    def __init__(self, *args: Any, questionnaire: Questionnaire, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = questionnaire.sections.all()  # type: ignore[attr-defined]


class CampaignForm(forms.ModelForm):  # type: ignore[type-arg]
    offices = forms.ModelMultipleChoiceField(
        label=_("Offices"),
        queryset=Office.objects.exclude(kind=Office.Kind.HEADQUARTERS),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Campaign
        fields = ["name", "questionnaire", "deadline"]
        widgets = {"deadline": DateInput}


class AnswersForm(LockedForm):
    """A rating and a comment per question, named rating-<id> and comment-<id>."""

    def __init__(self, *args: Any, questions: Iterable[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for q in self.questions:
            self.fields[f"rating-{q.pk}"] = forms.ChoiceField(
                label=q.text,
                choices=[("", _("Not rated yet")), *Rating.choices],
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"comment-{q.pk}"] = forms.CharField(
                label=_("Comment on %(code)s") % {"code": q.code},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def answers(self) -> dict[int, tuple[str, str]]:
        return {
            q.pk: (
                self.cleaned_data.get(f"rating-{q.pk}") or "",
                self.cleaned_data.get(f"comment-{q.pk}") or "",
            )
            for q in self.questions
        }


class EvidenceForm(forms.Form):
    question = forms.ModelChoiceField(
        queryset=Question.objects.none(), label=_("Question"), required=False
    )
    file = forms.FileField(label=_("Evidence file"))

    def __init__(self, *args: Any, questions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = questions  # type: ignore[attr-defined]
        self.content_type = ""

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        self.content_type = checked_upload(upload)
        return upload


class RatingForm(LockedForm):
    pi = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=17)
    rating = forms.ChoiceField(
        label=_("Rating"), choices=[("", "–"), *Rating.choices], required=False
    )
    narrative = forms.CharField(
        label=_("Narrative"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    evidence = forms.CharField(
        label=_("Further evidence"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    action_plan = forms.CharField(
        label=_("Action plan (required below “meets”)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class ConclusionsForm(forms.Form):
    def __init__(self, *args: Any, codes: Iterable[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code in codes:
            self.fields[f"c-{code}"] = forms.CharField(
                label=_("Conclusions on %(code)s") % {"code": code},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
