"""The review workflow: submit, decide, return, resubmit, endorse, withdraw, and after.

Every function here runs in one transaction, checks who acts, refuses what the
state machine (workflow.py) does not allow with a ReviewError the page shows
as it is, and leaves a ReviewEvent; a change of the project's status also
leaves a ProjectChange through the projects services.

Concurrency: every decision first locks the project's row (SELECT ... FOR
UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions already serialize
writers), so decisions on one proposal apply one after the other and the last
one sees every earlier one: "all endorsed → proposal endorsed" happens exactly
once. The task's own write is a conditional UPDATE on its row version, so a
decision is never applied twice nor lost even without that lock.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from pat.core.locking import try_claim
from pat.core.models import Department, Office, Role, User
from pat.core.permissions import can_edit_project
from pat.projects import services as project_services
from pat.projects.models import Project
from pat.proposals import services as proposal_services
from pat.proposals.models import ProposalVersion
from pat.reviews import checklist, notify, permissions, routing, signals, submission, workflow
from pat.reviews.models import (
    DECISIONS,
    ENDORSING,
    ChecklistAnswer,
    ChecklistItem,
    DonorReviewer,
    Part,
    Reminder,
    ReviewComment,
    ReviewEvent,
    ReviewRoute,
    ReviewTask,
    StepKind,
    SubmissionNeed,
    SubmissionPolicy,
    TaskState,
)


class ReviewError(Exception):
    """A refused action; the message is for the user, in their language."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class ReviewDenied(ReviewError):
    """The user may not do this at all (a 403, not a form error)."""


class SubmissionIncomplete(ReviewError):
    """The proposal lacks what its reviewers need; the check says what."""

    def __init__(self, check: SubmissionCheck) -> None:
        self.check = check
        super().__init__(check.summary())


def today() -> dt.date:
    return timezone.localdate()


# --- routes ----------------------------------------------------------------------------------


def regional_office_of(office: Office) -> Office | None:
    """The nearest regional office above (or at) an office; None when it reports to HQ only."""
    current: Office | None = office
    seen: set[int] = set()
    while current is not None and current.pk not in seen:
        if current.kind == Office.Kind.REGIONAL:
            return current
        seen.add(current.pk)
        current = current.parent
    return None


def project_facts(project: Project, purpose: str = routing.PROPOSAL) -> routing.ProjectFacts:
    regional = regional_office_of(project.executing_office)
    return routing.ProjectFacts(
        purpose=purpose,
        project_type=project.project_type.code,
        region=project.region,
        donors=frozenset(project.donors.values_list("code", flat=True)),
        budget=project.budget,
        currency=project.currency,
        executing_office=str(project.executing_office),
        regional_office=regional.code if regional else None,
    )


def route_rules() -> list[routing.RouteRule]:
    routes = (
        ReviewRoute.objects.filter(active=True)
        .select_related("project_type", "donor")
        .prefetch_related("steps")
    )
    return [
        routing.RouteRule(
            name=r.name,
            order=r.order,
            project_type=r.project_type.code if r.project_type else None,
            region=r.region or None,
            donor=r.donor.code if r.donor else None,
            budget_above=Decimal(r.budget_above) if r.budget_above is not None else None,
            currency=r.currency,
            final=r.final,
            purpose=r.purpose,
            steps=tuple(
                routing.StepRule(
                    kind=s.kind,  # type: ignore[arg-type]
                    department=s.department_id,
                    stage=s.stage,
                    deadline_days=s.deadline_days,
                )
                for s in r.steps.all()
            ),
        )
        for r in routes
    ]


def donor_rules() -> list[routing.DonorRule]:
    return [
        routing.DonorRule(d.donor.code, d.department.code, d.stage, d.deadline_days)
        for d in DonorReviewer.objects.select_related("donor", "department")
    ]


@dataclass
class PreviewStep:
    step: routing.PlannedStep
    label: str
    department: Department | None
    office: Office | None
    due_on: dt.date | None
    reviewers: list[User]
    problem: str = ""


@dataclass
class Preview:
    steps: list[PreviewStep]
    routes: tuple[str, ...]
    notes: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        found = [s.problem for s in self.steps if s.problem]
        if not self.steps:
            found.append(
                _("No review route applies to this project: ask an administrator to add one.")
            )
        return found


def _note_text(note: routing.Note) -> str:
    params = dict(note.params)
    if note.code == "no-regional-office":
        return _("%(office)s reports to no regional office: there is no regional review.") % params
    return (
        _(
            "The budget in %(currency)s cannot be compared with the threshold of “%(route)s” "
            "(%(threshold)s): its reviews are included."
        )
        % params
    )


def route_preview(
    *, project: Project, on: dt.date | None = None, purpose: str = routing.PROPOSAL
) -> Preview:
    """Who would review the project (or its revision) if it were submitted now, and by when."""
    plan = routing.plan(project_facts(project, purpose), route_rules(), donor_rules())
    codes = {s.department for s in plan.steps if s.department}
    departments = {d.code: d for d in Department.objects.filter(code__in=codes)}
    offices = {
        o.code: o
        for o in Office.objects.filter(code__in={s.office for s in plan.steps if s.office})
    }
    start = on or today()
    first = plan.stages[0] if plan.stages else 1
    rows = []
    gfp_office = (
        gender_focal_office(project) if any(s.kind == routing.GFP for s in plan.steps) else None
    )
    for step in plan.steps:
        department = departments.get(step.department or "")
        office = offices.get(step.office or "") if step.kind != routing.GFP else gfp_office
        problem = ""
        if step.kind == routing.UNIT and department is None:
            problem = _(
                "The route names the unit “%(code)s”, which does not exist: ask an administrator "
                "to create it or change the route."
            ) % {"code": step.department}
        probe = ReviewTask(kind=step.kind, department=department, office=office)
        reviewers = list(permissions.eligible_users(probe)) if not problem else []
        rows.append(
            PreviewStep(
                step=step,
                label=_step_label(step.kind, department, office),
                department=department,
                office=office,
                due_on=(
                    routing.add_working_days(start, step.deadline_days)
                    if step.stage == first
                    else None
                ),
                reviewers=reviewers,
                problem=problem,
            )
        )
    return Preview(rows, plan.routes, [_note_text(n) for n in plan.notes])


@dataclass(frozen=True)
class SubmissionCheck:
    """Whether a proposal holds what its reviewers need, and what is missing."""

    score: int
    minimum: int
    gaps: list[submission.Gap]

    @property
    def score_ok(self) -> bool:
        return self.score >= self.minimum

    @property
    def ok(self) -> bool:
        return self.score_ok and not self.gaps

    def summary(self) -> str:
        parts = []
        if not self.score_ok:
            parts.append(
                _("Readiness is %(score)s/100; a submission needs %(minimum)s.")
                % {"score": self.score, "minimum": self.minimum}
            )
        labels = dict(Part.choices)
        for gap in self.gaps:
            parts.append(
                _("%(part)s is missing (needed by %(units)s).")
                % {"part": labels.get(gap.part, gap.part), "units": ", ".join(gap.units)}
            )
        return " ".join(parts)


def submission_check(*, project: Project, preview: Preview | None = None) -> SubmissionCheck:
    """What the units the proposal would reach need, against what it holds now."""
    preview = preview or route_preview(project=project)
    snapshot = proposal_services.build_snapshot(project)
    needs_by_step: dict[tuple[str, str | None], list[str]] = {}
    for need in SubmissionNeed.objects.all():
        needs_by_step.setdefault((need.kind, need.department_id), []).append(need.part)
    needs = [
        (row.label, part)
        for row in preview.steps
        for part in needs_by_step.get(
            (row.step.kind, row.step.department if row.step.kind == routing.UNIT else None), []
        )
    ]
    return SubmissionCheck(
        score=proposal_services.readiness_for(project, snapshot).score,
        minimum=SubmissionPolicy.current().minimum_readiness,
        gaps=submission.gaps(needs, submission.present_parts(snapshot)),
    )


def gender_focal_office(project: Project) -> Office | None:
    """Whose Gender Focal Point reviews: the executing office's, else the nearest above it.

    Offices are walked up to headquarters; the first with an active focal point
    is it. With none anywhere, headquarters (the top), so the task has a home.
    """
    office: Office | None = project.executing_office
    top = office
    seen: set[int] = set()
    while office is not None and office.pk not in seen:
        seen.add(office.pk)
        if User.objects.filter(
            is_active=True, roles__kind=Role.Kind.GENDER_FOCAL_POINT, roles__office=office
        ).exists():
            return office
        top = office
        office = office.parent
    return top


def _step_label(kind: str, department: Department | None, office: Office | None) -> str:
    if kind == routing.GFP:
        return str(StepKind.GFP.label)
    if kind == routing.REGIONAL and office is not None:
        return str(office)
    return str(department) if department is not None else "?"


# --- status ----------------------------------------------------------------------------------


def _refuse_transition(project: Project, action: str) -> ReviewError:
    return ReviewError(
        _("%(code)s is %(status)s: it cannot be %(action)s now.")
        % {
            "code": project.code,
            "status": project.get_status_display().lower(),
            "action": _action_words().get(action, action),
        }
    )


def _action_words() -> dict[str, str]:
    return {
        "submit": _("submitted for review"),
        "return": _("returned"),
        "endorse": _("endorsed"),
        "withdraw": _("withdrawn"),
        "submit_to_donor": _("submitted to the donor"),
        "activate": _("made active"),
        "not_funded": _("recorded as not funded"),
        "final_reporting": _("moved to final reporting"),
        "close": _("closed"),
    }


def _move(
    project: Project,
    actor: User | None,
    action: str,
    note: str = "",
    changes: dict[str, Any] | None = None,
) -> str:
    """Ask the projects services for the status move `action` names, or raise."""
    rule = workflow.TRANSITIONS.get(action)
    changes = dict(changes or {})
    if note:
        changes["reason"] = [None, note[:500]]
    if rule is None or not project_services.status_move(
        project=project, actor=actor, sources=rule[0], to=rule[1], changes=changes
    ):
        raise _refuse_transition(project, action)
    return rule[1]


def _locked(project: Project) -> Project:
    return (
        Project.objects.select_for_update(of=("self",))
        .select_related("executing_office", "project_type")
        .get(pk=project.pk)
    )


def _event(
    project: Project,
    action: str,
    actor: User | None,
    *,
    version: ProposalVersion | None = None,
    task: ReviewTask | None = None,
    note: str = "",
) -> ReviewEvent:
    event = ReviewEvent(
        project=project, action=action, actor=actor, version=version, task=task, note=note
    )
    event.full_clean()
    event.save()
    return event


# --- submit ----------------------------------------------------------------------------------


def current_version(project: Project) -> ProposalVersion | None:
    return (
        ProposalVersion.objects.filter(project=project, review_tasks__isnull=False)
        .order_by("-number")
        .first()
    )


@dataclass(frozen=True)
class Feedback:
    """What the reviewers said on a version that came back: decisions and comment threads."""

    version: ProposalVersion
    decisions: list[ReviewTask]
    comments: list[ReviewComment]


def returned_feedback(project: Project) -> Feedback | None:
    """The reviewers' word when the proposal was returned and waits for its writers."""
    if project.status != workflow.DRAFT:
        return None
    version = current_version(project)
    if version is None:
        return None
    tasks = list(
        ReviewTask.objects.filter(version=version, state__in=DECISIONS)
        .select_related("decided_by")
        .order_by("stage", "id")
    )
    if not any(t.state == TaskState.RETURNED for t in tasks):
        return None
    comments = list(
        ReviewComment.objects.filter(task__version=version)
        .select_related("author", "task")
        .order_by("created_at", "id")
    )
    return Feedback(version, tasks, comments)


def _previous_assignees(project: Project, purpose: str = routing.PROPOSAL) -> dict[str, int]:
    """Who took each step last time, so a resubmission goes back to the same person."""
    out: dict[str, int] = {}
    rows = (
        ReviewTask.objects.filter(project=project, purpose=purpose)
        .exclude(assignee__isnull=True)
        .order_by("version__number", "round", "id")
        .values_list("key", "assignee_id")
    )
    for key, assignee in rows:
        out[key] = assignee
    return out


def _pick_assignee(task: ReviewTask, previous: int | None) -> User | None:
    eligible = permissions.reviewers(task)
    for user in eligible:
        if user.pk == previous:
            return user
    # One person in the unit: the review is theirs; several: the first to take it.
    return eligible[0] if len(eligible) == 1 else None


@transaction.atomic
def review_submit(*, project: Project, actor: User, let_through: str = "") -> ProposalVersion:
    """Freeze a version and open its reviews along the route; resubmits after a return.

    A proposal that lacks what its reviewers need (or scores under the minimum
    readiness) is refused, unless an administrator lets it through with a
    reason, which the review history keeps.
    """
    let_through = let_through.strip()
    if not can_edit_project(actor, project):
        raise ReviewDenied(_("Only the executing office and the project team submit a proposal."))
    project = _locked(project)
    if workflow.target("submit", project.status) is None:
        raise _refuse_transition(project, "submit")
    preview = route_preview(project=project)
    if preview.problems:
        raise ReviewError(" ".join(preview.problems))
    check = submission_check(project=project, preview=preview)
    if not check.ok:
        if not let_through:
            raise SubmissionIncomplete(check)
        if not actor.is_administrator:
            raise ReviewDenied(_("Only an administrator lets an incomplete proposal through."))
    resubmission = ReviewTask.objects.filter(project=project).exists()
    # The freeze is recorded with the status move below: one change, one reindex.
    version = proposal_services.proposal_submit(project=project, actor=actor)
    tasks = _open_tasks(project, version, preview, routing.PROPOSAL)
    _move(
        project,
        actor,
        "submit",
        changes={"proposal version": [None, f"{version.number}: {version.reason}"]},
    )
    _event(
        project,
        ReviewEvent.Action.RESUBMITTED if resubmission else ReviewEvent.Action.SUBMITTED,
        actor,
        version=version,
        note=_("Version %(n)s, %(count)s reviews: %(units)s")
        % {
            "n": version.number,
            "count": len(tasks),
            "units": ", ".join(t.label for t in tasks),
        },
    )
    if not check.ok:
        _event(
            project,
            ReviewEvent.Action.LET_THROUGH,
            actor,
            version=version,
            note=f"{let_through} ({check.summary()})",
        )
    for task in tasks:
        if task.opened_at is not None:
            _announce(task, actor=None)
    return version


def _open_tasks(
    project: Project,
    version: ProposalVersion | None,
    preview: Preview,
    purpose: str,
    *,
    report: Any = None,
    round: int = 1,
) -> list[ReviewTask]:
    """The review tasks of a frozen version (or a submitted progress report) along its
    route; the first stage opens now."""
    previous = _previous_assignees(project, purpose)
    now = timezone.now()
    first = min(s.step.stage for s in preview.steps)
    # The Gender Focal Point's checklist reads a proposal; a report's review reads the report.
    prefill = (
        {
            p.item: {"ok": p.ok, "evidence": list(p.evidence)}
            for p in checklist.prefill(version.snapshot)
        }
        if version is not None
        else {}
    )
    tasks: list[ReviewTask] = []
    for row in preview.steps:
        step = row.step
        opens = step.stage == first
        task = ReviewTask(
            project=project,
            version=version,
            key=step.key,
            kind=step.kind,
            department=row.department,
            office=row.office,
            label=row.label[:200],
            stage=step.stage,
            deadline_days=step.deadline_days,
            routed_by=list(step.because),
            opened_at=now if opens else None,
            due_on=routing.add_working_days(today(), step.deadline_days) if opens else None,
            checklist_prefill=prefill if step.kind == routing.GFP else {},
            purpose=purpose,
            report=report,
            round=round,
        )
        task.assignee = _pick_assignee(task, previous.get(step.key))
        task.full_clean(exclude=["project", "version", "report"])
        task.save()
        tasks.append(task)
    return tasks


@transaction.atomic
def revision_submit(
    *, project: Project, actor: User, version: ProposalVersion, note: str
) -> list[ReviewTask]:
    """Open the reviews of a revision along the revision routes; the project's status stays.

    `version` is frozen from the revision's draft by the revisions app (which checks who
    may submit); the outcome comes back through `signals.review_concluded`.
    """
    project = _locked(project)
    if ReviewTask.objects.filter(
        project=project, purpose=routing.REVISION, state=TaskState.PENDING
    ).exists():
        raise ReviewError(_("A revision of this project is already in review."))
    preview = route_preview(project=project, purpose=routing.REVISION)
    if preview.problems:
        raise ReviewError(" ".join(preview.problems))
    if not preview.steps:
        raise ReviewError(
            _("No review route applies to revisions of this project: ask an administrator.")
        )
    tasks = _open_tasks(project, version, preview, routing.REVISION)
    _event(
        project,
        ReviewEvent.Action.SUBMITTED,
        actor,
        version=version,
        note=_("%(what)s, %(count)s reviews: %(units)s")
        % {"what": note, "count": len(tasks), "units": ", ".join(t.label for t in tasks)},
    )
    for task in tasks:
        if task.opened_at is not None:
            _announce(task, actor=None)
    return tasks


@transaction.atomic
def report_review_open(*, report: Any, actor: User) -> list[ReviewTask]:
    """Open the reviews of a submitted progress report along the routes whose purpose is
    "report" (data an administrator edits); the reporting app checks who may submit and
    moves the report's state. Refused, with the reason, when no active route applies."""
    project = _locked(report.project)
    preview = route_preview(project=project, purpose=routing.REPORT)
    if not preview.routes:
        raise ReviewError(
            _(
                "No active review route applies to progress reports of this project: ask an "
                "administrator to add one (Review routes, purpose “Progress report”)."
            )
        )
    if preview.problems:
        raise ReviewError(" ".join(preview.problems))
    last = ReviewTask.objects.filter(report=report).order_by("-round").first()
    tasks = _open_tasks(
        project,
        None,
        preview,
        routing.REPORT,
        report=report,
        round=(last.round + 1) if last is not None else 1,
    )
    _event(
        project,
        ReviewEvent.Action.REPORT_SUBMITTED,
        actor,
        # The first task names the report and its round: the history lists the reviews it
        # opened in the reader's language (ReviewEvent.note_in_language).
        task=tasks[0],
        note=_("%(what)s, %(count)s reviews: %(units)s")
        % {
            "what": tasks[0].subject,
            "count": len(tasks),
            "units": ", ".join(t.label for t in tasks),
        },
    )
    for task in tasks:
        if task.opened_at is not None:
            _announce(task, actor=None)
    return tasks


def _announce(task: ReviewTask, actor: User | None) -> None:
    """Record an opened task's assignment and tell its reviewer(s)."""
    if task.assignee_id is not None:
        _event(
            task.project,
            ReviewEvent.Action.ASSIGNED,
            actor,
            version=task.version,
            task=task,
            note=str(task.assignee),
        )
    notify.task_assigned(task)


# --- take and decide -------------------------------------------------------------------------


def _fresh_task(task: ReviewTask | int) -> ReviewTask:
    pk = task if isinstance(task, int) else task.pk
    return ReviewTask.objects.select_related(
        "project",
        "project__executing_office",
        "version",
        "report",
        "report__period",
        "assignee",
        "decided_by",
    ).get(pk=pk)


def _check_reviewer(actor: User, task: ReviewTask) -> None:
    if permissions.is_author(actor, task.project, task.author_id):
        if task.purpose == routing.REPORT:
            raise ReviewDenied(_("You write this report: someone else must review it."))
        raise ReviewDenied(_("You write this proposal: someone else must review it."))
    if not permissions.may_take(actor, task):
        raise ReviewDenied(
            _("This review is for %(unit)s: you do not review for it.") % {"unit": task.label}
        )


def _check_open(task: ReviewTask) -> None:
    if task.state != TaskState.PENDING:
        who = task.decided_by or _("someone")
        raise ReviewError(
            _("This review is already closed: %(state)s by %(who)s on %(when)s.")
            % {
                "state": task.get_state_display().lower(),
                "who": who,
                "when": timezone.localtime(task.decided_at or task.created_at).strftime(
                    "%Y-%m-%d %H:%M"
                ),
            }
        )
    if task.opened_at is None:
        raise ReviewError(
            _("This review starts when the reviews of stage %(stage)s have endorsed.")
            % {"stage": task.stage - 1}
        )


def _claimed(task: ReviewTask, **changes: Any) -> bool:
    """Write `changes` if the task is still as read (its row version): the one lock."""
    return try_claim(
        ReviewTask.objects.filter(pk=task.pk, state=TaskState.PENDING),
        expected=task.lock,
        field="lock",
        **changes,
    )


@transaction.atomic
def task_claim(*, task: ReviewTask, actor: User) -> ReviewTask:
    """Take a review of one's unit (from nobody, or over from a colleague)."""
    _locked(task.project)
    task = _fresh_task(task)
    _check_reviewer(actor, task)
    _check_open(task)
    if task.assignee_id == actor.pk:
        return task
    before = task.assignee
    if not _claimed(task, assignee=actor):
        raise ReviewError(_("This review changed while you were reading it: reload the page."))
    _event(
        task.project,
        ReviewEvent.Action.CLAIMED,
        actor,
        version=task.version,
        task=task,
        note=_("from %(who)s") % {"who": before} if before else "",
    )
    return _fresh_task(task)


@transaction.atomic
def task_assign(*, task: ReviewTask, actor: User, assignee: User) -> ReviewTask:
    """An administrator gives a review to a person of its unit."""
    if not actor.is_administrator:
        raise ReviewDenied(_("Only an administrator assigns reviews to others."))
    _locked(task.project)
    task = _fresh_task(task)
    _check_open(task)
    if not permissions.may_take(assignee, task) or permissions.is_author(
        assignee, task.project, task.author_id
    ):
        raise ReviewError(
            _("%(who)s cannot review for %(unit)s.") % {"who": assignee, "unit": task.label}
        )
    if not _claimed(task, assignee=assignee):
        raise ReviewError(_("This review changed while you were reading it: reload the page."))
    task = _fresh_task(task)
    _announce(task, actor)
    return task


DECISION_NAMES = {
    "endorse": TaskState.ENDORSED,
    "endorse_with_comments": TaskState.ENDORSED_WITH_COMMENTS,
    "return": TaskState.RETURNED,
}


@transaction.atomic
def task_decide(
    *,
    task: ReviewTask,
    actor: User,
    decision: str,
    note: str = "",
    expected_lock: int | None = None,
) -> ReviewTask:
    """Endorse, endorse with comments, or return; the proposal follows when this was the last.

    `decision` is a TaskState decision value or its API name (endorse,
    endorse_with_comments, return). `expected_lock` is the task's row version
    the reviewer saw: a decision made on a stale page is refused.
    """
    state = DECISION_NAMES.get(decision, decision)
    if state not in DECISIONS:
        raise ReviewError(_("Choose endorse, endorse with comments, or return."))
    note = note.strip()
    project = _locked(task.project)
    task = _fresh_task(task)
    _check_reviewer(actor, task)
    _check_open(task)
    if task.purpose == routing.PROPOSAL and project.status != workflow.IN_REVIEW:
        raise _refuse_transition(project, "endorse" if state in ENDORSING else "return")
    if task.assignee_id not in (None, actor.pk):
        raise ReviewError(
            _("%(who)s has taken this review: take it over first if you decide instead.")
            % {"who": task.assignee}
        )
    if expected_lock is not None and expected_lock != task.lock:
        raise ReviewError(_("This review changed while you were reading it: reload the page."))
    if state != TaskState.ENDORSED and not note:
        raise ReviewError(
            _("Say why: a return or an endorsement with comments needs an explanation.")
        )
    if task.kind == routing.GFP and state == TaskState.ENDORSED and task.version is not None:
        open_items = checklist.blocking(checklist_answers(task))
        if open_items:
            labels = dict(ChecklistItem.choices)
            raise ReviewError(
                _(
                    "Confirm every checklist item before a plain endorsement (open: %(items)s), "
                    "or endorse with comments."
                )
                % {"items": "; ".join(str(labels[i]) for i in open_items)}
            )
    now = timezone.now()
    if not _claimed(
        task, state=state, decided_by=actor, decided_at=now, decision_note=note, assignee=actor
    ):
        raise ReviewError(_("This review changed while you were reading it: reload the page."))
    task = _fresh_task(task)
    _event(project, state, actor, version=task.version, task=task, note=note)
    # The app whose record this is keeps its own history of the decision (a report's events).
    signals.review_decided.send(sender=ReviewTask, task=task, actor=actor)
    if task.purpose != routing.PROPOSAL:
        _conclude_other(project, task, actor, returned=state == TaskState.RETURNED)
    elif state == TaskState.RETURNED:
        _return(project, task, actor)
    else:
        _advance(project, task.reviewed_version, actor)
    notify.task_decided(task)
    return task


def round_tasks(task: ReviewTask) -> Any:
    """The tasks reviewing the same thing as `task`: its version's, or its report's round's."""
    if task.report_id is not None:
        return ReviewTask.objects.filter(report_id=task.report_id, round=task.round)
    return ReviewTask.objects.filter(version_id=task.version_id)


def _conclude_other(project: Project, task: ReviewTask, actor: User, *, returned: bool) -> None:
    """A revision's or a report's review: return or, once every task endorsed, tell its app
    (no status move)."""
    if returned:
        others = round_tasks(task).filter(state=TaskState.PENDING)
        _close_pending(
            project, list(others), None, _("Returned by %(unit)s.") % {"unit": task.label}
        )
        signals.review_concluded.send(
            sender=ReviewTask,
            purpose=task.purpose,
            version=task.version,
            report=task.report,
            task=task,
            actor=actor,
            endorsed=False,
            note=task.decision_note,
        )
        return
    tasks = list(round_tasks(task).select_related("project", "version", "report"))
    if all(t.state in ENDORSING for t in tasks):
        signals.review_concluded.send(
            sender=ReviewTask,
            purpose=task.purpose,
            version=task.version,
            report=task.report,
            task=task,
            actor=actor,
            endorsed=True,
            note="",
        )
        if task.version is not None:  # a report's history says it (reporting's events)
            _event(project, ReviewEvent.Action.PROPOSAL_ENDORSED, None, version=task.version)
        return
    _open_next_stage(project, task.version, tasks)


def _close_pending(
    project: Project, tasks: Iterable[ReviewTask], actor: User | None, why: str
) -> None:
    for other in tasks:
        if _claimed(other, state=TaskState.CLOSED):
            _event(
                project,
                ReviewEvent.Action.CLOSED,
                actor,
                version=other.version,
                task=other,
                note=why,
            )


def _return(project: Project, task: ReviewTask, actor: User) -> None:
    others = ReviewTask.objects.filter(version=task.version, state=TaskState.PENDING)
    _close_pending(project, list(others), None, _("Returned by %(unit)s.") % {"unit": task.label})
    _move(project, actor, "return", task.decision_note)
    notify.proposal_returned(task)


def _advance(project: Project, version: ProposalVersion, actor: User) -> None:
    """Open the next stage when one is done; endorse the proposal when all are."""
    tasks = list(ReviewTask.objects.filter(version=version).select_related("project", "version"))
    if all(t.state in ENDORSING for t in tasks):
        # The status move is conditional on "in review": even a second call would not apply twice.
        _move(project, None, "endorse")
        _event(project, ReviewEvent.Action.PROPOSAL_ENDORSED, None, version=version)
        notify.proposal_endorsed(project, version)
        return
    _open_next_stage(project, version, tasks)


def _open_next_stage(
    project: Project, version: ProposalVersion | None, tasks: list[ReviewTask]
) -> None:
    waiting = sorted({t.stage for t in tasks if t.opened_at is None})
    opened_done = all(t.state in ENDORSING for t in tasks if t.opened_at is not None)
    if waiting and opened_done:
        stage = waiting[0]
        now = timezone.now()
        for t in tasks:
            if t.stage == stage and t.opened_at is None:
                due = routing.add_working_days(today(), t.deadline_days)
                if _claimed(t, opened_at=now, due_on=due):
                    t.refresh_from_db()
                    _announce(t, None)
        _event(
            project,
            ReviewEvent.Action.OPENED,
            None,
            version=version,
            note=_("Stage %(n)s") % {"n": stage},
        )


# --- comments and the GFP checklist ----------------------------------------------------------


def can_comment(user: Any, task: ReviewTask) -> bool:
    """Reviewers of the task's unit comment; the proposal's writers reply."""
    if permissions.may_take(user, task):
        return True
    return bool(can_edit_project(user, task.project))


@transaction.atomic
def comment_add(
    *,
    task: ReviewTask,
    actor: User,
    text: str,
    section: str = "",
    result_code: str = "",
    parent: ReviewComment | None = None,
) -> ReviewComment:
    task = _fresh_task(task)
    if not can_comment(actor, task):
        raise ReviewDenied(_("Only the reviewers of this unit and the proposal's writers comment."))
    if parent is not None:
        if parent.task_id != task.pk:
            raise ReviewError(_("That comment belongs to another review."))
        # A reply belongs to the thread of the comment it answers, on its anchor.
        root = parent if parent.parent_id is None else parent.parent
        assert root is not None
        parent, section, result_code = root, root.section, root.result_code
    elif not (permissions.may_take(actor, task) and not permissions.is_author(actor, task.project)):
        raise ReviewDenied(_("The proposal's writers reply to comments; reviewers start them."))
    else:
        _check_open(task)
    known = set(task.reviewed_version.snapshot.get("sections", {})) | {
        "cover",
        "results",
        "work-plan",
        "budget",
        "risks",
        "beneficiaries",
        "markers",
    }
    if section and section not in known:
        raise ReviewError(_("There is no section %(key)s.") % {"key": section})
    codes = {str(r.get("code")) for r in task.reviewed_version.snapshot.get("results", [])}
    if result_code and result_code not in codes:
        raise ReviewError(
            _("There is no row %(code)s in this version's results matrix.") % {"code": result_code}
        )
    if result_code:
        section = "results"
    comment = ReviewComment(
        task=task,
        project=task.project,
        parent=parent,
        author=actor,
        section=section,
        result_code=result_code,
        text=text.strip(),
    )
    try:
        comment.full_clean()
    except ValidationError as error:
        raise ReviewError(" ".join(error.messages)) from None
    comment.save()
    if comment.parent_id is not None:
        notify.comment_replied(comment)
    return comment


def checklist_answers(task: ReviewTask) -> dict[str, bool | None]:
    """The latest answer per item (None: not answered yet)."""
    answers: dict[str, bool | None] = {item: None for item in checklist.ITEMS}
    for answer in ChecklistAnswer.objects.filter(task=task).order_by("at", "id"):
        answers[answer.item] = answer.ok
    return answers


@transaction.atomic
def checklist_answer(
    *, task: ReviewTask, actor: User, item: str, ok: bool, note: str = ""
) -> ChecklistAnswer:
    """The GFP confirms or overrides one item; overriding the suggestion needs a note."""
    task = _fresh_task(task)
    if task.kind != routing.GFP:
        raise ReviewError(_("Only the Gender Focal Point's review has a checklist."))
    _check_reviewer(actor, task)
    _check_open(task)
    if item not in checklist.ITEMS:
        raise ReviewError(_("There is no checklist item %(item)s.") % {"item": item})
    suggested = bool(task.checklist_prefill.get(item, {}).get("ok", False))
    note = note.strip()
    if ok != suggested and not note:
        raise ReviewError(_("You disagree with the automatic check: say why in a note."))
    answer = ChecklistAnswer(task=task, item=item, ok=ok, suggested=suggested, note=note, by=actor)
    answer.full_clean()
    answer.save()
    return answer


# --- by hand: withdraw, donor states ---------------------------------------------------------


@transaction.atomic
def project_transition(*, project: Project, actor: User, action: str, note: str = "") -> Project:
    """Withdraw, submit to the donor, record funding or not, final reporting, close."""
    if action not in workflow.BY_HAND:
        raise ReviewError(_("Unknown action."))
    if not can_edit_project(actor, project):
        raise ReviewDenied(_("Only the executing office and the project team do this."))
    project = _locked(project)
    if workflow.target(action, project.status) is None:
        raise _refuse_transition(project, action)
    pending: list[ReviewTask] = []
    if action == "withdraw":
        pending = list(
            ReviewTask.objects.filter(
                project=project, state=TaskState.PENDING, purpose=routing.PROPOSAL
            ).select_related("assignee", "version", "project")
        )
        _close_pending(project, pending, actor, _("Withdrawn."))
    _move(project, actor, action, note)
    _event(project, action, actor, version=current_version(project), note=note.strip())
    if pending:
        # Only reviews already opened were waiting on someone.
        notify.proposal_withdrawn(project, [t for t in pending if t.opened_at], note)
    return project


# --- reminders -------------------------------------------------------------------------------


@transaction.atomic
def reminders_sweep(*, on: dt.date | None = None, within_days: int = 2) -> int:
    """Remind the reviewers of open tasks due within `within_days` working days or overdue.

    At most one reminder per task and day: the unique (task, day) row is
    written first, and a task that already has one for today is skipped, so
    running the sweep again, or twice at once, sends nothing twice.
    """
    on = on or today()
    horizon = routing.add_working_days(on, within_days)
    due = (
        ReviewTask.objects.open()
        .filter(due_on__lte=horizon)
        .exclude(reminders__sent_on=on)
        .select_related("project", "version", "report__period", "assignee", "department", "office")
    )
    sent = 0
    for task in due:
        assert task.due_on is not None
        kind = Reminder.Kind.OVERDUE if task.due_on < on else Reminder.Kind.DUE_SOON
        recipients = notify.reviewer_addresses(task)
        try:
            with transaction.atomic():
                Reminder.objects.create(task=task, kind=kind, sent_on=on, recipients=recipients)
        except IntegrityError:
            continue  # another sweep sent today's reminder first
        notify.reminder(task, kind, on)
        sent += 1
    return sent


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Turnaround:
    label: str
    median_days: float
    decided: int
    open: int
    overdue: int


def turnaround(*, since: dt.date | None = None, on: dt.date | None = None) -> list[Turnaround]:
    """Per reviewing unit: median working days from opening to decision, and the open load."""
    on = on or today()
    since = since or on - dt.timedelta(days=365)
    decided = ReviewTask.objects.filter(
        state__in=DECISIONS, decided_at__date__gte=since, opened_at__isnull=False
    ).values_list("label", "opened_at", "decided_at")
    days: dict[str, list[int]] = {}
    for label, opened, decided_at in decided:
        days.setdefault(label, []).append(
            routing.working_days_between(timezone.localdate(opened), timezone.localdate(decided_at))
        )
    open_rows = ReviewTask.objects.open().values_list("label", "due_on")
    load: dict[str, list[int]] = {}
    for label, due_on in open_rows:
        counts = load.setdefault(label, [0, 0])
        counts[0] += 1
        if due_on is not None and due_on < on:
            counts[1] += 1
    # Tasks keep the unit's name as it was written; show each unit in the reader's language.
    names = {}
    for label in set(days) | set(load):
        task = ReviewTask.objects.filter(label=label).select_related("department", "office")
        first = task.order_by("-pk").first()
        names[label] = first.unit if first is not None else label
    labels = sorted(set(days) | set(load), key=lambda label: names[label])
    return [
        Turnaround(
            names[label],
            float(statistics.median(days[label])) if label in days else float("nan"),
            len(days.get(label, [])),
            load.get(label, [0, 0])[0],
            load.get(label, [0, 0])[1],
        )
        for label in labels
    ]


def overdue_by_region(
    *, on: dt.date | None = None, region: str = ""
) -> dict[str, list[ReviewTask]]:
    on = on or today()
    rows = ReviewTask.objects.overdue(on).select_related(
        "project", "assignee", "version", "report__period", "department", "office"
    )
    if region:
        rows = rows.filter(project__region=region)
    out: dict[str, list[ReviewTask]] = {}
    for task in rows.order_by("project__region", "due_on", "id"):
        out.setdefault(task.project.get_region_display(), []).append(task)
    return out


def base_version_for(task: ReviewTask, user: Any) -> tuple[ProposalVersion | None, bool]:
    """The version to compare with: the last one the user looked at, else the previous one.

    Looked at: decided on, or commented on. The flag says which: True when it
    is the user's own last look.
    """
    earlier = ProposalVersion.objects.filter(
        project=task.project, number__lt=task.reviewed_version.number
    )
    mine = (
        earlier.filter(Q(review_tasks__decided_by=user) | Q(review_tasks__comments__author=user))
        .order_by("-number")
        .first()
    )
    if mine is not None:
        return mine, True
    previous = (
        ProposalVersion.objects.filter(
            project=task.project, number__lt=task.reviewed_version.number
        )
        .order_by("-number")
        .first()
    )
    return previous, False


def version_tasks(version: ProposalVersion) -> Sequence[ReviewTask]:
    return list(
        ReviewTask.objects.filter(version=version)
        .select_related("assignee", "decided_by", "department", "office")
        .order_by("stage", "id")
    )


@transaction.atomic
def route_ensure(
    *,
    name: str,
    donor: Any,
    steps: Sequence[tuple[str, str | None, int, int]],
    order: int = 10,
    final: bool = True,
) -> ReviewRoute:
    """A route for the projects of one donor (a fund's route), created once and then left
    to the administrators: an edited route is never overwritten. `steps` are (kind,
    department code, stage, working days). Final by default: a fund's proposals are
    reviewed by the fund's own steps, not by the general routes after it."""
    from pat.reviews.models import RouteStep

    route, created = ReviewRoute.objects.get_or_create(
        name=name, defaults={"donor": donor, "order": order, "final": final}
    )
    if created:
        for kind, department, stage, days in steps:
            step = RouteStep(
                route=route, kind=kind, department_id=department, stage=stage, deadline_days=days
            )
            step.full_clean()
            step.save()
    return route
