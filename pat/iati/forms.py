from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pat.core.models import Office


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("IATI activity file"),
        help_text=_("An XML file of IATI activities, versions 2.01 to 2.03."),
    )
    office = forms.ModelChoiceField(
        label=_("Office for new projects"),
        queryset=Office.objects.none(),
        required=False,
        empty_label=_("The office of the project's first country"),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: show what would change, change nothing"), required=False, initial=True
    )

    def __init__(self, *args: Any, offices: set[int] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        queryset = Office.objects.order_by("name")
        field = self.fields["office"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = queryset if offices is None else queryset.filter(pk__in=offices)
