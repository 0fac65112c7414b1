"""A project's change history as people read it: names for fields and codes, word differences.

A `ProjectChange` keeps raw values (field name → [old, new]) so it can be read
in any language later; this module turns one into lines for a page: the
field's name, choice labels instead of stored codes, numbers formatted for the
reader's language, and for long texts a word-level difference instead of two
clipped copies that look the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from pat.core.regions import Region
from pat.projects.models import BeneficiaryCount, Project, ProjectChange, Status

SHORT = 80  # characters: longer texts are shown as a word difference
EMPTY = "∅"


def _labels() -> dict[str, str]:
    """Names of what a change may touch besides the project's own fields."""
    # The proposals app records its sections and tables here; imported late (it imports us).
    from pat.proposals.export import labels

    names = labels()
    names.update(
        {
            "budget lines": _("Budget lines"),
            "risks": _("Risks"),
            "work plan": _("Work plan"),
            "proposal stage": _("Proposal stage"),
            "proposal version": _("Proposal version"),
            "partners": _("Partners"),
            "evaluation": _("Evaluation"),
        }
    )
    names.update({str(k): str(v) for k, v in BeneficiaryCount.Kind.choices})
    return names


def _choices() -> dict[str, dict[str, str]]:
    from pat.projects.models import Donor, Theme
    from pat.proposals.models import BudgetCategory, Stage

    return {
        # Recorded by their English names: shown in the reader's language.
        "donors": {d.name: str(d) for d in Donor.objects.all()},
        "themes": {t.name: str(t) for t in Theme.objects.all()},
        "status": {str(k): str(v) for k, v in Status.choices},
        "region": {str(k): str(v) for k, v in Region.choices},
        "proposal stage": {str(k): str(v) for k, v in Stage.choices},
        "category": {str(k): str(v) for k, v in BudgetCategory.choices},
    }


def field_label(name: str, names: Mapping[str, str]) -> str:
    try:
        verbose = getattr(Project._meta.get_field(name), "verbose_name", None)
    except FieldDoesNotExist:
        verbose = None
    # Not a field of the project itself (a reverse relation such as the risks): its name here.
    return capfirst(str(verbose) if verbose else names.get(name, name))


def _amount(value: Any) -> str:
    try:
        return number_format(Decimal(str(value)), 2, force_grouping=True)
    except (InvalidOperation, ValueError):
        return str(value)


def _budget_line(line: Mapping[str, Any], categories: Mapping[str, str]) -> str:
    category = categories.get(str(line.get("category")), str(line.get("category", "")))
    return f"{category} · {line.get('description', '')} · {_amount(line.get('amount'))}"


def _text(name: str, value: Any, choices: Mapping[str, Mapping[str, str]]) -> str:
    if value in (None, "", []):
        return EMPTY
    if name in choices and isinstance(value, str):
        return choices[name].get(value, value)
    if name in ("budget", "budget lines") and isinstance(value, str):
        return _amount(value)
    if isinstance(value, list):
        if value and all(isinstance(v, Mapping) for v in value):
            return "\n".join(_budget_line(v, choices["category"]) for v in value)
        names = choices.get(name, {})
        return ", ".join(names.get(str(v), str(v)) for v in value)
    return str(value)


def _diff_html(old: str, new: str) -> SafeString:
    from pat.proposals.diffing import word_diff

    html, _added, _removed = word_diff("" if old == EMPTY else old, "" if new == EMPTY else new)
    # word_diff escapes every piece of text; its only markup is <ins>, <del> and <br>.
    return mark_safe(html)  # noqa: S308


def readable(change: ProjectChange) -> list[dict[str, Any]]:
    """One line per changed field: its name, and either old → new or a word difference."""
    names = _labels()
    choices = _choices()
    lines = []
    for name, pair in sorted(change.changes.items()):
        old, new = [*pair, None, None][:2] if isinstance(pair, list) else (None, pair)
        old_text, new_text = _text(name, old, choices), _text(name, new, choices)
        long = any(len(t) > SHORT or "\n" in t for t in (old_text, new_text))
        lines.append(
            {
                "label": field_label(name, names),
                "old": old_text,
                "new": new_text,
                "diff": _diff_html(old_text, new_text) if long else None,
            }
        )
    return lines


def entries(
    changes: Iterable[ProjectChange],
) -> list[tuple[ProjectChange, list[dict[str, Any]], bool]]:
    """Newest first: each change, its readable lines, and whether it moved the version.

    A change to a part another app keeps (a narrative section, say) is recorded
    without moving the project's version; it would repeat the number of the
    entry before it, so the page shows a number only on the entry that made it.
    """
    changes = list(changes)
    out = []
    for i, change in enumerate(changes):
        older = changes[i + 1] if i + 1 < len(changes) else None
        out.append((change, readable(change), older is None or older.version != change.version))
    return out
