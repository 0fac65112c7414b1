"""The event form: details, Member States (ISO 3166), and participants per type and sex."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pat.core.models import Country, Office
from pat.core.widgets import FastSelect, FastSelectMultiple, IsoDateInput
from pat.events import participation
from pat.events.models import Event, EventKind, ParticipantSex, ParticipantType
from pat.guide.forms import DocumentForm

MAX_PEOPLE = 1_000_000


def cell_name(kind: str, sex: str) -> str:
    return f"p_{kind}_{sex}"


class EventForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    title = forms.CharField(label=_("Title"), max_length=250)
    starts_on = forms.DateField(label=_("Date"), widget=IsoDateInput())
    ends_on = forms.DateField(label=_("Until"), widget=IsoDateInput(), required=False)
    place = forms.CharField(label=_("Place"), max_length=200)
    country = forms.ChoiceField(label=_("Country"), required=False, widget=FastSelect)
    organizers = forms.CharField(label=_("Organizers"), max_length=300)
    office = forms.ModelChoiceField(
        label=_("Organizing office"), queryset=Office.objects.all(), required=False
    )
    invited = forms.MultipleChoiceField(
        label=_("Member States invited"),
        required=False,
        widget=FastSelectMultiple(attrs={"size": 8}),
    )
    participated = forms.MultipleChoiceField(
        label=_("Member States that participated"),
        required=False,
        widget=FastSelectMultiple(attrs={"size": 8}),
    )
    summary = forms.CharField(
        label=_("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        countries = Country.choices()
        for name, choices in (
            ("country", [("", "—"), *countries]),
            ("invited", countries),
            ("participated", countries),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices
        for kind, kind_label in ParticipantType.choices:
            for sex, sex_label in ParticipantSex.choices:
                self.fields[cell_name(kind, sex)] = forms.IntegerField(
                    label=f"{kind_label}, {sex_label}",
                    min_value=0,
                    max_value=MAX_PEOPLE,
                    required=False,
                    widget=forms.NumberInput(attrs={"class": "cell", "inputmode": "numeric"}),
                )

    @classmethod
    def initial_for(cls, event: Event) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "version": event.version,
            "kind": event.kind,
            "title": event.title,
            "starts_on": event.starts_on,
            "ends_on": event.ends_on,
            "place": event.place,
            "country": event.country_id or "",
            "organizers": event.organizers,
            "office": event.office_id,
            "invited": list(event.invited_states.values_list("code", flat=True)),
            "participated": list(event.participating_states.values_list("code", flat=True)),
            "summary": event.summary,
        }
        for (kind, sex), count in event.cells().items():
            initial[cell_name(kind, sex)] = count
        return initial

    def detail_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if not name.startswith("p_")]

    def grid(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (str(label), [self[cell_name(kind, sex)] for sex in participation.SEXES])
            for kind, label in ParticipantType.choices
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        stray = participation.states_problem(
            data.get("invited") or [], data.get("participated") or []
        )
        if stray:
            self.add_error(
                "participated",
                _("States that participated must be among those invited: %(codes)s.")
                % {"codes": ", ".join(stray)},
            )
        ends, starts = data.get("ends_on"), data.get("starts_on")
        if ends and starts and ends < starts:
            self.add_error("ends_on", _("An event cannot end before it starts."))
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        codes = {c.code: c for c in Country.objects.all()}
        return {
            "data": {
                "kind": data["kind"],
                "title": data["title"],
                "starts_on": data["starts_on"],
                "ends_on": data.get("ends_on"),
                "place": data["place"],
                "country": codes.get(data.get("country") or ""),
                "organizers": data["organizers"],
                "office": data.get("office"),
                "summary": data.get("summary", ""),
            },
            "invited": [codes[c] for c in data.get("invited") or []],
            "participated": [codes[c] for c in data.get("participated") or []],
            "cells": {
                (kind, sex): data.get(cell_name(kind, sex)) or 0
                for kind in participation.TYPES
                for sex in participation.SEXES
            },
        }


class OutcomeDocumentForm(DocumentForm):
    """The reference library's own document form (its upload check included), plus the lock."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class EventFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *EventKind.choices]
    )
