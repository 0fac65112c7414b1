"""The organization's term base: gender-sensitive terminology entries and their history.

The shipped data files (pat/terminology/data) seed it; from then on the database is the source
of truth, edited by Gender Focal Points and administrators.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pat.core.languages import Language
from pat.termbase import shipped

# An explanation is a few sentences; the cap bounds what every check result carries.
EXPLANATION_MAX_CHARS = 5_000


class Category(models.TextChoices):
    ROLE_NOUN = "role-noun", _("Gendered role noun")
    MAN_COMPOUND = "man-compound", _("“Man” compound")
    IDIOM = "idiom", _("Idiom")
    UNNECESSARY_MARKING = "unnecessary-marking", _("Unnecessary gender marking")
    STEREOTYPE = "stereotype", _("Stereotype or patronizing word")
    HUMANITY = "humanity", _("“Man” for humanity")
    COURTESY_TITLE = "courtesy-title", _("Courtesy title")
    FEMININE_TITLE = "feminine-title", _("Masculine title for a woman")
    GENERIC_MASCULINE = "generic-masculine", _("Generic masculine")
    INCLUSIVE_FORM = "inclusive-form", _("Inclusive form advised against")
    GENERIC_PRONOUN = "generic-pronoun", _("Generic pronoun")
    VULNERABLE_LUMPING = "vulnerable-lumping", _("“Women and children” lumping")


class Severity(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class PartOfSpeech(models.TextChoices):
    NOUN = "noun", _("Noun")
    ADJ = "adj", _("Adjective")
    VERB = "verb", _("Verb")
    PHRASE = "phrase", _("Phrase")
    PRONOUN = "pronoun", _("Pronoun")
    TITLE = "title", _("Title")


class EntryMode(models.TextChoices):
    BOTH = "both", _("Proposals and vacancies")
    PROPOSAL = "proposal", _("Proposals only")
    VACANCY = "vacancy", _("Vacancies only")


class ContextTag(models.TextChoices):
    MINORS_OK = "minors-ok", _("Fine when about children")
    NOT_PROPER_NAME = "not-proper-name", _("Not inside a proper name")
    GENERIC_REFERENT = "generic-referent", _("Only for a generic referent")
    ADULT_LUMPING = "adult-lumping", _("Only when adults are lumped with children")
    TITLE_BEFORE_NAME = "title-before-name", _("Only before a name")


rule_id_validator = RegexValidator(
    r"^(en|fr|es)\.[\w][\w.\-]*\Z",
    _("Use the language code, a dot and a short name: en.chairman."),
)


class TermEntryQuerySet(models.QuerySet["TermEntry"]):
    def search(self, text: str) -> TermEntryQuerySet:
        text = text.strip().lower()
        if not text:
            return self
        return self.filter(Q(search_text__contains=text) | Q(rule_id__icontains=text))

    def enabled(self) -> TermEntryQuerySet:
        return self.filter(enabled=True)


class TermEntry(models.Model):
    """One rule of the checker, in the fields of the data-file format."""

    lang = models.CharField(_("language"), max_length=2, choices=Language.choices)
    rule_id = models.CharField(
        _("rule id"),
        max_length=80,
        unique=True,
        validators=[rule_id_validator],
        help_text=_("Stable: documents switch rules off by this id."),
    )
    lemma = models.CharField(_("term"), max_length=120)
    pos = models.CharField(
        _("part of speech"), max_length=8, choices=PartOfSpeech.choices, default="noun"
    )
    forms = models.JSONField(_("written forms"), default=dict, blank=True)
    category = models.CharField(_("category"), max_length=24, choices=Category.choices)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices)
    suggestions = models.JSONField(_("suggestions"), default=list, blank=True)
    suggestions_pl = models.JSONField(_("plural suggestions"), default=list, blank=True)
    explanation = models.TextField(_("explanation"), max_length=EXPLANATION_MAX_CHARS)
    source = models.CharField(_("source"), max_length=400)
    debatable = models.BooleanField(_("debatable"), default=False)
    guide = models.SlugField(_("guide page"), max_length=80, default=shipped.DEFAULT_GUIDE)
    mode = models.CharField(
        _("applies to"), max_length=8, choices=EntryMode.choices, default="both"
    )
    context = models.JSONField(_("context filters"), default=list, blank=True)
    exceptions = models.JSONField(_("exceptions"), default=list, blank=True)
    enabled = models.BooleanField(_("enabled"), default=True)
    shipped = models.BooleanField(_("shipped with PAT"), default=False, editable=False)
    counterparts = models.ManyToManyField(
        "self", verbose_name=_("translations"), symmetrical=True, blank=True
    )
    search_text = models.TextField(editable=False, default="")
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = TermEntryQuerySet.as_manager()

    class Meta:
        ordering = ["lang", "lemma", "rule_id"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        indexes = [models.Index(fields=["lang", "category"])]

    def __str__(self) -> str:
        return f"{self.lemma} ({self.rule_id})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("termbase:detail", args=[self.pk])

    def clean(self) -> None:
        if self.rule_id and self.lang and not self.rule_id.startswith(f"{self.lang}."):
            raise ValidationError(
                {"rule_id": _("The rule id must start with “%(lang)s.”.") % {"lang": self.lang}}
            )
        problem = shipped.validate_entry(self.as_data(), self.lang, "entry")
        if problem:
            raise ValidationError(problem)

    def build_search_text(self) -> str:
        words = [self.lemma, *self.suggestions, *self.suggestions_pl]
        for forms in (self.forms or {}).values():
            words.extend(forms)
        words.append(self.explanation)
        return "\n".join(str(w) for w in words).lower()

    def field_values(self) -> dict[str, Any]:
        """The tracked values, JSON-ready: what history records and restore brings back."""
        values = {name: getattr(self, name) for name in TRACKED_FIELDS}
        values["forms"] = dict(values["forms"] or {})
        return values

    def as_data(self) -> dict[str, Any]:
        """This entry in the data-file format."""
        return shipped.fields_to_entry(self.field_values())

    @property
    def plural_suggestions(self) -> list[str]:
        return list(self.suggestions_pl)

    def guide_url(self) -> str:
        return f"/guide/{self.guide}/"


TRACKED_FIELDS = (*shipped.ENTRY_FIELDS, "enabled")


class LanguageLists(models.Model):
    """The per-language lists of a data file that are not entries (proper names, pairs)."""

    lang = models.CharField(_("language"), max_length=2, choices=Language.choices, unique=True)
    proper_names = models.JSONField(_("proper names"), default=list, blank=True)
    accepted_pairs = models.JSONField(_("accepted pairs"), default=list, blank=True)
    generic_referents = models.JSONField(_("generic referents"), default=list, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("language lists")
        verbose_name_plural = _("language lists")

    def __str__(self) -> str:
        return self.get_lang_display()


class TermChange(models.Model):
    """One recorded change to an entry: who, when, field → [old, new], and the state after."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        UPDATED = "updated", _("edited")
        # A verb in the history ("Grace disabled"), not the state shown in the list.
        DISABLED = "disabled", pgettext_lazy("term history", "disabled")
        ENABLED = "enabled", pgettext_lazy("term history", "enabled")
        RESTORED = "restored", _("restored an earlier state")
        IMPORTED = "imported", _("imported")
        LINKED = "linked", _("changed translations")
        SYNCED = "synced", _("updated from the shipped data")

    entry = models.ForeignKey(TermEntry, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    version = models.PositiveIntegerField()
    changes = models.JSONField(default=dict, blank=True)
    snapshot = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("term change")
        verbose_name_plural = _("term changes")

    def __str__(self) -> str:
        return f"{self.entry_id} {self.action} v{self.version}"


class TermImport(models.Model):
    """One upload of the term base import, applied in the background by `pat db_worker`.

    The file is kept here until the import ends, so the request that uploads it only stores
    it; the task validates every row, then applies them in batches (each its own short
    transaction), recording its progress here for the status page.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Nothing imported")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    file_name = models.CharField(_("file"), max_length=200)
    kind = models.CharField(max_length=4, choices=[("csv", "CSV"), ("json", "JSON")])
    language = models.CharField(max_length=8, default="en")  # of the messages it records
    data = models.BinaryField(editable=False)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("term import")
        verbose_name_plural = _("term imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.status})"

    def get_absolute_url(self) -> str:
        return reverse("termbase:import-status", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return int(100 * self.processed / self.total) if self.total else 0
