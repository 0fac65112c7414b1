"""Progress reports: schedule, entry, submission, review, freezing, reminders.

Every write is keyword-only and runs in one transaction; a report's edits carry
its `version` (`pat.core.locking.claim`), so of two people saving the same
report one wins and the other gets the one EditConflict. Actuals of indicators
that count people are checked by the same rule as their targets
(`pat.projects.sadd.targets_problem`): whole numbers of people, cells of the
indicator's age bands, adding up to the stated actual.

The review is the proposal review's own: `pat.reviews.services.report_review_open`
plans the steps along the routes whose purpose is "report" (data an administrator
edits) and makes them `ReviewTask`s of the report, which the reviews inbox lists
beside proposals and revisions; a decision is `reviews.services.task_decide` (its
row lock, `permissions.may_take`, deadlines in working days, emails and reminders
through the task worker), and the outcome comes back here through the reviews'
signals (`on_review_decided`, `on_review_concluded`), inside the deciding
transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from pat.core.locking import claim
from pat.core.models import Revision, User
from pat.core.permissions import can_edit_project, is_author
from pat.projects import sadd
from pat.projects.models import AgeBand, Indicator, Project, Status
from pat.proposals.models import BudgetLine
from pat.reporting import schedule as sched
from pat.reporting.models import (
    EDITABLE,
    NARRATIVE_MAX_CHARS,
    ActualCell,
    FinancialLine,
    IndicatorActual,
    ProgressReport,
    ReachTotal,
    ReportEvent,
    ReportingPeriod,
    ReportingSchedule,
    ReportReminder,
    ReportState,
    ResultFigure,
)
from pat.reviews import permissions as review_permissions
from pat.reviews import routing
from pat.reviews.models import DECISIONS as TASK_DECISIONS
from pat.reviews.models import ReviewTask

REVISION = "reporting"
MAX_PEOPLE = 100_000_000
MAX_VALUE = Decimal("999999999999")
# Projects that report: from the donor's funding to the end of final reporting.
REPORTING_STATUSES = (Status.ACTIVE, Status.FINAL_REPORTING, Status.CLOSED)


class ReportError(Exception):
    """A refused action; the message is for the user, in their language."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class ReportDenied(ReportError):
    """The user may not do this at all (a 403)."""


def today() -> dt.date:
    return timezone.localdate()


def can_write(user: Any, project: Project) -> bool:
    """Who writes a project's reports: whoever may edit the project."""
    return can_edit_project(user, project)


def _require_writer(user: Any, project: Project) -> None:
    if not can_write(user, project):
        raise ReportDenied(_("Only the project's team and office write its reports."))


def _event(
    report: ProgressReport,
    action: str,
    actor: User | None,
    note: str = "",
    changes: dict[str, Any] | None = None,
) -> None:
    ReportEvent.objects.create(
        report=report, action=action, actor=actor, note=note, changes=changes or {}
    )


# --- the schedule --------------------------------------------------------------------------


SCHEDULE_MESSAGES = {
    "no-dates": _("Give the project a start and an end date first."),
    "end-before-start": _("The project's end date is before its start date."),
    "too-many": _("That schedule makes too many periods (at most 120)."),
    "frequency": _("Choose quarterly, half-yearly, yearly or given dates."),
}


@transaction.atomic
def schedule_set(
    *,
    project: Project,
    actor: User,
    frequency: str,
    dates: list[dt.date] | None = None,
    due_days: int = 30,
    final_due_days: int = 90,
    expected_version: int | None = None,
) -> ReportingSchedule:
    """Set the schedule and lay out its periods; periods that have a report stay as they are,
    the others are replaced."""
    _require_writer(actor, project)
    try:
        laid_out = sched.periods(
            start=project.start_date,
            end=project.end_date,
            frequency=frequency,
            dates=dates or [],
            due_days=due_days,
            final_due_days=final_due_days,
        )
    except sched.ScheduleError as error:
        raise ReportError(str(SCHEDULE_MESSAGES[error.code])) from error
    current = ReportingSchedule.objects.filter(project=project).first()
    if current is not None:
        claim(current, expected=expected_version, label=project.code)
    else:
        current = ReportingSchedule(project=project)
    current.frequency = frequency
    current.dates = [d.isoformat() for d in sorted(dates or [])]
    current.due_days = due_days
    current.final_due_days = final_due_days
    current.save()
    ReportingPeriod.objects.filter(project=project, report__isnull=True).delete()
    kept = set(ReportingPeriod.objects.filter(project=project).values_list("start", "end"))
    ReportingPeriod.objects.bulk_create(
        ReportingPeriod(project=project, start=p.start, end=p.end, due_on=p.due_on, kind=p.kind)
        for p in laid_out
        if (p.start, p.end) not in kept
    )
    return current


# --- starting and editing a report ---------------------------------------------------------


@transaction.atomic
def report_start(*, period: ReportingPeriod, actor: User) -> ProgressReport:
    """The period's report, started in draft with a row per indicator when it has none."""
    project = period.project
    _require_writer(actor, project)
    existing = ProgressReport.objects.filter(period=period).first()
    if existing is not None:
        return existing
    report = ProgressReport.objects.create(period=period, project=project, created_by=actor)
    indicators = Indicator.objects.filter(result__project=project)
    IndicatorActual.objects.bulk_create(
        IndicatorActual(report=report, indicator=indicator) for indicator in indicators
    )
    _event(report, ReportEvent.Action.CREATED, actor)
    return report


@dataclass
class ActualEdit:
    """An indicator's actual as typed: the value, notes and cells per (sex, age band id)."""

    value: Decimal | None = None
    comment: str = ""
    means_of_verification: str = ""
    cells: Mapping[tuple[str, int], Decimal | None] = field(default_factory=dict)


@dataclass
class ReportEdit:
    achievements: str | None = None
    challenges: str | None = None
    gender_results: str | None = None
    gam_answers: Mapping[str, Any] | None = None
    actuals: Mapping[int, ActualEdit] = field(default_factory=dict)  # by indicator id
    spending: Mapping[int, Decimal | None] = field(default_factory=dict)  # by budget line id


def parse_number(raw: object) -> Decimal | None:
    """A typed number ("1 200", "1200.5", "1,200"), None when empty; ValueError when not one."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int | Decimal):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(str(raw))
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "").replace(",", "")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation as error:
        raise ValueError(raw) from error
    if not number.is_finite():
        raise ValueError(raw)
    return number


def actual_problem(
    indicator: Indicator, edit: ActualEdit, band_ids: set[int]
) -> tuple[str, str] | None:
    """Why an actual breaks the rules (the field and the sentence), None when it keeps them."""
    if edit.value is not None and (edit.value < 0 and indicator.counts_people):
        return "value", _("People are counted in whole numbers.")
    if edit.value is not None and abs(edit.value) > MAX_VALUE:
        return "value", _("That number is too large.")
    if not indicator.counts_people:
        return None
    cells = [sadd.Cell(sex, str(band), v) for (sex, band), v in edit.cells.items()]
    if edit.value is None and not any(c.value is not None for c in cells):
        return None  # not reported yet
    problem = sadd.targets_problem(cells, edit.value, bands={str(b) for b in band_ids})
    if problem == sadd.MISSING:
        return "cells", _("Give the actual by sex and age for an indicator that counts people.")
    if problem == sadd.OTHER_BANDS:
        return "cells", _("An actual uses an age band of another set.")
    if problem == sadd.NOT_WHOLE:
        return "cells", _("People are counted in whole numbers.")
    if problem == sadd.DO_NOT_ADD_UP:
        total = sadd.total(cells)
        assert edit.value is not None
        return "value", _(
            "The actuals by sex and age add up to %(sum)s, not %(total)s (%(difference)s)."
        ) % {
            "sum": f"{total.normalize():f}",
            "total": f"{edit.value.normalize():f}",
            "difference": f"{(total - edit.value).normalize():+f}",
        }
    if any(c.value is not None and c.value > MAX_PEOPLE for c in cells):
        return "cells", _("That number is too large.")
    return None


def _indicators(project: Project) -> dict[int, Indicator]:
    return {
        i.pk: i
        for i in Indicator.objects.filter(result__project=project).select_related(
            "result", "band_set"
        )
    }


def _band_ids(indicators: Mapping[int, Indicator]) -> dict[int, set[int]]:
    """The age bands of each indicator's set, in one query."""
    by_set: dict[int, set[int]] = {}
    for band_id, set_id in AgeBand.objects.values_list("pk", "band_set_id"):
        by_set.setdefault(set_id, set()).add(band_id)
    return {pk: by_set.get(i.band_set_id or 0, set()) for pk, i in indicators.items()}


@transaction.atomic
def report_save(
    *,
    report: ProgressReport,
    actor: User,
    expected_version: int | None,
    edit: ReportEdit,
    action: str = ReportEvent.Action.SAVED,
) -> ProgressReport:
    """Save everything typed, all or nothing.

    Raises ValidationError keyed `actual-<indicator id>`, `cells-<indicator id>`,
    `spent-<budget line id>`, `gam` or a narrative field's name, and
    EditConflict for a save based on another version; writes nothing then.
    """
    project = report.project
    _require_writer(actor, project)
    if report.state not in EDITABLE:
        raise ReportError(
            _("This report is %(state)s: it cannot be changed now.")
            % {"state": report.get_state_display().lower()}
        )
    indicators = _indicators(project)
    bands = _band_ids(indicators)
    errors: dict[str, list[str]] = {}
    for indicator_id, typed in edit.actuals.items():
        indicator = indicators.get(indicator_id)
        if indicator is None:
            errors[f"actual-{indicator_id}"] = [_("That indicator is not in this project.")]
            continue
        problem = actual_problem(indicator, typed, bands[indicator_id])
        if problem:
            where = "cells" if problem[0] == "cells" else "actual"
            errors.setdefault(f"{where}-{indicator_id}", []).append(problem[1])
    lines = {line.pk: line for line in BudgetLine.objects.filter(project=project)}
    for line_id, spent in edit.spending.items():
        if line_id not in lines:
            errors[f"spent-{line_id}"] = [_("That budget line is not in this project.")]
        elif spent is not None and (spent < 0 or spent > MAX_VALUE):
            errors[f"spent-{line_id}"] = [_("Spending is a number from 0.")]
    if edit.gam_answers:
        from pat.markers.services import assessment_preview

        try:
            assessment_preview(scheme="gam_monitoring", answers=edit.gam_answers)
        except ValidationError as error:
            errors["gam"] = error.messages
    for name in ("achievements", "challenges", "gender_results"):
        text = getattr(edit, name)
        if text is not None and len(text) > NARRATIVE_MAX_CHARS:
            errors[name] = [_("This text is too long.")]
    if errors:
        raise ValidationError(errors)
    claim(report, expected=expected_version, label=project.code, updated_at=timezone.now())
    changes: dict[str, Any] = {}
    for name in ("achievements", "challenges", "gender_results"):
        text = getattr(edit, name)
        if text is not None and text != getattr(report, name):
            changes[name] = [getattr(report, name), text]
            setattr(report, name, text)
    if edit.gam_answers is not None and dict(edit.gam_answers) != report.gam_answers:
        changes["gam"] = [report.gam_answers, dict(edit.gam_answers)]
        report.gam_answers = dict(edit.gam_answers)
    report.save(update_fields=["achievements", "challenges", "gender_results", "gam_answers"])
    saved = {a.indicator_id: a for a in report.actuals.all()}
    for indicator_id, typed in edit.actuals.items():
        indicator = indicators[indicator_id]
        row = saved.get(indicator_id) or IndicatorActual(report=report, indicator=indicator)
        value = typed.value
        cells = {k: v for k, v in typed.cells.items() if v is not None}
        if indicator.counts_people and value is None and cells:
            value = sum(cells.values(), Decimal(0))  # no total typed: the cells' sum is it
        before = (row.value, row.comment, row.means_of_verification)
        row.value, row.comment = value, typed.comment
        row.means_of_verification = typed.means_of_verification
        row.save()
        old_cells = (
            {(c.sex, c.band_id): c.value for c in row.cells.all()} if before[0] is not None else {}
        )
        if indicator.counts_people and old_cells != cells:
            row.cells.all().delete()
            ActualCell.objects.bulk_create(
                ActualCell(actual=row, sex=sex, band_id=band, value=v)
                for (sex, band), v in cells.items()
            )
        if before != (row.value, row.comment, row.means_of_verification) or (
            indicator.counts_people and old_cells != cells
        ):
            changes[f"{indicator.result.code} indicator {indicator.order}"] = [
                None if before[0] is None else f"{before[0]:f}",
                None if value is None else f"{value:f}",
            ]
    for line_id, spent in edit.spending.items():
        current = FinancialLine.objects.filter(report=report, budget_line_id=line_id).first()
        if spent is None:
            if current is not None:
                current.delete()
                changes[f"spent {line_id}"] = [f"{current.spent:f}", None]
            continue
        if current is None or current.spent != spent:
            changes[f"spent {line_id}"] = [
                None if current is None else f"{current.spent:f}",
                f"{spent:f}",
            ]
            FinancialLine.objects.update_or_create(
                report=report, budget_line_id=line_id, defaults={"spent": spent}
            )
    if changes:
        _event(report, action, actor, changes=changes)
    report.refresh_from_db()
    return report


# --- submission and review -----------------------------------------------------------------


def submission_gaps(report: ProgressReport) -> list[str]:
    """What a report lacks before it can be reviewed, as sentences."""
    gaps: list[str] = []
    if not report.achievements.strip():
        gaps.append(_("Describe the achievements."))
    if not report.gender_results.strip():
        gaps.append(
            _(
                "Describe the gender results: who was reached, and how women, men, girls and boys "
                "benefited differently."
            )
        )
    for actual in report.actuals.select_related("indicator__result"):
        if actual.value is None and not actual.comment.strip():
            gaps.append(
                _(
                    "%(code)s: give the actual of “%(indicator)s”, or say in a comment why "
                    "there is none."
                )
                % {
                    "code": actual.indicator.result.code,
                    "indicator": actual.indicator.statement[:80],
                }
            )
    return gaps


@transaction.atomic
def report_submit(
    *, report: ProgressReport, actor: User, expected_version: int | None
) -> ProgressReport:
    """Send a draft or returned report to the reviews of the report routes."""
    from pat.reviews import services as review_services

    project = report.project
    _require_writer(actor, project)
    if report.state not in EDITABLE:
        raise ReportError(
            _("This report is %(state)s: it cannot be submitted now.")
            % {"state": report.get_state_display().lower()}
        )
    gaps = submission_gaps(report)
    if gaps:
        raise ReportError(" ".join(gaps))
    # The project's row first, as a decision locks it: submissions and decisions on one
    # project's reviews queue in the same order.
    Project.objects.select_for_update(of=("self",)).filter(pk=project.pk).first()
    claim(
        report,
        expected=expected_version,
        label=project.code,
        state=ReportState.IN_REVIEW,
        submitted_by=actor,
        submitted_at=timezone.now(),
    )
    report.refresh_from_db()
    _event(report, ReportEvent.Action.SUBMITTED, actor)
    try:
        review_services.report_review_open(report=report, actor=actor)
    except review_services.ReviewError as error:
        raise ReportError(error.message) from None
    return report


def may_decide(user: Any, review: ReviewTask) -> bool:
    """A reviewer of the step's unit, office or role who does not write the project."""
    return review_permissions.may_take(user, review) and not is_author(
        user, review.project, review.author_id
    )


@transaction.atomic
def review_decide(
    *,
    review: ReviewTask,
    actor: User,
    decision: str,
    note: str = "",
    expected_lock: int | None = None,
) -> ReviewTask:
    """Endorse, endorse with comments, or return a report: the reviews' one decision
    (`reviews.services.task_decide`), its refusals said as the report's."""
    from pat.reviews import services as review_services

    if review.report_id is None:
        raise ReportError(_("That review is not a progress report's."))
    try:
        return review_services.task_decide(
            task=review,
            actor=actor,
            decision=decision,
            note=note,
            expected_lock=expected_lock,
        )
    except review_services.ReviewDenied as error:
        raise ReportDenied(error.message) from None
    except review_services.ReviewError as error:
        raise ReportError(error.message) from None


def on_review_decided(sender: Any, *, task: ReviewTask, actor: User, **_kwargs: Any) -> None:
    """Every decision on a report's review goes into the report's history too."""
    if task.purpose != routing.REPORT or task.report is None:
        return
    if task.state in TASK_DECISIONS:
        _event(task.report, str(task.state), actor, note=task.decision_note)


def on_review_concluded(
    sender: Any,
    *,
    purpose: str,
    report: ProgressReport | None = None,
    task: ReviewTask | None = None,
    endorsed: bool,
    **_kwargs: Any,
) -> None:
    """The reviews of a report ended: one returned it (the team edits it again), or every
    one endorsed it (frozen, its figures written)."""
    if purpose != routing.REPORT or report is None:
        return
    from pat.reporting import notify

    # Under the report's lock: the state moves once, whatever else happens at the same time.
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if report.state != ReportState.IN_REVIEW:
        return
    if not endorsed:
        ProgressReport.objects.filter(pk=report.pk).update(state=ReportState.RETURNED)
        if task is not None:
            notify.returned(report, task)
        return
    _freeze(report)
    notify.endorsed(report)


def _num(value: Decimal | None) -> str | None:
    return None if value is None else f"{value.normalize():f}"


def snapshot_of(report: ProgressReport) -> dict[str, Any]:
    """What the report says, as plain data (codes and numbers; names only where typed)."""
    actuals = []
    rows = report.actuals.select_related("indicator__result").prefetch_related("cells__band")
    for actual in rows:
        actuals.append(
            {
                "indicator": actual.indicator_id,
                "result": actual.indicator.result.code,
                "statement": actual.indicator.statement,
                "counts_people": actual.indicator.counts_people,
                "target": _num(actual.indicator.target_value),
                "value": _num(actual.value),
                "comment": actual.comment,
                "means_of_verification": actual.means_of_verification,
                "cells": [
                    {
                        "sex": c.sex,
                        "band": c.band_id,
                        "label": c.band.label,
                        "value": _num(c.value),
                    }
                    for c in sorted(actual.cells.all(), key=lambda c: (c.sex, c.band.min_age))
                    if c.value is not None
                ],
            }
        )
    spending = [
        {
            "line": s.budget_line_id,
            "category": s.budget_line.category,
            "description": s.budget_line.description,
            "amount": _num(s.budget_line.amount),
            "spent": _num(s.spent),
        }
        for s in report.spending.select_related("budget_line").order_by("budget_line__order")
    ]
    return {
        "period": {
            "start": report.period.start.isoformat(),
            "end": report.period.end.isoformat(),
            "kind": report.period.kind,
        },
        "achievements": report.achievements,
        "challenges": report.challenges,
        "gender_results": report.gender_results,
        "gam_answers": report.gam_answers,
        "actuals": actuals,
        "spending": spending,
    }


def _freeze(report: ProgressReport) -> None:
    """Endorsed: keep what was endorsed, copy its people counts into the results figures, and
    record the gender marker's monitoring phase the report answered."""
    report.refresh_from_db()
    project = report.project
    report.snapshot = snapshot_of(report)
    report.state = ReportState.ENDORSED
    report.endorsed_at = timezone.now()
    report.save(update_fields=["snapshot", "state", "endorsed_at"])
    write_figures(report)
    if report.gam_answers:
        from pat.markers.services import assessment_save

        assessment_save(
            project=project,
            scheme="gam_monitoring",
            answers=report.gam_answers,
            evidence={},
            actor=report.submitted_by,
        )
    _event(report, ReportEvent.Action.REPORT_ENDORSED, None)
    Revision.bump(REVISION)


def _totals(figures: Any) -> dict[tuple[int, int, str, bool], Decimal]:
    """Figures added up per (office, year, sex, adult)."""
    out: dict[tuple[int, int, str, bool], Decimal] = {}
    for office, year, sex, adult, value in figures:
        key = (office, year, sex, bool(adult))
        out[key] = out.get(key, Decimal(0)) + value
    return out


def _add_to_totals(delta: Mapping[tuple[int, int, str, bool], Decimal], region: str) -> None:
    for (office, year, sex, adult), value in delta.items():
        if not value:
            continue
        rows = ReachTotal.objects.filter(office_id=office, year=year, sex=sex, adult=adult)
        # An atomic add: two endorsements at once both count.
        if not rows.update(value=F("value") + value):
            try:
                with transaction.atomic():
                    ReachTotal.objects.create(
                        office_id=office,
                        region=region,
                        year=year,
                        sex=sex,
                        adult=adult,
                        value=value,
                    )
            except IntegrityError:  # another endorsement created the row first
                rows.update(value=F("value") + value)


FIGURE_FIELDS = ("office_id", "year", "sex", "adult", "value")


def write_figures(report: ProgressReport) -> int:
    """The report's endorsed people counts as result figures (rewritten whole), and the
    difference added to the reach totals."""
    project = report.project
    existing = ResultFigure.objects.filter(report=report)
    before = _totals(existing.values_list(*FIGURE_FIELDS))
    existing.delete()
    period_end = report.period.end
    figures: list[ResultFigure] = []
    rows = report.actuals.filter(indicator__counts_people=True, value__isnull=False)
    for actual in rows.prefetch_related("cells__band"):
        for cell in actual.cells.all():
            if cell.value is None:
                continue
            figures.append(
                ResultFigure(
                    report=report,
                    indicator_id=actual.indicator_id,
                    project=project,
                    office_id=project.executing_office_id,
                    region=project.region,
                    year=period_end.year,
                    period_end=period_end,
                    sex=cell.sex,
                    band=cell.band,
                    adult=cell.band.min_age >= 18,
                    value=cell.value,
                )
            )
    ResultFigure.objects.bulk_create(figures)
    after = _totals((f.office_id, f.year, f.sex, f.adult, f.value) for f in figures)
    delta = {k: after.get(k, Decimal(0)) - before.get(k, Decimal(0)) for k in {*before, *after}}
    _add_to_totals(delta, project.region)
    return len(figures)


@transaction.atomic
def reach_totals_rebuild() -> int:
    """The reach totals again from every result figure (after a bulk load); returns the rows."""
    ReachTotal.objects.all().delete()
    rows = (
        ResultFigure.objects.values("office_id", "region", "year", "sex", "adult")
        .annotate(total=Sum("value"))
        .order_by()
    )
    made = ReachTotal.objects.bulk_create(
        ReachTotal(
            office_id=r["office_id"],
            region=r["region"],
            year=r["year"],
            sex=r["sex"],
            adult=bool(r["adult"]),
            value=r["total"],
        )
        for r in rows
    )
    Revision.bump(REVISION)
    return len(made)


# --- reminders -----------------------------------------------------------------------------


@transaction.atomic
def reminders_sweep(*, on: dt.date | None = None, within_days: int = 7) -> int:
    """Remind the writers of reports due within `within_days` days or overdue and not submitted.

    One reminder per period and day at most: the unique (period, day) row is
    written first, so a second sweep the same day sends nothing again.
    """
    on = on or today()
    horizon = on + dt.timedelta(days=within_days)
    due = (
        ReportingPeriod.objects.filter(
            due_on__lte=horizon, start__lte=on, project__status__in=REPORTING_STATUSES
        )
        .exclude(report__state__in=[ReportState.IN_REVIEW, ReportState.ENDORSED])
        .exclude(reminders__sent_on=on)
        .select_related("project")
    )
    from pat.reporting import notify

    sent = 0
    for period in due:
        kind = ReportReminder.Kind.OVERDUE if period.due_on < on else ReportReminder.Kind.DUE_SOON
        recipients = notify.writer_addresses(period.project)
        try:
            with transaction.atomic():
                ReportReminder.objects.create(
                    period=period, kind=kind, sent_on=on, recipients=recipients
                )
        except IntegrityError:
            continue
        notify.reminder(period, kind)
        sent += 1
    return sent


def overdue(period: ReportingPeriod, *, on: dt.date | None = None) -> bool:
    # A period without a report raises on `period.report`; hasattr reads that as "none".
    report = period.report if hasattr(period, "report") else None
    done = report is not None and report.state in (ReportState.IN_REVIEW, ReportState.ENDORSED)
    return sched.is_overdue(period.due_on, on=on or today(), done=done)
