from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
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
from pat.uploads import validation as uploads


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


# What a project may keep: documents the readers open, spreadsheets, images, plain data.
ALLOWED_DOCUMENTS = frozenset({"pdf", "docx", "xlsx", "odt", "png", "jpg", "jpeg", "txt", "csv"})


class DocumentForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ProjectDocument
        fields = ["title", "file"]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        self.content_type = uploads.validate(
            upload, accepted=ALLOWED_DOCUMENTS, max_bytes=settings.PAT_MAX_UPLOAD_BYTES
        )
        return upload
