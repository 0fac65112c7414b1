"""Saving marker assessments: validate, score, append. Also used by the proposals app."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from pat.core.models import User
from pat.markers import scoring
from pat.markers.models import MarkerAssessment, MarkerQuestion, Scheme, question_scheme
from pat.projects.models import Project

MAX_EVIDENCE_CHARS = 4000


def _evidence_keys(scheme: str) -> set[str]:
    """Questions evidence may be written against: the scored ones and any guidance prompt.

    Retired (inactive) prompts count too, so an earlier answer can be saved again
    as it was, e.g. when the proposals app stamps it with a proposal version.
    """
    scored = {q.key for q in scoring.questions(scheme)}
    prompts = set(
        MarkerQuestion.objects.filter(scheme=question_scheme(scheme)).values_list("key", flat=True)
    )
    return scored | prompts


def _clean_evidence(scheme: str, evidence: Mapping[str, Any]) -> dict[str, str]:
    known = _evidence_keys(scheme)
    errors: dict[str, str] = {}
    cleaned: dict[str, str] = {}
    for key, text in evidence.items():
        field = f"evidence_{key}"
        if key not in known:
            errors[field] = gettext("This question does not belong to this marker.")
        elif not isinstance(text, str):
            errors[field] = gettext("Write the evidence as text.")
        elif len(text) > MAX_EVIDENCE_CHARS:
            errors[field] = gettext("Keep the evidence under %(n)s characters.") % {
                "n": MAX_EVIDENCE_CHARS
            }
        elif text.strip():
            cleaned[key] = text.strip()
    if errors:
        raise ValidationError(errors)
    return cleaned


def assessment_preview(*, scheme: str, answers: Mapping[str, Any]) -> scoring.MarkerResult:
    """Score answers without saving anything; ValidationError names each bad question."""
    if scheme not in Scheme.values:
        raise ValidationError({"scheme": gettext("Unknown marker scheme.")})
    try:
        return scoring.score(scheme, answers)
    except scoring.AnswerError as error:
        raise ValidationError({k: gettext(v) for k, v in error.errors.items()}) from error


@transaction.atomic
def assessment_save(
    *,
    project: Project,
    scheme: str,
    answers: Mapping[str, Any],
    evidence: Mapping[str, Any],
    actor: User | None,
    proposal_version: int | None = None,
) -> MarkerAssessment:
    """Score and record a new assessment; the previous ones stay as history.

    Raises ValidationError (keys: question keys, `evidence_<key>`, `scheme`) and
    saves nothing when an answer is missing or wrong.
    """
    result = assessment_preview(scheme=scheme, answers=answers)
    cleaned_evidence = _clean_evidence(scheme, evidence)
    assessment = MarkerAssessment(
        project=project,
        scheme=scheme,
        proposal_version=proposal_version,
        # The normalised answers, so stored JSON scores the same way tomorrow.
        answers=normalised_answers(scheme, answers),
        evidence=cleaned_evidence,
        code=result.code,
        reasons=result.sentences(),
        answered_by=actor,
        answered_at=timezone.now(),
    )
    assessment.full_clean()
    assessment.save()
    return assessment


def normalised_answers(scheme: str, answers: Mapping[str, Any]) -> dict[str, Any]:
    parsed = scoring.parse_answers(scheme, answers)
    if isinstance(parsed, scoring.GamAnswers):
        out: dict[str, Any] = {m: parsed.codes[m] for m in sorted(parsed.codes)}
        out.update(
            {
                scoring.GAM_TARGETED: parsed.targeted,
                scoring.NOT_APPLICABLE: parsed.not_applicable,
                scoring.NOT_APPLICABLE_REASON: parsed.not_applicable_reason,
            }
        )
        return out
    return dict(vars(parsed))


def current_assessments(project: Project) -> dict[str, MarkerAssessment]:
    """The current (latest) assessment per scheme of a project, in one query."""
    rows = MarkerAssessment.objects.filter(project=project).current().select_related("answered_by")
    return {a.scheme: a for a in rows}
