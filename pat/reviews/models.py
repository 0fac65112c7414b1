"""Review of proposals: routes (data an administrator edits), tasks, comments, history.

Nothing here is edited away: a decision, a comment, a checklist answer and a
reminder are rows added, never changed (a task's decision fields are written
once, by a conditional UPDATE that only a pending task passes).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pat.core.models import Department, Office
from pat.core.regions import Region
from pat.projects.currencies import CURRENCY_CHOICES
from pat.projects.models import Donor, Project, ProjectType
from pat.proposals.models import ProposalVersion
from pat.reviews import routing, submission

# A review comment or note: a few pages at most (bounds what the inbox and emails carry).
COMMENT_MAX_CHARS = 10_000


class StepKind(models.TextChoices):
    UNIT = routing.UNIT, _("Department or unit")
    REGIONAL = routing.REGIONAL, _("Regional office of the executing office")
    GFP = routing.GFP, _("Gender Focal Point")


class Purpose(models.TextChoices):
    PROPOSAL = "proposal", _("Proposal")
    REVISION = "revision", _("Revision of an endorsed project")
    REPORT = "report", _("Progress report")


class ReviewRoute(models.Model):
    """A rule: projects that match every condition set here are reviewed by its steps."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    order = models.PositiveIntegerField(
        _("order"), default=100, help_text=_("Routes apply from the lowest number up.")
    )
    active = models.BooleanField(_("active"), default=True)
    project_type = models.ForeignKey(
        ProjectType,
        verbose_name=_("project type"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Empty: any project type."),
    )
    region = models.CharField(
        _("region"),
        max_length=8,
        choices=Region.choices,
        blank=True,
        help_text=_("Empty: any region."),
    )
    donor = models.ForeignKey(
        Donor,
        verbose_name=_("donor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Empty: any donor."),
    )
    budget_above = models.DecimalField(
        _("budget above"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Empty: any budget."),
    )
    currency = models.CharField(
        _("threshold currency"), max_length=3, choices=CURRENCY_CHOICES, default="USD"
    )
    final = models.BooleanField(
        _("final"),
        default=False,
        help_text=_("When this route applies, the routes after it do not."),
    )
    purpose = models.CharField(
        _("reviews"),
        max_length=12,
        choices=Purpose.choices,
        default=Purpose.PROPOSAL,
        help_text=_(
            "What the route reviews: proposals, revisions of endorsed projects, or progress "
            "reports."
        ),
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("review route")
        verbose_name_plural = _("review routes")

    def __str__(self) -> str:
        return self.name


class RouteStep(models.Model):
    route = models.ForeignKey(ReviewRoute, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("who reviews"), max_length=10, choices=StepKind.choices)
    # By code and without a database constraint: the shipped default route names
    # the usual units before an installation has created them; routing refuses a
    # submission whose route names a unit that does not exist.
    department = models.ForeignKey(
        Department,
        verbose_name=_("department or unit"),
        to_field="code",
        db_constraint=False,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
    )
    stage = models.PositiveSmallIntegerField(
        _("stage"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
        help_text=_("Steps of one stage review in parallel; stage 2 starts when stage 1 endorsed."),
    )
    deadline_days = models.PositiveSmallIntegerField(
        _("deadline (working days)"), default=10, validators=[MaxValueValidator(120)]
    )

    class Meta:
        ordering = ["route", "stage", "kind", "id"]
        verbose_name = _("route step")
        verbose_name_plural = _("route steps")

    def __str__(self) -> str:
        who = self.department_id if self.kind == StepKind.UNIT else self.get_kind_display()
        return f"{self.route} · {who} · {self.stage}"

    def clean(self) -> None:
        if self.kind == StepKind.UNIT and not self.department_id:
            raise ValidationError({"department": _("Choose the department or unit that reviews.")})
        if self.kind != StepKind.UNIT and self.department_id:
            raise ValidationError(
                {"department": _("Only a department or unit step names a department.")}
            )


class DonorReviewer(models.Model):
    """A donor that requires its own reviewer, and the unit that reviews for it."""

    donor = models.OneToOneField(
        Donor, verbose_name=_("donor"), on_delete=models.CASCADE, related_name="+"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("reviewing unit"), on_delete=models.PROTECT, related_name="+"
    )
    stage = models.PositiveSmallIntegerField(
        _("stage"), default=1, validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    deadline_days = models.PositiveSmallIntegerField(
        _("deadline (working days)"), default=10, validators=[MaxValueValidator(120)]
    )

    class Meta:
        ordering = ["donor__name"]
        verbose_name = _("donor-specific reviewer")
        verbose_name_plural = _("donor-specific reviewers")

    def __str__(self) -> str:
        return f"{self.donor} → {self.department}"


class Part(models.TextChoices):
    """The parts of a proposal a reviewing unit may need before it is asked to review."""

    SUMMARY = "summary", _("Summary")
    RATIONALE = "rationale", _("Rationale")
    GENDER_ANALYSIS = "gender-analysis", _("Gender analysis")
    OBJECTIVE = "objective", _("Objective")
    RESULTS = "results", _("Results matrix with indicators")
    BENEFICIARIES = "beneficiaries", _("Beneficiaries by sex and age")
    MARKERS = "markers", _("Gender marker")
    PARTNERSHIPS = "partnerships", _("Partnerships and coordination")
    MONITORING = "monitoring", _("Monitoring")
    EVALUATION = "evaluation", _("Evaluation")
    RISKS = "risks", _("Risk management plan")
    WORK_PLAN = "work-plan", _("Work plan")
    BUDGET = "budget", _("Budget")


class SubmissionNeed(models.Model):
    """A part of the proposal a reviewer needs: no submission reaches them without it."""

    kind = models.CharField(_("who reviews"), max_length=10, choices=StepKind.choices)
    # By code, like a route step: the unit may be created after the rule.
    department = models.ForeignKey(
        Department,
        verbose_name=_("department or unit"),
        to_field="code",
        db_constraint=False,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
    )
    part = models.CharField(_("needs"), max_length=20, choices=Part.choices)

    class Meta:
        ordering = ["kind", "department", "part"]
        verbose_name = _("what a reviewer needs")
        verbose_name_plural = _("what reviewers need")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "department", "part"], name="submission_need_unique"
            )
        ]

    def __str__(self) -> str:
        who = self.department_id if self.kind == StepKind.UNIT else self.get_kind_display()
        return f"{who}: {self.get_part_display()}"

    def clean(self) -> None:
        if self.kind == StepKind.UNIT and not self.department_id:
            raise ValidationError({"department": _("Choose the department or unit.")})
        if self.kind != StepKind.UNIT and self.department_id:
            raise ValidationError(
                {"department": _("Only a department or unit step names a department.")}
            )


class SubmissionPolicy(models.Model):
    """One row: the readiness a proposal needs before it can be submitted."""

    minimum_readiness = models.PositiveSmallIntegerField(
        _("minimum readiness score"),
        default=submission.DEFAULT_MINIMUM,
        validators=[MaxValueValidator(100)],
        help_text=_("Out of 100; a proposal scoring less cannot be submitted for review."),
    )

    class Meta:
        verbose_name = _("submission rule")
        verbose_name_plural = _("submission rules")

    def __str__(self) -> str:
        return str(_("Minimum readiness %(n)s/100") % {"n": self.minimum_readiness})

    @classmethod
    def current(cls) -> SubmissionPolicy:
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy


class TaskState(models.TextChoices):
    PENDING = "pending", _("Pending")
    ENDORSED = "endorsed", _("Endorsed")
    ENDORSED_WITH_COMMENTS = "endorsed_with_comments", _("Endorsed with comments")
    RETURNED = "returned", _("Returned")
    # The round ended before this review decided (another reviewer returned the
    # proposal, or it was withdrawn): kept, never deleted.
    CLOSED = "closed", _("Closed without a decision")


ENDORSING = (TaskState.ENDORSED, TaskState.ENDORSED_WITH_COMMENTS)
DECISIONS = (TaskState.ENDORSED, TaskState.ENDORSED_WITH_COMMENTS, TaskState.RETURNED)


class ReviewTaskQuerySet(models.QuerySet["ReviewTask"]):
    def open(self) -> ReviewTaskQuerySet:
        """Pending tasks whose stage has started."""
        return self.filter(state=TaskState.PENDING, opened_at__isnull=False)

    def for_reviewer(self, user: Any) -> ReviewTaskQuerySet:
        """Tasks the user may take: assigned to them, or of a unit, office or role they hold."""
        from pat.reviews.permissions import reviewer_scope

        return self.filter(reviewer_scope(user))

    def overdue(self, today: Any) -> ReviewTaskQuerySet:
        return self.open().filter(due_on__lt=today)


class ReviewTask(models.Model):
    """One unit's review of one proposal version, revision or progress report, taken by one
    person.

    What is reviewed is a frozen `version` (proposals and revisions) or a submitted
    `report` (progress reports, whose review reads the report itself): exactly one of the
    two, as the purpose says (a check constraint). A report is submitted again after a
    return with no new version, so its tasks count the submissions in `round`.
    """

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="review_tasks")
    version = models.ForeignKey(
        ProposalVersion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_tasks",
    )
    # By name: reporting sits above reviews (it imports the review parts it reuses).
    report = models.ForeignKey(
        "reporting.ProgressReport",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    key = models.CharField(max_length=60)
    kind = models.CharField(_("who reviews"), max_length=10, choices=StepKind.choices)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="review_tasks"
    )
    office = models.ForeignKey(
        Office, null=True, blank=True, on_delete=models.PROTECT, related_name="review_tasks"
    )
    label = models.CharField(_("reviewing unit"), max_length=200)
    stage = models.PositiveSmallIntegerField(_("stage"), default=1)
    deadline_days = models.PositiveSmallIntegerField(_("deadline (working days)"), default=10)
    routed_by = models.JSONField(default=list, blank=True)  # the routes that asked for it
    # A revision's tasks review a version frozen from the revision's draft; the project
    # stays as it is (endorsed or active) while they run.
    purpose = models.CharField(max_length=12, choices=Purpose.choices, default=Purpose.PROPOSAL)
    state = models.CharField(
        _("state"), max_length=24, choices=TaskState.choices, default=TaskState.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)  # None: later stage
    due_on = models.DateField(_("due"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="review_tasks",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("why"), blank=True, max_length=COMMENT_MAX_CHARS)
    # Row version: every write is a conditional UPDATE on it, so of two
    # decisions on the same task exactly one applies (SQLite and PostgreSQL).
    lock = models.PositiveIntegerField(default=1)
    checklist_prefill = models.JSONField(default=dict, blank=True)

    objects = ReviewTaskQuerySet.as_manager()

    class Meta:
        ordering = ["stage", "id"]
        verbose_name = _("review task")
        verbose_name_plural = _("review tasks")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="review_task_unique_step"),
            models.UniqueConstraint(
                fields=["report", "round", "key"],
                condition=models.Q(report__isnull=False),
                name="review_task_unique_report_step",
            ),
            # A report's review reads the report; a proposal's or revision's, a version.
            models.CheckConstraint(
                condition=(
                    models.Q(purpose="report", report__isnull=False, version__isnull=True)
                    | (
                        models.Q(report__isnull=True, version__isnull=False)
                        & ~models.Q(purpose="report")
                    )
                ),
                name="review_task_one_subject",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "department", "due_on"], name="review_task_unit"),
            models.Index(fields=["state", "office", "due_on"], name="review_task_office"),
            models.Index(fields=["state", "kind", "due_on"], name="review_task_kind"),
            models.Index(fields=["assignee", "state"], name="review_task_assignee"),
        ]

    def __str__(self) -> str:
        if self.report_id is not None:
            return f"{self.project_id} report {self.report_id} · {self.label}"
        return f"{self.project_id} v{self.version_id} · {self.label}"

    def get_absolute_url(self) -> str:
        """The page a reviewer decides on: the report's own page for a report's review."""
        from django.urls import reverse

        if self.report_id is not None:
            return reverse("reporting:report", kwargs={"pk": self.report_id})
        return reverse("reviews:task", kwargs={"pk": self.pk})

    @property
    def unit(self) -> str:
        """The reviewing unit's name in the reader's language (`label` keeps the name it
        had when the task was made, in the language of whoever submitted)."""
        if self.kind == StepKind.GFP:
            return str(StepKind.GFP.label)
        if self.kind == StepKind.REGIONAL and self.office_id is not None:
            return str(self.office)
        if self.department_id is not None:
            return str(self.department)
        return self.label

    @property
    def is_open(self) -> bool:
        return self.state == TaskState.PENDING and self.opened_at is not None

    @property
    def endorsed(self) -> bool:
        return self.state in ENDORSING

    @property
    def reviewed_version(self) -> ProposalVersion:
        """The frozen version a proposal's or revision's review reads (the parts of the
        review that read a version: comments, checklist, changes since)."""
        if self.version is None:
            raise ValueError(f"review task {self.pk} reviews a report, not a version")
        return self.version

    @property
    def author_id(self) -> int | None:
        """Who submitted what is reviewed (they never review it)."""
        if self.report is not None:
            return self.report.submitted_by_id
        return self.version.created_by_id if self.version is not None else None

    @property
    def subject(self) -> str:
        """What is reviewed, in the reader's language: "Progress report 2025-01-01 – …"."""
        from django.utils.translation import gettext

        if self.report is not None:
            period = self.report.period
            return gettext("Progress report %(period)s") % {
                "period": f"{period.start.isoformat()} – {period.end.isoformat()}"
            }
        number = self.version.number if self.version is not None else "?"
        if self.purpose == Purpose.REVISION:
            return gettext("Revision, version %(n)s") % {"n": number}
        return gettext("Proposal, version %(n)s") % {"n": number}


class ReviewComment(models.Model):
    """A comment on a section or a results-matrix row; replies thread under it."""

    task = models.ForeignKey(ReviewTask, on_delete=models.PROTECT, related_name="comments")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="review_comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replies"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    section = models.CharField(_("section"), max_length=30, blank=True)
    result_code = models.CharField(_("results matrix row"), max_length=20, blank=True)
    text = models.TextField(_("comment"), max_length=COMMENT_MAX_CHARS)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")

    def __str__(self) -> str:
        return self.text[:60]

    def clean(self) -> None:
        if not self.text.strip():
            raise ValidationError({"text": _("Write the comment.")})


class ChecklistItem(models.TextChoices):
    GENDER_ANALYSIS = "gender-analysis", _("A gender analysis is present")
    INDICATORS = "indicators-disaggregated", _("Indicators are disaggregated by sex and age")
    MARKER = "marker-justified", _("The gender marker is justified")
    TERMINOLOGY = "terminology-resolved", _("Terminology findings are resolved")


class ChecklistAnswer(models.Model):
    """A Gender Focal Point's answer to one checklist item; the latest one counts."""

    task = models.ForeignKey(ReviewTask, on_delete=models.PROTECT, related_name="checklist")
    item = models.CharField(_("item"), max_length=30, choices=ChecklistItem.choices)
    ok = models.BooleanField(_("met"))
    suggested = models.BooleanField(_("suggested"))  # what the prefill said
    note = models.TextField(_("note"), blank=True, max_length=COMMENT_MAX_CHARS)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("checklist answer")
        verbose_name_plural = _("checklist answers")

    def __str__(self) -> str:
        return f"{self.item}: {self.ok}"

    @property
    def overridden(self) -> bool:
        return self.ok != self.suggested


class ReviewEvent(models.Model):
    """The review history: who did what, when and why."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("submitted the proposal for review")
        REPORT_SUBMITTED = "report_submitted", _("submitted a progress report for review")
        LET_THROUGH = "let_through", _("let an incomplete proposal through to review")
        RESUBMITTED = "resubmitted", _("resubmitted the proposal")
        ASSIGNED = "assigned", _("assigned the review")
        CLAIMED = "claimed", _("took the review")
        OPENED = "opened", _("opened the review stage")
        ENDORSED = "endorsed", _("endorsed")
        ENDORSED_WITH_COMMENTS = "endorsed_with_comments", _("endorsed with comments")
        RETURNED = "returned", _("returned the proposal")
        CLOSED = "closed", _("closed the review without a decision")
        PROPOSAL_ENDORSED = "proposal_endorsed", _("proposal endorsed by every review")
        WITHDRAWN = "withdraw", _("withdrew the proposal")
        SUBMITTED_TO_DONOR = "submit_to_donor", _("submitted the proposal to the donor")
        ACTIVATED = "activate", _("recorded the donor's funding: the project is active")
        NOT_FUNDED = "not_funded", _("recorded that the donor does not fund it")
        FINAL_REPORTING = "final_reporting", _("started final reporting")
        CLOSED_PROJECT = "close", _("closed the project")
        COMMENTED = "commented", _("commented")
        CHECKLIST = "checklist", _("answered the gender checklist")
        REMINDED = "reminded", _("reminder sent")

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="review_events")
    version = models.ForeignKey(
        ProposalVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    task = models.ForeignKey(
        ReviewTask, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=24, choices=Action.choices)
    note = models.TextField(blank=True, max_length=COMMENT_MAX_CHARS)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("review event")
        verbose_name_plural = _("review history")

    def __str__(self) -> str:
        return f"{self.project_id} {self.action} {self.at:%Y-%m-%d %H:%M}"

    @property
    def note_in_language(self) -> str:
        """The note in the reader's language where PAT wrote it (a submission lists the
        reviews it opened: of a proposal, a revision or a progress report); a person's note
        is shown as written."""
        from django.utils.translation import gettext

        submitted = (
            self.Action.SUBMITTED,
            self.Action.RESUBMITTED,
            self.Action.REPORT_SUBMITTED,
        )
        if self.action not in submitted or self.actor_id is None:
            return self.note
        if self.version_id is not None:
            version: Any = self.version
            tasks = list(version.review_tasks.all())
        elif self.task_id is not None and self.task is not None and self.task.report_id:
            opened: Any = self.task
            tasks = list(ReviewTask.objects.filter(report_id=opened.report_id, round=opened.round))
        else:
            return self.note
        if not tasks:
            return self.note
        tasks.sort(key=lambda t: (t.stage, t.pk))
        units = ", ".join(t.unit for t in tasks)
        if tasks[0].purpose == Purpose.PROPOSAL:
            return gettext("Version %(n)s, %(count)s reviews: %(units)s") % {
                "n": tasks[0].version.number if tasks[0].version else "?",
                "count": len(tasks),
                "units": units,
            }
        return gettext("%(what)s, %(count)s reviews: %(units)s") % {
            "what": tasks[0].subject,
            "count": len(tasks),
            "units": units,
        }


class Reminder(models.Model):
    """A deadline reminder sent for a task; one a day at most (the constraint is the guard)."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("due soon")
        OVERDUE = "overdue", _("overdue")

    task = models.ForeignKey(ReviewTask, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_on = models.DateField()
    recipients = models.JSONField(default=list)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["task", "sent_on"], name="reminder_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.task_id} {self.kind} {self.sent_on}"
