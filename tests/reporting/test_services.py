"""Filing, checking, reviewing and freezing progress reports, through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from pat.core.locking import EditConflict
from pat.markers.models import MarkerAssessment
from pat.reporting import results, services
from pat.reporting.models import ReportState, ResultFigure
from pat.reviews.models import TaskState
from tests.reporting.conftest import filled, indicators, submitted


def test_a_quarterly_schedule_cuts_the_year_into_four_periods_the_last_one_final(
    reporting_project: Any,
) -> None:
    periods = list(reporting_project.reporting_periods.order_by("start"))
    assert [(p.start, p.end, p.kind) for p in periods] == [
        (dt.date(2025, 1, 1), dt.date(2025, 3, 31), "interim"),
        (dt.date(2025, 4, 1), dt.date(2025, 6, 30), "interim"),
        (dt.date(2025, 7, 1), dt.date(2025, 9, 30), "interim"),
        (dt.date(2025, 10, 1), dt.date(2025, 12, 31), "final"),
    ]
    assert periods[0].due_on == dt.date(2025, 4, 30)
    assert periods[-1].due_on == dt.date(2026, 3, 31)


def test_a_report_starts_with_a_row_per_indicator(first_report: Any) -> None:
    assert first_report.state == ReportState.DRAFT
    assert first_report.actuals.count() == 2


def test_actuals_by_sex_and_age_that_add_up_are_saved(
    first_report: Any, developer: Any, bands: Any, reporting_project: Any
) -> None:
    report = services.report_save(
        report=first_report,
        actor=developer,
        expected_version=first_report.version,
        edit=filled(bands, reporting_project),
    )
    people, _other = indicators(reporting_project)
    actual = report.actuals.get(indicator=people)
    assert actual.value == 30
    assert sorted(int(c.value) for c in actual.cells.all()) == [4, 6, 8, 12]
    assert report.spending.count() == 2
    assert report.version == 2


@pytest.mark.parametrize(
    ("total", "cells", "where", "words"),
    [
        (
            Decimal(31),
            {("female", "child"): 6, ("male", "adult"): 24},
            "actual",
            "add up to 30, not 31",
        ),
        (
            Decimal(30),
            {("female", "child"): Decimal("6.5"), ("male", "adult"): Decimal("23.5")},
            "cells",
            "whole numbers",
        ),
        (Decimal(30), {}, "cells", "by sex and age"),
        (None, {("female", "child"): -1}, "cells", "whole numbers"),
    ],
)
def test_actuals_by_sex_and_age_that_break_the_targets_rule_are_refused_and_nothing_is_saved(
    first_report: Any,
    developer: Any,
    bands: Any,
    reporting_project: Any,
    total: Any,
    cells: dict[Any, Any],
    where: str,
    words: str,
) -> None:
    people, _other = indicators(reporting_project)
    typed = {(sex, bands[band].pk): Decimal(v) for (sex, band), v in cells.items()}
    edit = services.ReportEdit(
        achievements="Changed",
        actuals={people.pk: services.ActualEdit(value=total, cells=typed)},
    )
    with pytest.raises(ValidationError) as caught:
        services.report_save(
            report=first_report, actor=developer, expected_version=first_report.version, edit=edit
        )
    assert words in " ".join(caught.value.message_dict[f"{where}-{people.pk}"])
    first_report.refresh_from_db()
    assert first_report.achievements == ""
    assert first_report.version == 1


def test_cells_without_a_total_make_the_total(
    first_report: Any, developer: Any, bands: Any, reporting_project: Any
) -> None:
    people, _other = indicators(reporting_project)
    edit = services.ReportEdit(
        actuals={people.pk: services.ActualEdit(cells={("female", bands["adult"].pk): Decimal(7)})}
    )
    report = services.report_save(
        report=first_report, actor=developer, expected_version=1, edit=edit
    )
    assert report.actuals.get(indicator=people).value == 7


def test_a_stale_save_is_refused(
    first_report: Any, developer: Any, bands: Any, reporting_project: Any
) -> None:
    services.report_save(
        report=first_report,
        actor=developer,
        expected_version=1,
        edit=services.ReportEdit(achievements="first"),
    )
    with pytest.raises(EditConflict):
        services.report_save(
            report=first_report,
            actor=developer,
            expected_version=1,
            edit=services.ReportEdit(achievements="second"),
        )
    first_report.refresh_from_db()
    assert first_report.achievements == "first"


def test_someone_outside_the_project_cannot_write_its_report(
    first_report: Any, colleague: Any
) -> None:
    with pytest.raises(services.ReportDenied):
        services.report_save(
            report=first_report,
            actor=colleague,
            expected_version=1,
            edit=services.ReportEdit(achievements="x"),
        )


def test_a_report_without_its_narrative_and_actuals_cannot_be_submitted(
    first_report: Any, developer: Any, regional_reviewer: Any, focal_point: Any
) -> None:
    with pytest.raises(services.ReportError) as caught:
        services.report_submit(report=first_report, actor=developer, expected_version=1)
    assert "achievements" in caught.value.message
    first_report.refresh_from_db()
    assert first_report.state == ReportState.DRAFT


def test_a_submitted_report_is_reviewed_by_the_regional_office_and_the_focal_point(
    first_report: Any,
    developer: Any,
    bands: Any,
    reporting_project: Any,
    regional_reviewer: Any,
    focal_point: Any,
) -> None:
    report = submitted(first_report, developer, bands, reporting_project)
    assert report.state == ReportState.IN_REVIEW
    reviews = {r.kind: r for r in report.reviews.all()}
    assert set(reviews) == {"regional", "gfp"}
    assert services.may_decide(regional_reviewer, reviews["regional"])
    assert not services.may_decide(developer, reviews["regional"])
    assert services.may_decide(focal_point, reviews["gfp"])


def test_every_endorsement_freezes_the_report_and_writes_its_figures(
    first_report: Any,
    developer: Any,
    bands: Any,
    reporting_project: Any,
    regional_reviewer: Any,
    focal_point: Any,
) -> None:
    report = submitted(first_report, developer, bands, reporting_project)
    reviews = {r.kind: r for r in report.reviews.all()}
    services.review_decide(review=reviews["regional"], actor=regional_reviewer, decision="endorse")
    report.refresh_from_db()
    assert report.state == ReportState.IN_REVIEW
    services.review_decide(
        review=reviews["gfp"],
        actor=focal_point,
        decision="endorse_with_comments",
        note="Say more about boys.",
    )
    report.refresh_from_db()
    assert report.state == ReportState.ENDORSED
    assert report.snapshot["actuals"][0]["value"] == "30"
    assert ResultFigure.objects.filter(report=report).count() == 4
    with pytest.raises(services.ReportError):
        services.report_save(
            report=report,
            actor=developer,
            expected_version=report.version,
            edit=services.ReportEdit(achievements="later"),
        )


def test_a_return_needs_a_reason_closes_the_other_review_and_lets_the_writers_edit_again(
    first_report: Any,
    developer: Any,
    bands: Any,
    reporting_project: Any,
    regional_reviewer: Any,
    focal_point: Any,
) -> None:
    report = submitted(first_report, developer, bands, reporting_project)
    reviews = {r.kind: r for r in report.reviews.all()}
    with pytest.raises(services.ReportError):
        services.review_decide(
            review=reviews["regional"], actor=regional_reviewer, decision="return"
        )
    services.review_decide(
        review=reviews["regional"],
        actor=regional_reviewer,
        decision="return",
        note="Shelter figure lacks a source.",
    )
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED
    assert report.reviews.get(kind="gfp").state == TaskState.CLOSED
    report = services.report_submit(report=report, actor=developer, expected_version=report.version)
    assert report.reviews.filter(round=2).count() == 2


def test_a_reviewer_of_another_office_cannot_decide(
    first_report: Any,
    developer: Any,
    bands: Any,
    reporting_project: Any,
    regional_reviewer: Any,
    focal_point: Any,
    reviewer: Any,
) -> None:
    report = submitted(first_report, developer, bands, reporting_project)
    with pytest.raises(services.ReportDenied):
        services.review_decide(
            review=report.reviews.get(kind="regional"), actor=reviewer, decision="endorse"
        )


def test_the_gender_marker_monitoring_phase_is_recorded_from_the_endorsed_report(
    first_report: Any,
    developer: Any,
    bands: Any,
    reporting_project: Any,
    regional_reviewer: Any,
    focal_point: Any,
) -> None:
    edit = filled(bands, reporting_project)
    edit.gam_answers = {m: "4" for m in "ABCDEFGHIJKL"} | {"targeted": False}
    report = services.report_save(
        report=first_report, actor=developer, expected_version=1, edit=edit
    )
    report = services.report_submit(report=report, actor=developer, expected_version=report.version)
    for review in report.reviews.all():
        who = regional_reviewer if review.kind == "regional" else focal_point
        services.review_decide(review=review, actor=who, decision="endorse")
    assessment = MarkerAssessment.objects.get(project=reporting_project, scheme="gam_monitoring")
    assert assessment.code == "4M"


def test_the_portfolio_reach_hides_counts_under_five(
    first_report: Any,
    developer: Any,
    bands: Any,
    reporting_project: Any,
    regional_reviewer: Any,
    focal_point: Any,
) -> None:
    report = submitted(first_report, developer, bands, reporting_project)
    for review in report.reviews.all():
        who = regional_reviewer if review.kind == "regional" else focal_point
        services.review_decide(review=review, actor=who, decision="endorse")
    reach = results.reach(region="WCA")
    assert reach.cell(2025, "women") == 12
    assert reach.cell(2025, "men") == 8
    assert reach.cell(2025, "boys") == "<5"  # 4 people
    # Boys alone hidden would be the total minus the others: the smallest other goes too.
    assert reach.cell(2025, "girls") == "<5"
    assert reach.cell(2025, "total") == 30
    assert reach.cell(results.TARGET_ROW, "women") == 40


def test_overdue_periods_get_one_reminder_a_day(
    reporting_project: Any, developer: Any, mailoutbox: Any, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert services.reminders_sweep(on=dt.date(2025, 5, 5)) == 1  # Q1 due 30 April
    assert services.reminders_sweep(on=dt.date(2025, 5, 5)) == 0


def test_endorsements_add_up_in_the_reach_totals_as_a_rebuild_would(
    first_report: Any,
    developer: Any,
    bands: Any,
    reporting_project: Any,
    regional_reviewer: Any,
    focal_point: Any,
) -> None:
    from pat.reporting.models import ReachTotal

    report = submitted(first_report, developer, bands, reporting_project)
    for review in report.reviews.all():
        who = regional_reviewer if review.kind == "regional" else focal_point
        services.review_decide(review=review, actor=who, decision="endorse")
    written = sorted(ReachTotal.objects.values_list("year", "sex", "adult", "value"))
    assert written == [
        (2025, "female", False, 6),
        (2025, "female", True, 12),
        (2025, "male", False, 4),
        (2025, "male", True, 8),
    ]
    # Writing the figures again changes nothing; a rebuild from the figures agrees.
    services.write_figures(report)
    assert sorted(ReachTotal.objects.values_list("year", "sex", "adult", "value")) == written
    services.reach_totals_rebuild()
    assert sorted(ReachTotal.objects.values_list("year", "sex", "adult", "value")) == written
    assert results.reach(theme=999).projects == 0
