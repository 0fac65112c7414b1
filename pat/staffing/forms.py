from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from pat.core.widgets import IsoDateInput
from pat.staffing.roster import FIELDS
from pat.uploads.validation import validate

ROSTER_TYPES = frozenset({"csv", "txt", "xlsx"})

FIELD_LABELS = {
    "staff_id": _("Staff identifier"),
    "sex": _("Sex"),
    "grade": _("Grade (personal grade)"),
    "category": _("Category"),
    "office": _("Office or duty station"),
    "duty": _("HQ or field"),
    "appointment": _("Appointment type"),
    "birth_year": _("Year of birth"),
    "entry_date": _("Entry on duty"),
    "as_of": _("Reference date"),
}


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file"),
        help_text=_("CSV (UTF-8) or XLSX, one row per staff member at the reference date."),
    )
    as_of = forms.DateField(
        label=_("Reference date"),
        required=False,
        widget=IsoDateInput(),
        help_text=_("Leave empty when the file has a reference date column."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        # The one upload check (size, type by content, zip bombs, entities); its storing
        # limits let a 100,000-row roster through, which the checker's text limit would not.
        validate(upload, accepted=ROSTER_TYPES, max_bytes=settings.PAT_MAX_UPLOAD_BYTES)
        return upload


class MappingForm(forms.Form):
    """One choice per column of the file: which field it holds, or nothing."""

    def __init__(
        self, *args: Any, headers: list[str], initial_fields: list[str | None], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("— not imported —")), *[(f, FIELD_LABELS[f]) for f in FIELDS]]
        self.headers = headers
        for i, (header, field) in enumerate(zip(headers, initial_fields, strict=True)):
            self.fields[f"column_{i}"] = forms.ChoiceField(
                label=header or _("(no header)"),
                choices=choices,
                required=False,
                initial=field or "",
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = [data.get(f"column_{i}") for i in range(len(self.headers))]
        named = [c for c in chosen if c]
        if len(named) != len(set(named)):
            raise forms.ValidationError(_("Two columns are named for the same field."))
        missing = [
            f for f in ("staff_id", "sex", "grade", "office", "appointment") if f not in named
        ]
        if missing:
            raise forms.ValidationError(
                _("Name a column for: %(fields)s.")
                % {"fields": ", ".join(str(FIELD_LABELS[f]) for f in missing)}
            )
        return data

    def mapping(self) -> dict[str, str]:
        return {
            header: self.cleaned_data.get(f"column_{i}") or ""
            for i, header in enumerate(self.headers)
        }
