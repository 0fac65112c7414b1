from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from pat.core.models import Office
from pat.core.widgets import IsoDateInput
from pat.recruitment.models import Language, State, Vacancy
from pat.staffing.models import Category, Level

# A notice is a page or two; the cap keeps the wording check of every save and keystroke quick.
MAX_TEXT = 50_000


class VacancyForm(forms.ModelForm):  # type: ignore[type-arg]
    """The notice as a hiring office drafts it; the category follows the grade."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    apply_url = forms.URLField(
        label=_("Where to apply"),
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text=_("The notice's page in the e-recruitment system, where candidates apply."),
    )
    reason = forms.CharField(
        label=_("Reason to keep the masculine-coded words"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed only while a published notice still has masculine-coded words."),
    )

    class Meta:
        model = Vacancy
        fields = [
            "reference",
            "title",
            "grade",
            "office",
            "duty_station",
            "closing_date",
            "language",
            "text",
            "apply_url",
        ]
        widgets = {
            "closing_date": IsoDateInput(),
            "text": forms.Textarea(attrs={"rows": 16}),
        }

    def __init__(self, *args: Any, offices: set[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        office_field: Any = self.fields["office"]
        if offices is not None:
            office_field.queryset = Office.objects.filter(pk__in=offices)
        self.fields["text"].validators.append(MaxLengthValidator(MAX_TEXT))
        grade_field: Any = self.fields["grade"]
        grade_field.queryset = Level.objects.order_by("category", "rank")
        self.fields["office"].label_from_instance = str  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        if self.instance.state != State.PUBLISHED:
            del self.fields["reason"]


class MoveForm(forms.Form):
    to = forms.ChoiceField(choices=State.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label=_("Reason to publish with masculine-coded words"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BoardFilter(forms.Form):
    """The public board's filters; an unknown value is ignored rather than an error."""

    office = forms.ModelChoiceField(
        label=_("Office"),
        queryset=Office.objects.filter(vacancies__state="published").distinct(),
        required=False,
        to_field_name="code",
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("Any")), *Category.choices], required=False
    )
    grade = forms.ModelChoiceField(
        label=_("Grade"),
        queryset=Level.objects.filter(vacancies__state="published").distinct(),
        required=False,
        to_field_name="code",
    )
    duty_station = forms.CharField(label=_("Duty station"), required=False, max_length=120)
    language = forms.ChoiceField(
        label=_("Language of the notice"),
        choices=[("", _("Any")), *Language.choices],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].label_from_instance = str  # type: ignore[attr-defined]
        self.fields["office"].empty_label = _("Any")  # type: ignore[attr-defined]
        self.fields["grade"].empty_label = _("Any")  # type: ignore[attr-defined]
