"""Every date input of every form keeps its date in French and Spanish.

A browser's <input type="date"> takes only yyyy-mm-dd and silently drops a
localized value (31/01/2026), so a form saved unchanged in French would lose
its date. The first field week found this in the project forms; this test
walks every form class of every app so a new form cannot bring it back.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil

import pytest
from django import forms
from django.utils import translation

import pat


def _form_classes() -> list[type[forms.BaseForm]]:
    for info in pkgutil.walk_packages(pat.__path__, "pat."):
        if info.name.rsplit(".", 1)[-1] == "forms":
            importlib.import_module(info.name)
    seen: list[type[forms.BaseForm]] = []
    stack: list[type] = [forms.BaseForm]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            stack.append(sub)
            if sub.__module__.startswith("pat."):
                seen.append(sub)
    return seen


def _date_inputs() -> list[tuple[str, forms.Widget]]:
    found = []
    for cls in _form_classes():
        for name, field in getattr(cls, "base_fields", {}).items():
            if getattr(field.widget, "input_type", "") == "date":
                found.append((f"{cls.__module__}.{cls.__qualname__}.{name}", field.widget))
    return found


def test_the_walk_finds_the_known_date_inputs() -> None:
    names = [name for name, _ in _date_inputs()]
    assert any(name.startswith("pat.projects.forms.") for name in names)
    assert any(name.startswith("pat.network.forms.") for name in names)


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_every_date_input_renders_iso_in_every_language(language: str) -> None:
    wrong = []
    with translation.override(language):
        for name, widget in _date_inputs():
            html = widget.render("d", dt.date(2026, 1, 31))
            if 'value="2026-01-31"' not in html:
                wrong.append(name)
    assert wrong == []
