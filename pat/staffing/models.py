"""Staff rosters by reference date, the levels they count by, targets, and flows.

A roster snapshot holds one row per staff member at a reference date, keyed by
a keyed hash of the HR system's staff identifier: no names, no identifiers.
`StaffCount` is the snapshot counted by every dimension the dashboard cuts by,
written at import, so the dashboard never scans person-level rows.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pat.core.models import Office


class Category(models.TextChoices):
    PROFESSIONAL = "P", _("Professional and higher")
    GENERAL_SERVICE = "GS", _("General service")
    NATIONAL_OFFICER = "NO", _("National officer")
    UNGRADED = "UG", _("Ungraded")


class Sex(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    OTHER = "X", _("Other")
    UNKNOWN = "U", _("Unknown")


class Appointment(models.TextChoices):
    FIXED_TERM = "fixed-term", _("Fixed-term")
    PERMANENT = "permanent", _("Permanent")
    CONTINUING = "continuing", _("Continuing")
    TEMPORARY = "temporary", _("Temporary")


# Fixed-term or longer: the appointments the population counts (domain.md §5).
LONG_TERM_APPOINTMENTS = (Appointment.FIXED_TERM, Appointment.PERMANENT, Appointment.CONTINUING)


def population_filter(prefix: str = "") -> models.Q:
    """The staff population of the parity statistics (domain.md §5), as one named filter.

    Staff in the professional and higher categories on fixed-term or longer
    appointments, counted at personal grade: the roster's grade column is the
    personal grade, so counting rows by their grade is counting at personal
    grade. `prefix` lets other models reach the same fields ("staff__").
    """
    return models.Q(**{f"{prefix}category": Category.PROFESSIONAL, f"{prefix}long_term": True})


class Level(models.Model):
    """A grade (P-4, D-1, GS-5, NO-B, …), ordered within its category by `rank`."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=80)
    category = models.CharField(_("category"), max_length=2, choices=Category.choices)
    rank = models.PositiveSmallIntegerField(
        _("rank"), help_text=_("Order of seniority; a higher rank is a promotion.")
    )

    class Meta:
        ordering = ["category", "rank"]
        verbose_name = _("level")
        verbose_name_plural = _("levels")

    def __str__(self) -> str:
        return self.code


class LevelGroup(models.Model):
    """Levels counted together: professional and higher, decision-making (P-5 and above), …"""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    levels = models.ManyToManyField(Level, verbose_name=_("levels"), related_name="groups")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("level group")
        verbose_name_plural = _("level groups")

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    """A target line: at least `share` per cent women in a level group by the end of `year`."""

    group = models.ForeignKey(
        LevelGroup, verbose_name=_("level group"), on_delete=models.CASCADE, related_name="targets"
    )
    share = models.DecimalField(_("share of women (%)"), max_digits=5, decimal_places=2)
    year = models.PositiveSmallIntegerField(_("by the end of"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["group", "year"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["group", "year", "share"], name="target_unique"),
            models.CheckConstraint(
                condition=models.Q(share__gte=0, share__lte=100), name="target_share_percent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.share}% by {self.year}"


class ValueAlias(models.Model):
    """A value as an HR system writes it, and what PAT reads it as (beyond the built-in forms)."""

    class Field(models.TextChoices):
        SEX = "sex", _("Sex")
        LEVEL = "level", _("Grade")
        CATEGORY = "category", _("Category")
        APPOINTMENT = "appointment", _("Appointment type")
        OFFICE = "office", _("Office")

    field = models.CharField(_("column"), max_length=20, choices=Field.choices)
    value = models.CharField(_("value in the file"), max_length=100)
    meaning = models.CharField(
        _("read as"),
        max_length=100,
        help_text=_(
            "A code PAT knows: F/M/X/U, a grade code, P/GS/NO/UG, an appointment type, "
            "an office code."
        ),
    )

    class Meta:
        ordering = ["field", "value"]
        verbose_name = _("value alias")
        verbose_name_plural = _("value aliases")
        constraints = [models.UniqueConstraint(fields=["field", "value"], name="alias_unique")]

    def __str__(self) -> str:
        return f"{self.field}: {self.value} → {self.meaning}"


class Snapshot(models.Model):
    """The roster at one reference date; importing the same date again replaces it."""

    as_of = models.DateField(_("reference date"), unique=True)
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_name = models.CharField(_("file"), max_length=255, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)

    class Meta:
        ordering = ["as_of"]
        verbose_name = _("roster snapshot")
        verbose_name_plural = _("roster snapshots")

    def __str__(self) -> str:
        return self.as_of.isoformat()


class StaffRecord(models.Model):
    """One staff member in one snapshot; `key` is a keyed hash of the HR identifier."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="records")
    key = models.CharField(max_length=32)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    level = models.ForeignKey(Level, verbose_name=_("grade"), on_delete=models.PROTECT)
    category = models.CharField(_("category"), max_length=2, choices=Category.choices)
    office = models.ForeignKey(Office, verbose_name=_("office"), on_delete=models.PROTECT)
    at_headquarters = models.BooleanField(_("at headquarters"))
    appointment = models.CharField(_("appointment"), max_length=12, choices=Appointment.choices)
    long_term = models.BooleanField(_("fixed-term or longer"))
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    entry_date = models.DateField(_("entry on duty"), null=True, blank=True)

    class Meta:
        verbose_name = _("staff record")
        verbose_name_plural = _("staff records")
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "key"], name="staff_key_once_per_snapshot")
        ]
        indexes = [models.Index(fields=["snapshot", "level"], name="staff_snapshot_level")]

    def __str__(self) -> str:
        return f"{self.snapshot} · {self.key[:8]}"


class StaffCountQuerySet(models.QuerySet["StaffCount"]):
    def in_population(self) -> StaffCountQuerySet:
        return self.filter(population_filter())

    def long_term(self) -> StaffCountQuerySet:
        return self.filter(long_term=True)


class StaffCount(models.Model):
    """How many staff of one sex in one cell of a snapshot (office × grade × category × …)."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="counts")
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="+")
    category = models.CharField(max_length=2, choices=Category.choices)
    at_headquarters = models.BooleanField()
    long_term = models.BooleanField()
    sex = models.CharField(max_length=1, choices=Sex.choices)
    count = models.PositiveIntegerField()

    objects = StaffCountQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff count")
        verbose_name_plural = _("staff counts")

    def __str__(self) -> str:
        return f"{self.snapshot_id} · {self.level_id} · {self.sex}: {self.count}"


class Flow(models.Model):
    """An appointment, promotion or separation: derived from two snapshots, or imported."""

    class Kind(models.TextChoices):
        APPOINTMENT = "appointment", _("Appointment")
        PROMOTION = "promotion", _("Promotion")
        SEPARATION = "separation", _("Separation")

    class Source(models.TextChoices):
        DERIVED = "derived", _("Derived from two snapshots")
        IMPORTED = "imported", _("Imported event")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    on = models.DateField(_("date"), db_index=True)
    # Derived flows belong to the later snapshot and go with it when it is replaced.
    snapshot = models.ForeignKey(
        Snapshot, null=True, blank=True, on_delete=models.CASCADE, related_name="flows"
    )
    key = models.CharField(max_length=32)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    level = models.ForeignKey(Level, verbose_name=_("grade"), on_delete=models.PROTECT)
    from_level = models.ForeignKey(
        Level, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(max_length=2, choices=Category.choices)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    long_term = models.BooleanField(default=True)

    class Meta:
        ordering = ["on", "kind"]
        verbose_name = _("flow")
        verbose_name_plural = _("flows")
        indexes = [
            models.Index(fields=["source", "on"], name="flow_source_on"),
            # Covers the flows by year of the dashboard: counted from the index alone.
            models.Index(
                fields=["source", "category", "on", "kind", "sex", "long_term"],
                name="flow_by_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.on} {self.kind} {self.level}"


class ImportJob(models.Model):
    """A roster file uploaded in the browser, on its way through mapping and import."""

    class State(models.TextChoices):
        MAPPING = "mapping", _("Waiting for the column mapping")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Reading the file")
        WRITING = "writing", _("Saving the snapshot")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Refused")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    filename = models.CharField(max_length=255)
    stored_as = models.CharField(max_length=255)
    as_of = models.DateField(null=True, blank=True)
    mapping = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.MAPPING)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=list, blank=True)
    snapshot = models.ForeignKey(Snapshot, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_state_display()})"

    @property
    def percent(self) -> int:
        return int(self.done * 100 / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
