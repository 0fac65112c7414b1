"""The marker rules, table by table, with no database."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from pat.markers import scoring
from pat.markers.scoring import (
    AnswerError,
    DacAnswers,
    GamAnswers,
    IomAnswers,
    gam_project_code,
    score,
    score_dac,
    score_gam,
    score_iom,
)


def test_scoring_imports_no_django() -> None:
    code = "import sys, pat.markers.scoring; print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- IOM Gender Marker ---------------------------------------------------------------------

IOM_TABLE = [
    # needs, matrix, activities, principal, expected
    (True, True, True, True, "2b"),
    (True, True, True, False, "2a"),
    (True, True, False, False, "1"),
    (True, False, False, True, "1"),  # main purpose alone does not lift a partial project
    (False, False, True, False, "1"),
    (False, False, False, False, "0"),
    (False, False, False, True, "0"),
]


@pytest.mark.parametrize(("needs", "matrix", "activities", "principal", "expected"), IOM_TABLE)
def test_iom_codes_follow_the_three_minimum_standards(
    needs: bool, matrix: bool, activities: bool, principal: bool, expected: str
) -> None:
    result = score_iom(IomAnswers(needs, matrix, activities, principal))
    assert result.code == expected
    assert result.reasons, "every code comes with its reasons"


def test_iom_reasons_name_what_is_missing_for_the_next_level() -> None:
    sentences = score_iom(IomAnswers(True, False, True)).sentences()
    assert (
        "Not met: gender is not addressed in the outputs and indicators of the results matrix."
        in sentences
    )
    assert any("For 2a" in s for s in sentences)


def test_iom_2a_explains_what_2b_would_need() -> None:
    assert any("For 2b" in s for s in score_iom(IomAnswers(True, True, True)).sentences())


def test_iom_not_applicable_needs_a_reason() -> None:
    with pytest.raises(AnswerError) as error:
        score_iom(IomAnswers(not_applicable=True))
    assert "not_applicable_reason" in error.value.errors
    with pytest.raises(AnswerError):
        score("iom", {"not_applicable": True, "not_applicable_reason": "   "})


def test_iom_not_applicable_with_a_reason() -> None:
    result = score("iom", {"not_applicable": True, "not_applicable_reason": "Internal IT audit"})
    assert result.code == "N/A"
    assert "Internal IT audit" in result.sentences()[0]


# --- IASC Gender with Age Marker -----------------------------------------------------------

GAM_RULE_TABLE = [
    # key codes A, D, G, J -> project code, which rule decided
    ((4, 4, 4, 4), 4, "share"),
    ((3, 3, 3, 1), 3, "share"),
    ((0, 0, 0, 4), 0, "share"),  # three share 0: the first rule decides
    ((0, 4, 4, 4), 4, "share"),  # three share 4 even though one is missing
    ((0, 0, 4, 4), 0, "missing"),  # a 2-2 split with two zeros: the zero rule
    ((0, 0, 3, 4), 0, "missing"),
    ((4, 4, 3, 3), 3, "second"),  # a 2-2 split without zeros: second-lowest
    ((4, 3, 2, 1), 2, "second"),
    ((1, 2, 3, 4), 2, "second"),  # order of the measures does not matter
    ((0, 4, 4, 3), 3, "second"),  # one zero only
    ((2, 2, 4, 4), 2, "second"),
    ((0, 1, 1, 4), 1, "second"),
]


@pytest.mark.parametrize(("codes", "expected", "rule"), GAM_RULE_TABLE)
def test_gam_project_code_rules_in_order(
    codes: tuple[int, int, int, int], expected: int, rule: str
) -> None:
    code, why = gam_project_code(codes)
    assert code == expected
    text = why.text()
    marker = {"share": "share code", "missing": "are missing (0)", "second": "second-lowest"}
    assert marker[rule] in text


def test_gam_needs_exactly_four_key_codes() -> None:
    with pytest.raises(ValueError):
        gam_project_code((4, 4, 4))


GAM_SUFFIX_TABLE = [
    ((4, 4, 4, 4), False, "4M"),
    ((4, 4, 4, 4), True, "4T"),
    ((3, 3, 3, 3), False, "3M"),
    ((2, 2, 2, 2), True, "2T"),
    ((1, 1, 1, 1), True, "1"),  # nothing addressed: no suffix
    ((0, 0, 4, 4), True, "0"),
]


@pytest.mark.parametrize(("codes", "targeted", "expected"), GAM_SUFFIX_TABLE)
def test_gam_design_code_carries_the_suffix(
    codes: tuple[int, ...], targeted: bool, expected: str
) -> None:
    answers = dict(zip("ADGJ", codes, strict=True))
    result = score_gam(GamAnswers(codes=answers, targeted=targeted))
    assert result.code == expected
    assert result.scheme == "gam_design"
    assert len([s for s in result.sentences() if s.startswith("Measure")]) == 4


def test_gam_monitoring_uses_the_key_rule_and_reports_the_other_eight() -> None:
    codes = dict.fromkeys("ABCDEFGHIJKL", 0) | {"A": 4, "D": 4, "G": 3, "J": 3, "B": 4, "C": 3}
    result = score("gam_monitoring", {**{k: str(v) for k, v in codes.items()}, "targeted": "no"})
    assert result.code == "3M"
    sentences = result.sentences()
    assert len([s for s in sentences if s.startswith("Measure")]) == 12
    assert any("2 of 8 address gender" in s and "6 are missing" in s for s in sentences)


def test_gam_monitoring_needs_all_twelve_measures() -> None:
    with pytest.raises(AnswerError) as error:
        score("gam_monitoring", {"A": 4, "D": 4, "G": 4, "J": 4})
    assert set(error.value.errors) == set("BCEFHIKL")


@pytest.mark.parametrize(
    ("raw", "bad"),
    [
        ({"A": 5, "D": 4, "G": 4, "J": 4}, "A"),
        ({"A": "x", "D": 4, "G": 4, "J": 4}, "A"),
        ({"A": True, "D": 4, "G": 4, "J": 4}, "A"),
        ({"D": 4, "G": 4, "J": 4}, "A"),
        ({"A": 4, "D": 4, "G": 4, "J": 4, "B": 4}, "B"),  # B is not asked at design
        ({"A": 4, "D": 4, "G": 4, "J": 4, "targeted": "maybe"}, "targeted"),
    ],
)
def test_gam_refuses_bad_answers_naming_the_question(raw: dict[str, Any], bad: str) -> None:
    with pytest.raises(AnswerError) as error:
        score("gam_design", raw)
    assert bad in error.value.errors


def test_gam_not_applicable_needs_a_reason_and_skips_the_codes() -> None:
    with pytest.raises(AnswerError) as error:
        score("gam_design", {"not_applicable": True})
    assert list(error.value.errors) == ["not_applicable_reason"]
    result = score("gam_design", {"not_applicable": True, "not_applicable_reason": "Desk study"})
    assert result.code == "N/A"


# --- OECD-DAC ------------------------------------------------------------------------------

MINIMUM = {
    "gender_analysis": True,
    "do_no_harm": True,
    "gender_objective": True,
    "gender_indicator": True,
    "sex_disaggregated_data": True,
    "commitment_to_report": True,
}
PRINCIPAL = {"principal_objective": True, "would_not_exist_without": True}

DAC_TABLE = [
    ({}, "not_screened"),
    ({**MINIMUM, **PRINCIPAL}, "not_screened"),  # answers without screening do not count
    ({"screened": True}, "0"),
    ({"screened": True, **MINIMUM}, "1"),
    ({"screened": True, **MINIMUM, "principal_objective": True}, "1"),
    ({"screened": True, **MINIMUM, **PRINCIPAL}, "2"),
    ({"screened": True, **MINIMUM, "gender_indicator": False, **PRINCIPAL}, "0"),
]


@pytest.mark.parametrize(("answers", "expected"), DAC_TABLE)
def test_dac_checklist(answers: dict[str, bool], expected: str) -> None:
    assert score_dac(DacAnswers(**answers)).code == expected


def test_dac_not_screened_is_not_zero() -> None:
    result = score("dac", {"screened": False})
    assert result.code == "not_screened" != "0"
    assert "not the same as 0" in result.sentences()[0]


def test_dac_reasons_list_what_is_missing_for_the_next_level() -> None:
    zero = score("dac", {"screened": True, **MINIMUM, "gender_indicator": False}).sentences()
    assert "Missing for 1 (significant): a gender-specific indicator backs that objective." in zero
    one = score("dac", {"screened": True, **MINIMUM}).sentences()
    assert sum(s.startswith("Missing for 2") for s in one) == 2


# --- crosswalk and IATI --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("iom", "dac"),
    [("2b", "2"), ("2a", "1"), ("1", "0"), ("0", "0"), ("N/A", "not_screened")],
)
def test_crosswalk_suggests_a_dac_code(iom: str, dac: str) -> None:
    assert scoring.dac_suggestion_from_iom(iom) == dac


def test_iati_markers_carry_significance_and_our_own_code() -> None:
    assert scoring.iati_policy_markers(dac_code="1", own_code="2a") == [
        {"vocabulary": "1", "code": "1", "significance": "1"},
        {"vocabulary": "99", "code": "2a"},
    ]


def test_iati_leaves_out_a_project_not_screened() -> None:
    assert scoring.iati_policy_markers(dac_code="not_screened", own_code="N/A") == [
        {"vocabulary": "99", "code": "N/A"}
    ]


def test_reasons_translate_message_and_terms() -> None:
    french = {
        "Met: gender is addressed in %(part)s.": "Respecté : le genre est traité dans %(part)s.",
        "the needs assessment and rationale": "l’évaluation des besoins",
    }
    result = score_iom(IomAnswers(True, False, False))
    sentences = result.sentences(lambda s: french.get(s, s))
    assert sentences[0] == "Respecté : le genre est traité dans l’évaluation des besoins."


def test_unknown_scheme_is_refused() -> None:
    with pytest.raises(AnswerError):
        score("nope", {})
