"""The reviews in the JSON API: a project's current reviews, and a reviewer's decision."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from pat.core.models import User
from pat.projects.models import Project
from pat.reviews import services
from pat.reviews.models import COMMENT_MAX_CHARS, ReviewEvent, ReviewTask

router = Router(tags=["reviews"])


class TaskOut(Schema):
    id: int
    unit: str
    kind: str
    stage: int
    state: str
    opened: bool
    due_on: dt.date | None
    assignee: str | None
    decided_by: str | None
    decided_at: dt.datetime | None
    why: str
    lock: int


class EventOut(Schema):
    at: dt.datetime
    action: str
    actor: str | None
    unit: str | None
    note: str


class ReviewsOut(Schema):
    code: str
    status: str
    version: int | None
    tasks: list[TaskOut]
    history: list[EventOut]


class DecisionIn(Schema):
    decision: Literal["endorse", "endorse_with_comments", "return"]
    comment: str = Field("", max_length=COMMENT_MAX_CHARS)
    # The task's `lock` as read: a decision based on a task changed meanwhile is refused (409).
    lock: int


def _task_out(task: ReviewTask) -> dict[str, object]:
    return {
        "id": task.pk,
        "unit": task.label,
        "kind": task.kind,
        "stage": task.stage,
        "state": task.state,
        "opened": task.opened_at is not None,
        "due_on": task.due_on,
        "assignee": task.assignee.get_username() if task.assignee else None,
        "decided_by": task.decided_by.get_username() if task.decided_by else None,
        "decided_at": task.decided_at,
        "why": task.decision_note,
        "lock": task.lock,
    }


@router.get(
    "/projects/{code}/reviews",
    response=ReviewsOut,
    summary="The review tasks and decisions of the proposal's current version",
)
def project_reviews(request: HttpRequest, code: str) -> dict[str, object]:
    project = get_object_or_404(Project.objects.visible_to(request.user), code=code)
    version = services.current_version(project)
    tasks = services.version_tasks(version) if version else []
    events = (
        ReviewEvent.objects.filter(project=project, version=version)
        .select_related("actor", "task")
        .order_by("at", "id")
        if version
        else ReviewEvent.objects.none()
    )
    return {
        "code": project.code,
        "status": project.status,
        "version": version.number if version else None,
        "tasks": [_task_out(t) for t in tasks],
        "history": [
            {
                "at": e.at,
                "action": e.action,
                "actor": e.actor.get_username() if e.actor else None,
                "unit": e.task.label if e.task else None,
                "note": e.note,
            }
            for e in events
        ],
    }


@router.post(
    "/reviews/{task_id}/decision",
    response=TaskOut,
    summary="Endorse, endorse with comments, or return (reviewers of the task's unit)",
)
def decide(request: HttpRequest, task_id: int, payload: DecisionIn) -> dict[str, object]:
    user = request.user
    if not isinstance(user, User):
        raise HttpError(401, "Sign in first.")
    task = get_object_or_404(ReviewTask, pk=task_id)
    try:
        task = services.task_decide(
            task=task,
            actor=user,
            decision=payload.decision,
            note=payload.comment,
            expected_lock=payload.lock,
        )
    except services.ReviewDenied as error:
        raise HttpError(403, error.message) from None
    except services.ReviewError as error:
        raise HttpError(409, error.message) from None
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from None
    return _task_out(task)
