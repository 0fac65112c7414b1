from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pat.appointments import rules
from pat.appointments.models import TEXT_MAX_CHARS, BoardMember, Candidate, Meeting
from pat.core.models import User
from pat.core.widgets import IsoDateInput


class CandidateForm(forms.ModelForm):  # type: ignore[type-arg]
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Candidate
        fields = [
            "name",
            "email",
            "sex",
            "sex_description",
            "channel",
            "stage",
            "outcome",
            "meets_requirements",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("sex") == "self" and not (data.get("sex_description") or "").strip():
            self.add_error("sex_description", _("Write how the candidate describes themselves."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Candidates file"),
        help_text=_(
            "CSV (UTF-8) or XLSX from the e-recruitment system: one row per candidate with "
            "the columns name and sex, and optionally email, self_description, channel, "
            "stage, outcome and meets_requirements (yes or no)."
        ),
    )

    def clean_file(self) -> Any:
        from pat.uploads.validation import validate

        upload = self.cleaned_data["file"]
        validate(upload, accepted={"csv", "xlsx"}, max_bytes=settings.PAT_MAX_UPLOAD_BYTES)
        return upload


class RecommendForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    candidate = forms.ModelChoiceField(
        label=_("Recommended candidate"), queryset=Candidate.objects.none()
    )
    text = forms.CharField(
        label=_("The hiring office's recommendation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX_CHARS,
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = candidates  # type: ignore[attr-defined]


class JustifyForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(
        label=_("Written justification"),
        help_text=_(
            "Why the recommended man is preferred over the woman or women who meet the "
            "requirements."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=TEXT_MAX_CHARS,
    )


class ReviewForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    verdict = forms.ChoiceField(
        label=_("Your review"),
        widget=forms.RadioSelect,
        choices=[
            (rules.Verdict.CONCUR, _("Concur")),
            (rules.Verdict.CONCUR_WITH_COMMENT, _("Concur with comment")),
            (rules.Verdict.OBJECT, _("Object")),
        ],
    )
    text = forms.CharField(
        label=_("Comment or objection"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=TEXT_MAX_CHARS,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        verdict = data.get("verdict")
        if (
            verdict
            and rules.review_needs_text(rules.Verdict(verdict))
            and not (data.get("text") or "").strip()
        ):
            self.add_error("text", _("Write the comment or the objection."))
        return data


class DecideForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    decision = forms.ChoiceField(
        label=_("The board's decision"),
        widget=forms.RadioSelect,
        choices=[
            (rules.Decision.APPROVE, _("Approve")),
            (rules.Decision.RETURN, _("Return to the hiring office")),
            (rules.Decision.DEFER, _("Defer")),
        ],
    )
    note = forms.CharField(
        label=_("Note for the minutes"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=TEXT_MAX_CHARS,
    )


class ScheduleForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    meeting = forms.ModelChoiceField(
        label=_("Meeting"), queryset=Meeting.objects.all(), required=False
    )


class MeetingForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Meeting
        fields = ["held_on", "title", "members", "notes"]
        widgets = {"held_on": IsoDateInput, "members": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        seated = BoardMember.objects.values("user_id")
        self.fields["members"].queryset = User.objects.filter(pk__in=seated)  # type: ignore[attr-defined]


class MemberForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = BoardMember
        fields = ["user", "seat", "since", "until"]
        widgets = {"since": IsoDateInput, "until": IsoDateInput}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(is_active=True).order_by(  # type: ignore[attr-defined]
            "last_name", "first_name"
        )


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=IsoDateInput)
    end = forms.DateField(label=_("To"), required=False, widget=IsoDateInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise ValidationError(_("The period ends before it starts."))
        return data
