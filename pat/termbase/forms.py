from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from pat.core.languages import Language
from pat.termbase import shipped
from pat.termbase.models import (
    Category,
    ContextTag,
    EntryMode,
    PartOfSpeech,
    Severity,
    TermEntry,
    rule_id_validator,
)
from pat.uploads import validation as uploads

LINES_HELP = _("One per line.")
# Which form field an engine message is about, from the data-file key it quotes.
_KEY_FIELD = {
    "'id'": "rule_id",
    "'lemma'": "lemma",
    "'pos'": "pos",
    "'category'": "category",
    "'severity'": "severity",
    "'explanation'": "explanation",
    "'source'": "source",
    "'suggestions_pl'": "suggestions_pl",
    "'suggestions'": "suggestions",
    "'forms'": "forms_sg",
    "forms.": "forms_sg",
    "'mode'": "mode",
    "context tag": "context",
    "'except'": "exceptions",
    "'guide'": "guide",
}


class LinesField(forms.CharField):
    """A list of strings edited as a textarea, one per line."""

    widget = forms.Textarea(attrs={"rows": 2})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", LINES_HELP)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class EntryForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    translation_of = forms.IntegerField(widget=forms.HiddenInput, required=False)
    lang = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    lemma = forms.CharField(label=_("Term"), max_length=120)
    rule_id = forms.CharField(
        label=_("Rule id"),
        max_length=80,
        required=False,
        help_text=_("Left empty, it is made from the language and the term (en.chairman)."),
    )
    pos = forms.ChoiceField(label=_("Part of speech"), choices=PartOfSpeech.choices)
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    suggestions = LinesField(label=_("Suggestions, best first"))
    suggestions_pl = LinesField(
        label=_("Plural suggestions"),
        help_text=_("Aligned with the suggestions; needed in French and Spanish for nouns."),
    )
    explanation = forms.CharField(
        label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    source = forms.CharField(label=_("Source"), max_length=400)
    forms_sg = LinesField(label=_("Singular forms to match"))
    forms_pl = LinesField(label=_("Plural forms to match"))
    forms_verb = LinesField(label=_("Verb forms to match"))
    exceptions = LinesField(label=_("Phrases where the term is fine"))
    context = forms.MultipleChoiceField(
        label=_("Context filters"),
        choices=ContextTag.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    debatable = forms.BooleanField(label=_("Debatable usage"), required=False)
    guide = forms.SlugField(label=_("Guide page"), initial=shipped.DEFAULT_GUIDE, max_length=80)
    mode = forms.ChoiceField(label=_("Applies to"), choices=EntryMode.choices, initial="both")

    def __init__(self, *args: Any, entry: TermEntry | None = None, **kwargs: Any) -> None:
        self.entry = entry
        if entry is not None and not kwargs.get("initial"):
            values = entry.field_values()
            forms_ = values.pop("forms")
            kwargs["initial"] = {
                **values,
                "lang": entry.lang,
                "version": entry.version,
                "forms_sg": forms_.get("sg", []),
                "forms_pl": forms_.get("pl", []),
                "forms_verb": forms_.get("verb", []),
            }
        super().__init__(*args, **kwargs)
        if entry is not None:
            # The id and language are what documents and links refer to: they stay put.
            self.fields["rule_id"].disabled = True
            self.fields["lang"].disabled = True

    def clean_rule_id(self) -> str:
        value: str = self.cleaned_data.get("rule_id", "").strip()
        if self.entry is not None:
            return self.entry.rule_id
        if value:
            rule_id_validator(value)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if self.errors:
            return data
        lang = data["lang"]
        if self.entry is None:
            rule_id = data.get("rule_id") or f"{lang}.{slugify(data['lemma']) or 'term'}"
            if not rule_id.startswith(f"{lang}."):
                self.add_error(
                    "rule_id", _("The rule id must start with “%(lang)s.”.") % {"lang": lang}
                )
                return data
            if TermEntry.objects.filter(rule_id=rule_id).exists():
                self.add_error(
                    "rule_id", _("An entry with the id %(id)s exists.") % {"id": rule_id}
                )
                return data
            data["rule_id"] = rule_id
        problem = shipped.validate_entry(
            shipped.fields_to_entry(self.model_fields()), lang, "entry"
        )
        if problem:
            self.add_error(self._field_for(problem), problem)
        return data

    @staticmethod
    def _field_for(message: str) -> str | None:
        for key, name in _KEY_FIELD.items():
            if key in message:
                return name
        return None

    def model_fields(self) -> dict[str, Any]:
        """The cleaned values as TermEntry fields (without lang/rule_id on edits)."""
        d = self.cleaned_data
        forms_ = {
            key: d.get(f"forms_{key}") or []
            for key in ("sg", "pl", "verb")
            if d.get(f"forms_{key}")
        }
        out: dict[str, Any] = {
            "rule_id": d.get("rule_id") or (self.entry.rule_id if self.entry else ""),
            "lemma": d["lemma"].strip(),
            "pos": d["pos"],
            "forms": forms_,
            "category": d["category"],
            "severity": d["severity"],
            "suggestions": d.get("suggestions") or [],
            "suggestions_pl": d.get("suggestions_pl") or [],
            "explanation": d["explanation"].strip(),
            "source": d["source"].strip(),
            "debatable": bool(d.get("debatable")),
            "guide": d.get("guide") or shipped.DEFAULT_GUIDE,
            "mode": d["mode"],
            "context": sorted(d.get("context") or []),
            "exceptions": d.get("exceptions") or [],
        }
        return out


class TermFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    lang = forms.ChoiceField(
        label=_("Language"), choices=[("", _("All")), *Language.choices], required=False
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("All")), *Category.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), ("enabled", _("Enabled")), ("disabled", _("Disabled"))],
        required=False,
    )


class LinkForm(forms.Form):
    rule_id = forms.CharField(label=_("Rule id of the translation"), max_length=80)

    def __init__(self, *args: Any, entry: TermEntry, **kwargs: Any) -> None:
        self.entry = entry
        super().__init__(*args, **kwargs)

    def clean_rule_id(self) -> TermEntry:
        value = self.cleaned_data["rule_id"].strip()
        other = TermEntry.objects.filter(rule_id=value).first()
        if other is None:
            raise ValidationError(_("No entry has the id %(id)s.") % {"id": value})
        if other.lang == self.entry.lang:
            raise ValidationError(_("A translation must be in another language."))
        return other


def max_import_bytes() -> int:
    return int(getattr(settings, "PAT_TERMBASE_MAX_IMPORT_BYTES", 2 * 1024 * 1024))


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or JSON file"),
        help_text=_("CSV as exported here, or JSON in the rule data format; 2 MB at most."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        uploads.validate(upload, accepted={"csv", "json"}, max_bytes=max_import_bytes())
        self.kind = "json" if upload.name.lower().endswith(".json") else "csv"
        return upload


# --- the check page -------------------------------------------------------------------------

MAX_TEXT_CHARS = 1_000_000
_LIST_SPLIT = re.compile(r"[\n,]+")


def max_check_upload_bytes() -> int:
    return int(getattr(settings, "PAT_TERMBASE_MAX_CHECK_BYTES", 10 * 1024 * 1024))


def split_list(value: str) -> list[str]:
    seen: list[str] = []
    for part in _LIST_SPLIT.split(value or ""):
        part = part.strip()
        if part and part not in seen:
            seen.append(part)
    return seen[:200]


class CheckForm(forms.Form):
    text = forms.CharField(
        label=_("Text to check"),
        required=False,
        max_length=MAX_TEXT_CHARS,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    document = forms.FileField(
        label=_("…or upload a document"),
        required=False,
        help_text=_(".txt, .md, .docx, .odt or .pdf; 10 MB at most."),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,.docx,.odt,.pdf"}),
    )
    lang = forms.ChoiceField(
        label=_("Language"),
        choices=[("auto", _("Detect")), *Language.choices],
        initial="auto",
    )
    mode = forms.ChoiceField(
        label=_("Kind of text"),
        choices=[("proposal", _("Proposal")), ("vacancy", _("Vacancy notice"))],
        initial="proposal",
    )
    allow = forms.CharField(required=False, widget=forms.HiddenInput, max_length=5000)
    disabled = forms.CharField(required=False, widget=forms.HiddenInput, max_length=5000)
    doc = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)

    def clean_document(self) -> Any:
        upload = self.cleaned_data.get("document")
        if upload and upload.size > max_check_upload_bytes():
            raise ValidationError(
                _("The file is larger than %(mb)s MB.")
                % {"mb": max_check_upload_bytes() // (1024 * 1024)}
            )
        return upload

    def clean_text(self) -> str:
        # Browsers send CRLF line ends; offsets must match the text the page shows.
        text: str = self.cleaned_data.get("text") or ""
        return text.replace("\r\n", "\n").replace("\r", "\n")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if not self.errors and not data.get("document") and not (data.get("text") or "").strip():
            self.add_error("text", _("Paste a text or upload a document."))
        return data
