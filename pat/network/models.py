"""The gender network: focal points, the WGGI, Plans of Action, the self-assessment, the report.

Ratings everywhere use the UN-SWAP 2.0 scale (`Rating`); its order and scores live in the
pure module `pat.network.rollup`, which the roll-up and the heat map share.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pat.core.models import Department, Office


class Rating(models.TextChoices):
    NOT_APPLICABLE = "na", _("Not applicable")
    MISSING = "missing", _("Missing")
    APPROACHES = "approaches", _("Approaches requirements")
    MEETS = "meets", _("Meets requirements")
    EXCEEDS = "exceeds", _("Exceeds requirements")


# --- focal points and the WGGI -----------------------------------------------------------------


class FocalPointQuerySet(models.QuerySet["FocalPoint"]):
    def current(self, on: dt.date | None = None) -> FocalPointQuerySet:
        day = on or timezone.localdate()
        return self.filter(appointed_on__lte=day).filter(
            models.Q(term_end__isnull=True) | models.Q(term_end__gte=day)
        )


class FocalPoint(models.Model):
    """One appointment in the register: a person, where they act, and how much of their time."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="focal_point_terms",
    )
    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="focal_points"
    )
    unit = models.ForeignKey(
        Department,
        verbose_name=_("HQ unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="focal_points",
        help_text=_("For focal points at Headquarters: the department or unit they serve."),
    )
    time_share = models.PositiveSmallIntegerField(
        _("time share (%)"), help_text=_("Share of working time given to the role, 1 to 100.")
    )
    appointed_on = models.DateField(_("appointed on"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    alternate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("alternate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="alternate_terms",
    )

    objects = FocalPointQuerySet.as_manager()

    class Meta:
        ordering = ["office__name", "person__last_name"]
        verbose_name = _("Gender Focal Point")
        verbose_name_plural = _("Gender Focal Points")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(time_share__gte=1, time_share__lte=100),
                name="focal_point_time_share_1_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.get_full_name() or self.person} · {self.office}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.term_end and self.appointed_on and self.term_end < self.appointed_on:
            raise ValidationError({"term_end": _("The term cannot end before it begins.")})
        if self.alternate_id and self.alternate_id == self.person_id:
            raise ValidationError({"alternate": _("The alternate must be someone else.")})


class FocalPointChange(models.Model):
    """One change to the register (who, when, field → [old, new]), so nothing is lost."""

    focal_point = models.ForeignKey(
        FocalPoint, null=True, on_delete=models.SET_NULL, related_name="changes"
    )
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    created = models.BooleanField(default=False)
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("register change")
        verbose_name_plural = _("register changes")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.office}: {', '.join(self.changes)}"


class WggiMember(models.Model):
    """A member of the Working Group on Gender Issues at Headquarters."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="wggi_membership",
    )
    unit = models.ForeignKey(
        Department, verbose_name=_("HQ unit"), null=True, blank=True, on_delete=models.PROTECT
    )
    role = models.CharField(_("role in the group"), max_length=100, blank=True)
    since = models.DateField(_("member since"))

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        verbose_name = _("WGGI member")
        verbose_name_plural = _("WGGI members")

    def __str__(self) -> str:
        return self.person.get_full_name() or str(self.person)


class Meeting(models.Model):
    """A WGGI meeting; agenda and minutes are Markdown, shown through the guide's safe renderer."""

    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Markdown."))
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("Markdown."))
    attendees = models.ManyToManyField(
        WggiMember, verbose_name=_("attendees"), blank=True, related_name="meetings"
    )

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("WGGI meeting")
        verbose_name_plural = _("WGGI meetings")

    def __str__(self) -> str:
        return f"{self.held_on} · {self.title}"


# --- Plans of Action ---------------------------------------------------------------------------


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    APPROVED = "approved", _("Approved")


class ActionPlanQuerySet(models.QuerySet["ActionPlan"]):
    def latest_versions(self) -> ActionPlanQuerySet:
        """Only the newest version of each office's plan per period."""
        newer = ActionPlan.objects.filter(
            office=models.OuterRef("office"),
            period=models.OuterRef("period"),
            version__gt=models.OuterRef("version"),
        )
        return self.filter(~models.Exists(newer))


class ActionPlan(models.Model):
    """An office's Plan of Action for a period; a new version copies the last one."""

    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="action_plans"
    )
    period = models.CharField(_("period"), max_length=20, help_text=_("For example 2026."))
    version = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    summary = models.TextField(_("summary"), blank=True)
    # Optimistic locking: each write claims lock with a conditional UPDATE.
    lock = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        ordering = ["office__name", "-period", "-version"]
        verbose_name = _("Plan of Action")
        verbose_name_plural = _("Plans of Action")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "period", "version"], name="action_plan_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.office} · {self.period} v{self.version}"

    @property
    def is_published(self) -> bool:
        return self.status == PlanStatus.APPROVED


class Objective(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="objectives")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("objective"), max_length=300)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return self.title


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_ACTION_STATES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


class ActionQuerySet(models.QuerySet["Action"]):
    def open(self) -> ActionQuerySet:
        return self.filter(status__in=OPEN_ACTION_STATES)

    def overdue(self, on: dt.date) -> ActionQuerySet:
        return self.open().filter(deadline__lt=on)

    def due_soon(self, on: dt.date, days: int = 30) -> ActionQuerySet:
        return self.open().filter(deadline__gte=on, deadline__lte=on + dt.timedelta(days=days))


class Action(models.Model):
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=300)
    owner = models.CharField(_("owner"), max_length=150)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, on: dt.date | None = None) -> bool:
        day = on or timezone.localdate()
        return self.status in OPEN_ACTION_STATES and self.deadline < day


class ProgressNote(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="notes")
    on = models.DateField(_("date"))
    text = models.TextField(_("progress"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")

    def __str__(self) -> str:
        return f"{self.on}: {self.text[:40]}"


class PlanIndicator(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=300)
    baseline = models.CharField(_("baseline"), max_length=100)
    target = models.CharField(_("target"), max_length=100)
    current = models.CharField(_("latest value"), max_length=100, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


# --- the self-assessment exercise --------------------------------------------------------------


class Translated(models.Model):
    """Text kept in the three languages; `text` picks the reader's, falling back to English."""

    text_en = models.TextField(_("English"))
    text_fr = models.TextField(_("French"), blank=True)
    text_es = models.TextField(_("Spanish"), blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.text_en[:80]

    @property
    def text(self) -> str:
        lang = (get_language() or "en")[:2]
        return str(getattr(self, f"text_{lang}", "") or self.text_en)


class Questionnaire(models.Model):
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self) -> str:
        return self.name


class QuestionSection(Translated):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="sections"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")


class Question(Translated):
    section = models.ForeignKey(QuestionSection, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.SlugField(
        _("code"),
        max_length=20,
        help_text=_("Stable across exercises: the change since the last one is matched on it."),
    )

    class Meta:
        ordering = ["section__order", "order", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")


class CampaignQuerySet(models.QuerySet["Campaign"]):
    def open(self) -> CampaignQuerySet:
        return self.filter(closed_at__isnull=True)


class Campaign(models.Model):
    """One round of the exercise: a questionnaire sent to chosen offices with a deadline."""

    name = models.CharField(_("name"), max_length=200)
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.PROTECT
    )
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    deadline = models.DateField(_("deadline"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    conclusions = models.JSONField(
        default=dict, blank=True, help_text="question code → the coordinator's conclusion"
    )

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("self-assessment campaign")
        verbose_name_plural = _("self-assessment campaigns")

    def __str__(self) -> str:
        return self.name

    def previous(self) -> Campaign | None:
        return (
            Campaign.objects.filter(opened_on__lt=self.opened_on)
            .order_by("-opened_on", "-id")
            .first()
        )


class ResponseState(models.TextChoices):
    NOT_STARTED = "new", _("Not started")
    DRAFT = "draft", _("Being answered")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    ACCEPTED = "accepted", _("Accepted")


EDITABLE_STATES = (ResponseState.NOT_STARTED, ResponseState.DRAFT, ResponseState.RETURNED)
ANSWERED_STATES = (ResponseState.SUBMITTED, ResponseState.ACCEPTED)


class Response(models.Model):
    """An office's answers to a campaign; locked once submitted until the coordinator returns it."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="responses")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(
        _("state"), max_length=10, choices=ResponseState.choices, default=ResponseState.NOT_STARTED
    )
    lock = models.PositiveIntegerField(default=0, editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_note = models.TextField(_("why it was returned"), blank=True)
    last_reminded_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["office__name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "office"], name="response_one_per_office")
        ]
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"{self.campaign} · {self.office}"

    @property
    def editable(self) -> bool:
        return self.state in EDITABLE_STATES and self.campaign.closed_at is None


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    rating = models.CharField(_("rating"), max_length=10, choices=Rating.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_one_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.response} · {self.question_id}: {self.rating}"


def evidence_path(instance: Evidence, filename: str) -> str:
    # Never trust the uploaded name for the path: keep only a safe suffix.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"network/{instance.response_id}/{timezone.now():%Y%m%d%H%M%S%f}.{suffix[:8]}"


class Evidence(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="evidence")
    question = models.ForeignKey(Question, null=True, on_delete=models.SET_NULL, related_name="+")
    file = models.FileField(upload_to=evidence_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


# --- the annual UN-SWAP report -----------------------------------------------------------------


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class AnnualReport(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    lock = models.PositiveIntegerField(default=0, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("UN-SWAP annual report")
        verbose_name_plural = _("UN-SWAP annual reports")

    def __str__(self) -> str:
        return f"UN-SWAP {self.year}"


class IndicatorRating(models.Model):
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="ratings")
    pi = models.PositiveSmallIntegerField(_("performance indicator"))
    rating = models.CharField(_("rating"), max_length=10, choices=Rating.choices, blank=True)
    narrative = models.TextField(_("narrative"), blank=True)
    evidence = models.TextField(_("further evidence"), blank=True)
    action_plan = models.TextField(
        _("action plan"), blank=True, help_text=_("Required for a rating below “meets”.")
    )

    class Meta:
        ordering = ["pi"]
        constraints = [
            models.UniqueConstraint(fields=["report", "pi"], name="indicator_rating_once"),
            models.CheckConstraint(
                condition=models.Q(pi__gte=1, pi__lte=17), name="indicator_rating_pi_1_17"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report} PI {self.pi}: {self.rating}"
