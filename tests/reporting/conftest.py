"""A project that reports: active, dated, a results matrix with an indicator that counts people
(targets by sex and age) and one that does not, two budget lines, a quarterly schedule; the
regional office above it and its reviewer, the Gender Focal Point."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from pat.projects.models import AgeBand, Indicator, Project
from pat.proposals import services as proposal_services
from pat.reporting import services
from tests import factories


@pytest.fixture
def regional_office(hq: Any, country_office: Any) -> Any:
    office = factories.OfficeFactory(
        code="ro-dakar",
        name="Regional Office Dakar",
        kind="regional",
        country="SN",
        region="WCA",
        parent=hq,
    )
    country_office.parent = office
    country_office.save()
    return office


@pytest.fixture
def regional_reviewer(regional_office: Any) -> Any:
    user = factories.UserFactory(username="regional")
    factories.RoleFactory(user=user, office=regional_office, kind="reviewer")
    return user


@pytest.fixture
def bands(db: None) -> dict[str, AgeBand]:
    """The children-and-adults set: 0–17 and 18+."""
    found = AgeBand.objects.filter(band_set__code="children-adults").order_by("min_age")
    child, adult = list(found)
    return {"child": child, "adult": adult}


@pytest.fixture
def reporting_project(country_office: Any, developer: Any, bands: dict[str, AgeBand]) -> Project:
    project = factories.ProjectFactory(
        code="NG.0100",
        executing_office=country_office,
        status="active",
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2025, 12, 31),
    )
    outcome = factories.result_add(
        project=project, actor=developer, parent=None, statement="Survivors recover"
    )
    child, adult = bands["child"].pk, bands["adult"].pk
    factories.indicator_add(
        result=outcome,
        actor=developer,
        fields={
            "statement": "People who received case management",
            "counts_people": True,
            "band_set": bands["child"].band_set,
            "target_value": Decimal(100),
        },
        targets={
            ("female", child): 20,
            ("male", child): 20,
            ("female", adult): 40,
            ("male", adult): 20,
        },
    )
    factories.indicator_add(
        result=outcome,
        actor=developer,
        fields={"statement": "Shelters meeting the standard", "target_value": Decimal(3)},
    )
    project.refresh_from_db()
    proposal_services.budget_save(
        project=project,
        actor=developer,
        expected_version=1,
        lines=[
            {"category": "staff", "description": "Case workers", "amount": Decimal("50000")},
            {
                "category": "operational",
                "description": "Shelter running costs",
                "amount": Decimal("30000"),
            },
        ],
    )
    services.schedule_set(project=project, actor=developer, frequency="quarterly")
    return project


def indicators(project: Project) -> tuple[Indicator, Indicator]:
    people, other = Indicator.objects.filter(result__project=project).order_by("order", "id")
    return people, other


@pytest.fixture
def first_report(reporting_project: Project, developer: Any) -> Any:
    period = reporting_project.reporting_periods.order_by("start").first()
    return services.report_start(period=period, actor=developer)


def filled(bands: dict[str, AgeBand], project: Project, **narrative: str) -> services.ReportEdit:
    """A complete report: 30 people by sex and age, one shelter, spending, the narrative."""
    people, other = indicators(project)
    child, adult = bands["child"].pk, bands["adult"].pk
    lines = list(project.budget_lines.order_by("order"))
    return services.ReportEdit(
        achievements=narrative.get("achievements", "Case management started in two states."),
        challenges="Access to one state was cut for a month.",
        gender_results="Women were 60% of those reached; boys were the hardest to reach.",
        actuals={
            people.pk: services.ActualEdit(
                value=Decimal(30),
                means_of_verification="Case files",
                cells={
                    ("female", child): Decimal(6),
                    ("male", child): Decimal(4),
                    ("female", adult): Decimal(12),
                    ("male", adult): Decimal(8),
                },
            ),
            other.pk: services.ActualEdit(value=Decimal(1), comment="One of three."),
        },
        spending={lines[0].pk: Decimal("12000"), lines[1].pk: Decimal("7000")},
    )


def submitted(report: Any, developer: Any, bands: Any, project: Any) -> Any:
    """The report filled (`filled`) and submitted by its writer, as the report page does."""
    report = services.report_save(
        report=report, actor=developer, expected_version=report.version, edit=filled(bands, project)
    )
    return services.report_submit(report=report, actor=developer, expected_version=report.version)
