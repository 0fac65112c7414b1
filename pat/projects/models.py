"""The project database: projects, their results matrix, SADD targets and documents."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pat.core.models import Country, Office, TranslatedName
from pat.core.regions import Region
from pat.projects.currencies import CURRENCY_CHOICES
from pat.projects.querysets import ProjectQuerySet

# Text caps (characters). Narrative fields hold proposal sections of 350-600 words: 50,000
# characters is ~8,000 words. Statements are a sentence or two; notes a paragraph or few.
NARRATIVE_MAX_CHARS = 50_000
STATEMENT_MAX_CHARS = 2_000
NOTE_MAX_CHARS = 5_000


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class ProjectType(TranslatedName):
    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("project type")
        verbose_name_plural = _("project types")


class Theme(TranslatedName):
    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Donor(TranslatedName):
    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("donor")
        verbose_name_plural = _("donors")


class Organization(models.Model):
    """A partner organization (government, UN agency, NGO, ...)."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        UN = "un", _("United Nations agency")
        NGO = "ngo", _("Non-governmental organization")
        ACADEMIC = "academic", _("Academic institution")
        PRIVATE = "private", _("Private sector")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.OTHER)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name


class AgeBandSet(models.Model):
    """A configurable set of age bands; finer sets roll up into coarser ones."""

    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("age band set")
        verbose_name_plural = _("age band sets")

    def __str__(self) -> str:
        return self.name


class AgeBand(models.Model):
    band_set = models.ForeignKey(AgeBandSet, on_delete=models.CASCADE, related_name="bands")
    label = models.CharField(_("label"), max_length=20)
    min_age = models.PositiveSmallIntegerField(_("from age"))
    max_age = models.PositiveSmallIntegerField(_("to age"), null=True, blank=True)

    class Meta:
        ordering = ["band_set", "min_age"]
        verbose_name = _("age band")
        verbose_name_plural = _("age bands")
        constraints = [
            models.UniqueConstraint(fields=["band_set", "min_age"], name="age_band_unique_start")
        ]

    def __str__(self) -> str:
        return self.label

    def contains(self, other: AgeBand) -> bool:
        """Whether a (finer) band lies inside this one, for roll-ups."""
        upper = self.max_age if self.max_age is not None else 10_000
        other_upper = other.max_age if other.max_age is not None else 10_000
        return self.min_age <= other.min_age and other_upper <= upper


class Status(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    ENDORSED = "endorsed", _("Endorsed")
    SUBMITTED = "submitted", _("Submitted to donor")
    ACTIVE = "active", _("Active")
    FINAL_REPORTING = "final_reporting", _("Final reporting")
    CLOSED = "closed", _("Closed")
    NOT_FUNDED = "not_funded", _("Not funded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


project_code_validator = RegexValidator(
    r"^[A-Z]{2,3}\.\d{4}$", _("Use two or three capital letters, a dot and four digits: CT.0123.")
)


class Project(models.Model):
    code = models.CharField(
        _("project code"), max_length=10, unique=True, validators=[project_code_validator]
    )
    title = models.CharField(_("title"), max_length=300)
    executing_office = models.ForeignKey(
        Office,
        verbose_name=_("executing office"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    region = models.CharField(_("region"), max_length=8, choices=Region.choices, db_index=True)
    countries = models.ManyToManyField(
        Country, verbose_name=_("countries covered"), related_name="projects", blank=True
    )
    project_type = models.ForeignKey(
        ProjectType, verbose_name=_("project type"), on_delete=models.PROTECT
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True)
    donors = models.ManyToManyField(Donor, verbose_name=_("donors"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.CONCEPT, db_index=True
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=CURRENCY_CHOICES, default="USD"
    )
    # Caps, well past the word limits of the proposal sections these hold (350-600 words),
    # bound what every page, export and comparison of a project has to process.
    summary = models.TextField(_("summary"), blank=True, max_length=NARRATIVE_MAX_CHARS)
    rationale = models.TextField(_("rationale"), blank=True, max_length=NARRATIVE_MAX_CHARS)
    objective = models.TextField(_("objective"), blank=True, max_length=NARRATIVE_MAX_CHARS)
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("team"), blank=True, related_name="project_teams"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    # Optimistic locking: every save through the services bumps it, and an
    # edit based on an older version is refused instead of overwriting.
    version = models.PositiveIntegerField(default=1, editable=False)
    # Title, summary, rationale, objective and the results matrix in one text,
    # indexed by PostgreSQL full text (GIN) or SQLite FTS5: see migrations.
    search_document = models.TextField(default="", editable=False)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        indexes = [
            models.Index(fields=["executing_office", "status"], name="project_office_status"),
            # One per sort of the list (filters.SORTS), the id breaking ties: the database
            # walks the index in order and stops after the page.
            models.Index(fields=["start_date", "id"], name="project_sort_start"),
            models.Index(fields=["updated_at", "id"], name="project_sort_updated"),
            models.Index(fields=["title", "id"], name="project_sort_title"),
            models.Index(fields=["budget", "id"], name="project_sort_budget"),
            # The same within a region, the filter most lists carry.
            models.Index(fields=["region", "start_date", "id"], name="project_region_start"),
            models.Index(fields=["region", "updated_at", "id"], name="project_region_updated"),
            models.Index(fields=["region", "title", "id"], name="project_region_title"),
            models.Index(fields=["region", "budget", "id"], name="project_region_budget"),
            models.Index(fields=["region", "code"], name="project_region_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", kwargs={"code": self.code})

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})


class ProjectPartner(models.Model):
    class Role(models.TextChoices):
        # IATI OrganisationRole codes 1-4, so the export maps one to one.
        FUNDING = "1", _("Funding")
        ACCOUNTABLE = "2", _("Accountable")
        EXTENDING = "3", _("Extending")
        IMPLEMENTING = "4", _("Implementing")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT)
    role = models.CharField(_("role"), max_length=1, choices=Role.choices)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organization", "role"], name="project_partner_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_role_display()})"


class ResultNode(models.Model):
    """One row of the results matrix tree: objective → outcomes → outputs → activities."""

    class Level(models.TextChoices):
        OUTCOME = "outcome", _("Outcome")
        OUTPUT = "output", _("Output")
        ACTIVITY = "activity", _("Activity")

    CHILD_LEVEL: ClassVar[dict[str | None, str]] = {
        None: Level.OUTCOME,
        Level.OUTCOME: Level.OUTPUT,
        Level.OUTPUT: Level.ACTIVITY,
    }

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="results")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    code = models.CharField(_("code"), max_length=20, blank=True)
    statement = models.TextField(_("statement"), max_length=STATEMENT_MAX_CHARS)
    assumptions = models.TextField(_("assumptions"), blank=True, max_length=NOTE_MAX_CHARS)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["project", "order", "id"]
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return f"{self.code} {self.statement[:60]}"

    def clean(self) -> None:
        parent_level = self.parent.level if self.parent else None
        if self.CHILD_LEVEL.get(parent_level) != self.level:
            raise ValidationError({"level": _("This level cannot sit under that parent.")})
        if self.parent and self.parent.project_id != self.project_id:
            raise ValidationError({"parent": _("The parent belongs to another project.")})


class Indicator(models.Model):
    class Measure(models.TextChoices):
        # IATI IndicatorMeasure codes.
        UNIT = "1", _("Unit")
        PERCENTAGE = "2", _("Percentage")
        NOMINAL = "3", _("Nominal")
        ORDINAL = "4", _("Ordinal")
        QUALITATIVE = "5", _("Qualitative")

    class Direction(models.TextChoices):
        INCREASE = "increase", _("Increase")
        DECREASE = "decrease", _("Decrease")
        MAINTAIN = "maintain", _("Maintain")

    result = models.ForeignKey(ResultNode, on_delete=models.CASCADE, related_name="indicators")
    statement = models.TextField(_("indicator"), max_length=STATEMENT_MAX_CHARS)
    means_of_verification = models.TextField(
        _("means of verification"), blank=True, max_length=NOTE_MAX_CHARS
    )
    measure = models.CharField(
        _("measure"), max_length=1, choices=Measure.choices, default=Measure.UNIT
    )
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.INCREASE
    )
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target_value = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    counts_people = models.BooleanField(
        _("counts people"),
        default=False,
        help_text=_("Indicators that count people carry targets by sex and age."),
    )
    band_set = models.ForeignKey(
        AgeBandSet, verbose_name=_("age bands"), null=True, blank=True, on_delete=models.PROTECT
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["result", "order", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.statement[:80]

    def clean(self) -> None:
        if self.counts_people and self.band_set_id is None:
            raise ValidationError(
                {"band_set": _("An indicator that counts people needs a set of age bands.")}
            )


class ValueKind(models.TextChoices):
    BASELINE = "baseline", _("Baseline")
    TARGET = "target", _("Target")
    ACTUAL = "actual", _("Actual")


class IndicatorValue(models.Model):
    """One sex × age cell of an indicator's baseline, target or actual."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    kind = models.CharField(max_length=8, choices=ValueKind.choices)
    sex = models.CharField(max_length=7, choices=Sex.choices)
    band = models.ForeignKey(AgeBand, on_delete=models.PROTECT)
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("disaggregated value")
        verbose_name_plural = _("disaggregated values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "kind", "sex", "band"], name="indicator_value_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.sex} {self.band_id}: {self.value}"


class BeneficiaryCount(models.Model):
    """Planned or reached beneficiaries of a project in one sex × age cell."""

    class Kind(models.TextChoices):
        PLANNED = "planned", _("Planned")
        REACHED = "reached", _("Reached")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="beneficiaries")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    sex = models.CharField(max_length=7, choices=Sex.choices)
    band = models.ForeignKey(AgeBand, on_delete=models.PROTECT)
    count = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("beneficiary count")
        verbose_name_plural = _("beneficiary counts")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "kind", "sex", "band"], name="beneficiary_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.sex} {self.band_id}: {self.count}"


def document_path(instance: ProjectDocument, filename: str) -> str:
    # Never trust the uploaded name for the path: keep only a safe suffix.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"projects/{instance.project.code}/{timezone.now():%Y%m%d%H%M%S%f}.{suffix[:8]}"


class ProjectDocument(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title


class ProjectChange(models.Model):
    """One recorded change to a project: who, when, what (field → [old, new])."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        UPDATED = "updated", _("updated")
        RESULTS = "results", _("changed the results matrix")
        BENEFICIARIES = "beneficiaries", _("changed the beneficiaries")
        DOCUMENT = "document", _("added a document")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    changes = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        # Recent changes are read newest first and paged by (at, id): pat.core.paging.
        indexes = [models.Index(fields=["at", "id"], name="change_at_id")]

    def __str__(self) -> str:
        return f"{self.project.code} {self.action} {self.at:%Y-%m-%d %H:%M}"

    def changed_fields(self) -> list[tuple[str, Any, Any]]:
        return [(name, pair[0], pair[1]) for name, pair in sorted(self.changes.items())]


class ProjectExport(models.Model):
    """A spreadsheet of a large filtered list, built in the background by `pat db_worker`.

    The request stores the filters; the task (projects.tasks.build_export) writes the XLSX
    in the reader's language, recording its progress here for the status page. Only the
    person who asked for it downloads it.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Writing the spreadsheet")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    query = models.TextField(blank=True)  # the list's filters, URL-encoded
    language = models.CharField(max_length=8, default="en")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/", blank=True)
    problem = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("project export")
        verbose_name_plural = _("project exports")

    def __str__(self) -> str:
        return f"export {self.pk} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("projects:export-status", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return int(100 * self.processed / self.total) if self.total else 0
