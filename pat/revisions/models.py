"""A revision of an endorsed project: the request, its draft of the changed project, its history.

The draft holds what would change (the end date, the budget lines, the results matrix as
typed in the matrix form); the project itself changes only when the revision's reviews
endorse it, through the projects' and proposals' services, under the project's lock.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pat.projects.models import Project
from pat.proposals.models import ProposalVersion
from pat.revisions import rules

JUSTIFICATION_MAX_CHARS = 10_000


class Kind(models.TextChoices):
    BUDGET = "budget", _("Budget revision")
    EXTENSION = "extension", _("No-cost extension")
    RESULTS = "results", _("Change of results")


class State(models.TextChoices):
    DRAFT = rules.DRAFT, _("Draft")
    IN_REVIEW = rules.IN_REVIEW, _("In review")
    RETURNED = rules.RETURNED, _("Returned")
    ENDORSED = rules.ENDORSED, _("Endorsed and applied")
    WITHDRAWN = rules.WITHDRAWN, _("Withdrawn")


class Revision(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    justification = models.TextField(_("justification"), max_length=JUSTIFICATION_MAX_CHARS)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    # The project's version the draft was made from: applied only onto that same version.
    base_version = models.PositiveIntegerField()
    end_date = models.DateField(_("new end date"), null=True, blank=True)
    # [{id, category, description, amount}]; id: the project's line it changes, None if new
    budget_lines = models.JSONField(default=list, blank=True)
    results = models.JSONField(default=dict, blank=True)  # the matrix form's typed fields
    late_allowed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    late_reason = models.TextField(_("why it is allowed late"), blank=True, max_length=2_000)
    # The project as it was when the draft was submitted: the revision's diff is against it.
    base_snapshot = models.JSONField(default=dict, blank=True)
    proposal_version = models.ForeignKey(
        ProposalVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["project", "-number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="revision_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.project.code} rev. {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("revisions:revision", args=[self.pk])

    @property
    def editable(self) -> bool:
        return self.state in rules.EDITABLE


class RevisionEvent(models.Model):
    """The revision's own history: requested, allowed late, edited, submitted, decided."""

    class Action(models.TextChoices):
        REQUESTED = "requested", _("requested")
        ALLOWED_LATE = "allowed_late", _("allowed after the one-month limit")
        EDITED = "edited", _("edited the draft")
        SUBMITTED = "submitted", _("submitted for review")
        RETURNED = "returned", _("returned")
        ENDORSED = "endorsed", _("endorsed and applied")
        WITHDRAWN = "withdrawn", _("withdrawn")

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=16, choices=Action.choices)
    note = models.TextField(blank=True, max_length=2_000)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("revision event")

    def __str__(self) -> str:
        return f"{self.revision_id} {self.action}"
