"""Meetings, conferences, briefings and informal consultations, and who took part.

Member States are the core app's ISO 3166-1 `Country` rows (the list projects use for the
countries they cover); outcome documents are entries of the guide's reference library.
Participants are counted per type and sex in `Participation` cells (`participation.py`
holds the arithmetic).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pat.core.models import Country, Office
from pat.events.participation import Totals, totals

NOTES_MAX_CHARS = 10_000


class EventKind(models.TextChoices):
    MEETING = "meeting", _("Working meeting")
    CONFERENCE = "conference", _("Conference")
    BRIEFING = "briefing", _("Briefing")
    CONSULTATION = "consultation", _("Informal consultation")


class ParticipantType(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    INTERNATIONAL = "international", _("International organization")
    NGO = "ngo", _("Non-governmental organization")
    STAFF = "staff", _("Staff")


class ParticipantSex(models.TextChoices):
    # The projects' SADD sexes (pat.projects.models.Sex), named again to keep this app's
    # figures independent of the project database.
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class Event(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=250)
    starts_on = models.DateField(_("date"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    organizers = models.CharField(_("organizers"), max_length=300)
    office = models.ForeignKey(
        Office,
        verbose_name=_("organizing office"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    invited_states = models.ManyToManyField(
        Country, verbose_name=_("Member States invited"), blank=True, related_name="+"
    )
    participating_states = models.ManyToManyField(
        Country, verbose_name=_("Member States that participated"), blank=True, related_name="+"
    )
    summary = models.TextField(_("outcome"), blank=True, max_length=NOTES_MAX_CHARS)
    documents = models.ManyToManyField(
        "guide.LibraryDocument",
        verbose_name=_("outcome documents"),
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="event_ends_after_start",
                violation_error_message=_("An event cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_on} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("events:event", args=[self.pk])

    def cells(self) -> dict[tuple[str, str], int]:
        return {(c.participant_type, c.sex): c.count for c in self.participation.all()}

    def totals(self) -> Totals:
        return totals(self.cells())


class Participation(models.Model):
    """People of one type and sex who took part in an event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participation")
    participant_type = models.CharField(
        _("participant type"), max_length=20, choices=ParticipantType.choices
    )
    sex = models.CharField(_("sex"), max_length=10, choices=ParticipantSex.choices)
    count = models.PositiveIntegerField(_("people"))

    class Meta:
        verbose_name = _("participation")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "participant_type", "sex"], name="participation_one_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_id} {self.participant_type}/{self.sex}: {self.count}"


class EventChange(models.Model):
    """The history of an event: who changed what, when."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=20)  # created, updated, document
    changes = models.JSONField(default=dict, blank=True)  # field -> [before, after]

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("event change")

    def __str__(self) -> str:
        return f"{self.event_id} {self.action} {self.at:%Y-%m-%d}"
