"""Form widgets for long lists, rendered in Python.

Django renders every <option> through a template; for the 250 countries and
the other filters of the project list that costs more than the list's own
queries. These widgets produce the same HTML with format_html (so every label
and value is still escaped) at a fraction of the cost.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


class FastSelectMixin:
    allow_multiple_selected: bool
    choices: Any

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        select_attrs = self.build_attrs(self.attrs, attrs)  # type: ignore[attr-defined]
        if self.allow_multiple_selected:
            select_attrs["multiple"] = True
        values = value if isinstance(value, list | tuple) else [value]
        options = _options_html(tuple((str(v), str(lbl)) for v, lbl in self.choices))
        for chosen in {str(v) for v in values if v not in (None, "")}:
            # Mark the chosen options in the (cached, escaped) list.
            marker = format_html('<option value="{}">', chosen)
            options = options.replace(marker, marker[:-1] + " selected>", 1)
        head = format_html('<select name="{}"{}>', name, flatatt(select_attrs))
        # Every piece is static markup or built by format_html, which escapes.
        return mark_safe(f"{head}{options}</select>")  # noqa: S308


@lru_cache(maxsize=256)
def _options_html(choices: tuple[tuple[str, str], ...]) -> str:
    """The escaped <option> list for a choice list, built once per distinct list."""
    return "".join(
        format_html('<option value="{}">{}</option>', value, label) for value, label in choices
    )


class FastSelect(FastSelectMixin, forms.Select):
    pass


class FastSelectMultiple(FastSelectMixin, forms.SelectMultiple):
    pass


class IsoDateInput(forms.DateInput):
    """An <input type="date"> whose value is always ISO 8601, whatever the language.

    Browsers accept only yyyy-mm-dd in a date input and drop anything else,
    so a localized value (31/01/2022 in French) would come back empty and
    saving the form unchanged would erase the date. The browser shows the
    date in the user's own format regardless.
    """

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")
