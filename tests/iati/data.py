"""Projects worth publishing: dates, budget, countries, donors, partners, markers, results."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pat.markers.services import assessment_save
from pat.projects import services
from pat.projects.models import AgeBand, Donor, Project
from tests import factories

ALL_MET = {"needs_assessment": True, "results_matrix": True, "activities": True}


def published_project(*, office: Any, actor: Any, code: str = "CT.0101") -> Project:
    project: Project = factories.ProjectFactory(
        code=code,
        executing_office=office,
        status="active",
        title="Safe labour migration for women domestic workers",
        summary="Pre-departure orientation and referral services.",
        rationale="Women recruited abroad report deception about wages.",
        objective="Women and men migrate safely and know their rights.",
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2027, 12, 31),
        budget=Decimal("1250000.00"),
        currency="EUR",
    )
    project.countries.set(["NG", "GH"])
    donor, _created = Donor.objects.get_or_create(code="eu", defaults={"name": "European Union"})
    project.donors.set([donor])
    services.partner_add(
        project=project, actor=actor, organization="Ministry of Labour", kind="government", role="4"
    )
    services.partner_add(
        project=project,
        actor=actor,
        organization="Women Migrant Workers Association",
        kind="ngo",
        role="4",
    )
    assessment_save(project=project, scheme="iom", answers=ALL_MET, evidence={}, actor=actor)
    outcome = factories.result_add(
        project=project,
        actor=actor,
        parent=None,
        statement="Women recruited abroad know their rights",
    )
    bands = {b.label: b.pk for b in AgeBand.objects.filter(band_set__code="children-adults")}
    factories.indicator_add(
        result=outcome,
        actor=actor,
        fields={
            "statement": "Share of migrants who know where to seek help",
            "measure": "2",
            "baseline_value": Decimal("20"),
            "target_value": Decimal("75"),
            "target_date": dt.date(2027, 6, 30),
        },
    )
    output = factories.result_add(
        project=project,
        actor=actor,
        parent=outcome,
        statement="Orientation sessions held in every district",
    )
    factories.indicator_add(
        result=output,
        actor=actor,
        fields={
            "statement": "Number of people trained",
            "counts_people": True,
            "band_set": bands and AgeBand.objects.get(pk=bands["18+"]).band_set,
        },
        targets={
            ("female", bands["18+"]): 300,
            ("male", bands["18+"]): 20,
            ("female", bands["0–17"]): 5,
        },
    )
    factories.result_add(project=project, actor=actor, parent=output, statement="Sessions in Kano")
    project.refresh_from_db()
    return project


def endorsed_report(
    project: Project,
    *,
    start: dt.date,
    end: dt.date,
    cells: dict[tuple[str, str], int],
    share: Decimal | None = None,
) -> Any:
    """An endorsed report (frozen as the reporting services freeze it): the people trained by
    sex and age (band labels), and the share of migrants who know where to seek help."""
    from pat.reporting import services as reporting
    from pat.reporting.models import ActualCell, IndicatorActual, ProgressReport, ReportingPeriod

    bands = {b.label: b for b in AgeBand.objects.filter(band_set__code="children-adults")}
    period = ReportingPeriod.objects.create(project=project, start=start, end=end, due_on=end)
    report = ProgressReport.objects.create(period=period, project=project)
    people = project.results.get(indicators__counts_people=True).indicators.get()
    actual = IndicatorActual.objects.create(
        report=report, indicator=people, value=Decimal(sum(cells.values()))
    )
    for (sex, band), value in cells.items():
        ActualCell.objects.create(actual=actual, sex=sex, band=bands[band], value=Decimal(value))
    if share is not None:
        other = project.results.get(level="outcome").indicators.get()
        IndicatorActual.objects.create(report=report, indicator=other, value=share)
    reporting._freeze(report)
    return report
