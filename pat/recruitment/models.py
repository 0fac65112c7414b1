"""Vacancy notices, the outreach channels they are sent through, and visits per channel.

A notice moves draft → published → closed → filled, or is cancelled on the way
(`TRANSITIONS`, the one table of allowed moves). Every save stores the result of the
vacancy-mode wording check, so lists show it without re-checking and a notice with
masculine-coded words left in it can only be published with a recorded reason.
Visits through a channel's tracked link are one counter per notice and channel:
no address, no cookie, nothing about the visitor.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pat.core.models import Office, TranslatedName
from pat.staffing.models import Category, Level


class OutreachChannel(TranslatedName):
    """Somewhere notices are sent so they reach women: a network, a university, a job board."""

    class Kind(models.TextChoices):
        WOMENS_NETWORK = "womens-network", _("Women's professional network")
        UNIVERSITY = "university", _("University")
        UN_JOB_BOARD = "un-job-board", _("UN job board")
        ORGANIZATION_SITE = "organization-site", _("Organization site")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("Short code in the tracked link (?via=code)."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    url = models.URLField(_("web address"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("outreach channel")
        verbose_name_plural = _("outreach channels")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")
    FILLED = "filled", _("Filled")
    CANCELLED = "cancelled", _("Cancelled")


# The one table of moves: state → the states it may go to.
TRANSITIONS: dict[str, frozenset[str]] = {
    State.DRAFT: frozenset({State.PUBLISHED, State.CANCELLED}),
    State.PUBLISHED: frozenset({State.CLOSED, State.CANCELLED}),
    State.CLOSED: frozenset({State.FILLED, State.CANCELLED}),
    State.FILLED: frozenset(),
    State.CANCELLED: frozenset(),
}


def can_move(source: str, target: str) -> bool:
    return target in TRANSITIONS.get(source, frozenset())


def reference_slug(reference: str) -> str:
    """ "VN 2026/041" → "vn-2026-041": the reference as it appears in the public address."""
    return re.sub(r"[^a-z0-9]+", "-", reference.lower()).strip("-")


class VacancyQuerySet(models.QuerySet["Vacancy"]):
    def public(self) -> VacancyQuerySet:
        """What the public board shows: published notices (closed ones drop off)."""
        return self.filter(state=State.PUBLISHED)


class Vacancy(models.Model):
    reference = models.CharField(
        _("reference"), max_length=40, unique=True, help_text=_('For example "VN 2026/041".')
    )
    slug = models.SlugField(_("address"), max_length=60, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    grade = models.ForeignKey(
        Level, verbose_name=_("grade"), on_delete=models.PROTECT, related_name="vacancies"
    )
    category = models.CharField(_("category"), max_length=2, choices=Category.choices)
    office = models.ForeignKey(
        Office, verbose_name=_("office"), on_delete=models.PROTECT, related_name="vacancies"
    )
    duty_station = models.CharField(_("duty station"), max_length=120)
    closing_date = models.DateField(_("closing date"))
    language = models.CharField(
        _("language of the notice"), max_length=2, choices=Language.choices, default="en"
    )
    text = models.TextField(_("text"), help_text=_("Markdown: headings, lists, links."))
    apply_url = models.URLField(
        _("where to apply"),
        blank=True,
        help_text=_("The notice's page in the e-recruitment system, where candidates apply."),
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default="draft")
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    # The vacancy-mode wording check, stored at every save.
    wording_score = models.IntegerField(_("coded-word score"), default=0)
    wording_verdict = models.CharField(_("wording verdict"), max_length=40, blank=True)
    wording_masculine = models.PositiveIntegerField(_("masculine-coded words"), default=0)
    wording_feminine = models.PositiveIntegerField(_("feminine-coded words"), default=0)
    wording_findings = models.PositiveIntegerField(_("wording findings"), default=0)
    publish_reason = models.TextField(_("reason to publish with masculine-coded words"), blank=True)

    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "reference"]
        verbose_name = _("vacancy notice")
        verbose_name_plural = _("vacancy notices")
        indexes = [models.Index(fields=["state", "closing_date"], name="vacancy_state_closing")]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.slug = reference_slug(self.reference)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def is_public(self) -> bool:
        return self.state == State.PUBLISHED

    def next_states(self) -> list[str]:
        return [s for s in State.values if can_move(self.state, s)]


class VacancyEvent(models.Model):
    """One step in a notice's history: created, edited (which fields), or moved between states."""

    class Action(models.TextChoices):
        CREATED = "created", _("Drafted")
        EDITED = "edited", _("Edited")
        MOVED = "moved", _("State changed")

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    from_state = models.CharField(max_length=10, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=10, choices=State.choices, blank=True)
    fields = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True)
    wording_score = models.IntegerField(default=0)
    wording_masculine = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("vacancy history entry")
        verbose_name_plural = _("vacancy history")

    def __str__(self) -> str:
        return f"{self.vacancy_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class ChannelVisit(models.Model):
    """How many visits a notice's page had through one channel's tracked link: a counter only."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="visits")
    channel = models.ForeignKey(OutreachChannel, on_delete=models.CASCADE, related_name="visits")
    count = models.PositiveIntegerField(default=0)
    last_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["vacancy", "channel"]
        verbose_name = _("channel visits")
        verbose_name_plural = _("channel visits")
        constraints = [models.UniqueConstraint(fields=["vacancy", "channel"], name="visit_unique")]

    def __str__(self) -> str:
        return f"{self.vacancy_id} via {self.channel_id}: {self.count}"
