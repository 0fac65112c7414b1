"""Progress reports: the reporting schedule, periods, reports with actuals by sex and age.

A report is written in draft, submitted, reviewed by the units its routes name
(`pat.reviews.models.ReviewTask`s whose purpose is "report": the same steps, inbox
and decisions as a proposal's review), and frozen when every review endorsed it:
its `snapshot` then keeps what was endorsed and nothing in it changes again.
Endorsed actuals are copied into `ResultFigure` rows (one per report, indicator,
sex and age band) so the results views of an office, a region or a theme add up
a few thousand small rows instead of walking every report.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pat.core.models import Office
from pat.core.regions import Region
from pat.projects.models import NOTE_MAX_CHARS, AgeBand, Indicator, Project, Sex
from pat.proposals.models import BudgetLine
from pat.reviews.models import COMMENT_MAX_CHARS

# A narrative part of a report: a few pages at most.
NARRATIVE_MAX_CHARS = 20_000


class Frequency(models.TextChoices):
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Half-yearly")
    YEARLY = "yearly", _("Yearly")
    DATES = "dates", _("On given dates")


class ReportingSchedule(models.Model):
    """When a project reports, as the donor agreement says."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="reporting_schedule"
    )
    frequency = models.CharField(
        _("frequency"), max_length=12, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    # ISO dates (period ends) when the frequency is "dates".
    dates = models.JSONField(_("period end dates"), default=list, blank=True)
    due_days = models.PositiveSmallIntegerField(
        _("interim report due (days after the period)"), default=30
    )
    final_due_days = models.PositiveSmallIntegerField(
        _("final report due (days after the end date)"), default=90
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("reporting schedule")
        verbose_name_plural = _("reporting schedules")

    def __str__(self) -> str:
        return f"{self.project_id} {self.frequency}"


class PeriodKind(models.TextChoices):
    INTERIM = "interim", _("Interim")
    FINAL = "final", _("Final")


class ReportingPeriod(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reporting_periods")
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    due_on = models.DateField(_("due"), db_index=True)
    kind = models.CharField(
        _("kind"), max_length=8, choices=PeriodKind.choices, default=PeriodKind.INTERIM
    )

    class Meta:
        ordering = ["project", "start", "id"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "start", "end"], name="reporting_period_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.start}–{self.end}"


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    ENDORSED = "endorsed", _("Endorsed")
    RETURNED = "returned", _("Returned")


# States whose report its writers may still edit.
EDITABLE = (ReportState.DRAFT, ReportState.RETURNED)


class ProgressReport(models.Model):
    period = models.OneToOneField(ReportingPeriod, on_delete=models.PROTECT, related_name="report")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="progress_reports")
    state = models.CharField(
        _("state"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT
    )
    achievements = models.TextField(_("achievements"), blank=True, max_length=NARRATIVE_MAX_CHARS)
    challenges = models.TextField(_("challenges"), blank=True, max_length=NARRATIVE_MAX_CHARS)
    gender_results = models.TextField(
        _("gender results"),
        blank=True,
        max_length=NARRATIVE_MAX_CHARS,
        help_text=_("Who was reached, and how women, men, girls and boys benefited differently."),
    )
    # IASC GAM monitoring phase: measure letter → code 0-4, "targeted", as markers.scoring reads.
    gam_answers = models.JSONField(
        _("gender with age marker, monitoring"), default=dict, blank=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    endorsed_at = models.DateTimeField(null=True, blank=True)
    # What was endorsed, frozen: narrative, actuals, cells and spending.
    snapshot = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["project", "period__start"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        indexes = [models.Index(fields=["state", "project"], name="report_state_project")]

    def __str__(self) -> str:
        return f"{self.project_id} {self.period_id} {self.state}"

    @property
    def editable(self) -> bool:
        return self.state in EDITABLE


class IndicatorActual(models.Model):
    """What one indicator reached in the report's period."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="actuals")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="actuals")
    value = models.DecimalField(_("actual"), max_digits=14, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=NOTE_MAX_CHARS)
    means_of_verification = models.TextField(
        _("means of verification used"), blank=True, max_length=NOTE_MAX_CHARS
    )

    class Meta:
        ordering = ["report", "indicator__result__order", "indicator__order", "id"]
        verbose_name = _("actual")
        verbose_name_plural = _("actuals")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="actual_once_per_report")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.value}"


class ActualCell(models.Model):
    """One sex × age cell of an actual of an indicator that counts people."""

    actual = models.ForeignKey(IndicatorActual, on_delete=models.CASCADE, related_name="cells")
    sex = models.CharField(max_length=7, choices=Sex.choices)
    band = models.ForeignKey(AgeBand, on_delete=models.PROTECT)
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("actual by sex and age")
        verbose_name_plural = _("actuals by sex and age")
        constraints = [
            models.UniqueConstraint(fields=["actual", "sex", "band"], name="actual_cell_once")
        ]

    def __str__(self) -> str:
        return f"{self.sex} {self.band_id}: {self.value}"


class FinancialLine(models.Model):
    """Spending against one budget line in the report's period."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="spending")
    budget_line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="+")
    spent = models.DecimalField(
        _("spent"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )

    class Meta:
        verbose_name = _("spending")
        verbose_name_plural = _("spending")
        constraints = [
            models.UniqueConstraint(fields=["report", "budget_line"], name="spending_once")
        ]

    def __str__(self) -> str:
        return f"{self.budget_line_id}: {self.spent}"


class ReportEvent(models.Model):
    """A report's history: who did what, when and why."""

    class Action(models.TextChoices):
        CREATED = "created", _("started the report")
        SAVED = "saved", _("saved the report")
        IMPORTED = "imported", _("uploaded the report spreadsheet")
        SUBMITTED = "submitted", _("submitted the report")
        ENDORSED = "endorsed", _("endorsed")
        ENDORSED_WITH_COMMENTS = "endorsed_with_comments", _("endorsed with comments")
        RETURNED = "returned", _("returned the report")
        REPORT_ENDORSED = "report_endorsed", _("report endorsed by every review")
        REMINDED = "reminded", _("reminder sent")

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=24, choices=Action.choices)
    note = models.TextField(blank=True, max_length=COMMENT_MAX_CHARS)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("report event")
        verbose_name_plural = _("report history")

    def __str__(self) -> str:
        return f"{self.report_id} {self.action}"


class ReportReminder(models.Model):
    """A due-date reminder sent for a period; one a day at most (the constraint is the guard)."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("due soon")
        OVERDUE = "overdue", _("overdue")

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_on = models.DateField()
    recipients = models.JSONField(default=list)

    class Meta:
        verbose_name = _("report reminder")
        verbose_name_plural = _("report reminders")
        constraints = [
            models.UniqueConstraint(fields=["period", "sent_on"], name="report_reminder_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.period_id} {self.kind} {self.sent_on}"


class ResultFigure(models.Model):
    """An endorsed actual in one sex × age cell (sex and band empty: the indicator's total),
    with the project's office, region and period year copied for the results views."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="figures")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    region = models.CharField(max_length=8, choices=Region.choices)
    year = models.PositiveSmallIntegerField()
    period_end = models.DateField()
    sex = models.CharField(max_length=7, blank=True)
    band = models.ForeignKey(AgeBand, null=True, blank=True, on_delete=models.PROTECT)
    adult = models.BooleanField(null=True)
    value = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("result figure")
        verbose_name_plural = _("result figures")
        indexes = [
            models.Index(fields=["region", "year"], name="figure_region_year"),
            models.Index(fields=["office", "year"], name="figure_office_year"),
            models.Index(fields=["project", "year"], name="figure_project_year"),
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.indicator_id} {self.sex} {self.band_id}"


class ReachTotal(models.Model):
    """People reached (endorsed figures) per office, year, sex and adult or child: the result
    figures added up as each report is endorsed, so an office's, a region's or the whole
    portfolio's view reads a few hundred rows, never the figures of every report."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    region = models.CharField(max_length=8, choices=Region.choices)
    year = models.PositiveSmallIntegerField()
    sex = models.CharField(max_length=7)
    adult = models.BooleanField()
    value = models.DecimalField(max_digits=16, decimal_places=2, default=Decimal(0))

    class Meta:
        verbose_name = _("reach total")
        verbose_name_plural = _("reach totals")
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "sex", "adult"], name="reach_total_once"
            )
        ]
        indexes = [models.Index(fields=["region", "year"], name="reach_region_year")]

    def __str__(self) -> str:
        return f"{self.office_id} {self.year} {self.sex} {self.adult}: {self.value}"
