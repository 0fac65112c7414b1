from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pat.core.models import Country, Office, User
from pat.core.widgets import IsoDateInput
from pat.projects.models import (
    AgeBandSet,
    Project,
    ProjectDocument,
    Sex,
    Status,
)


class ProjectForm(forms.ModelForm):  # type: ignore[type-arg]
    # The version the user started from, sent back so a stale edit is caught.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries covered"),
        queryset=Country.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    class Meta:
        model = Project
        fields = [
            "code",
            "title",
            "executing_office",
            "project_type",
            "status",
            "countries",
            "themes",
            "donors",
            "start_date",
            "end_date",
            "budget",
            "currency",
            "summary",
            "objective",
            "rationale",
        ]
        widgets = {
            "start_date": IsoDateInput(),
            "end_date": IsoDateInput(),
            "summary": forms.Textarea(attrs={"rows": 5}),
            "rationale": forms.Textarea(attrs={"rows": 8}),
            "objective": forms.Textarea(attrs={"rows": 2}),
            "themes": forms.CheckboxSelectMultiple,
            "donors": forms.SelectMultiple(attrs={"size": 5}),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from pat.core.permissions import can_move_project, offices_for_new_projects

        office_field = self.fields["executing_office"]
        assert isinstance(office_field, forms.ModelChoiceField)
        if self.instance.pk and not can_move_project(user, self.instance):
            # Shown read-only: a disabled field keeps the saved office whatever is posted.
            office_field.queryset = Office.objects.filter(pk=self.instance.executing_office_id)
            office_field.disabled = True
        else:
            allowed = offices_for_new_projects(user)
            if allowed is not None:
                office_field.queryset = Office.objects.filter(pk__in=allowed)
        if self.instance.pk:
            self.fields["code"].disabled = True
            self.fields["version"].initial = self.instance.version
        # Past the draft, the status moves only through the review workflow
        # (submit, endorse, return, ...), never by editing the project.
        status_field = self.fields["status"]
        assert isinstance(status_field, forms.ChoiceField)
        if self.instance.pk and self.instance.status not in self.EDITABLE_STATUSES:
            status_field.disabled = True
        else:
            status_field.choices = [
                (value, label) for value, label in Status.choices if value in self.EDITABLE_STATUSES
            ]
        # By name in the reader's language (the queryset still validates what is posted).
        self.fields["countries"].choices = Country.choices()  # type: ignore[attr-defined]

    M2M = ("countries", "themes", "donors")
    EDITABLE_STATUSES = (Status.CONCEPT, Status.DRAFT)

    def split(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """Plain fields and many-to-many fields, as the services take them."""
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.M2M and k != "version"}
        if self.instance.pk:
            data.pop("code", None)
        m2m = {k: self.cleaned_data[k] for k in self.M2M}
        return data, m2m


def sadd_field_name(sex: str, band_id: int) -> str:
    return f"cell_{sex}_{band_id}"


class SaddGridForm(forms.Form):
    """A sex × age grid of whole numbers (blank cells stay empty, never zero)."""

    def __init__(self, *args: Any, band_set: AgeBandSet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.band_set = band_set
        self.bands = list(band_set.bands.all())
        for sex, sex_label in Sex.choices:
            for band in self.bands:
                self.fields[sadd_field_name(sex, band.pk)] = forms.IntegerField(
                    label=f"{sex_label} {band.label}",
                    min_value=0,
                    max_value=100_000_000,
                    required=False,
                    widget=forms.NumberInput(attrs={"class": "cell", "inputmode": "numeric"}),
                )

    def rows(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (str(label), [self[sadd_field_name(sex, b.pk)] for b in self.bands])
            for sex, label in Sex.choices
        ]

    def cells(self) -> dict[tuple[str, int], int | None]:
        """Whole numbers per (sex, age band id); None where the cell was left empty."""
        return {
            (sex, band.pk): self.cleaned_data.get(sadd_field_name(sex, band.pk))
            for sex, _label in Sex.choices
            for band in self.bands
        }


ALLOWED_DOCUMENTS: dict[str, tuple[str, bytes | None]] = {
    # suffix: (content type, magic bytes at the start of the file)
    "pdf": ("application/pdf", b"%PDF-"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"),
    "odt": ("application/vnd.oasis.opendocument.text", b"PK\x03\x04"),
    "png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    "jpg": ("image/jpeg", b"\xff\xd8\xff"),
    "jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    "txt": ("text/plain", None),
    "csv": ("text/csv", None),
}


class DocumentForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ProjectDocument
        fields = ["title", "file"]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit: int = settings.PAT_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise ValidationError(
                _("The file is %(size)s MB; the limit is %(limit)s MB.")
                % {"size": round(upload.size / 1e6, 1), "limit": round(limit / 1e6, 1)}
            )
        suffix = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if suffix not in ALLOWED_DOCUMENTS:
            raise ValidationError(
                _("Files of this type are not accepted. Use one of: %(types)s.")
                % {"types": ", ".join(sorted(ALLOWED_DOCUMENTS))}
            )
        content_type, magic = ALLOWED_DOCUMENTS[suffix]
        head = upload.read(2048)
        upload.seek(0)
        if magic is not None and not head.startswith(magic):
            raise ValidationError(
                _("The file's content does not match its .%(suffix)s name.") % {"suffix": suffix}
            )
        if magic is None:
            try:
                head.decode("utf-8")
            except UnicodeDecodeError:
                if b"\x00" in head:
                    raise ValidationError(_("This does not look like a text file.")) from None
        self.content_type = content_type
        return upload
