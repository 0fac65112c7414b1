"""The UN-SWAP annual report: 17 indicators, action plans below "meets", evidence, approval."""

from __future__ import annotations

from typing import Any

import pytest

from pat.network import evidence, services
from pat.network.models import IndicatorRating, WggiMember

pytestmark = pytest.mark.django_db


def test_opening_a_report_lists_the_17_indicators_once(db: None) -> None:
    report = services.report_open(year=2026)
    services.report_open(year=2026)
    assert list(report.ratings.values_list("pi", flat=True)) == list(range(1, 18))


def test_a_rating_below_meets_needs_an_action_plan(db: None) -> None:
    report = services.report_open(year=2026)
    with pytest.raises(services.NetworkError, match="action plan"):
        services.rating_save(
            report=report,
            expected_lock=0,
            pi=7,
            rating="approaches",
            narrative="",
            evidence="",
            action_plan=" ",
        )
    services.rating_save(
        report=report,
        expected_lock=0,
        pi=7,
        rating="approaches",
        narrative="Senior managers speak up",
        evidence="",
        action_plan="Brief the directors",
    )
    assert IndicatorRating.objects.get(report=report, pi=7).rating == "approaches"


def test_approval_needs_every_indicator_rated_then_freezes_the_report(administrator: Any) -> None:
    report = services.report_open(year=2026)
    with pytest.raises(services.NetworkError, match="17 left"):
        services.report_approve(report=report, expected_lock=report.lock, actor=administrator)
    report.ratings.update(rating="meets")
    report = services.report_approve(report=report, expected_lock=report.lock, actor=administrator)
    assert report.status == "approved" and report.approved_by == administrator
    with pytest.raises(services.NetworkError, match="approved"):
        services.rating_save(
            report=report,
            expected_lock=report.lock,
            pi=1,
            rating="exceeds",
            narrative="",
            evidence="",
            action_plan="",
        )


def test_focal_point_evidence_counts_coverage_and_time_shares(
    field_focal_point: Any, other_office: Any, coordinator: Any
) -> None:
    WggiMember.objects.create(person=coordinator, since="2020-01-01")
    filled = evidence.focal_points_pi11(2026)
    assert filled.available
    assert "1 focal points; 1 of 2 field offices have one." in filled.lines[0]
    assert filled.table == [["Time share", "Focal points"], ["30%", "1"]]
    assert filled.lines[2] == "WGGI members: 1."


def test_without_the_staffing_app_the_report_says_there_is_no_staffing_data(
    settings: Any,
) -> None:
    settings.INSTALLED_APPS = [a for a in settings.INSTALLED_APPS if a != "pat.staffing"]
    filled = evidence.staffing_pi12(2026)
    assert not filled.available and filled.lines == ["No staffing data."]


def test_marker_evidence_says_no_project_data_when_there_is_none(db: None) -> None:
    filled = evidence.markers_pi9(2026)
    assert not filled.available and filled.lines == ["No project data."]


def test_marker_evidence_counts_assessed_projects(project: Any) -> None:
    filled = evidence.markers_pi9(2026)
    assert filled.available
    assert filled.lines[0].startswith("0 of 1 projects carry a marker assessment")


def test_the_report_page_shows_the_evidence_with_its_source_and_last_years_rating(
    client: Any, coordinator: Any, field_focal_point: Any
) -> None:
    last = services.report_open(year=2025)
    last.ratings.filter(pi=11).update(rating="exceeds")
    services.report_open(year=2026)
    client.force_login(coordinator)
    page = client.get("/network/reports/2026/").content.decode()
    assert "Source: Gender Focal Point register" in page
    assert "No staffing data." in page and "No training data." in page
    assert "Exceeds requirements" in page  # last year's PI 11, in the comparison column


def test_capacity_evidence_comes_from_the_years_exercise(
    campaign: Any, field_focal_point: Any
) -> None:
    from pat.network.models import Question, Response

    response = Response.objects.get(campaign=campaign, office__code="co-ng")
    questions = Question.objects.filter(section__questionnaire=campaign.questionnaire)
    answers = dict(zip([q.pk for q in questions], [("meets", ""), ("missing", "")], strict=True))
    response = services.answers_save(response=response, expected_lock=0, answers=answers)
    services.response_submit(
        response=response, expected_lock=response.lock, actor=field_focal_point
    )
    filled = evidence.assessment_pi14(campaign.opened_on.year)
    assert filled.lines == [
        "1 of 2 offices answered (50%).",
        "Answers meeting or exceeding requirements: 50%.",
    ]
    assert not evidence.assessment_pi14(campaign.opened_on.year - 1).available
