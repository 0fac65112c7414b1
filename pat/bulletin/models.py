"""The quarterly Gender and Migration News Bulletin: issues, their language editions and
articles, images, the editorial history, subscribers and one delivery row per issue and
subscriber (the row that makes sending happen at most once per address).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]
ARTICLE_MAX_CHARS = 20_000
SUMMARY_MAX_CHARS = 2_000


class IssueState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


class IssueQuerySet(models.QuerySet["Issue"]):
    def published(self) -> IssueQuerySet:
        return self.filter(state=IssueState.PUBLISHED)


class Issue(models.Model):
    """One quarter's issue; the English edition is the original, others are translations."""

    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), choices=[(q, f"Q{q}") for q in range(1, 5)]
    )
    state = models.CharField(
        _("state"), max_length=10, choices=IssueState.choices, default=IssueState.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-quarter"]
        verbose_name = _("bulletin issue")
        verbose_name_plural = _("bulletin issues")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "quarter"], name="bulletin_one_issue_a_quarter"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="bulletin_quarter_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} Q{self.quarter}"

    def get_absolute_url(self) -> str:
        return reverse("bulletin:public-issue", kwargs={"issue": self.slug})

    @property
    def slug(self) -> str:
        return f"{self.year}-q{self.quarter}"

    def edition(self, language: str) -> Edition | None:
        """The edition in `language`, else the English original (None if there is none)."""
        editions = {e.language: e for e in self.editions.all()}
        return editions.get(language[:2]) or editions.get("en")


class Edition(models.Model):
    """An issue in one language: its title, its introduction and its articles."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="editions")
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("introduction"), blank=True, max_length=SUMMARY_MAX_CHARS)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["issue", "language"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.UniqueConstraint(fields=["issue", "language"], name="bulletin_edition_language")
        ]

    def __str__(self) -> str:
        return f"{self.issue} ({self.language})"


class Image(models.Model):
    """A picture for the articles, checked by the upload validator; public once published."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(upload_to="bulletin/%Y/")
    content_type = models.CharField(max_length=40)
    alt = models.CharField(_("description for people who cannot see it"), max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.alt


class Article(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="articles")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text (Markdown)"), max_length=ARTICLE_MAX_CHARS)
    image = models.ForeignKey(
        Image,
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["edition", "position", "pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return self.title


class IssueEvent(models.Model):
    """The editorial history: created, submitted, returned, published, sent."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        SUBMITTED = "submitted", _("Sent for review")
        RETURNED = "returned", _("Returned to draft")
        PUBLISHED = "published", _("Published")
        SENT = "sent", _("Sent to subscribers")

    action = models.CharField(max_length=20, choices=Action.choices)
    note = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.issue} {self.action}"


class SubscriberState(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Subscribed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")


class Subscriber(models.Model):
    """One address (stored lower-case, so one row per mailbox) and the language it reads."""

    email = models.EmailField(_("email"), unique=True)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES, default="en")
    state = models.CharField(
        max_length=12, choices=SubscriberState.choices, default=SubscriberState.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The last confirmation mail: a new one waits a while, so the form cannot flood a mailbox.
    requested_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self) -> str:
        return self.email


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("Skipped (unsubscribed)")
    FAILED = "failed", _("Failed")


class Delivery(models.Model):
    """An issue for one subscriber: created once (unique), claimed once (conditional UPDATE).

    A row moves pending → sending only by the worker whose UPDATE changed it; a crash after
    the claim leaves it "sending" and it is never sent again (at most once, never twice).
    """

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    state = models.CharField(
        max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    language = models.CharField(max_length=2, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="bulletin_one_delivery_per_subscriber"
            )
        ]
        indexes = [models.Index(fields=["issue", "state"], name="bulletin_delivery_state")]

    def __str__(self) -> str:
        return f"{self.issue} → {self.subscriber_id}: {self.state}"
