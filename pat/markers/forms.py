from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pat.core.regions import Region
from pat.markers import scoring
from pat.markers.models import MarkerAssessment, MarkerQuestion, Scheme
from pat.markers.services import MAX_EVIDENCE_CHARS
from pat.projects.models import Status

EVIDENCE = "evidence_"


def gam_code_choices() -> list[tuple[str, str]]:
    return [("", gettext("Choose a code"))] + [
        (str(code), f"{code}: {gettext(meaning)}")
        for code, meaning in scoring.GAM_CODE_MEANINGS.items()
    ]


class AssessmentForm(forms.Form):
    """One scheme's questions with an evidence field beside each, built from the scoring rules.

    Wording comes from the editable questions; a scored question without wording
    keeps the built-in label so it is never silently skipped. Field checks are
    left to the service, which knows the rules, and mapped back onto the fields.
    """

    def __init__(
        self,
        *args: Any,
        scheme: str,
        questions: Mapping[str, MarkerQuestion],
        current: MarkerAssessment | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", scheme)
        if current is not None and "initial" not in kwargs:
            initial = {
                k: (str(v) if isinstance(v, int) and not isinstance(v, bool) else v)
                for k, v in current.answers.items()
            }
            initial.update({EVIDENCE + k: v for k, v in current.evidence.items()})
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.scheme = scheme
        self.scored = scoring.questions(scheme)
        scored_keys = {q.key for q in self.scored}
        self.rows: list[tuple[str, str | None]] = []  # (answer field, evidence field)
        for q in self.scored:
            wording = questions.get(q.key)
            label = wording.text() if wording else gettext(q.label)
            help_text = wording.help() if wording else ""
            if q.kind == scoring.Kind.YES_NO:
                self.fields[q.key] = forms.BooleanField(
                    label=label, help_text=help_text, required=False
                )
            elif q.kind == scoring.Kind.GAM_CODE:
                self.fields[q.key] = forms.ChoiceField(
                    label=label, help_text=help_text, required=False, choices=gam_code_choices
                )
            else:
                self.fields[q.key] = forms.CharField(
                    label=label,
                    help_text=help_text,
                    required=False,
                    max_length=1000,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
            evidence = None
            if q.kind != scoring.Kind.TEXT and q.key != scoring.NOT_APPLICABLE:
                # The fieldset's legend carries the question, so the label stays short.
                evidence = self._evidence_field(
                    q.key, gettext("Evidence for this answer (where the proposal shows it)")
                )
            self.rows.append((q.key, evidence))
        # Guidance prompts an administrator added: answered as evidence only.
        for key, wording in questions.items():
            if key not in scored_keys:
                self.rows.append(
                    (self._evidence_field(key, wording.text(), help_text=wording.help()), None)
                )

    def _evidence_field(self, key: str, label: str, help_text: str = "") -> str:
        name = EVIDENCE + key
        self.fields[name] = forms.CharField(
            label=label,
            help_text=help_text,
            required=False,
            max_length=MAX_EVIDENCE_CHARS,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        return name

    def bound_rows(self) -> list[tuple[forms.BoundField, forms.BoundField | None]]:
        return [(self[a], self[e] if e else None) for a, e in self.rows]

    def answer_rows(self, current: MarkerAssessment) -> list[tuple[str, str, str]]:
        """What a reader sees: each question, the answer given and its evidence."""
        rows = []
        for q in self.scored:
            value = current.answers.get(q.key)
            if q.kind == scoring.Kind.YES_NO:
                shown = gettext("yes") if value else gettext("no")
            elif q.kind == scoring.Kind.GAM_CODE:
                meaning = scoring.GAM_CODE_MEANINGS.get(value) if isinstance(value, int) else None
                shown = f"{value}: {gettext(meaning)}" if meaning else "–"
            else:
                shown = str(value or "–")
            label = str(self.fields[q.key].label)
            rows.append((label, shown, current.evidence.get(q.key, "")))
        return rows

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {q.key: data.get(q.key) for q in self.scored if data.get(q.key) not in (None, "")}

    def evidence(self) -> dict[str, str]:
        return {
            name.removeprefix(EVIDENCE): value
            for name, value in self.cleaned_data.items()
            if name.startswith(EVIDENCE) and value
        }

    def add_service_errors(self, error: ValidationError) -> None:
        for key, messages in error.message_dict.items():
            self.add_error(key if key in self.fields else None, messages)


class PortfolioForm(forms.Form):
    scheme = forms.ChoiceField(label=_("Marker"), choices=Scheme.choices, required=False)
    region = forms.ChoiceField(
        label=_("Region"), choices=[("", _("All regions")), *Region.choices], required=False
    )
    status = forms.MultipleChoiceField(
        label=_("Status"),
        choices=Status.choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
