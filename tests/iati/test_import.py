"""The IATI import: the round trip, a donor's file with its warnings, hostile files refused."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from pat.iati import export, services
from pat.iati.models import Activity
from pat.iati.reading import Refused
from pat.projects.models import Indicator, Organization, Project, ProjectChange
from pat.reporting.models import ActualCell, ProgressReport, ReportingPeriod, ResultFigure
from tests.iati.data import endorsed_report, published_project

pytestmark = pytest.mark.django_db

DONOR_FILE = Path(__file__).parents[2] / "pat" / "iati" / "samples" / "donor-activities.xml"


def exported_bytes() -> bytes:
    out = io.BytesIO()
    export.write(out, export.published())
    return out.getvalue()


def activities(data: bytes) -> list[bytes]:
    """Each activity in canonical form, without the time it was last written."""
    root = etree.fromstring(data)
    found = []
    for activity in root.iter("iati-activity"):
        del activity.attrib["last-updated-datetime"]
        found.append(etree.tostring(activity, method="c14n"))
    return found


def test_export_import_into_an_empty_database_and_export_again_gives_the_same_activities(
    country_office: Any, developer: Any
) -> None:
    reporting = published_project(office=country_office, actor=developer)
    published_project(office=country_office, actor=developer, code="CT.0102")
    endorsed_report(
        reporting,
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 6, 30),
        cells={("female", "18+"): 120, ("male", "18+"): 9, ("female", "0–17"): 3},
        share=Decimal("31.5"),
    )
    endorsed_report(
        reporting,
        start=dt.date(2025, 7, 1),
        end=dt.date(2025, 12, 31),
        cells={("female", "18+"): 80},
    )
    first = exported_bytes()
    assert len(etree.fromstring(first).xpath("//period[actual]")) == 3
    ProgressReport.objects.all().delete()
    ReportingPeriod.objects.all().delete()
    Project.objects.all().delete()
    Organization.objects.all().delete()

    outcome = services.import_file(data=first, actor=None, dry_run=False)

    assert [line.action for line in outcome.lines] == ["created", "created"]
    assert [line.not_placed for line in outcome.lines] == [[], []]
    assert outcome.warnings == []
    again = exported_bytes()
    assert activities(again) == activities(first)
    assert len(activities(first)) == 2
    # The actuals came back as endorsed, frozen reports, one per period.
    reports = ProgressReport.objects.filter(project__code="CT.0101").order_by("period__start")
    assert [(r.state, str(r.period.end)) for r in reports] == [
        ("endorsed", "2025-06-30"),
        ("endorsed", "2025-12-31"),
    ]
    assert all(r.snapshot for r in reports)
    assert sorted(
        (f.sex, f.band.label, int(f.value)) for f in ResultFigure.objects.filter(report=reports[0])
    ) == [("female", "0–17", 3), ("female", "18+", 120), ("male", "18+", 9)]


def test_actuals_that_do_not_add_up_are_listed_and_nothing_of_them_is_written(
    country_office: Any, developer: Any
) -> None:
    project = published_project(office=country_office, actor=developer)
    endorsed_report(
        project,
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 6, 30),
        cells={("female", "18+"): 120, ("male", "18+"): 9},
        share=Decimal(40),
    )
    endorsed_report(
        project, start=dt.date(2025, 7, 1), end=dt.date(2025, 12, 31), cells={("male", "18+"): 5}
    )
    root = etree.fromstring(exported_bytes())
    # The first period's people do not add up to their total any more.
    [total] = root.xpath("//period[period-end/@iso-date='2025-06-30']/actual[@value='129']")
    total.set("value", "130")
    ProgressReport.objects.all().delete()
    ReportingPeriod.objects.all().delete()
    Project.objects.all().delete()
    Organization.objects.all().delete()

    outcome = services.import_file(data=etree.tostring(root), actor=None, dry_run=False)

    [line] = outcome.lines
    assert line.action == "created"
    assert line.not_placed == [
        "the actual of “Number of people trained” for 2025-01-01–2025-06-30: "
        "The actuals by sex and age add up to 129, not 130 (-1)."
    ]
    # The first period's report has the share only: the people are not half in it.
    first, second = ProgressReport.objects.order_by("period__start")
    assert [(a.indicator.statement, a.value) for a in first.actuals.all()] == [
        ("Share of migrants who know where to seek help", Decimal(40))
    ]
    assert [(a.indicator.statement, a.value) for a in second.actuals.all()] == [
        ("Number of people trained", Decimal(5))
    ]
    assert [(c.sex, int(c.value)) for c in ActualCell.objects.all()] == [("male", 5)]
    assert ResultFigure.objects.get().report == second


def test_actuals_of_an_indicator_the_project_does_not_have_are_listed(
    country_office: Any, developer: Any
) -> None:
    project = published_project(office=country_office, actor=developer)
    endorsed_report(
        project,
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 6, 30),
        cells={("female", "18+"): 12},
        share=Decimal(40),
    )
    data = exported_bytes()
    ProgressReport.objects.all().delete()
    ReportingPeriod.objects.all().delete()
    # Since the export, the project renamed its indicator: the file's no longer matches it.
    Indicator.objects.filter(result__project=project, counts_people=True).update(
        statement="People trained on safe migration"
    )

    outcome = services.import_file(data=data, actor=None, dry_run=False)

    [line] = outcome.lines
    assert line.action == "updated" and "reports" in line.changed
    assert (
        "1 actual values of “Number of people trained”: no indicator of the project has it"
        in line.not_placed
    )
    [report] = ProgressReport.objects.all()
    assert [a.value for a in report.actuals.all()] == [Decimal(40)]
    # Imported again: the period has its report, nothing more is written.
    again = services.import_file(data=data, actor=None, dry_run=False)
    assert "reports" not in again.lines[0].changed
    assert ProgressReport.objects.count() == 1


def test_an_import_of_the_same_file_again_changes_nothing(
    country_office: Any, developer: Any
) -> None:
    published_project(office=country_office, actor=developer)
    data = exported_bytes()
    services.import_file(data=data, actor=None, dry_run=False)
    changes = ProjectChange.objects.count()

    outcome = services.import_file(data=data, actor=None, dry_run=False)

    assert [line.action for line in outcome.lines] == ["unchanged"]
    assert ProjectChange.objects.count() == changes


def test_a_donor_file_is_read_with_each_schema_error_as_a_warning(country_office: Any) -> None:
    outcome = services.import_file(data=DONOR_FILE.read_bytes(), actor=None, dry_run=False)

    assert outcome.version == "2.02"
    assert len(outcome.warnings) == 2
    assert "line 37" in outcome.warnings[0] and "'type' is required" in outcome.warnings[0]
    assert "line 84" in outcome.warnings[1]
    assert [line.action for line in outcome.lines] == ["created", "created"]
    west_africa = Project.objects.get(iati__identifier="GB-GOV-1-300777-101")
    assert west_africa.code == "IM.0001"
    assert west_africa.title == "Safer migration for women and girls in West Africa"
    assert west_africa.executing_office == country_office  # the office of its first country
    assert west_africa.project_type.code == "migrant-assistance"  # 15190
    assert west_africa.status == "active"
    assert str(west_africa.budget) == "750000.00" and west_africa.currency == "GBP"
    assert sorted(c.code for c in west_africa.countries.all()) == ["NE", "NG"]
    # The narrative in the activity's own language; the others kept for the next export.
    senegal = Project.objects.get(iati__identifier="GB-GOV-1-300777-102")
    assert senegal.title == "Retour et réintégration durables au Sénégal"
    assert senegal.iati.kept["translations"]["title"]["en"] == (
        "Sustainable return and reintegration in Senegal"
    )
    kept = west_africa.iati.kept
    assert {
        "vocabulary": "99",
        "vocabulary-uri": "http://example.org/donor-gender-marker",
        "code": "GM3",
        "significance": "2",
    } in kept["policy_markers"]
    assert [s["code"] for s in kept["sectors"]] == ["15180", "MIG-PROT"]
    assert kept["unplaced"][0].startswith("<transaction")
    not_placed = " | ".join(outcome.lines[0].not_placed)
    assert "transaction" in not_placed
    assert "description of type 3" in not_placed
    assert "result of type -" in not_placed
    # A total without its cells by sex and age breaks the reporting rule: listed, not placed.
    assert "for 2025-04-01–2026-03-31: Give the actual by sex and age" in not_placed
    assert not ProgressReport.objects.filter(project=west_africa).exists()
    assert not ReportingPeriod.objects.filter(project=west_africa).exists()
    # The results matrix with targets by sex and age ("0-17" read as the band "0–17").
    indicator = west_africa.results.get(level="outcome").indicators.get()
    assert indicator.counts_people and indicator.target_value == 1200
    assert sorted((v.sex, v.band.label, int(v.value)) for v in indicator.values.all()) == [
        ("female", "0–17", 300),
        ("female", "18+", 700),
        ("male", "18+", 200),
    ]
    # Written with history, as every project write.
    assert west_africa.changes.filter(action="created").exists()
    assert west_africa.changes.filter(action="results").exists()


def test_what_the_donor_marked_is_published_again_beside_our_own_markers(
    country_office: Any,
) -> None:
    services.import_file(data=DONOR_FILE.read_bytes(), actor=None, dry_run=False)
    Project.objects.filter(iati__identifier="GB-GOV-1-300777-101").update(status="active")
    root = etree.fromstring(exported_bytes())
    activity = next(
        a
        for a in root.iter("iati-activity")
        if a.findtext("title/narrative", "").startswith("Safer")
    )
    markers = [dict(m.attrib) for m in activity.iter("policy-marker")]
    assert {"vocabulary": "1", "code": "1", "significance": "2"} in markers
    assert {
        "vocabulary": "99",
        "vocabulary-uri": "http://example.org/donor-gender-marker",
        "code": "GM3",
        "significance": "2",
    } in markers
    sectors = [s.get("code") for s in activity.iter("sector")]
    assert sectors == ["15190", "15180", "MIG-PROT"]
    french = activity.find("title/narrative[@{http://www.w3.org/XML/1998/namespace}lang='fr']")
    assert french is not None and french.text.startswith("Une migration")


def test_a_dry_run_reports_what_would_change_and_changes_nothing(country_office: Any) -> None:
    before = (Project.objects.count(), ProjectChange.objects.count(), Activity.objects.count())

    outcome = services.import_file(data=DONOR_FILE.read_bytes(), actor=None, dry_run=True)

    assert outcome.dry_run and [line.action for line in outcome.lines] == ["created", "created"]
    assert outcome.lines[0].not_placed
    after = (Project.objects.count(), ProjectChange.objects.count(), Activity.objects.count())
    assert after == before


def test_an_update_writes_the_changed_fields_with_history(country_office: Any) -> None:
    data = DONOR_FILE.read_bytes()
    services.import_file(data=data, actor=None, dry_run=False)
    changed = data.replace(b'<activity-status code="1"/>', b'<activity-status code="2"/>')
    changed = changed.replace(b"2027-12-31", b"2028-06-30")

    outcome = services.import_file(data=changed, actor=None, dry_run=False)

    assert [line.action for line in outcome.lines] == ["unchanged", "updated"]
    assert outcome.lines[1].changed == ["end_date", "status"]
    senegal = Project.objects.get(iati__identifier="GB-GOV-1-300777-102")
    assert senegal.status == "active" and str(senegal.end_date) == "2028-06-30"
    latest = [set(c.changes) for c in senegal.changes.order_by("-id")[:2]]
    assert latest == [{"status"}, {"end_date"}]


HOSTILE = {
    "billion laughs": b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&lol3;</iati-identifier>
</iati-activity></iati-activities>""",
    "external entity": b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&xxe;</iati-identifier>
</iati-activity></iati-activities>""",
    "huge depth": b"<iati-activities version='2.03'><iati-activity>"
    + b"<a>" * 5000
    + b"</a>" * 5000
    + b"</iati-activity></iati-activities>",
    "not xml": b"code,title\nCT.0001,Not XML\n",
    "other xml": b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>",
    "iati 1.x": b"<iati-activities version='1.05'><iati-activity/></iati-activities>",
    "too big": b"<iati-activities version='2.03'>"
    + b" " * (21 * 1024 * 1024)
    + b"</iati-activities>",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_or_foreign_files_are_refused_with_a_message_and_change_nothing(
    name: str, country_office: Any
) -> None:
    before = (Project.objects.count(), ProjectChange.objects.count(), Activity.objects.count())
    with pytest.raises(Refused) as refusal:
        services.import_file(data=HOSTILE[name], actor=None, dry_run=False)
    assert str(refusal.value)
    after = (Project.objects.count(), ProjectChange.objects.count(), Activity.objects.count())
    assert after == before


LONE = b"""<iati-activity xmlns:x="http://example.org/x" x:source="partner" default-currency="USD">
  <iati-identifier>XM-DAC-41121-ETH-2201</iati-identifier>
  <reporting-org ref="XM-DAC-41121" type="40"><narrative>UNHCR</narrative></reporting-org>
  <title><narrative>Shelter for displaced women</narrative></title>
  <description><narrative>Shelter and dignity kits.</narrative></description>
  <participating-org role="4" type="40"><narrative>UNHCR</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date iso-date="2024-01-01" type="1"/>
  <x:note>kept out</x:note>
</iati-activity>"""


@pytest.mark.parametrize(
    "data",
    [
        LONE,
        b'<iati-activities version="2.01">' + LONE + b"</iati-activities>",
    ],
    ids=["lone activity", "version 2.01"],
)
def test_an_activity_is_read_with_or_without_the_iati_activities_root(
    data: bytes, country_office: Any
) -> None:
    outcome = services.import_file(data=data, actor=None, dry_run=False)

    assert outcome.warnings == [] and [line.action for line in outcome.lines] == ["created"]
    project = Project.objects.get(iati__identifier="XM-DAC-41121-ETH-2201")
    assert project.title == "Shelter for displaced women"
    assert project.summary == "Shelter and dignity kits."
    assert [(p.organization.name, p.role) for p in project.partners.all()] == [("UNHCR", "4")]
