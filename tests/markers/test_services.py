"""Saving assessments: validation, history, the current assessment per scheme."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from pat.markers.models import MarkerAssessment, MarkerQuestion
from pat.markers.services import assessment_save, current_assessments

pytestmark = pytest.mark.django_db

ALL_MET = {"needs_assessment": True, "results_matrix": True, "activities": True}


def save(project: Any, actor: Any, scheme: str = "iom", **kwargs: Any) -> MarkerAssessment:
    kwargs.setdefault("answers", ALL_MET)
    kwargs.setdefault("evidence", {})
    return assessment_save(project=project, scheme=scheme, actor=actor, **kwargs)


def test_a_save_computes_the_code_and_keeps_reasons_and_evidence(
    project: Any, developer: Any
) -> None:
    assessment = save(
        project, developer, evidence={"needs_assessment": " Rationale §2 has data by sex. "}
    )
    assert assessment.code == "2a"
    assert assessment.reasons[0] == (
        "Met: gender is addressed in the needs assessment and rationale."
    )
    assert assessment.evidence == {"needs_assessment": "Rationale §2 has data by sex."}
    assert assessment.answered_by == developer
    assert assessment.proposal_version is None


def test_two_saves_make_two_rows_and_the_latest_is_current(project: Any, developer: Any) -> None:
    first = save(project, developer)
    second = save(project, developer, answers={"needs_assessment": True})
    assert MarkerAssessment.objects.filter(project=project).count() == 2
    first.refresh_from_db()
    assert first.code == "2a", "the earlier assessment is never overwritten"
    assert current_assessments(project) == {"iom": second}


def test_current_assessments_keeps_one_per_scheme(project: Any, developer: Any) -> None:
    save(project, developer)
    gam = save(project, developer, scheme="gam_design", answers={"A": 4, "D": 3, "G": 3, "J": 3})
    dac = save(project, developer, scheme="dac", answers={"screened": False})
    latest_iom = save(project, developer, answers={})
    current = current_assessments(project)
    assert current == {"iom": latest_iom, "gam_design": gam, "dac": dac}
    assert (current["iom"].code, gam.code, dac.code) == ("0", "3M", "not_screened")


def test_a_saved_assessment_cannot_be_updated_in_place(project: Any, developer: Any) -> None:
    assessment = save(project, developer)
    assessment.code = "2b"
    with pytest.raises(ValueError):
        assessment.save()


def test_the_proposal_version_is_kept(project: Any, developer: Any) -> None:
    assert save(project, developer, proposal_version=3).proposal_version == 3


@pytest.mark.parametrize(
    ("scheme", "answers", "evidence", "field"),
    [
        ("iom", {"not_applicable": True}, {}, "not_applicable_reason"),
        ("iom", {"needs_assessment": "perhaps"}, {}, "needs_assessment"),
        ("iom", {"colour": True}, {}, "colour"),
        ("gam_design", {"A": 4, "D": 9, "G": 4, "J": 4}, {}, "D"),
        ("gam_monitoring", {"A": 4, "D": 4, "G": 4, "J": 4}, {}, "B"),
        ("iom", ALL_MET, {"activities": 42}, "evidence_activities"),
        ("iom", ALL_MET, {"activities": "x" * 4001}, "evidence_activities"),
        ("iom", ALL_MET, {"unknown": "text"}, "evidence_unknown"),
        ("nope", {}, {}, "scheme"),
    ],
)
def test_bad_answers_are_refused_with_a_field_message_and_nothing_saved(
    project: Any, developer: Any, scheme: str, answers: Any, evidence: Any, field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        save(project, developer, scheme=scheme, answers=answers, evidence=evidence)
    assert field in error.value.message_dict
    assert all(error.value.message_dict[field])
    assert not MarkerAssessment.objects.exists()


def test_evidence_may_answer_a_guidance_prompt_an_administrator_added(
    project: Any, developer: Any
) -> None:
    MarkerQuestion.objects.create(scheme="iom", key="consulted-women", text_en="Who was asked?")
    assessment = save(project, developer, evidence={"consulted-women": "Two focus groups"})
    assert assessment.evidence == {"consulted-women": "Two focus groups"}


def test_questions_ship_in_three_languages_with_english_fallback(db: None) -> None:
    questions = MarkerQuestion.objects.all()
    assert questions.filter(scheme="gam").count() == 15
    assert all(q.text_en and q.text_fr and q.text_es for q in questions)
    question = questions.get(scheme="iom", key="activities")
    question.text_es = ""
    assert question.text("es") == question.text_en
    assert question.text("fr").startswith("Les activités")


def test_an_assessment_saves_again_as_it_was_after_its_prompt_is_retired(
    project: Any, developer: Any
) -> None:
    prompt = MarkerQuestion.objects.create(scheme="iom", key="consulted", text_en="Who?")
    first = save(project, developer, evidence={"consulted": "Women's groups"})
    prompt.active = False
    prompt.save()
    again = save(
        project, developer, answers=first.answers, evidence=first.evidence, proposal_version=1
    )
    assert (again.code, again.evidence, again.answers) == (
        first.code,
        first.evidence,
        first.answers,
    )


@pytest.mark.parametrize(
    ("scheme", "answers"),
    [
        ("gam_design", {"A": "4", "D": 3, "G": 3, "J": 3, "targeted": "on"}),
        ("gam_monitoring", {m: 2 for m in "ABCDEFGHIJKL"}),
        ("gam_design", {"not_applicable": True, "not_applicable_reason": "Desk study"}),
        ("dac", {"screened": True, "gender_analysis": True}),
    ],
)
def test_stored_answers_are_normalised_and_score_the_same_again(
    project: Any, developer: Any, scheme: str, answers: dict[str, Any]
) -> None:
    first = save(project, developer, scheme=scheme, answers=answers)
    again = save(project, developer, scheme=scheme, answers=first.answers)
    assert again.code == first.code
    assert again.answers == first.answers
    assert all(isinstance(v, bool | int | str) for v in first.answers.values())
