"""The results matrix: its one read (`tree`), its one write (`save`) and its one form.

The project's results page and the proposal builder edit the matrix through the
same form, template partial (`projects/_matrix_form.html`) and write, so they
share the rules (whole numbers for people, targets that add up: `sadd.py`), the
lock (the project's version) and the history (one ProjectChange per save,
naming every row and indicator it changed). Everything that shows the matrix
(project page, builder, API, frozen snapshot, search document) reads `tree`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from pat.core.locking import claim
from pat.core.models import User
from pat.projects import sadd
from pat.projects.models import (
    AgeBand,
    AgeBandSet,
    Indicator,
    IndicatorValue,
    Project,
    ProjectChange,
    ResultNode,
    Sex,
    ValueKind,
)

CODE_PREFIX = {
    ResultNode.Level.OUTCOME: "OC",
    ResultNode.Level.OUTPUT: "OP",
    ResultNode.Level.ACTIVITY: "A",
}
MAX_PEOPLE = 100_000_000
# An indicator's fields that are not what its writer typed.
UNTRACKED = ("id", "result", "order")
# The simplest set (children and adults) unless the indicator chose another.
DEFAULT_BAND_SET = "children-adults"

# --- the one read ------------------------------------------------------------------------------


def tree(project: Project) -> list[ResultNode]:
    """The rows in tree order (OC1, OP1.1, A1.1.1, OP1.2, OC2 …), each with its `depth`,
    its indicators (band set loaded) and their target cells (`targets`, each with its band),
    in four queries whatever the size of the matrix."""
    return trees([project])[project.pk]


def trees(projects: Iterable[Project]) -> dict[int, list[ResultNode]]:
    """`tree` of many projects at once (by project id), in the same four queries: what a
    listing of thousands of matrices (the IATI export) reads instead of one tree each."""
    ids = [project.pk for project in projects]
    # In the order they were written, as frozen versions have always listed them.
    targets = IndicatorValue.objects.filter(kind=ValueKind.TARGET).order_by("pk")
    indicators = Indicator.objects.select_related("band_set").prefetch_related(
        Prefetch("values", queryset=targets, to_attr="targets")
    )
    nodes = list(
        ResultNode.objects.filter(project_id__in=ids)
        .prefetch_related(Prefetch("indicators", queryset=indicators))
        .order_by("order", "id")
    )
    # The few age bands once, rather than joined to every cell.
    bands = {band.pk: band for band in AgeBand.objects.all()}
    children: dict[tuple[int, int | None], list[ResultNode]] = {}
    for node in nodes:
        children.setdefault((node.project_id, node.parent_id), []).append(node)
        for indicator in node.indicators.all():
            for cell in indicator.targets:  # type: ignore[attr-defined]
                cell.band = bands[cell.band_id]
    found: dict[int, list[ResultNode]] = {}

    def walk(project_id: int, parent_id: int | None, depth: int) -> None:
        for node in children.get((project_id, parent_id), []):
            node.depth = depth  # type: ignore[attr-defined]
            found[project_id].append(node)
            walk(project_id, node.pk, depth + 1)

    for project_id in ids:
        found[project_id] = []
        walk(project_id, None, 0)
    return found


def renumber(project: Project) -> dict[int, str]:
    """Give every row its code from its place in the tree: OC1, OP1.2, A1.2.3; old codes back."""
    nodes = list(project.results.all().order_by("order", "id"))
    children: dict[int | None, list[ResultNode]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    old = {node.pk: node.code for node in nodes}
    changed: list[ResultNode] = []

    def walk(parent_id: int | None, prefix: str) -> None:
        for position, node in enumerate(children.get(parent_id, []), start=1):
            number = f"{prefix}{position}"
            code = f"{CODE_PREFIX[ResultNode.Level(node.level)]}{number}"
            if node.code != code or node.order != position:
                node.code, node.order = code, position
                changed.append(node)
            walk(node.pk, f"{number}.")

    walk(None, "")
    ResultNode.objects.bulk_update(changed, ["code", "order"])
    return old


# --- the one write -----------------------------------------------------------------------------


@dataclass
class IndicatorEdit:
    """An indicator as typed: its fields and its target cells per (sex, age band id)."""

    fields: dict[str, Any]
    targets: Mapping[tuple[str, int], int | Decimal | None] = field(default_factory=dict)


@dataclass
class MatrixEdit:
    """A save of the matrix: rows and indicators as typed, and at most one action.

    Actions: add-outcome, add-child, add-indicator (target: the row; `statement`
    or `indicator` gives the new row or indicator), up, down, remove (target: a
    row), indicator-up, indicator-down, remove-indicator (target: an indicator).
    """

    rows: Mapping[int, tuple[str, str]] = field(default_factory=dict)
    indicators: Mapping[int, IndicatorEdit] = field(default_factory=dict)
    action: str = ""
    target: int | None = None
    statement: str = ""
    indicator: IndicatorEdit | None = None


ACTIONS = (
    "add-outcome",
    "add-child",
    "add-indicator",
    "up",
    "down",
    "remove",
    "indicator-up",
    "indicator-down",
    "remove-indicator",
)


@transaction.atomic
def save(
    *, project: Project, actor: User | None, expected_version: int | None, edit: MatrixEdit
) -> ResultNode | Indicator | None:
    """Save every typed change and do the edit's action, all or nothing, as one change.

    Refuses (EditConflict) a save based on another version of the project, and
    (ValidationError keyed "row-<id>", "indicator-<id>", "new-<id>",
    "newind-<id>" or "new-outcome") what breaks a rule; returns what it added.
    """
    from pat.projects.services import project_touch

    claim(project, expected=expected_version, label=project.code, updated_at=timezone.now())
    nodes = {n.pk: n for n in project.results.all()}
    indicators = {
        i.pk: i for i in Indicator.objects.filter(result__project=project).select_related("result")
    }
    changes: dict[str, list[Any]] = {}
    errors: dict[str, list[str]] = {}
    for node_id, (statement, assumptions) in edit.rows.items():
        node = nodes.get(node_id)
        if node is None or (node.statement, node.assumptions) == (statement, assumptions):
            continue
        before = (node.statement, node.assumptions)
        node.statement, node.assumptions = statement, assumptions
        try:
            node.full_clean()
        except ValidationError as error:
            errors[f"row-{node_id}"] = error.messages
            continue
        node.save(update_fields=["statement", "assumptions"])
        if before[0] != statement:
            changes[node.code] = [before[0], statement]
        if before[1] != assumptions:
            changes[f"{node.code} assumptions"] = [before[1], assumptions]
    for indicator_id, typed in edit.indicators.items():
        indicator = indicators.get(indicator_id)
        if indicator is None:
            continue
        try:
            if _write_indicator(indicator, typed):
                changes[f"{indicator.result.code} indicator {indicator.order}"] = [
                    None,
                    indicator.statement,
                ]
        except ValidationError as error:
            errors[f"indicator-{indicator_id}"] = error.messages
    if errors:
        raise ValidationError(errors)
    try:
        added = _act(project, edit, nodes, indicators, changes)
    except ValidationError as error:
        if edit.action == "add-indicator":
            key = f"newind-{edit.target}"
        else:
            key = f"new-{edit.target}" if edit.target is not None else "new-outcome"
        raise ValidationError({key: error.messages}) from None
    if changes:
        project_touch(
            project=project,
            actor=actor,
            action=ProjectChange.Action.RESULTS,
            changes=changes,
            claimed=True,
        )
    return added


def _write_indicator(indicator: Indicator, typed: IndicatorEdit) -> bool:
    """Set an indicator's fields and target cells (checked); whether anything changed."""
    before = _indicator_state(indicator)
    for name, value in typed.fields.items():
        setattr(indicator, name, value)
    indicator.full_clean(exclude=["result"])
    cells = _checked_targets(indicator, typed.targets)
    if _indicator_state(indicator, cells) == before:
        return False
    indicator.save()
    indicator.values.filter(kind=ValueKind.TARGET).delete()
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=indicator, kind=ValueKind.TARGET, sex=sex, band_id=band, value=v)
        for (sex, band), v in cells.items()
    )
    return True


def _indicator_state(
    indicator: Indicator, cells: Mapping[tuple[str, int], int] | None = None
) -> tuple[Any, ...]:
    if cells is None and indicator.pk:
        saved = indicator.values.filter(kind=ValueKind.TARGET).values_list(
            "sex", "band_id", "value"
        )
        cells = {(sex, band): int(value) for sex, band, value in saved if value is not None}
    fields = [f.attname for f in Indicator._meta.concrete_fields if f.name not in UNTRACKED]
    return (*(getattr(indicator, n) for n in fields), sorted((cells or {}).items()))


def _checked_targets(
    indicator: Indicator, targets: Mapping[tuple[str, int], int | Decimal | None]
) -> dict[tuple[str, int], int]:
    """The filled target cells of an indicator that counts people, by the rules of sadd.py."""
    if not indicator.counts_people:
        return {}
    cells = {key: value for key, value in targets.items() if value is not None}
    bands = (
        set(indicator.band_set.bands.values_list("pk", flat=True)) if indicator.band_set else set()
    )
    problem = sadd.targets_problem(
        [sadd.Cell(sex, str(band), Decimal(value)) for (sex, band), value in cells.items()],
        indicator.target_value,
        bands={str(b) for b in bands},
    )
    total = sum((Decimal(v) for v in cells.values()), Decimal(0))
    if problem == sadd.MISSING:
        raise ValidationError(
            {"targets": _("Give the targets by sex and age for an indicator that counts people.")}
        )
    if problem == sadd.OTHER_BANDS:
        raise ValidationError({"targets": _("A target uses an age band of another set.")})
    if problem == sadd.NOT_WHOLE:
        raise ValidationError({"targets": _("People are counted in whole numbers.")})
    if problem == sadd.DO_NOT_ADD_UP:
        assert indicator.target_value is not None
        raise ValidationError(
            {
                "target_value": _(
                    "The targets by sex and age add up to %(sum)s, not %(total)s (%(difference)s)."
                )
                % {
                    "sum": f"{total.normalize():f}",
                    "total": f"{indicator.target_value.normalize():f}",
                    "difference": f"{(total - indicator.target_value).normalize():+f}",
                }
            }
        )
    if indicator.target_value is None:
        indicator.target_value = total
    return {key: int(value) for key, value in cells.items()}


def _act(
    project: Project,
    edit: MatrixEdit,
    nodes: Mapping[int, ResultNode],
    indicators: Mapping[int, Indicator],
    changes: dict[str, list[Any]],
) -> ResultNode | Indicator | None:
    """Do the edit's one action; records what it did in `changes`."""
    action = edit.action
    node = nodes.get(edit.target) if edit.target is not None else None
    statement = edit.statement.strip()
    if action in ("add-outcome", "add-child"):
        if not statement:
            raise ValidationError(_("Write the statement of the new row first."))
        parent = node if action == "add-child" else None
        level = ResultNode.CHILD_LEVEL.get(parent.level if parent else None)
        if level is None or (action == "add-child" and parent is None):
            raise ValidationError(_("Activities cannot have rows under them."))
        siblings = [
            n.order for n in nodes.values() if n.parent_id == (parent.pk if parent else None)
        ]
        added = ResultNode(
            project=project,
            parent=parent,
            level=level,
            statement=statement,
            order=max(siblings, default=0) + 1,
        )
        added.full_clean()
        added.save()
        renumber(project)
        added.refresh_from_db()
        changes[added.code] = [None, statement]
        return added
    if action == "add-indicator" and node is not None:
        typed = edit.indicator or IndicatorEdit(fields={"statement": statement})
        if not str(typed.fields.get("statement", "")).strip():
            raise ValidationError(_("Write the statement of the new row first."))
        if node.level == ResultNode.Level.ACTIVITY:
            raise ValidationError(_("Indicators belong to outcomes and outputs, not activities."))
        last = max((i.order for i in indicators.values() if i.result_id == node.pk), default=0)
        indicator = Indicator(result=node, order=last + 1)
        try:
            _write_indicator(indicator, typed)
        except ValidationError as error:
            raise ValidationError(error.messages) from None
        changes[f"{node.code} indicator {indicator.order}"] = [None, indicator.statement]
        return indicator
    if action in ("up", "down") and node is not None:
        _move(
            [n for n in nodes.values() if n.parent_id == node.parent_id],
            node,
            -1 if action == "up" else 1,
        )
        old = renumber(project)
        node.refresh_from_db()
        if old[node.pk] != node.code:
            changes["order"] = [old[node.pk], node.code]
    elif action == "remove" and node is not None:
        node.delete()
        renumber(project)
        changes[node.code] = [node.statement, None]
    elif action in ("remove-indicator", "indicator-up", "indicator-down"):
        chosen = indicators.get(edit.target) if edit.target is not None else None
        if chosen is None:
            return None
        label = f"{chosen.result.code} indicator {chosen.order}"
        if action == "remove-indicator":
            chosen.delete()
            changes[label] = [chosen.statement, None]
        else:
            others = [i for i in indicators.values() if i.result_id == chosen.result_id]
            before = chosen.order
            _move(others, chosen, -1 if action == "indicator-up" else 1)
            if chosen.order != before:
                changes[f"{chosen.result.code} indicator order"] = [before, chosen.order]
    return None


def _move(siblings: list[Any], item: Any, offset: int) -> None:
    """Move `item` one place among its siblings (rows or indicators) and number them again."""
    ordered = sorted(siblings, key=lambda s: (s.order, s.pk))
    position = next(i for i, s in enumerate(ordered) if s.pk == item.pk)
    target = position + offset
    if not 0 <= target < len(ordered):
        return
    ordered.insert(target, ordered.pop(position))
    for order, sibling in enumerate(ordered, start=1):
        sibling.order = order
    type(item).objects.bulk_update(ordered, ["order"])


# --- the one form ------------------------------------------------------------------------------

SEXES = [s for s, _label in Sex.choices]


def cell_name(indicator_id: int, sex: str, band_id: int) -> str:
    return f"ind-{indicator_id}-cell-{sex}-{band_id}"


def band_sets() -> dict[int, AgeBandSet]:
    return {s.pk: s for s in AgeBandSet.objects.prefetch_related("bands")}


class MatrixForm(forms.Form):
    """Every row and indicator of the matrix as one form; every button saves all of it.

    Bound to a POST it keeps everything typed, also when another set of age bands
    is chosen (the "show" action redraws the grid and saves nothing).
    """

    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    action = forms.CharField(required=False)

    def __init__(
        self,
        data: Any = None,
        *,
        project: Project,
        nodes: list[ResultNode] | None = None,
        sets: dict[int, AgeBandSet] | None = None,
    ) -> None:
        super().__init__(data, initial={"version": project.version})
        self.project = project
        self.nodes = tree(project) if nodes is None else nodes
        self.sets = band_sets() if sets is None else sets
        self.placed: dict[str, list[str]] = {}
        self.fields["new-outcome"] = forms.CharField(required=False, max_length=2000)
        default = next(
            (s for s in self.sets.values() if s.code == DEFAULT_BAND_SET),
            next(iter(self.sets.values()), None),
        )
        measures = Indicator.Measure.choices
        set_choices = [(pk, s.name) for pk, s in self.sets.items()]
        self.band_set_of: dict[int, AgeBandSet | None] = {}
        for node in self.nodes:
            p = f"row-{node.pk}-"
            self.fields[p + "statement"] = forms.CharField(
                initial=node.statement, required=False, max_length=2000
            )
            self.fields[p + "assumptions"] = forms.CharField(
                initial=node.assumptions, required=False, max_length=2000
            )
            self.fields[f"new-{node.pk}"] = forms.CharField(required=False, max_length=2000)
            self.fields[f"newind-{node.pk}"] = forms.CharField(required=False, max_length=2000)
            for ind in node.indicators.all():
                p = f"ind-{ind.pk}-"
                self.fields[p + "statement"] = forms.CharField(
                    initial=ind.statement, required=False, max_length=2000
                )
                self.fields[p + "mov"] = forms.CharField(
                    initial=ind.means_of_verification, required=False, max_length=2000
                )
                self.fields[p + "measure"] = forms.ChoiceField(
                    choices=measures, initial=ind.measure
                )
                for name, value in (("baseline", ind.baseline_value), ("target", ind.target_value)):
                    self.fields[p + name] = forms.DecimalField(
                        initial=None if value is None else f"{value.normalize():f}",
                        required=False,
                        max_digits=14,
                        decimal_places=2,
                    )
                self.fields[p + "direction"] = forms.ChoiceField(
                    choices=Indicator.Direction.choices, initial=ind.direction
                )
                for name, when in (
                    ("baseline-date", ind.baseline_date),
                    ("target-date", ind.target_date),
                ):
                    self.fields[p + name] = forms.DateField(initial=when, required=False)
                self.fields[p + "counts"] = forms.BooleanField(
                    initial=ind.counts_people, required=False
                )
                self.fields[p + "bandset"] = forms.TypedChoiceField(
                    choices=set_choices,
                    coerce=int,
                    required=False,
                    initial=ind.band_set_id or (default.pk if default else None),
                )
                raw = self[p + "bandset"].value()
                chosen = self.sets.get(int(raw)) if str(raw).isdigit() else None
                band_set = chosen or ind.band_set or default
                self.band_set_of[ind.pk] = band_set
                saved = {(v.sex, v.band_id): v.value for v in ind.targets}  # type: ignore[attr-defined]
                for band in band_set.bands.all() if band_set else []:
                    for sex in SEXES:
                        value = saved.get((sex, band.pk))
                        self.fields[cell_name(ind.pk, sex, band.pk)] = forms.IntegerField(
                            min_value=0,
                            max_value=MAX_PEOPLE,
                            required=False,
                            initial=None if value is None else int(value),
                        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A row or indicator the page did not show (added meanwhile) is left as it is; one
        # that was shown needs its statement.
        typed = {n.pk for n in self.nodes if f"row-{n.pk}-statement" in self.data}
        shown = {
            i.pk
            for n in self.nodes
            for i in n.indicators.all()
            if f"ind-{i.pk}-statement" in self.data
        }
        for pk in typed:
            if not data.get(f"row-{pk}-statement"):
                self.add_error(f"row-{pk}-statement", _("A row needs its statement."))
        for pk in shown:
            if not data.get(f"ind-{pk}-statement"):
                self.add_error(f"ind-{pk}-statement", _("An indicator needs its statement."))
        action, _sep, target = (data.get("action") or "").partition(":")
        self.edit = MatrixEdit(
            rows={
                n.pk: (
                    data.get(f"row-{n.pk}-statement", ""),
                    data.get(f"row-{n.pk}-assumptions", ""),
                )
                for n in self.nodes
            },
            indicators={ind.pk: self._typed(ind) for n in self.nodes for ind in n.indicators.all()},
            action=action,
            target=int(target) if target.isdigit() else None,
            statement=data.get(
                f"newind-{target}" if action == "add-indicator" else f"new-{target or 'outcome'}"
            )
            or "",
        )
        return data

    def _typed(self, ind: Indicator) -> IndicatorEdit:
        p, data = f"ind-{ind.pk}-", self.cleaned_data
        band_set = self.band_set_of[ind.pk]
        return IndicatorEdit(
            fields={
                "statement": data.get(p + "statement", ind.statement),
                "means_of_verification": data.get(p + "mov", ""),
                "measure": data.get(p + "measure") or ind.measure,
                "direction": data.get(p + "direction") or ind.direction,
                "baseline_value": data.get(p + "baseline"),
                "baseline_date": data.get(p + "baseline-date"),
                "target_value": data.get(p + "target"),
                "target_date": data.get(p + "target-date"),
                "counts_people": bool(data.get(p + "counts")),
                "band_set": band_set,
            },
            targets={
                (sex, band.pk): data.get(cell_name(ind.pk, sex, band.pk))
                for band in (band_set.bands.all() if band_set else [])
                for sex in SEXES
            },
        )

    @property
    def confirming(self) -> ResultNode | None:
        """The row whose Remove was pressed and not yet confirmed: ask first, save nothing.

        The question is drawn inside the same form, so what was typed is kept and
        the answer posts it all again with `confirm-remove` naming the row.
        """
        if not self.is_bound:
            return None
        action, _sep, target = str(self.data.get("action", "")).partition(":")
        if action != "remove" or str(self.data.get("confirm-remove", "")) == target:
            return None
        return next((n for n in self.nodes if str(n.pk) == target), None)

    def _removal(self, node: ResultNode) -> dict[str, Any]:
        """What goes with a row: the rows under it and every indicator on them."""
        children: dict[int | None, list[ResultNode]] = {}
        for row in self.nodes:
            children.setdefault(row.parent_id, []).append(row)
        under: list[ResultNode] = []
        pending = list(children.get(node.pk, []))
        while pending:
            row = pending.pop()
            under.append(row)
            pending.extend(children.get(row.pk, []))
        return {
            "node": node,
            "rows_under": len(under),
            "indicators": sum(len(r.indicators.all()) for r in [node, *under]),
        }

    @property
    def showing(self) -> bool:
        """Another set of age bands was chosen: redraw the grid, save nothing."""
        return self.is_bound and str(self.data.get("action", "")) == "show"

    def place(self, errors: Mapping[str, list[str]]) -> None:
        """Put the write's messages (keyed row-<id>, indicator-<id>, new-…) beside their fields."""
        self.placed.update(errors)

    def _errors_of(self, *names: str) -> list[str]:
        found = [str(e) for n in names for e in (self.errors.get(n, []) if self.is_bound else [])]
        return found + [str(e) for n in names for e in self.placed.get(n, [])]

    def has_problems(self) -> bool:
        return bool(self.placed) or (self.is_bound and not self.showing and bool(self.errors))

    def rows(self) -> list[dict[str, Any]]:
        """The rows as the template partial draws them, with what was typed and any message."""

        def value(name: str) -> Any:
            shown = self[name].value()
            if isinstance(shown, dt.date):
                return shown.isoformat()
            return "" if shown is None else shown

        rows = []
        for node in self.nodes:
            indicators = []
            for ind in node.indicators.all():
                p = f"ind-{ind.pk}-"
                band_set = self.band_set_of[ind.pk]
                bands = list(band_set.bands.all()) if band_set else []
                grid: list[dict[str, Any]] = [
                    {
                        "label": label,
                        "cells": [
                            {
                                "name": cell_name(ind.pk, sex, b.pk),
                                "label": f"{label} {b.label}",
                                "value": value(cell_name(ind.pk, sex, b.pk)),
                            }
                            for b in bands
                        ],
                    }
                    for sex, label in Sex.choices
                ]
                cell_errors = self._errors_of(*(c["name"] for g in grid for c in g["cells"]))
                indicators.append(
                    {
                        "ind": ind,
                        "statement": value(p + "statement"),
                        "mov": value(p + "mov"),
                        "measure": value(p + "measure"),
                        "baseline": value(p + "baseline"),
                        "target": value(p + "target"),
                        "direction": value(p + "direction"),
                        "baseline_date": value(p + "baseline-date"),
                        "target_date": value(p + "target-date"),
                        "counts": bool(self[p + "counts"].value()),
                        "band_set": band_set,
                        "bands": bands,
                        "grid": grid,
                        "errors": self._errors_of(
                            f"indicator-{ind.pk}",
                            p + "statement",
                            p + "baseline",
                            p + "target",
                            p + "measure",
                            p + "direction",
                            p + "baseline-date",
                            p + "target-date",
                        )
                        + sorted(set(cell_errors)),
                    }
                )
            rows.append(
                {
                    "node": node,
                    "statement": value(f"row-{node.pk}-statement"),
                    "assumptions": value(f"row-{node.pk}-assumptions"),
                    "errors": self._errors_of(f"row-{node.pk}", f"row-{node.pk}-statement"),
                    "new_errors": self._errors_of(f"new-{node.pk}"),
                    "newind_errors": self._errors_of(f"newind-{node.pk}"),
                    "indicators": indicators,
                    "child_level": ResultNode.CHILD_LEVEL.get(node.level),
                }
            )
        return rows

    def new_outcome_errors(self) -> list[str]:
        return self._errors_of("new-outcome")

    def page_errors(self) -> list[str]:
        return self._errors_of("__all__", "version")

    def context(self) -> dict[str, Any]:
        """What the partial projects/_matrix_form.html draws."""
        return {
            "matrix_form": self,
            "matrix": self.rows(),
            "band_sets": list(self.sets.values()),
            "measures": Indicator.Measure.choices,
            "directions": Indicator.Direction.choices,
            "labels": {
                name: capfirst(getattr(Indicator._meta.get_field(name), "verbose_name", name))
                for name in ("direction", "baseline_date", "target_date")
            },
            "lock_version": self["version"].value(),
            "new_outcome": self["new-outcome"].value() or "",
            "new_outcome_errors": self.new_outcome_errors(),
            "page_errors": self.page_errors(),
            "errors": self.has_problems(),
            "confirm_remove": self._removal(node) if (node := self.confirming) else None,
        }


# --- a whole matrix from elsewhere (an IATI import) ----------------------------------------


@dataclass
class RowLoad:
    """A row read from another system, with its indicators and the rows under it."""

    level: str
    statement: str
    indicators: list[IndicatorEdit] = field(default_factory=list)
    children: list[RowLoad] = field(default_factory=list)


@transaction.atomic
def load(
    *, project: Project, actor: User | None, expected_version: int | None, rows: list[RowLoad]
) -> None:
    """Fill a project's empty results matrix by the rules of `save`, as one change.

    Refuses (ValidationError, nothing written) a project that already has a matrix, a row
    at a level that cannot sit there, or an indicator that breaks a rule.
    """
    from pat.projects.services import project_touch

    claim(project, expected=expected_version, label=project.code, updated_at=timezone.now())
    if project.results.exists():
        raise ValidationError(_("The project already has a results matrix."))

    def add(parent: ResultNode | None, row: RowLoad, order: int) -> None:
        node = ResultNode(
            project=project, parent=parent, level=row.level, statement=row.statement, order=order
        )
        node.full_clean()
        node.save()
        for position, typed in enumerate(row.indicators, start=1):
            _write_indicator(Indicator(result=node, order=position), typed)
        for position, child in enumerate(row.children, start=1):
            add(node, child, position)

    for position, row in enumerate(rows, start=1):
        add(None, row, position)
    renumber(project)
    changes: dict[str, Any] = {
        node.code: [None, node.statement] for node in project.results.order_by("order", "id")
    }
    project_touch(
        project=project,
        actor=actor,
        action=ProjectChange.Action.RESULTS,
        changes=changes,
        claimed=True,
    )
