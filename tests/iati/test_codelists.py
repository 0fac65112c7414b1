"""Every code PAT writes comes from the IATI codelists copied into the app."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from lxml import etree

from pat.iati import export, mapping
from pat.iati.codelists import codes
from pat.iati.validity import schema_errors
from pat.projects.models import AgeBand, Indicator, Organization, Status
from pat.reporting.models import ActualCell, IndicatorActual, ProgressReport, ReportingPeriod
from tests.iati.data import published_project

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.mark.parametrize(
    ("table", "codelist"),
    [
        (mapping.STATUS_TO_IATI.values(), "ActivityStatus"),
        (mapping.TYPE_TO_SECTOR.values(), "Sector"),
        (mapping.KIND_TO_ORG_TYPE.values(), "OrganisationType"),
        (mapping.DESCRIPTION_FIELDS.keys(), "DescriptionType"),
        (mapping.LEVEL_TO_RESULT_TYPE.values(), "ResultType"),
        ([c for c, _label in Indicator.Measure.choices], "IndicatorMeasure"),
        ([mapping.DAC_VOCABULARY, mapping.OWN_VOCABULARY], "PolicyMarkerVocabulary"),
        ([mapping.GENDER_CODE], "PolicyMarker"),
        ([mapping.SECTOR_VOCABULARY], "SectorVocabulary"),
        (["0", "1", "2"], "PolicySignificance"),
    ],
)
def test_each_mapped_code_is_in_its_codelist(table: Any, codelist: str) -> None:
    assert set(table) <= codes(codelist)


def test_every_status_and_organization_kind_has_a_code() -> None:
    assert set(mapping.STATUS_TO_IATI) == {s for s, _label in Status.choices}
    assert set(mapping.KIND_TO_ORG_TYPE) == {k for k, _label in Organization.Kind.choices}
    assert set(mapping.STATUS_FROM_IATI) == codes("ActivityStatus")


@pytest.mark.parametrize(
    ("count", "parts"),
    [(1, ["100"]), (2, ["50", "50"]), (3, ["33.33", "33.33", "33.34"]), (0, [])],
)
def test_country_shares_add_up_to_100(count: int, parts: list[str]) -> None:
    assert mapping.shares(count) == parts


CODED = [
    ("//activity-status/@code", "ActivityStatus"),
    ("//activity-date/@type", "ActivityDateType"),
    ("//participating-org/@role", "OrganisationRole"),
    ("//participating-org/@type | //reporting-org/@type", "OrganisationType"),
    ("//recipient-country/@code", "Country"),
    ("//sector[@vocabulary='1']/@code", "Sector"),
    ("//sector/@vocabulary", "SectorVocabulary"),
    ("//policy-marker/@vocabulary", "PolicyMarkerVocabulary"),
    ("//policy-marker[@vocabulary='1']/@code", "PolicyMarker"),
    ("//policy-marker/@significance", "PolicySignificance"),
    ("//budget/@type", "BudgetType"),
    ("//budget/@status", "BudgetStatus"),
    ("//@currency | //@default-currency", "Currency"),
    ("//description/@type", "DescriptionType"),
    ("//result/@type", "ResultType"),
    ("//indicator/@measure", "IndicatorMeasure"),
]


def _report(project: Any, *, start: dt.date, end: dt.date, cells: dict[Any, int]) -> None:
    """An endorsed report with the actual of the indicator that counts people, by sex and age
    (as the reporting app leaves it once every review endorsed it), and a draft beside it."""
    indicator = Indicator.objects.get(result__project=project, counts_people=True)
    for state in ("endorsed", "draft"):
        period = ReportingPeriod.objects.create(
            project=project, start=start, end=end + dt.timedelta(days=len(state)), due_on=end
        )
        report = ProgressReport.objects.create(period=period, project=project, state=state)
        actual = IndicatorActual.objects.create(
            report=report, indicator=indicator, value=Decimal(sum(cells.values()))
        )
        for (sex, band), value in cells.items():
            ActualCell.objects.create(actual=actual, sex=sex, band=band, value=Decimal(value))


@pytest.mark.django_db
@pytest.mark.parametrize("with_reports", [False, True])
def test_the_export_is_valid_and_uses_codelist_values_with_and_without_reports(
    country_office: Any, developer: Any, with_reports: bool
) -> None:
    project = published_project(office=country_office, actor=developer)
    if with_reports:
        adults = AgeBand.objects.get(band_set__code="children-adults", label="18+")
        _report(
            project,
            start=dt.date(2025, 1, 1),
            end=dt.date(2025, 6, 30),
            cells={("female", adults): 120, ("male", adults): 9},
        )
        _report(
            project,
            start=dt.date(2025, 7, 1),
            end=dt.date(2025, 12, 31),
            cells={("female", adults): 80},
        )
    out = io.BytesIO()
    export.write(out, export.published())
    root = etree.fromstring(out.getvalue())

    assert schema_errors(root) == []
    for path, codelist in CODED:
        found = set(root.xpath(path))
        assert found, path
        assert found <= codes(codelist), (path, found - codes(codelist))
    assert set(root.xpath("//@xml:lang")) <= {c.lower() for c in codes("Language")}
    actuals = root.xpath("//period[actual]")
    if not with_reports:
        assert actuals == []
        return
    # The endorsed reports only (ending the day after: len("endorsed") days later).
    assert [p.find("period-end").get("iso-date") for p in actuals] == ["2025-07-08", "2026-01-08"]
    first = actuals[0]
    assert [a.get("value") for a in first.iter("actual")] == ["129", "120", "9"]
    dimensions = [
        [(d.get("name"), d.get("value")) for d in a.iter("dimension")] for a in first.iter("actual")
    ]
    assert dimensions == [
        [],
        [("sex", "female"), ("age", "18+")],
        [("sex", "male"), ("age", "18+")],
    ]


@pytest.mark.django_db
def test_the_dac_marker_and_our_own_marker_are_published_side_by_side(
    country_office: Any, developer: Any
) -> None:
    published_project(office=country_office, actor=developer)
    out = io.BytesIO()
    export.write(out, export.published())
    markers = [dict(m.attrib) for m in etree.fromstring(out.getvalue()).iter("policy-marker")]
    assert markers == [
        {"vocabulary": "1", "code": "1", "significance": "1"},  # IOM 2a suggests DAC 1
        {
            "vocabulary": "99",
            "code": "2a",
            "vocabulary-uri": "http://127.0.0.1:8000/guide/gender-markers/",
        },
    ]
