"""Vacancy mode: coded wording counted only where it describes the person or the workplace."""

from pathlib import Path

import pytest

from pat.terminology import check, vacancy_report, verdict_for
from pat.terminology.rules import clear_caches

FIXTURES = Path(__file__).parent / "fixtures" / "data"


@pytest.fixture(autouse=True)
def fixture_rules(monkeypatch):
    monkeypatch.setenv("PAT_TERMINOLOGY_DATA", str(FIXTURES))
    clear_caches()
    yield
    monkeypatch.delenv("PAT_TERMINOLOGY_DATA")
    clear_caches()


@pytest.mark.parametrize(
    ("score", "verdict"),
    [
        (7, "strongly feminine-coded"),
        (4, "strongly feminine-coded"),
        (3, "feminine-coded"),
        (1, "feminine-coded"),
        (0, "neutral"),
        (-1, "masculine-coded"),
        (-3, "masculine-coded"),
        (-4, "strongly masculine-coded"),
        (-9, "strongly masculine-coded"),
    ],
)
def test_verdict_boundaries_follow_gender_decoder(score, verdict):
    assert verdict_for(score) == verdict


def coded(text, lang="en"):
    return [(c.term, c.coding) for c in vacancy_report(text, lang).coded]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We want an ambitious and analytical person.",
            [("ambitious", "masculine"), ("analytical", "masculine")],
        ),
        (
            "You are supportive, committed and warm.",
            [("supportive", "feminine"), ("committed", "feminine"), ("warm", "feminine")],
        ),
        (
            "You work independently and are self-reliant.",
            [("independently", "masculine"), ("self-reliant", "masculine")],
        ),
        ("Leadership matters here.", [("Leadership", "masculine")]),
    ],
)
def test_it_counts_stems_by_prefix_at_word_start(text, expected):
    assert coded(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Core Competencies\nYou write well.",
        "Core competencies",
        "Competencies:\nYou write well.",
        "We offer a competitive salary.",
        "Experience in child protection is required.",
        "You will join the Regional Task Force.",
        "The Child Protection Officer reports to the head of office.",
        "Title: Support Officer",
        "You will report to the team leader.",
        "Send it to analyst@example.org.",
    ],
)
def test_it_does_not_count_headings_names_titles_and_boilerplate(text):
    assert coded(text) == []


def test_score_and_verdict_of_a_notice():
    report = vacancy_report(
        "Core Competencies\nYou are ambitious, competitive, analytical and decisive. "
        "You are supportive.",
        "en",
    )
    assert (report.masculine, report.feminine, report.score) == (4, 1, -3)
    assert report.verdict == "masculine-coded"
    d = report.to_dict()
    assert d["score"] == -3 and d["verdict"] == "masculine-coded"
    assert d["coded"][0] == {
        "start": 26,
        "end": 35,
        "term": "ambitious",
        "coding": "masculine",
        "phrase": "You are ambitious, competitive, analytical and decisive",
        "added": False,
    }


def test_bullets_are_not_headings():
    assert coded("Skills\n- Ambitious self-starter\n- Supportive colleague") == [
        ("Ambitious", "masculine"),
        ("Supportive", "feminine"),
    ]


def test_accented_words_are_kept_and_matched():
    assert coded("Buscamos una persona líder, autónoma y con empatía.", "es") == [
        ("líder", "masculine"),
        ("autónoma", "masculine"),
        ("empatía", "feminine"),
    ]
    assert coded("Ofrecemos un salario competitivo.", "es") == []
    assert coded("Vous êtes bienveillante et compétitive.", "fr") == [
        ("bienveillante", "feminine"),
        ("compétitive", "masculine"),
    ]


def test_vacancy_report_includes_vacancy_findings():
    report = vacancy_report("Hey guys, we want an ambitious chairman.", "en")
    assert [f.term for f in report.findings] == ["guys", "chairman"]
    assert [f.term for f in check("Hey guys.", "en", "vacancy")] == ["guys"]


def test_title_case_bullets_still_count():
    text = (
        "Skills\n- Strong Leadership Skills\n- Analytical Thinking\n\u2022 Supportive Team Player"
    )
    assert coded(text) == [
        ("Leadership", "masculine"),
        ("Analytical", "masculine"),
        ("Supportive", "feminine"),
    ]
