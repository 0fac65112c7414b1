"""Workflows of the gender network: plans, the self-assessment campaign, the annual report.

Keyword-only functions inside a transaction. Plans, responses and reports carry a `lock`
counter: a write claims it with `pat.core.locking.claim` (a conditional UPDATE), so of two
edits made on the same page only the first is saved and the other gets `EditConflict` with
nothing written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pat.core.locking import EditConflict, claim
from pat.core.models import Office, Role, User
from pat.network.models import (
    EDITABLE_STATES,
    Action,
    ActionPlan,
    ActionStatus,
    AnnualReport,
    Answer,
    Campaign,
    Evidence,
    FocalPoint,
    FocalPointChange,
    IndicatorRating,
    Objective,
    PlanIndicator,
    PlanStatus,
    ProgressNote,
    Question,
    Questionnaire,
    Rating,
    ReportStatus,
    Response,
    ResponseState,
)
from pat.network.swap import BELOW_MEETS, BY_NUMBER


class NetworkError(Exception):
    """A refused action; `message` is shown to the user and nothing was written."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# What a view catches to show a refusal as a message: str(error) is the message.
REFUSED = (NetworkError, EditConflict)


def today() -> dt.date:
    return timezone.localdate()


def _claim(record: models.Model, expected: int) -> None:
    claim(record, expected=expected, field="lock", label=str(record))


# --- e-mail ------------------------------------------------------------------------------------


def _url(path: str) -> str:
    base = str(getattr(settings, "PAT_BASE_URL", "http://127.0.0.1:8000")).rstrip("/")
    return f"{base}{path}"


def office_focal_point_addresses(office_ids: Iterable[int], on: dt.date) -> dict[int, list[str]]:
    """E-mail addresses of each office's current focal points, alternates and GFP role holders."""
    ids = set(office_ids)
    found: dict[int, set[str]] = {pk: set() for pk in ids}
    for fp in (
        FocalPoint.objects.current(on)
        .filter(office_id__in=ids)
        .select_related("person", "alternate")
    ):
        for person in (fp.person, fp.alternate):
            if person is not None and person.is_active and person.email:
                found[fp.office_id].add(person.email)
    for office_id, email in Role.objects.filter(
        office_id__in=ids, kind=Role.Kind.GENDER_FOCAL_POINT, user__is_active=True
    ).values_list("office_id", "user__email"):
        if email:
            found[office_id].add(email)
    return {pk: sorted(emails) for pk, emails in found.items()}


def _send(recipients: list[str], subject: str, body: str) -> None:
    """Hand an e-mail to the task worker once the transaction commits (never on a rollback)."""
    if not recipients:
        return
    from pat.reviews.tasks import send_email

    transaction.on_commit(lambda: send_email.enqueue(recipients, subject, body))


def response_url(response: Response) -> str:
    return _url(reverse("network:response", kwargs={"pk": response.pk}))


# --- the register ------------------------------------------------------------------------------

REGISTER_FIELDS = (
    "person",
    "office",
    "unit",
    "time_share",
    "appointed_on",
    "term_end",
    "alternate",
)


def register_values(focal_point: FocalPoint) -> dict[str, str]:
    """The register fields as text, for the change history."""
    values = {}
    for name in REGISTER_FIELDS:
        value = getattr(focal_point, name)
        values[name] = "" if value is None else str(value)
    return values


@transaction.atomic
def focal_point_save(
    *, focal_point: FocalPoint, before: Mapping[str, str], actor: User
) -> FocalPoint:
    """Save an appointment (new or edited) and record what changed, field by field."""
    focal_point.full_clean()
    created = focal_point.pk is None
    focal_point.save()
    after = register_values(focal_point)
    changes = {
        name: [before.get(name, ""), value]
        for name, value in after.items()
        if before.get(name, "") != value
    }
    if changes:
        FocalPointChange.objects.create(
            focal_point=focal_point,
            office=focal_point.office,
            actor=actor,
            created=created,
            changes=changes,
        )
    return focal_point


# --- Plans of Action ---------------------------------------------------------------------------


@transaction.atomic
def plan_create(*, office: Office, period: str, actor: User) -> ActionPlan:
    """A new version of the office's plan for the period, copying the latest one if any."""
    period = period.strip()
    if not period:
        raise NetworkError(_("Give the plan's period, for example 2026."))
    latest = (
        ActionPlan.objects.select_for_update()
        .filter(office=office, period=period)
        .order_by("-version")
        .first()
    )
    plan = ActionPlan(
        office=office,
        period=period,
        version=latest.version + 1 if latest else 1,
        summary=latest.summary if latest else "",
    )
    plan.full_clean()
    plan.save()
    if latest is not None:
        for indicator in latest.indicators.all():
            PlanIndicator.objects.create(
                plan=plan,
                name=indicator.name,
                baseline=indicator.baseline,
                target=indicator.target,
                current=indicator.current,
            )
        for objective in latest.objectives.prefetch_related("actions"):
            copy = Objective.objects.create(plan=plan, order=objective.order, title=objective.title)
            Action.objects.bulk_create(
                Action(
                    objective=copy,
                    title=a.title,
                    owner=a.owner,
                    deadline=a.deadline,
                    status=a.status,
                )
                for a in objective.actions.all()
            )
    return plan


def _editable(plan: ActionPlan) -> None:
    if plan.status != PlanStatus.DRAFT:
        raise NetworkError(
            _("This version is no longer a draft: start a new version to change the plan.")
        )


@transaction.atomic
def plan_update(*, plan: ActionPlan, expected_lock: int, summary: str) -> ActionPlan:
    _editable(plan)
    _claim(plan, expected_lock)
    ActionPlan.objects.filter(pk=plan.pk).update(summary=summary)
    plan.refresh_from_db()
    return plan


@transaction.atomic
def objective_add(*, plan: ActionPlan, expected_lock: int, title: str) -> Objective:
    _editable(plan)
    _claim(plan, expected_lock)
    order = plan.objectives.count() + 1
    objective = Objective(plan=plan, order=order, title=title.strip())
    objective.full_clean()
    objective.save()
    return objective


@transaction.atomic
def action_add(
    *,
    plan: ActionPlan,
    expected_lock: int,
    objective: Objective,
    title: str,
    owner: str,
    deadline: dt.date,
) -> Action:
    _editable(plan)
    if objective.plan_id != plan.pk:
        raise NetworkError(_("That objective belongs to another plan."))
    _claim(plan, expected_lock)
    action = Action(
        objective=objective, title=title.strip(), owner=owner.strip(), deadline=deadline
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_progress(
    *,
    plan: ActionPlan,
    expected_lock: int,
    action: Action,
    status: str,
    note: str,
    on: dt.date,
    actor: User,
) -> Action:
    """Move an action on and date what happened; progress is recorded on any version."""
    if action.objective.plan_id != plan.pk:
        raise NetworkError(_("That action belongs to another plan."))
    if status not in ActionStatus.values:
        raise NetworkError(_("Unknown status."))
    _claim(plan, expected_lock)
    if status != action.status:
        Action.objects.filter(pk=action.pk).update(status=status)
        action.status = status
    if note.strip():
        ProgressNote.objects.create(action=action, on=on, text=note.strip(), author=actor)
    return action


@transaction.atomic
def indicator_add(
    *, plan: ActionPlan, expected_lock: int, name: str, baseline: str, target: str
) -> PlanIndicator:
    _editable(plan)
    _claim(plan, expected_lock)
    indicator = PlanIndicator(plan=plan, name=name.strip(), baseline=baseline, target=target)
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def indicator_measure(
    *, plan: ActionPlan, expected_lock: int, indicator: PlanIndicator, current: str
) -> PlanIndicator:
    if indicator.plan_id != plan.pk:
        raise NetworkError(_("That indicator belongs to another plan."))
    _claim(plan, expected_lock)
    PlanIndicator.objects.filter(pk=indicator.pk).update(current=current.strip()[:100])
    indicator.current = current.strip()[:100]
    return indicator


@transaction.atomic
def plan_submit(*, plan: ActionPlan, expected_lock: int) -> ActionPlan:
    _editable(plan)
    if not plan.objectives.exists():
        raise NetworkError(_("Add at least one objective before submitting the plan."))
    _claim(plan, expected_lock)
    ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.SUBMITTED)
    plan.refresh_from_db()
    return plan


@transaction.atomic
def plan_decide(*, plan: ActionPlan, expected_lock: int, actor: User, approve: bool) -> ActionPlan:
    """The Chief of Mission approves the submitted plan, or sends it back to draft."""
    if plan.status != PlanStatus.SUBMITTED:
        raise NetworkError(_("Only a submitted plan can be approved or sent back."))
    _claim(plan, expected_lock)
    if approve:
        ActionPlan.objects.filter(pk=plan.pk).update(
            status=PlanStatus.APPROVED, approved_by=actor, approved_at=timezone.now()
        )
    else:
        ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
    plan.refresh_from_db()
    return plan


# --- the self-assessment exercise --------------------------------------------------------------


@transaction.atomic
def campaign_launch(
    *,
    name: str,
    questionnaire: Questionnaire,
    offices: Iterable[Office],
    deadline: dt.date,
    actor: User,
) -> Campaign:
    chosen = list(offices)
    if not chosen:
        raise NetworkError(_("Choose at least one office."))
    if deadline < today():
        raise NetworkError(_("The deadline has passed already."))
    if not Question.objects.filter(section__questionnaire=questionnaire).exists():
        raise NetworkError(_("The questionnaire has no question yet."))
    campaign = Campaign(
        name=name.strip(), questionnaire=questionnaire, deadline=deadline, created_by=actor
    )
    campaign.full_clean()
    campaign.save()
    Response.objects.bulk_create(Response(campaign=campaign, office=o) for o in chosen)
    addresses = office_focal_point_addresses((o.pk for o in chosen), today())
    for response in campaign.responses.select_related("office"):
        _send(
            addresses.get(response.office_id, []),
            _("[PAT] Self-assessment %(name)s for %(office)s, due %(due)s")
            % {"name": campaign.name, "office": response.office, "due": deadline.isoformat()},
            "\n\n".join(
                [
                    _("The gender coordinator asks your office to answer the self-assessment."),
                    _("Deadline: %(due)s.") % {"due": deadline.isoformat()},
                    response_url(response),
                ]
            ),
        )
    return campaign


@transaction.atomic
def campaign_close(*, campaign: Campaign) -> Campaign:
    Campaign.objects.filter(pk=campaign.pk, closed_at__isnull=True).update(closed_at=timezone.now())
    campaign.refresh_from_db()
    return campaign


@transaction.atomic
def conclusions_save(*, campaign: Campaign, conclusions: Mapping[str, str]) -> Campaign:
    codes = set(
        Question.objects.filter(section__questionnaire=campaign.questionnaire_id).values_list(
            "code", flat=True
        )
    )
    kept = {
        code: text.strip() for code, text in conclusions.items() if code in codes and text.strip()
    }
    Campaign.objects.filter(pk=campaign.pk).update(conclusions=kept)
    campaign.conclusions = kept
    return campaign


def _editable_response(response: Response) -> None:
    if response.campaign.closed_at is not None:
        raise NetworkError(_("This exercise is closed."))
    if response.state not in EDITABLE_STATES:
        raise NetworkError(
            _("These answers are submitted and locked; the coordinator can return them to you.")
        )


@transaction.atomic
def answers_save(
    *,
    response: Response,
    expected_lock: int,
    answers: Mapping[int, tuple[str, str]],
) -> Response:
    """Save ratings and comments keyed by question id; unknown questions or ratings are refused."""
    _editable_response(response)
    questions = set(
        Question.objects.filter(
            section__questionnaire=response.campaign.questionnaire_id
        ).values_list("pk", flat=True)
    )
    for question_id, (rating, _comment) in answers.items():
        if question_id not in questions:
            raise NetworkError(_("That question is not part of this exercise."))
        if rating and rating not in Rating.values:
            raise NetworkError(_("Unknown rating."))
    _claim(response, expected_lock)
    existing = {a.question_id: a for a in response.answers.all()}
    for question_id, (rating, comment) in answers.items():
        answer = existing.get(question_id) or Answer(response=response, question_id=question_id)
        answer.rating = rating
        answer.comment = comment.strip()
        answer.save()
    Response.objects.filter(pk=response.pk, state=ResponseState.NOT_STARTED).update(
        state=ResponseState.DRAFT
    )
    response.refresh_from_db()
    return response


@transaction.atomic
def response_submit(*, response: Response, expected_lock: int, actor: User) -> Response:
    _editable_response(response)
    questions = Question.objects.filter(section__questionnaire=response.campaign.questionnaire_id)
    rated = set(response.answers.exclude(rating="").values_list("question_id", flat=True))
    missing = questions.exclude(pk__in=rated).count()
    if missing:
        raise NetworkError(
            _("Rate every question before submitting (%(n)s left; “not applicable” is a rating).")
            % {"n": missing}
        )
    _claim(response, expected_lock)
    Response.objects.filter(pk=response.pk).update(
        state=ResponseState.SUBMITTED, submitted_at=timezone.now(), submitted_by=actor
    )
    response.refresh_from_db()
    return response


@transaction.atomic
def response_review(
    *, response: Response, expected_lock: int, accept: bool, note: str = ""
) -> Response:
    """The coordinator accepts submitted answers or returns them with a reason (unlocking them)."""
    if response.state != ResponseState.SUBMITTED:
        raise NetworkError(_("Only submitted answers can be accepted or returned."))
    if not accept and not note.strip():
        raise NetworkError(_("Say why the answers are returned."))
    _claim(response, expected_lock)
    if accept:
        Response.objects.filter(pk=response.pk).update(state=ResponseState.ACCEPTED)
    else:
        Response.objects.filter(pk=response.pk).update(
            state=ResponseState.RETURNED, return_note=note.strip()
        )
        addresses = office_focal_point_addresses([response.office_id], today())
        _send(
            addresses[response.office_id],
            _("[PAT] Self-assessment %(name)s returned to %(office)s")
            % {"name": response.campaign.name, "office": response.office},
            "\n\n".join([note.strip(), response_url(response)]),
        )
    response.refresh_from_db()
    return response


@transaction.atomic
def evidence_add(
    *, response: Response, question: Question | None, upload: Any, content_type: str, actor: User
) -> Evidence:
    _editable_response(response)
    evidence = Evidence(
        response=response,
        question=question,
        original_name=upload.name[:255],
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    evidence.file.save(upload.name, upload, save=False)
    evidence.save()
    return evidence


def reminders_sweep(*, on: dt.date | None = None, within_days: int = 3) -> int:
    """Remind offices whose answers are due within N days or overdue; at most once a day each.

    The claim on `last_reminded_on` is a conditional UPDATE, so two sweeps running at once
    (cron and `--every`) still send one reminder per office per day.
    """
    day = on or today()
    due = (
        Response.objects.filter(
            campaign__closed_at__isnull=True,
            state__in=EDITABLE_STATES,
            campaign__deadline__lte=day + dt.timedelta(days=within_days),
        )
        .filter(Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=day))
        .select_related("campaign", "office")
    )
    sent = 0
    for response in due:
        with transaction.atomic():
            claimed = (
                Response.objects.filter(pk=response.pk)
                .filter(Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=day))
                .update(last_reminded_on=day)
            )
            if not claimed:
                continue
            overdue = response.campaign.deadline < day
            subject = (
                _("[PAT] Overdue self-assessment: %(name)s for %(office)s (due %(due)s)")
                if overdue
                else _("[PAT] Self-assessment due soon: %(name)s for %(office)s (due %(due)s)")
            ) % {
                "name": response.campaign.name,
                "office": response.office,
                "due": response.campaign.deadline.isoformat(),
            }
            addresses = office_focal_point_addresses([response.office_id], day)
            _send(
                addresses[response.office_id],
                subject,
                "\n\n".join(
                    [_("Reminder of %(day)s.") % {"day": day.isoformat()}, response_url(response)]
                ),
            )
            sent += 1
    return sent


# --- the annual report -------------------------------------------------------------------------


@transaction.atomic
def report_open(*, year: int) -> AnnualReport:
    report, _created = AnnualReport.objects.get_or_create(year=year)
    missing = set(BY_NUMBER) - set(report.ratings.values_list("pi", flat=True))
    IndicatorRating.objects.bulk_create(
        IndicatorRating(report=report, pi=pi) for pi in sorted(missing)
    )
    return report


@transaction.atomic
def rating_save(
    *,
    report: AnnualReport,
    expected_lock: int,
    pi: int,
    rating: str,
    narrative: str,
    evidence: str,
    action_plan: str,
) -> IndicatorRating:
    if report.status != ReportStatus.DRAFT:
        raise NetworkError(_("The report is approved and can no longer change."))
    if pi not in BY_NUMBER:
        raise NetworkError(_("Unknown performance indicator."))
    if rating and rating not in Rating.values:
        raise NetworkError(_("Unknown rating."))
    if rating in BELOW_MEETS and not action_plan.strip():
        raise NetworkError(_("An indicator rated below “meets” needs an action plan."))
    _claim(report, expected_lock)
    row, _created = IndicatorRating.objects.get_or_create(report=report, pi=pi)
    row.rating = rating
    row.narrative = narrative.strip()
    row.evidence = evidence.strip()
    row.action_plan = action_plan.strip()
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def report_approve(*, report: AnnualReport, expected_lock: int, actor: User) -> AnnualReport:
    if report.status != ReportStatus.DRAFT:
        raise NetworkError(_("The report is approved already."))
    unrated = report.ratings.filter(rating="").count()
    if unrated:
        raise NetworkError(_("Rate every indicator before approval (%(n)s left).") % {"n": unrated})
    _claim(report, expected_lock)
    AnnualReport.objects.filter(pk=report.pk).update(
        status=ReportStatus.APPROVED, approved_by=actor, approved_at=timezone.now()
    )
    report.refresh_from_db()
    return report
