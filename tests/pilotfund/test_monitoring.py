"""Monitoring reads the projects' progress reports: their periods and states on the grant's
page, and the latest endorsed actuals beside the targets in the final report."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from pat.pilotfund import monitoring, report
from pat.reporting import services as reporting
from tests.reporting.conftest import (  # noqa: F401 - fixtures
    bands,
    filled,
    first_report,
    regional_office,
    regional_reviewer,
    reporting_project,
)

pytestmark = pytest.mark.django_db


def test_an_endorsed_report_gives_its_actuals_and_narrative_to_the_final_report(
    first_report: Any,  # noqa: F811
    developer: Any,
    bands: Any,  # noqa: F811
    reporting_project: Any,  # noqa: F811
    regional_reviewer: Any,  # noqa: F811
    focal_point: Any,
) -> None:
    assert monitoring.latest_actuals(reporting_project) == {}
    saved = reporting.report_save(
        report=first_report,
        actor=developer,
        expected_version=first_report.version,
        edit=filled(bands, reporting_project),
    )
    submitted = reporting.report_submit(
        report=saved, actor=developer, expected_version=saved.version
    )
    [line] = monitoring.reports_of(reporting_project)
    assert not line.endorsed
    for review in submitted.reviews.all():
        who = regional_reviewer if review.kind == "regional" else focal_point
        reporting.review_decide(review=review, actor=who, decision="endorse")
    [line] = monitoring.reports_of(reporting_project)
    assert line.endorsed
    assert line.period.startswith(str(submitted.period.start))
    assert sorted(monitoring.latest_actuals(reporting_project).values()) == [
        Decimal(1),
        Decimal(30),
    ]
    table = report._results(reporting_project)[0][1]
    assert table[0][-1] == "Latest actual"
    assert [row[-1] for row in table[1:]] == ["30", "1"]
