"""The demo's progress reports: active projects (the pilot fund's running pilots among them)
with two reports and one late quarter; a second `pat demo` tops up, it never files twice."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from pat.pilotfund.models import Grant
from pat.projects.models import Project
from pat.reporting.models import ProgressReport, ReportingPeriod
from pat.reporting.services import overdue

pytestmark = pytest.mark.django_db


def test_active_demo_projects_have_two_reports_and_one_late_and_a_second_run_adds_none() -> None:
    call_command("demo", "--projects", "120", "--quiet", stdout=io.StringIO())
    reporting = Project.objects.filter(progress_reports__isnull=False).distinct()
    assert reporting.count() >= 4
    for project in reporting:
        assert project.status == "active"
        reports = list(project.progress_reports.order_by("period__start"))
        assert 2 <= len(reports) <= 3
        late = [
            p
            for p in ReportingPeriod.objects.filter(project=project, report__isnull=True)
            if overdue(p)
        ]
        assert len(late) == 1, project.code
        assert project.progress_reports.filter(spending__isnull=False).exists()
    assert ProgressReport.objects.filter(state="endorsed").exists()
    assert ProgressReport.objects.filter(state="in_review").exists()
    # The pilot fund's pilots paid in full are running, and report.
    running = Project.objects.filter(
        fund_proposals__grant__in=Grant.objects.all(), status="active"
    ).distinct()
    assert running.exists()
    assert set(running) <= set(reporting)
    filed = ProgressReport.objects.count()

    call_command("demo", "--projects", "120", "--quiet", stdout=io.StringIO())

    assert ProgressReport.objects.count() == filed
