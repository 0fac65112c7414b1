"""What a proposal adds to its project: narrative sections, risks, work plan, budget, versions.

A proposal IS a project of the project database: the cover, summary, rationale,
objective, results matrix and beneficiaries are the project's own records. The
models here hold only what the project database has no place for.
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

from pat.projects.models import (
    NOTE_MAX_CHARS,
    STATEMENT_MAX_CHARS,
    Donor,
    Project,
    ResultNode,
)

# The largest cap of a section's text; each section's own is sections.max_chars(key).
SECTION_MAX_CHARS = 50_000


class Stage(models.TextChoices):
    CONCEPT = "concept", _("Concept note")
    FULL = "full", _("Full proposal")


class Proposal(models.Model):
    """Per-project builder settings; made on first use."""

    class PeriodUnit(models.TextChoices):
        MONTH = "month", _("Months")
        QUARTER = "quarter", _("Quarters")

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="proposal")
    stage = models.CharField(_("stage"), max_length=8, choices=Stage.choices, default=Stage.CONCEPT)
    period_unit = models.CharField(
        _("work plan periods"), max_length=8, choices=PeriodUnit.choices, default=PeriodUnit.MONTH
    )

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self) -> str:
        return f"{self.project.code}"


class ProposalSection(models.Model):
    """One section's draft and its lock.

    Narrative sections keep their text here, except the summary, rationale and
    objective, whose one copy is the project's own field (their `text` stays
    empty). Table steps (results, risks, work plan, budget, beneficiaries) use a
    row as their lock only, so typing in one step never conflicts with another.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="proposal_sections")
    key = models.SlugField(_("section"), max_length=30)
    # Each section is held to its own cap on save (sections.max_chars); this is the largest.
    text = models.TextField(_("text"), blank=True, max_length=SECTION_MAX_CHARS)
    # Optimistic lock of this section alone.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Terminology findings of the text as last saved, so the readiness check
    # never re-reads a whole proposal: only the section that changed.
    findings = models.JSONField(default=list, blank=True)
    findings_digest = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("proposal section")
        verbose_name_plural = _("proposal sections")
        constraints = [
            models.UniqueConstraint(fields=["project", "key"], name="proposal_section_unique")
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.key} v{self.version}"


class Level(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


LEVEL_SCORE = {Level.LOW: 1, Level.MEDIUM: 2, Level.HIGH: 3}


def risk_level(likelihood: str, impact: str) -> str:
    """Likelihood × impact on a 3 × 3 grid: 1–2 low, 3–4 medium, 6–9 high (our choice)."""
    product = LEVEL_SCORE[Level(likelihood)] * LEVEL_SCORE[Level(impact)]
    if product <= 2:
        return Level.LOW
    if product <= 4:
        return Level.MEDIUM
    return Level.HIGH


class Risk(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="risks")
    risk = models.TextField(_("risk"), max_length=STATEMENT_MAX_CHARS)
    likelihood = models.CharField(_("likelihood"), max_length=6, choices=Level.choices)
    impact = models.CharField(_("impact"), max_length=6, choices=Level.choices)
    level = models.CharField(_("level"), max_length=6, choices=Level.choices, editable=False)
    mitigation = models.TextField(_("mitigation"), blank=True, max_length=NOTE_MAX_CHARS)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["project", "order", "id"]
        verbose_name = _("risk")
        verbose_name_plural = _("risks")

    def __str__(self) -> str:
        return self.risk[:60]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.level = risk_level(self.likelihood, self.impact)
        super().save(*args, **kwargs)


class WorkPlanEntry(models.Model):
    """When an activity happens (period numbers from the project start) and who does it."""

    activity = models.OneToOneField(ResultNode, on_delete=models.CASCADE, related_name="work_plan")
    periods = models.JSONField(_("periods"), default=list, blank=True)
    responsible = models.CharField(_("party responsible"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("work plan entry")
        verbose_name_plural = _("work plan entries")

    def __str__(self) -> str:
        return f"{self.activity.code}: {self.periods}"

    def clean(self) -> None:
        if self.activity.level != ResultNode.Level.ACTIVITY:
            raise ValidationError({"activity": _("Only activities go in the work plan.")})
        if not all(isinstance(p, int) and p >= 1 for p in self.periods):
            raise ValidationError({"periods": _("Periods are numbers from 1.")})


class BudgetCategory(models.TextChoices):
    STAFF = "staff", _("Staff costs")
    OFFICE = "office", _("Office costs")
    OPERATIONAL = "operational", _("Operational costs")
    TRAVEL = "travel", _("Travel")
    EQUIPMENT = "equipment", _("Equipment")
    OTHER = "other", _("Other")


class BudgetLine(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("category"), max_length=12, choices=BudgetCategory.choices)
    description = models.CharField(_("description"), max_length=300)
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["project", "order", "id"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.description} {self.amount}"


class FundRule(models.Model):
    """A limit a fund sets on the budget: "staff and office costs at most 30% of the total".

    A rule with no donor is a default: it applies to projects none of whose donors has
    rules of its own.
    """

    class Bound(models.TextChoices):
        AT_MOST = "max", _("at most")
        AT_LEAST = "min", _("at least")

    name = models.CharField(_("name"), max_length=200)
    donor = models.ForeignKey(
        Donor, verbose_name=_("donor"), null=True, blank=True, on_delete=models.CASCADE
    )
    categories = models.JSONField(
        _("categories"),
        help_text=_('Budget categories the rule adds up, e.g. ["staff", "office"].'),
    )
    bound = models.CharField(_("bound"), max_length=3, choices=Bound.choices, default=Bound.AT_MOST)
    percent = models.DecimalField(
        _("percent of the total"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["donor__name", "name"]
        verbose_name = _("fund rule")
        verbose_name_plural = _("fund rules")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        known = set(BudgetCategory.values)
        if (
            not isinstance(self.categories, list)
            or not self.categories
            or not all(isinstance(c, str) and c in known for c in self.categories)
        ):
            raise ValidationError(
                {
                    "categories": _("List one or more of: %(known)s.")
                    % {"known": ", ".join(BudgetCategory.values)}
                }
            )


class ProposalVersionQuerySet(models.QuerySet["ProposalVersion"]):
    # Bulk writes skip Model.save and delete, so they are refused here too.
    def update(self, **kwargs: Any) -> int:
        raise ValidationError(_("A frozen proposal version cannot be changed."))

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ValidationError(_("A frozen proposal version cannot be deleted."))


# Reasons PAT gives a version it freezes itself.
SYSTEM_REASONS = (_("Submitted for review"),)


class ProposalVersion(models.Model):
    """A frozen proposal: never edited, never deleted."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="proposal_versions")
    number = models.PositiveIntegerField(_("version"))
    reason = models.CharField(_("reason"), max_length=200)
    snapshot = models.JSONField(_("snapshot"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ProposalVersionQuerySet.as_manager()

    class Meta:
        ordering = ["project", "-number"]
        verbose_name = _("proposal version")
        verbose_name_plural = _("proposal versions")
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="proposal_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.project_id} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError(_("A frozen proposal version cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValidationError(_("A frozen proposal version cannot be deleted."))

    @property
    def reason_in_language(self) -> str:
        """The reason in the reader's language when PAT wrote it (a submission); what a
        person typed is shown as typed. PAT stored it in the submitter's language."""
        from django.utils import translation

        for reason in SYSTEM_REASONS:
            written = set()
            for language in ("en", "fr", "es"):
                with translation.override(language):
                    written.add(str(reason))
            if self.reason in written:
                return str(reason)  # in the reader's language
        return self.reason
