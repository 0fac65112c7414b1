"""Emails about progress reports: returned, endorsed, due and overdue (the reviewers are
told of a review to do by the reviews' own emails, `pat.reviews.notify.task_assigned`).

Sent through the reviews' background task (`pat.reviews.tasks.send_email`) once
the transaction commits, as the review emails are: a refused action mails nobody.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from pat.core.models import Role, User
from pat.projects.models import Project
from pat.reporting.models import ProgressReport, ReportingPeriod, ReportReminder
from pat.reviews.models import ReviewTask
from pat.reviews.notify import _url


def report_url(report: ProgressReport) -> str:
    return _url(reverse("reporting:report", kwargs={"pk": report.pk}))


def _addresses(users: Iterable[User]) -> list[str]:
    return sorted({u.email for u in users if u.email and u.is_active})


def writer_addresses(project: Project) -> list[str]:
    """The project's team and its office's developers: who writes the reports."""
    office = User.objects.filter(
        roles__office_id=project.executing_office_id, roles__kind=Role.Kind.PROJECT_DEVELOPER
    )
    return _addresses([*project.team.all(), *office])


def _send(recipients: list[str], subject: str, body: str) -> None:
    if not recipients:
        return
    from pat.reviews.tasks import send_email

    transaction.on_commit(lambda: send_email.enqueue(recipients, subject, body))


def _period(report: ProgressReport) -> str:
    return f"{report.period.start.isoformat()} – {report.period.end.isoformat()}"


def returned(report: ProgressReport, review: ReviewTask) -> None:
    subject = _("[PAT] Progress report %(code)s %(period)s returned by %(unit)s") % {
        "code": report.project.code,
        "period": _period(report),
        "unit": review.label,
    }
    body = "\n\n".join([review.decision_note, report_url(report)])
    _send(writer_addresses(report.project), subject, body)


def endorsed(report: ProgressReport) -> None:
    subject = _("[PAT] Progress report %(code)s %(period)s endorsed") % {
        "code": report.project.code,
        "period": _period(report),
    }
    _send(writer_addresses(report.project), subject, report_url(report))


def reminder(period: ReportingPeriod, kind: str) -> None:
    values = {
        "code": period.project.code,
        "period": f"{period.start.isoformat()} – {period.end.isoformat()}",
        "due": period.due_on.isoformat(),
    }
    if kind == ReportReminder.Kind.OVERDUE:
        subject = _("[PAT] Progress report %(code)s %(period)s is overdue (due %(due)s)") % values
    else:
        subject = _("[PAT] Progress report %(code)s %(period)s is due %(due)s") % values
    url = _url(reverse("reporting:project", kwargs={"code": period.project.code}))
    _send(writer_addresses(period.project), subject, url)
