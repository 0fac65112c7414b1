"""Writing evaluations: keyword-only, in a transaction, with history and optimistic locking."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from pat.core.locking import claim
from pat.evaluations.models import Evaluation, EvaluationChange, Recommendation

if TYPE_CHECKING:
    from pat.core.models import User
    from pat.projects.models import Project

EVALUATION_FIELDS = (
    "title",
    "kind",
    "conduct",
    "evaluator",
    "started_on",
    "finished_on",
    "findings",
)
RESPONSE_FIELDS = ("response", "action", "owner", "deadline", "status")


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _log(
    evaluation: Evaluation,
    actor: User | None,
    action: str,
    changes: Mapping[str, Any],
    recommendation: Recommendation | None = None,
) -> None:
    EvaluationChange.objects.create(
        evaluation=evaluation,
        recommendation=recommendation,
        actor=actor,
        action=action,
        changes=dict(changes),
    )


def _touch_project(project: Project, actor: User | None, title: str) -> None:
    # The project's own history shows that an evaluation exists (its title, nothing in the
    # writer's language); its content stays here.
    from pat.projects.services import project_touch

    project_touch(
        project=project,
        actor=actor,
        action="updated",
        changes={"evaluation": [None, title]},
        bump=False,
    )


@transaction.atomic
def evaluation_create(
    *, project: Project, actor: User | None, fields: Mapping[str, Any]
) -> Evaluation:
    evaluation = Evaluation(project=project, created_by=actor)
    for name in EVALUATION_FIELDS:
        if name in fields:
            setattr(evaluation, name, fields[name])
    evaluation.full_clean()
    evaluation.save()
    _log(
        evaluation,
        actor,
        EvaluationChange.Action.CREATED,
        {n: [None, _plain(getattr(evaluation, n))] for n in EVALUATION_FIELDS},
    )
    _touch_project(project, actor, evaluation.title)
    return evaluation


@transaction.atomic
def evaluation_update(
    *,
    evaluation: Evaluation,
    actor: User | None,
    expected_version: int | None,
    fields: Mapping[str, Any],
) -> Evaluation:
    """Save an edit made on `expected_version`, or raise EditConflict and write nothing."""
    before = {n: getattr(evaluation, n) for n in EVALUATION_FIELDS}
    claim(evaluation, expected=expected_version, label=evaluation.title)
    for name in EVALUATION_FIELDS:
        if name in fields:
            setattr(evaluation, name, fields[name])
    evaluation.full_clean()
    evaluation.save()
    changes = {
        n: [_plain(before[n]), _plain(getattr(evaluation, n))]
        for n in EVALUATION_FIELDS
        if before[n] != getattr(evaluation, n)
    }
    if changes:
        _log(evaluation, actor, EvaluationChange.Action.UPDATED, changes)
    return evaluation


@transaction.atomic
def recommendation_add(*, evaluation: Evaluation, actor: User | None, text: str) -> Recommendation:
    # Lock the evaluation row so two additions never take the same number.
    Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    last = evaluation.recommendations.aggregate(n=Max("number"))["n"] or 0
    item = Recommendation(evaluation=evaluation, number=last + 1, text=text)
    item.full_clean()
    item.save()
    _log(
        evaluation,
        actor,
        EvaluationChange.Action.RECOMMENDATION,
        {"number": [None, item.number], "text": [None, text]},
        item,
    )
    return item


@transaction.atomic
def response_record(
    *,
    recommendation: Recommendation,
    actor: User | None,
    expected_version: int | None,
    fields: Mapping[str, Any],
) -> Recommendation:
    """The management response to one recommendation: the decision, action, owner, deadline."""
    before = {n: getattr(recommendation, n) for n in RESPONSE_FIELDS}
    claim(
        recommendation,
        expected=expected_version,
        label=_("Recommendation %(n)s") % {"n": recommendation.number},
    )
    for name in RESPONSE_FIELDS:
        if name in fields:
            setattr(recommendation, name, fields[name])
    recommendation.full_clean()
    recommendation.save()
    changes = {
        n: [_plain(before[n]), _plain(getattr(recommendation, n))]
        for n in RESPONSE_FIELDS
        if before[n] != getattr(recommendation, n)
    }
    if changes:
        _log(
            recommendation.evaluation,
            actor,
            EvaluationChange.Action.RESPONSE,
            changes,
            recommendation,
        )
    return recommendation


@transaction.atomic
def report_attach(
    *,
    evaluation: Evaluation,
    actor: User | None,
    expected_version: int | None,
    upload: Any,
    content_type: str,
    language: str,
) -> Evaluation:
    """Shelve the (already validated) report in the reference library and link it here."""
    from pat.guide.models import Topic
    from pat.guide.services import document_add

    claim(evaluation, expected=expected_version, label=evaluation.title)
    project = evaluation.project
    document = document_add(
        actor=actor,
        title=evaluation.title,
        summary=_("Evaluation report of %(project)s (%(kind)s), by %(evaluator)s.")
        % {
            "project": project.code,
            "kind": evaluation.get_kind_display(),
            "evaluator": evaluation.evaluator,
        },
        language=language,
        topic=Topic.OTHER,
        tags=["evaluation", project.code.lower()],
        office=project.executing_office,
        published_on=evaluation.finished_on or evaluation.started_on,
        upload=upload,
        content_type=content_type,
    )
    old = evaluation.report_id
    evaluation.report = document
    evaluation.save(update_fields=["report"])
    _log(evaluation, actor, EvaluationChange.Action.REPORT, {"report": [old, document.pk]})
    return evaluation
