"""Results matrix workflows: add, remove and renumber rows; indicators with SADD targets."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pat.core.models import User
from pat.projects.models import (
    AgeBand,
    Indicator,
    IndicatorValue,
    Project,
    ProjectChange,
    ResultNode,
    ValueKind,
)
from pat.projects.services import project_touch

CODE_PREFIX = {
    ResultNode.Level.OUTCOME: "OC",
    ResultNode.Level.OUTPUT: "OP",
    ResultNode.Level.ACTIVITY: "A",
}


def renumber(project: Project) -> None:
    """Give every row its code from its place in the tree: OC1, OP1.2, A1.2.3."""
    nodes = list(project.results.all().order_by("order", "id"))
    children: dict[int | None, list[ResultNode]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
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


@transaction.atomic
def result_add(
    *,
    project: Project,
    actor: User | None,
    parent: ResultNode | None,
    statement: str,
    assumptions: str = "",
) -> ResultNode:
    level = ResultNode.CHILD_LEVEL.get(parent.level if parent else None)
    if level is None:
        raise ValidationError(_("Activities cannot have rows under them."))
    last = project.results.filter(parent=parent).order_by("-order").first()
    node = ResultNode(
        project=project,
        parent=parent,
        level=level,
        statement=statement,
        assumptions=assumptions,
        order=(last.order + 1) if last else 1,
    )
    node.full_clean()
    node.save()
    renumber(project)
    node.refresh_from_db()
    project_touch(
        project=project,
        actor=actor,
        action=ProjectChange.Action.RESULTS,
        changes={node.code: [None, statement]},
    )
    return node


@transaction.atomic
def result_remove(*, node: ResultNode, actor: User | None) -> None:
    project, code, statement = node.project, node.code, node.statement
    node.delete()
    renumber(project)
    project_touch(
        project=project,
        actor=actor,
        action=ProjectChange.Action.RESULTS,
        changes={code: [statement, None]},
    )


@transaction.atomic
def indicator_add(
    *,
    result: ResultNode,
    actor: User | None,
    fields: Mapping[str, Any],
    targets: Mapping[tuple[str, int], Decimal | None] | None = None,
) -> Indicator:
    """Add an indicator; one that counts people must carry its targets by sex and age."""
    if result.level == ResultNode.Level.ACTIVITY:
        raise ValidationError(_("Indicators belong to outcomes and outputs, not activities."))
    last = result.indicators.order_by("-order").first()
    indicator = Indicator(result=result, order=(last.order + 1) if last else 1, **fields)
    indicator.full_clean()
    cells = {key: value for key, value in (targets or {}).items() if value is not None}
    if indicator.counts_people:
        if not cells:
            raise ValidationError(
                {
                    "targets": _(
                        "Give the targets by sex and age for an indicator that counts people."
                    )
                }
            )
        bands = set(
            AgeBand.objects.filter(band_set=indicator.band_set).values_list("pk", flat=True)
        )
        if {band for _sex, band in cells} - bands:
            raise ValidationError({"targets": _("A target uses an age band of another set.")})
        total = sum(cells.values(), Decimal(0))
        if indicator.target_value is None:
            indicator.target_value = total
        elif indicator.target_value != total:
            raise ValidationError(
                {
                    "target_value": _(
                        "The targets by sex and age add up to %(sum)s, not %(total)s."
                    )
                    % {"sum": total, "total": indicator.target_value}
                }
            )
    indicator.save()
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=indicator, kind=ValueKind.TARGET, sex=sex, band_id=band, value=v)
        for (sex, band), v in cells.items()
    )
    project_touch(
        project=result.project,
        actor=actor,
        action=ProjectChange.Action.RESULTS,
        changes={f"{result.code} indicator": [None, indicator.statement]},
    )
    return indicator


# --- editing in place (added for the proposal builder's one-page matrix editor) -------------
# Each takes `touch`: a caller saving many rows at once records one change for all of
# them (project_touch) instead of one per row.


def _check_targets(
    indicator: Indicator, targets: Mapping[tuple[str, int], Decimal | None] | None
) -> dict[tuple[str, int], Decimal]:
    """The filled target cells, checked against the band set and the stated target."""
    cells = {key: value for key, value in (targets or {}).items() if value is not None}
    if not indicator.counts_people:
        return {}
    if not cells:
        raise ValidationError(
            {"targets": _("Give the targets by sex and age for an indicator that counts people.")}
        )
    bands = set(AgeBand.objects.filter(band_set=indicator.band_set).values_list("pk", flat=True))
    if {band for _sex, band in cells} - bands:
        raise ValidationError({"targets": _("A target uses an age band of another set.")})
    total = sum(cells.values(), Decimal(0))
    if indicator.target_value is None:
        indicator.target_value = total
    elif indicator.target_value != total:
        difference = total - indicator.target_value
        raise ValidationError(
            {
                "target_value": _(
                    "The targets by sex and age add up to %(sum)s, not %(total)s (%(difference)s)."
                )
                % {
                    "sum": total,
                    "total": indicator.target_value,
                    "difference": f"{difference:+}",
                }
            }
        )
    return cells


@transaction.atomic
def result_update(
    *, node: ResultNode, actor: User | None, statement: str, assumptions: str, touch: bool = True
) -> ResultNode:
    before = (node.statement, node.assumptions)
    node.statement, node.assumptions = statement, assumptions
    node.full_clean()
    if before != (statement, assumptions):
        node.save(update_fields=["statement", "assumptions"])
        if touch:
            project_touch(
                project=node.project,
                actor=actor,
                action=ProjectChange.Action.RESULTS,
                changes={node.code: [before[0], statement]},
            )
    return node


@transaction.atomic
def result_move(*, node: ResultNode, actor: User | None, offset: int, touch: bool = True) -> None:
    """Move a row up (-1) or down (+1) among its siblings; the codes follow the new order."""
    project = node.project
    siblings = list(project.results.filter(parent_id=node.parent_id).order_by("order", "id"))
    position = next(i for i, s in enumerate(siblings) if s.pk == node.pk)
    target = position + offset
    if not 0 <= target < len(siblings) or offset == 0:
        return
    siblings.insert(target, siblings.pop(position))
    for order, sibling in enumerate(siblings, start=1):
        sibling.order = order
    ResultNode.objects.bulk_update(siblings, ["order"])
    old_code = node.code
    renumber(project)
    node.refresh_from_db()
    if touch:
        project_touch(
            project=project,
            actor=actor,
            action=ProjectChange.Action.RESULTS,
            changes={"order": [old_code, node.code]},
        )


@transaction.atomic
def indicator_update(
    *,
    indicator: Indicator,
    actor: User | None,
    fields: Mapping[str, Any],
    targets: Mapping[tuple[str, int], Decimal | None] | None = None,
    touch: bool = True,
) -> Indicator:
    """Change an indicator and replace its target cells (one that counts people needs them)."""
    for name, value in fields.items():
        setattr(indicator, name, value)
    indicator.full_clean()
    cells = _check_targets(indicator, targets)
    indicator.save()
    indicator.values.filter(kind=ValueKind.TARGET).delete()
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=indicator, kind=ValueKind.TARGET, sex=sex, band_id=band, value=v)
        for (sex, band), v in cells.items()
    )
    if touch:
        project_touch(
            project=indicator.result.project,
            actor=actor,
            action=ProjectChange.Action.RESULTS,
            changes={f"{indicator.result.code} indicator": [None, indicator.statement]},
        )
    return indicator


@transaction.atomic
def indicator_remove(*, indicator: Indicator, actor: User | None, touch: bool = True) -> None:
    result = indicator.result
    statement = indicator.statement
    indicator.delete()
    if touch:
        project_touch(
            project=result.project,
            actor=actor,
            action=ProjectChange.Action.RESULTS,
            changes={f"{result.code} indicator": [statement, None]},
        )


@transaction.atomic
def indicator_move(
    *, indicator: Indicator, actor: User | None, offset: int, touch: bool = True
) -> None:
    """Move an indicator up (-1) or down (+1) among those of its result."""
    siblings = list(indicator.result.indicators.order_by("order", "id"))
    position = next(i for i, s in enumerate(siblings) if s.pk == indicator.pk)
    target = position + offset
    if not 0 <= target < len(siblings) or offset == 0:
        return
    siblings.insert(target, siblings.pop(position))
    for order, sibling in enumerate(siblings, start=1):
        sibling.order = order
    Indicator.objects.bulk_update(siblings, ["order"])
    if touch:
        project_touch(
            project=indicator.result.project,
            actor=actor,
            action=ProjectChange.Action.RESULTS,
            changes={f"{indicator.result.code} indicator order": [position + 1, target + 1]},
        )
