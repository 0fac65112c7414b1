"""Training: courses, their sessions, the people who took part, and what they thought of it.

Participants are counted by sex (the staffing app's codes), office and grade. A participant
who is on the staff roster is linked to their latest `StaffRecord` (found through the keyed
hash of the HR identifier, never the identifier itself), and their sex, grade and office are
taken from it; others (partners, consultants) are recorded as they are given.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pat.core.models import Office, TranslatedName
from pat.staffing.models import Level, Sex, StaffRecord

EVALUATION_SCALE = [(n, str(n)) for n in range(1, 6)]


class Course(TranslatedName):
    """A course given in sessions: project development with gender, gender for senior staff, …"""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    trains_project_developers = models.BooleanField(
        _("trains project developers"),
        default=False,
        help_text=_("Its participants count towards the project developers trained."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")


class TrainingTarget(models.Model):
    """How many project developers should have been trained by the end of a year (seed: 300)."""

    people = models.PositiveIntegerField(_("people trained"))
    year = models.PositiveSmallIntegerField(_("by the end of"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("training target")
        verbose_name_plural = _("training targets")

    def __str__(self) -> str:
        return f"{self.people} by {self.year}"


class Session(models.Model):
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="sessions"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("place"), max_length=200)
    office = models.ForeignKey(
        Office,
        verbose_name=_("organizing office"),
        on_delete=models.PROTECT,
        related_name="training_sessions",
    )
    trainers = models.CharField(_("trainers"), max_length=500)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="session_ends_after"
            )
        ]

    def __str__(self) -> str:
        return f"{self.course} · {self.starts_on.isoformat()} · {self.place}"


class ParticipantQuerySet(models.QuerySet["Participant"]):
    def attended(self) -> ParticipantQuerySet:
        return self.filter(attended=True)

    def project_developers(self) -> ParticipantQuerySet:
        return self.filter(session__course__trains_project_developers=True)


class Participant(models.Model):
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="participants"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="+"
    )
    grade = models.ForeignKey(
        Level, verbose_name=_("grade"), null=True, blank=True, on_delete=models.PROTECT
    )
    staff_record = models.ForeignKey(
        StaffRecord,
        verbose_name=_("staff record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The roster key (a keyed hash) identifies a person across sessions for the cumulative
    # count; a participant outside the roster is one person per row.
    staff_key = models.CharField(max_length=32, blank=True, db_index=True)
    attended = models.BooleanField(_("attended"), default=False)
    certificate_number = models.CharField(max_length=40, blank=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.name

    @property
    def person_key(self) -> str:
        """Who this is across sessions: the roster key, else this row."""
        return self.staff_key or f"row:{self.pk}"


class Evaluation(models.Model):
    """The short form each participant fills in at the end of a session."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="evaluation"
    )
    relevance = models.PositiveSmallIntegerField(
        _("How relevant was the course to your work?"), choices=EVALUATION_SCALE
    )
    quality = models.PositiveSmallIntegerField(
        _("How good were the trainers and materials?"), choices=EVALUATION_SCALE
    )
    will_apply = models.BooleanField(_("I will apply what I learned in my next project"))
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    relevance__gte=1, relevance__lte=5, quality__gte=1, quality__lte=5
                ),
                name="evaluation_scale",
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant}: {self.relevance}/{self.quality}"
