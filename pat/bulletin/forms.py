"""Forms of the bulletin pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pat.bulletin.models import ARTICLE_MAX_CHARS, LANGUAGES, SUMMARY_MAX_CHARS, Image


class IssueForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2200)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), choices=[(q, f"Q{q}") for q in range(1, 5)], coerce=int
    )
    title = forms.CharField(label=_("Title (English)"), max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = dt.date.today()
        self.fields["year"].initial = today.year
        self.fields["quarter"].initial = (today.month - 1) // 3 + 1


class EditionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Introduction (Markdown)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=SUMMARY_MAX_CHARS,
        required=False,
    )


class ArticleForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Title"), max_length=200)
    position = forms.IntegerField(label=_("Position"), min_value=1, max_value=99, initial=1)
    body = forms.CharField(
        label=_("Text (Markdown)"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=ARTICLE_MAX_CHARS,
    )
    image = forms.ModelChoiceField(label=_("Image"), queryset=Image.objects.none(), required=False)

    def __init__(self, *args: Any, issue_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["image"].queryset = Image.objects.filter(issue_id=issue_id)  # type: ignore[attr-defined]


class ImageForm(forms.Form):
    file = forms.FileField(label=_("Image (PNG or JPEG, at most 2 MB)"))
    alt = forms.CharField(label=_("Description for people who cannot see it"), max_length=300)


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("What to change"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES)
