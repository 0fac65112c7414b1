"""The guide's pages (per language, with revisions) and the gender reference library."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pat.core.languages import Language
from pat.guide.querysets import GuidePageQuerySet, LibraryDocumentQuerySet


class DocumentLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")
    OTHER = "other", _("Other or several")


class Module(models.TextChoices):
    PROPOSAL = "proposal", _("Writing the proposal, section by section")
    GENDER = "gender", _("Gender mainstreaming")
    PROCESS = "process", _("Review and endorsement")


class Topic(models.TextChoices):
    PROJECT_DEVELOPMENT = "project-development", _("Project development")
    GENDER_ANALYSIS = "gender-analysis", _("Gender analysis")
    MARKERS = "markers", _("Gender markers")
    SADD = "sadd", _("Sex- and age-disaggregated data")
    LANGUAGE = "language", _("Gender-sensitive language")
    MEN_AND_BOYS = "men-and-boys", _("Migrant men and boys")
    GBV = "gbv", _("Gender-based violence and protection")
    TRAFFICKING = "trafficking", _("Trafficking in persons")
    LABOUR = "labour", _("Labour migration")
    HEALTH = "health", _("Migration health")
    STAFF = "staff", _("Staff and gender balance")
    REVIEW = "review", _("Review and endorsement")
    OTHER = "other", _("Other")


# Which library topic a guide module's pages count as, for filtering search results.
PAGE_TOPIC: dict[str, str] = {
    "gender-analysis": Topic.GENDER_ANALYSIS,
    "gender-markers": Topic.MARKERS,
    "sex-and-age-disaggregation": Topic.SADD,
    "gender-sensitive-language": Topic.LANGUAGE,
    "migrant-men-and-boys": Topic.MEN_AND_BOYS,
    "review-process": Topic.REVIEW,
}


class GuidePage(models.Model):
    """One page of the guide in one language; translations share the key."""

    key = models.SlugField(_("key"), max_length=80)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    module = models.CharField(_("module"), max_length=10, choices=Module.choices)
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    # A long guide chapter is ~20,000 words; the cap bounds rendering and search indexing.
    body = models.TextField(_("text (Markdown)"), max_length=300_000)
    # The sanitised HTML, rendered once per save rather than once per view.
    body_html = models.TextField(editable=False, default="")
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = GuidePageQuerySet.as_manager()

    class Meta:
        ordering = ["order", "key", "language"]
        verbose_name = _("guide page")
        verbose_name_plural = _("guide pages")
        constraints = [
            models.UniqueConstraint(fields=["key", "language"], name="guide_page_key_language")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    def get_absolute_url(self) -> str:
        return reverse("guide:page", args=[self.key])

    @property
    def topic(self) -> str:
        return PAGE_TOPIC.get(self.key, Topic.PROJECT_DEVELOPMENT)


class GuidePageRevision(models.Model):
    """A saved state of a page: every save and every restore adds one; none is ever changed."""

    page = models.ForeignKey(GuidePage, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, blank=True)
    body = models.TextField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("guide page revision")
        verbose_name_plural = _("guide page revisions")
        constraints = [
            models.UniqueConstraint(fields=["page", "version"], name="guide_revision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.page.key}/{self.page.language} v{self.version}"


class Tag(models.Model):
    name = models.SlugField(_("tag"), max_length=50, unique=True, allow_unicode=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


def library_path(instance: LibraryDocument, filename: str) -> str:
    # A random name: the original name is kept in the record, never trusted on disk.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"library/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{suffix}"


class LibraryDocument(models.Model):
    """A reference document: an uploaded file or a link to one elsewhere."""

    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("summary"), blank=True, max_length=5_000)
    language = models.CharField(
        _("language"), max_length=5, choices=DocumentLanguage.choices, default="en"
    )
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices)
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="documents")
    office = models.ForeignKey(
        "core.Office",
        verbose_name=_("office"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_on = models.DateField(_("date"), default=timezone.localdate)
    file = models.FileField(_("file"), upload_to=library_path, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    original_name = models.CharField(max_length=255, blank=True, editable=False)
    content_type = models.CharField(max_length=100, blank=True, editable=False)
    size = models.PositiveBigIntegerField(default=0, editable=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = LibraryDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("library document")
        verbose_name_plural = _("library documents")
        constraints = [
            models.CheckConstraint(
                condition=(
                    (models.Q(file="") & ~models.Q(url=""))
                    | (~models.Q(file="") & models.Q(url=""))
                ),
                name="library_file_or_link",
                violation_error_message=_("Give either a file or a link, not both."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("guide:document", args=[self.pk])

    @property
    def is_link(self) -> bool:
        return not self.file

    def tag_names(self) -> list[str]:
        return [t.name for t in self.tags.all()]


class SearchEntry(models.Model):
    """One searchable thing (a guide page or a library document) in one text index.

    Guide pages and documents are searched together and paginated together, so they share
    one index table; the full-text machinery on it lives in migration 0002.
    """

    class Kind(models.TextChoices):
        PAGE = "page", _("Guide page")
        DOCUMENT = "document", _("Library document")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    ref_id = models.BigIntegerField()
    language = models.CharField(max_length=5, db_index=True)
    topic = models.CharField(max_length=30, db_index=True)
    title = models.CharField(max_length=250)
    body = models.TextField()
    url = models.CharField(max_length=300)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "ref_id"], name="guide_search_entry_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.ref_id} {self.title}"

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "title": self.title, "url": self.url}
