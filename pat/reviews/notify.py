"""Emails of the review workflow: assignment, decision, return, endorsement, withdrawal,
replies to comments, reminders.

Each email is handed to the background worker (tasks.send_email) once the
transaction that caused it commits, so a refused or rolled-back action never
mails anyone and a slow mail server never slows a page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from pat.core.models import User
from pat.projects.models import Project
from pat.proposals.models import ProposalVersion
from pat.reviews import permissions
from pat.reviews.models import Purpose, ReviewComment, ReviewTask, TaskState


def _url(path: str) -> str:
    base = str(getattr(settings, "PAT_BASE_URL", "http://127.0.0.1:8000")).rstrip("/")
    return f"{base}{path}"


def task_url(task: ReviewTask) -> str:
    """Where the reviewer decides: the task page, or a progress report's own page."""
    return _url(task.get_absolute_url())


def project_url(project: Project) -> str:
    return _url(reverse("reviews:project", kwargs={"code": project.code}))


def _addresses(users: Iterable[User]) -> list[str]:
    return sorted({u.email for u in users if u.email and u.is_active})


def reviewer_addresses(task: ReviewTask) -> list[str]:
    """The assignee, or everyone who may take the task while nobody has."""
    if task.assignee is not None:
        return _addresses([task.assignee])
    return _addresses(permissions.reviewers(task))


def writer_addresses(project: Project, version: ProposalVersion) -> list[str]:
    return _addresses([version.created_by, *project.team.all()])


def _task_writers(task: ReviewTask) -> list[str]:
    """Who wrote what the task reviews: the version's author (or the report's submitter)
    and the project's team."""
    if task.version is not None:
        return writer_addresses(task.project, task.version)
    submitter = task.report.submitted_by if task.report is not None else None
    return _addresses([u for u in [submitter, *task.project.team.all()] if u is not None])


def _period(task: ReviewTask) -> str:
    assert task.report is not None
    period = task.report.period
    return f"{period.start.isoformat()} – {period.end.isoformat()}"


def _what_was_submitted(task: ReviewTask) -> str:
    """The sentence that says what is to be reviewed, in the words of its purpose."""
    if task.purpose == Purpose.REPORT:
        return _("A progress report (%(period)s) was submitted for review.") % {
            "period": _period(task)
        }
    number = task.version.number if task.version is not None else "?"
    if task.purpose == Purpose.REVISION:
        return _(
            "A revision of this endorsed project (version %(n)s) was submitted for review."
        ) % {"n": number}
    return _("A proposal (version %(n)s) was submitted for review.") % {"n": number}


def _subject_values(task: ReviewTask) -> dict[str, str]:
    return {
        "code": task.project.code,
        "n": str(task.version.number) if task.version is not None else "",
        "period": _period(task) if task.report is not None else "",
        "unit": task.label,
        "due": task.due_on.isoformat() if task.due_on else "–",
    }


def _send(recipients: list[str], subject: str, body: str) -> None:
    if not recipients:
        return
    from pat.reviews.tasks import send_email

    def enqueue() -> None:
        send_email.enqueue(recipients, subject, body)

    _defer(enqueue)


def _defer(callback: Callable[[], None]) -> None:
    transaction.on_commit(callback)


def task_assigned(task: ReviewTask) -> None:
    values = _subject_values(task)
    if task.purpose == Purpose.REPORT:
        subject = (
            _("[PAT] Progress report %(code)s %(period)s to review for %(unit)s, due %(due)s")
            % values
        )
    elif task.purpose == Purpose.REVISION:
        subject = _("[PAT] Review the revision of %(code)s v%(n)s for %(unit)s, due %(due)s") % (
            values
        )
    else:
        subject = _("[PAT] Review %(code)s v%(n)s for %(unit)s, due %(due)s") % values
    lead = (
        _("This review is assigned to you.")
        if task.assignee is not None
        else _("Nobody in your unit has taken this review yet: the first to take it reviews it.")
    )
    body = "\n\n".join(
        [
            f"{task.project.code} {task.project.title}",
            _what_was_submitted(task),
            lead,
            _("Reviewing unit: %(unit)s. Due: %(due)s (%(days)s working days).")
            % {
                "unit": task.label,
                "due": task.due_on.isoformat() if task.due_on else "–",
                "days": task.deadline_days,
            },
            task_url(task),
        ]
    )
    _send(reviewer_addresses(task), subject, body)


def task_decided(task: ReviewTask) -> None:
    if task.state == TaskState.RETURNED and task.purpose != Purpose.REVISION:
        # proposal_returned says it all, with every comment; a report's return is told
        # by the reporting app. A revision's return is told here, with its reason.
        return
    subject = _("[PAT] %(code)s, %(what)s: %(unit)s %(decision)s") % {
        "code": task.project.code,
        "what": task.subject,
        "unit": task.label,
        "decision": task.get_state_display().lower(),
    }
    body = "\n\n".join(
        p
        for p in [
            f"{task.project.code} {task.project.title}",
            _("%(who)s (%(unit)s): %(decision)s.")
            % {
                "who": task.decided_by,
                "unit": task.label,
                "decision": task.get_state_display(),
            },
            task.decision_note,
            task_url(task) if task.report is not None else project_url(task.project),
        ]
        if p
    )
    _send(_task_writers(task), subject, body)


def _comment_lines(task: ReviewTask) -> list[str]:
    lines = []
    comments = (
        ReviewComment.objects.filter(task__version=task.version)
        .select_related("author", "task")
        .order_by("created_at", "id")
    )
    for comment in comments:
        anchor = comment.result_code or comment.section or _("general")
        indent = "    " if comment.parent_id else ""
        lines.append(f"{indent}[{comment.task.label} · {anchor}] {comment.author}: {comment.text}")
    return lines


def proposal_returned(task: ReviewTask) -> None:
    subject = _("[PAT] %(code)s returned by %(unit)s") % {
        "code": task.project.code,
        "unit": task.label,
    }
    comments = _comment_lines(task)
    parts = [
        f"{task.project.code} {task.project.title}",
        _("%(who)s (%(unit)s) returned version %(n)s: %(why)s")
        % {
            "who": task.decided_by,
            "unit": task.label,
            "n": task.reviewed_version.number,
            "why": task.decision_note,
        },
    ]
    if comments:
        parts.append(_("Every comment on this version:") + "\n" + "\n".join(comments))
    parts.append(_("Revise the proposal and submit it again: each reviewer will see what changed."))
    parts.append(project_url(task.project))
    _send(writer_addresses(task.project, task.reviewed_version), subject, "\n\n".join(parts))


def proposal_endorsed(project: Project, version: ProposalVersion) -> None:
    subject = _("[PAT] %(code)s endorsed") % {"code": project.code}
    body = "\n\n".join(
        [
            f"{project.code} {project.title}",
            _("Every review endorsed version %(n)s: the proposal is endorsed.")
            % {"n": version.number},
            project_url(project),
        ]
    )
    _send(writer_addresses(project, version), subject, body)


def proposal_withdrawn(project: Project, tasks: Iterable[ReviewTask], note: str) -> None:
    """Tell the reviewers whose reviews the withdrawal closed: nothing is left to do."""
    tasks = list(tasks)
    if not tasks:
        return
    subject = _("[PAT] %(code)s withdrawn: no review needed") % {"code": project.code}
    parts = [
        f"{project.code} {project.title}",
        _("The proposal was withdrawn; your review (%(units)s) is closed and needs nothing more.")
        % {"units": ", ".join(t.label for t in tasks)},
    ]
    if note.strip():
        parts.append(note.strip())
    parts.append(project_url(project))
    recipients = sorted({a for t in tasks for a in reviewer_addresses(t)})
    _send(recipients, subject, "\n\n".join(parts))


def comment_replied(reply: ReviewComment) -> None:
    """Tell the thread's people of a reply; a reviewer's reply also reaches the writers."""
    root = reply.parent
    if root is None:
        return
    task = reply.task
    people = [root.author, *(c.author for c in root.replies.select_related("author"))]
    if not permissions.is_author(reply.author, task.project, task.author_id):
        people += [*([task.version.created_by] if task.version else []), *task.project.team.all()]
    recipients = [a for a in _addresses(people) if a != reply.author.email]
    anchor = root.result_code or root.section or _("general")
    subject = _("[PAT] %(code)s: %(who)s replied to a comment") % {
        "code": task.project.code,
        "who": reply.author,
    }
    body = "\n\n".join(
        [
            f"{task.project.code} {task.project.title}",
            f"[{task.label} · {anchor}] {root.author}: {root.text}",
            f"{reply.author}: {reply.text}",
            f"{task_url(task)}#comment-{reply.pk}",
        ]
    )
    _send(recipients, subject, body)


def reminder(task: ReviewTask, kind: str, on: dt.date) -> None:
    overdue = kind == "overdue"
    if task.purpose == Purpose.REPORT:
        subject = (
            _(
                "[PAT] Overdue review of progress report %(code)s %(period)s for %(unit)s "
                "(due %(due)s)"
            )
            if overdue
            else _(
                "[PAT] Review of progress report %(code)s %(period)s due soon for %(unit)s "
                "(due %(due)s)"
            )
        )
    elif task.purpose == Purpose.REVISION:
        subject = (
            _("[PAT] Overdue review of a revision: %(code)s for %(unit)s (due %(due)s)")
            if overdue
            else _("[PAT] Review of a revision due soon: %(code)s for %(unit)s (due %(due)s)")
        )
    else:
        subject = (
            _("[PAT] Overdue review: %(code)s for %(unit)s (due %(due)s)")
            if overdue
            else _("[PAT] Review due soon: %(code)s for %(unit)s (due %(due)s)")
        )
    subject = subject % _subject_values(task)
    body = "\n\n".join(
        [
            f"{task.project.code} {task.project.title}",
            task.subject,
            _("Reminder of %(day)s.") % {"day": on.isoformat()},
            task_url(task),
        ]
    )
    _send(reviewer_addresses(task), subject, body)
