"""Forms of the evaluation pages; every edit form carries the version it was drawn from."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pat.core.widgets import IsoDateInput
from pat.evaluations.models import Evaluation, Recommendation
from pat.guide.models import DocumentLanguage

REPORT_TYPES = frozenset({"pdf", "docx", "odt"})
REPORT_MAX_BYTES = 20 * 1024 * 1024


class EvaluationForm(forms.ModelForm):  # type: ignore[type-arg]
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Evaluation
        fields = [
            "title",
            "kind",
            "conduct",
            "evaluator",
            "started_on",
            "finished_on",
            "findings",
        ]
        widgets = {
            "started_on": IsoDateInput,
            "finished_on": IsoDateInput,
            "findings": forms.Textarea(attrs={"rows": 10}),
        }


class RecommendationForm(forms.Form):
    text = forms.CharField(
        label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5_000
    )


class ResponseForm(forms.ModelForm):  # type: ignore[type-arg]
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Recommendation
        fields = ["response", "action", "owner", "deadline", "status"]
        widgets = {"deadline": IsoDateInput, "action": forms.Textarea(attrs={"rows": 2})}


class ReportForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    language = forms.ChoiceField(label=_("Language"), choices=DocumentLanguage.choices)
    file = forms.FileField(label=_("Report file (PDF, Word or OpenDocument)"))

    content_type = ""

    def clean_file(self) -> Any:
        from pat.uploads.validation import validate

        upload = self.cleaned_data["file"]
        # Refused files raise ValidationError with the validator's message; nothing is stored.
        self.content_type = validate(upload, accepted=REPORT_TYPES, max_bytes=REPORT_MAX_BYTES)
        return upload
