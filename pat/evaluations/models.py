"""Project evaluations: findings, recommendations and the management response to each."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Findings of a whole evaluation report fit well inside this; it bounds pages and exports.
FINDINGS_MAX_CHARS = 30_000
TEXT_MAX_CHARS = 5_000


class Kind(models.TextChoices):
    MIDTERM = "midterm", _("Mid-term")
    FINAL = "final", _("Final")
    EX_POST = "ex_post", _("Ex-post")
    THEMATIC = "thematic", _("Thematic or other")


class Conduct(models.TextChoices):
    INTERNAL = "internal", _("Internal")
    EXTERNAL = "external", _("External")
    JOINT = "joint", _("Joint")


class Response(models.TextChoices):
    PENDING = "pending", _("No response yet")
    ACCEPTED = "accepted", _("Accepted")
    PARTLY = "partly", _("Partly accepted")
    REJECTED = "rejected", _("Rejected")


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("No longer applicable")


class Evaluation(models.Model):
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    title = models.CharField(_("title"), max_length=250)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    conduct = models.CharField(
        _("conducted"), max_length=10, choices=Conduct.choices, default=Conduct.EXTERNAL
    )
    evaluator = models.CharField(_("evaluator"), max_length=250)
    started_on = models.DateField(_("started on"))
    finished_on = models.DateField(_("finished on"), null=True, blank=True)
    findings = models.TextField(_("findings"), blank=True, max_length=FINDINGS_MAX_CHARS)
    # The report is a document of the reference library: one store, found by its search.
    report = models.ForeignKey(
        "guide.LibraryDocument",
        verbose_name=_("report"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evaluations:detail", args=[self.pk])

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.finished_on and self.finished_on < self.started_on:
            raise ValidationError({"finished_on": _("The end is before the start.")})


class Recommendation(models.Model):
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("recommendation"), max_length=TEXT_MAX_CHARS)
    response = models.CharField(
        _("management response"), max_length=10, choices=Response.choices, default="pending"
    )
    action = models.TextField(_("action"), blank=True, max_length=TEXT_MAX_CHARS)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default="not_started"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["evaluation", "number"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "number"], name="recommendation_number")
        ]

    def __str__(self) -> str:
        return f"{self.evaluation_id}/{self.number}"


class EvaluationChange(models.Model):
    """History: one row per write, what changed as field → [old, new] (codes, not names)."""

    class Action(models.TextChoices):
        CREATED = "created", _("created the evaluation")
        UPDATED = "updated", _("changed the evaluation")
        RECOMMENDATION = "recommendation", _("added a recommendation")
        RESPONSE = "response", _("recorded a management response")
        REPORT = "report", _("attached the report")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="changes")
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=16, choices=Action.choices)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("evaluation change")
        verbose_name_plural = _("evaluation changes")

    def __str__(self) -> str:
        return f"{self.evaluation_id} {self.action}"
