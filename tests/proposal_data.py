"""A complete proposal for tests: every part a reviewer reads, written through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pat.markers.services import assessment_save
from pat.projects import services as project_services
from pat.projects.models import AgeBandSet, IndicatorValue, ValueKind
from pat.proposals import services
from tests import factories as results

GENDER_ANALYSIS = (
    "Women and girls who migrate for domestic work are recruited through informal brokers "
    "and rarely hold a written contract, while men and boys more often travel for "
    "construction work with a sponsor. Women report withheld wages and confiscated "
    "passports twice as often as men; girls under eighteen are recruited with forged "
    "documents. Community leaders, most of them men, decide who travels, so sessions must "
    "reach women directly, at hours they can attend, with childcare on site."
)


def complete(project: Any, actor: Any) -> Any:
    """Fill every section of the project's proposal; returns the project."""
    project.start_date, project.end_date = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    project.budget, project.currency = Decimal("1500000"), "USD"
    project.save()
    for key, text in (
        ("gender-analysis", GENDER_ANALYSIS),
        ("partnerships", "The Ministry of Labour co-chairs the steering committee."),
        ("monitoring", "Quarterly monitoring visits by the project team."),
    ):
        services.section_save(project=project, key=key, text=text, expected_version=1, actor=actor)
    for key, text in (
        ("summary", "Pre-departure orientation for women domestic workers in Kano."),
        ("objective", "Women migrant workers exercise their rights, advancing gender equality."),
        ("rationale", "Recruitment abuses are common and go unreported."),
    ):
        project.refresh_from_db()
        services.section_save(
            project=project,
            key=key,
            text=text,
            expected_version=1,
            actor=actor,
        )
    outcome = results.result_add(
        project=project, actor=actor, parent=None, statement="Women migrants know their rights"
    )
    output = results.result_add(
        project=project, actor=actor, parent=outcome, statement="Orientation sessions held"
    )
    activity = results.result_add(
        project=project, actor=actor, parent=output, statement="Train community facilitators"
    )
    band_set = AgeBandSet.objects.get(code="children-adults")
    adult = band_set.bands.order_by("-min_age").first()
    assert adult is not None
    indicator = results.indicator_add(
        result=output,
        actor=actor,
        fields={
            "statement": "Number of people trained",
            "counts_people": True,
            "band_set": band_set,
            "means_of_verification": "Attendance sheets signed by participants",
            "baseline_value": Decimal(12),
        },
        targets={("female", adult.pk): Decimal(300), ("male", adult.pk): Decimal(20)},
    )
    IndicatorValue.objects.create(
        indicator=indicator, kind=ValueKind.BASELINE, sex="female", band=adult, value=9
    )
    services.work_plan_save(
        project=project,
        actor=actor,
        expected_version=1,
        unit="month",
        entries={activity.pk: ([2, 3, 4], "Field coordinator")},
    )
    services.budget_save(
        project=project,
        actor=actor,
        expected_version=1,
        lines=[
            {"category": "staff", "description": "Field coordinator", "amount": Decimal(84000)},
            {
                "category": "operational",
                "description": "Orientation sessions",
                "amount": Decimal("1250000.50"),
            },
        ],
    )
    services.risks_save(
        project=project,
        actor=actor,
        expected_version=1,
        rows=[
            {
                "risk": "Brokers discourage attendance",
                "likelihood": "high",
                "impact": "medium",
                "mitigation": "Sessions in women's groups",
                "owner": "Chief of Mission",
            }
        ],
    )
    project.refresh_from_db()
    project_services.beneficiaries_set(
        project=project,
        actor=actor,
        expected_version=project.version,
        kind="planned",
        counts={("female", adult.pk): 300, ("male", adult.pk): 20},
    )
    assessment_save(
        project=project,
        scheme="iom",
        answers={"needs_assessment": True, "results_matrix": True, "activities": True},
        evidence={},
        actor=actor,
    )
    project.refresh_from_db()
    return project
