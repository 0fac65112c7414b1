"""Gender marker questions (editable wording) and assessments (append-only history)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from pat.markers import scoring
from pat.projects.models import Project


class Scheme(models.TextChoices):
    IOM = scoring.Scheme.IOM.value, _("IOM Gender Marker")
    GAM_DESIGN = scoring.Scheme.GAM_DESIGN.value, _("IASC Gender with Age Marker, design")
    GAM_MONITORING = (
        scoring.Scheme.GAM_MONITORING.value,
        _("IASC Gender with Age Marker, monitoring"),
    )
    DAC = scoring.Scheme.DAC.value, _("OECD-DAC gender equality policy marker")


class QuestionScheme(models.TextChoices):
    # Both GAM phases ask the same measures, so they share one set of wording.
    IOM = "iom", _("IOM Gender Marker")
    GAM = "gam", _("IASC Gender with Age Marker")
    DAC = "dac", _("OECD-DAC gender equality policy marker")


def question_scheme(scheme: str) -> str:
    return QuestionScheme.GAM if scheme.startswith("gam") else scheme


class MarkerQuestion(models.Model):
    """The wording of one question, in English, French and Spanish, edited by administrators.

    A key the scoring rules use (see scoring.questions) is answered and scored;
    any other key is a guidance prompt whose answer is kept as evidence only.
    """

    scheme = models.CharField(_("marker"), max_length=8, choices=QuestionScheme.choices)
    key = models.SlugField(_("key"), max_length=40)
    text_en = models.TextField(_("question (English)"))
    text_fr = models.TextField(_("question (French)"), blank=True)
    text_es = models.TextField(_("question (Spanish)"), blank=True)
    help_en = models.TextField(_("help (English)"), blank=True)
    help_fr = models.TextField(_("help (French)"), blank=True)
    help_es = models.TextField(_("help (Spanish)"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["scheme", "order", "key"]
        verbose_name = _("marker question")
        verbose_name_plural = _("marker questions")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "key"], name="marker_question_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.scheme}/{self.key}"

    def _in_language(self, prefix: str, language: str | None) -> str:
        code = (language or get_language() or "en")[:2]
        # A missing translation falls back to English rather than showing nothing.
        text: str = getattr(self, f"{prefix}_{code}", "") or getattr(self, f"{prefix}_en")
        return text

    def text(self, language: str | None = None) -> str:
        return self._in_language("text", language)

    def help(self, language: str | None = None) -> str:
        return self._in_language("help", language)


class MarkerAssessmentQuerySet(models.QuerySet["MarkerAssessment"]):
    def current(self) -> MarkerAssessmentQuerySet:
        """The latest assessment per project and scheme (one query, no per-row lookups)."""
        later = MarkerAssessment.objects.filter(
            project=OuterRef("project"), scheme=OuterRef("scheme"), pk__gt=OuterRef("pk")
        )
        return self.filter(~Exists(later))


class MarkerAssessment(models.Model):
    """One answered marker for a project; never updated: a new answer is a new row.

    The latest row per project and scheme is current; the rows before it are the
    history (who answered what, when, and the code it gave).
    """

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="marker_assessments"
    )
    scheme = models.CharField(_("marker"), max_length=16, choices=Scheme.choices)
    # Set by the proposals app when a submission freezes a version.
    proposal_version = models.PositiveIntegerField(_("proposal version"), null=True, blank=True)
    answers = models.JSONField(_("answers"), default=dict)
    evidence = models.JSONField(_("evidence"), default=dict, blank=True)
    code = models.CharField(_("code"), max_length=16)
    # English sentences as computed when saved: the record. Pages re-derive them
    # in the reader's language from the answers (see `explained`).
    reasons = models.JSONField(_("reasons"), default=list)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), default=timezone.now, db_index=True)

    objects = MarkerAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("marker assessment")
        verbose_name_plural = _("marker assessments")
        indexes = [
            models.Index(fields=["project", "scheme", "id"], name="marker_latest"),
            models.Index(fields=["scheme", "code"], name="marker_scheme_code"),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.scheme} {self.code}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # History is the point: a saved assessment is never rewritten.
        if self.pk is not None:
            raise ValueError("marker assessments are never updated; save a new one")
        super().save(*args, **kwargs)

    def explained(self) -> list[str]:
        """The reasons in the reader's language, from the stored answers."""
        try:
            return scoring.score(self.scheme, self.answers).sentences(gettext)
        except scoring.AnswerError:
            return [str(r) for r in self.reasons]
