from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pat.core.languages import Language
from pat.core.models import Office
from pat.core.widgets import IsoDateInput
from pat.guide.keys import normalise
from pat.guide.models import DocumentLanguage, GuidePage, Topic
from pat.uploads import validation as uploads


class PageForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        required=False,
        help_text=_("One sentence shown in the guide's index and in search results."),
    )
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "true"}),
        help_text=_(
            "Markdown: ## for a heading, - for a list item, **bold**, [link text](/guide/key/), "
            "> for an example. HTML is shown as text."
        ),
        max_length=100_000,
    )
    note = forms.CharField(
        label=_("What changed (optional)"),
        max_length=200,
        required=False,
    )
    # The version the editor started from: a stale edit is refused, never merged blindly.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class NewPageForm(PageForm):
    key = forms.SlugField(
        label=_("Key"),
        max_length=80,
        help_text=_("Lower-case words joined by hyphens; the page's address is /guide/<key>/."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)

    field_order = ["key", "language", "title", "summary", "body", "note"]

    RESERVED = frozenset({"search", "library", "kit", "new", "pdf", "static"})

    def clean_key(self) -> str:
        key = normalise(self.cleaned_data["key"])
        if key in self.RESERVED:
            raise ValidationError(_("This key is reserved for a page of the guide itself."))
        return key

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        key, language = data.get("key"), data.get("language")
        if key and language and GuidePage.objects.filter(key=key, language=language).exists():
            self.add_error("key", _("A page with this key already exists in this language."))
        return data


def _limit() -> int:
    return int(getattr(settings, "PAT_LIBRARY_MAX_BYTES", settings.PAT_MAX_UPLOAD_BYTES))


LIBRARY_TYPES = frozenset({"pdf", "docx", "xlsx", "odt", "txt"})


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    language = forms.ChoiceField(label=_("Language"), choices=DocumentLanguage.choices)
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=300,
        help_text=_("Separated by commas, e.g. men and boys, labour migration"),
    )
    office = forms.ModelChoiceField(
        label=_("Office"), queryset=Office.objects.all(), required=False
    )
    published_on = forms.DateField(label=_("Date"), widget=IsoDateInput())
    file = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(
        label=_("…or a link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("For a document published elsewhere: give a link instead of a file."),
    )

    content_type = ""

    def clean_url(self) -> str:
        url: str = self.cleaned_data.get("url", "")
        if url and not re.match(r"^https?://", url, re.I):
            raise ValidationError(_("Give a web address that starts with http:// or https://."))
        return url

    def clean_tags(self) -> list[str]:
        raw: str = self.cleaned_data.get("tags", "")
        tags = [normalise(t) for t in raw.split(",")]
        tags = [t for t in tags if t]
        if any(len(t) > 50 for t in tags):
            raise ValidationError(_("A tag has at most 50 characters."))
        return tags

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        self.content_type = uploads.validate(upload, accepted=LIBRARY_TYPES, max_bytes=_limit())
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_file = bool(data.get("file"))
        has_url = bool(data.get("url"))
        if "file" in self.errors:
            return data
        if has_file and has_url:
            self.add_error("url", _("Give either a file or a link, not both."))
        elif not has_file and not has_url:
            self.add_error("file", _("Choose a file to upload, or give a link."))
        return data


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    topic = forms.ChoiceField(
        label=_("Topic"), choices=[("", _("All topics")), *Topic.choices], required=False
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("All languages")), *DocumentLanguage.choices],
        required=False,
    )
    tag = forms.CharField(label=_("Tag"), required=False, max_length=50)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the guide and the library"), required=False, max_length=200)
    topic = forms.ChoiceField(
        label=_("Topic"), choices=[("", _("All topics")), *Topic.choices], required=False
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("All languages")), *DocumentLanguage.choices],
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Show"),
        choices=[
            ("", _("Guide and library")),
            ("page", _("Guide pages")),
            ("document", _("Library")),
        ],
        required=False,
    )
