"""The XLSX template: filled offline and uploaded, all or nothing, with a per-cell report."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from pat.reporting import workbook
from pat.reporting.models import ProgressReport
from tests import hostile_files
from tests.reporting.conftest import indicators


def _fill(data: bytes, values: dict[str, Any]) -> bytes:
    book = load_workbook(io.BytesIO(data))
    sheet = book[workbook.SHEET]
    for row in sheet.iter_rows(min_row=2):
        key = row[0].value
        if key in values:
            column, value = values[key]
            row[column - 1].value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _values(project: Any, bands: Any, people_total: Any = 20) -> dict[str, Any]:
    people, other = indicators(project)
    child, adult = bands["child"].pk, bands["adult"].pk
    return {
        f"A{people.pk}": (workbook.ACTUAL, people_total),
        f"C{people.pk}:female:{child}": (workbook.ACTUAL, 5),
        f"C{people.pk}:male:{child}": (workbook.ACTUAL, 5),
        f"C{people.pk}:female:{adult}": (workbook.ACTUAL, 6),
        f"C{people.pk}:male:{adult}": (workbook.ACTUAL, 4),
        f"A{other.pk}": (workbook.ACTUAL, 2),
        "N:achievements": (workbook.COMMENT, "Filled in offline in Maiduguri."),
    }


def _upload(client: Client, report: Any, data: bytes, name: str = "report.xlsx") -> Any:
    return client.post(
        reverse("reporting:upload", kwargs={"pk": report.pk}),
        {"file": SimpleUploadedFile(name, data), "version": report.version},
    )


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_template_round_trips_through_an_upload(
    first_report: Any, developer: Any, bands: Any, reporting_project: Any
) -> None:
    client = _client(developer)
    template = client.get(reverse("reporting:template", kwargs={"pk": first_report.pk}))
    assert template.status_code == 200
    response = _upload(
        client, first_report, _fill(template.content, _values(reporting_project, bands))
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get(pk=first_report.pk)
    people, other = indicators(reporting_project)
    assert report.achievements == "Filled in offline in Maiduguri."
    assert report.actuals.get(indicator=people).value == 20
    assert report.actuals.get(indicator=other).value == 2
    assert report.events.filter(action="imported").exists()
    # Downloaded again, it carries what was saved.
    again = load_workbook(
        io.BytesIO(client.get(reverse("reporting:template", kwargs={"pk": report.pk})).content)
    )
    keys = {
        row[0].value: row[workbook.ACTUAL - 1].value
        for row in again[workbook.SHEET].iter_rows(min_row=2)
    }
    assert keys[f"A{people.pk}"] == 20


def test_an_upload_with_wrong_cells_saves_nothing_and_names_each_cell(
    first_report: Any, developer: Any, bands: Any, reporting_project: Any
) -> None:
    client = _client(developer)
    template = client.get(reverse("reporting:template", kwargs={"pk": first_report.pk})).content
    _people, other = indicators(reporting_project)
    values = _values(reporting_project, bands, people_total=25)
    values[f"A{other.pk}"] = (workbook.ACTUAL, "two")
    response = _upload(client, first_report, _fill(template, values))
    assert response.status_code == 400
    assert "Enter a number." in response.text
    assert "Nothing was saved" in response.text
    # Fix the word: the sum is still wrong, and its cell is named.
    values[f"A{other.pk}"] = (workbook.ACTUAL, 2)
    response = _upload(client, first_report, _fill(template, values))
    assert response.status_code == 400
    assert "add up to 20, not 25" in response.text
    assert ">G2<" in response.text
    assert ProgressReport.objects.get(pk=first_report.pk).version == 1


def test_a_template_of_another_report_or_an_older_version_is_refused(
    first_report: Any, developer: Any, bands: Any, reporting_project: Any
) -> None:
    from pat.reporting import services

    client = _client(developer)
    template = client.get(reverse("reporting:template", kwargs={"pk": first_report.pk})).content
    second = services.report_start(
        period=reporting_project.reporting_periods.order_by("start")[1], actor=developer
    )
    assert _upload(client, second, template).status_code == 400
    services.report_save(
        report=first_report,
        actor=developer,
        expected_version=1,
        edit=services.ReportEdit(achievements="typed online"),
    )
    stale = _upload(client, first_report, _fill(template, _values(reporting_project, bands)))
    assert stale.status_code == 409
    assert ProgressReport.objects.get(pk=first_report.pk).achievements == "typed online"


def test_hostile_and_broken_files_are_refused_with_a_message(
    first_report: Any, developer: Any
) -> None:
    client = _client(developer)
    bomb, _name = hostile_files.docx_zip_bomb()
    cases = [
        (bomb, "report.xlsx"),
        (b"not a zip at all", "report.xlsx"),
        (b"\x89PNG\r\n\x1a\n", "report.png"),
        (b"PK\x03\x04broken", "report.xlsx"),
    ]
    for data, name in cases:
        response = _upload(client, first_report, data, name)
        assert response.status_code == 400, name
        assert (
            "Nothing was saved" in response.text
            or "refused" in response.text
            or "not accepted" in response.text
        )
    assert ProgressReport.objects.get(pk=first_report.pk).version == 1


def test_a_spreadsheet_that_is_not_a_report_template_is_refused(
    first_report: Any, developer: Any
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Key", "Value"])
    out = io.BytesIO()
    book.save(out)
    response = _upload(_client(developer), first_report, out.getvalue())
    assert response.status_code == 400
    assert "not a PAT report template" in response.text


def test_formulas_typed_as_text_are_written_back_as_text(
    first_report: Any, developer: Any, reporting_project: Any
) -> None:
    from pat.reporting import services

    services.report_save(
        report=first_report,
        actor=developer,
        expected_version=1,
        edit=services.ReportEdit(achievements='=HYPERLINK("http://x")'),
    )
    data = workbook.template_bytes(ProgressReport.objects.get(pk=first_report.pk))
    sheet = load_workbook(io.BytesIO(data))[workbook.SHEET]
    texts = [
        row[workbook.COMMENT - 1].value
        for row in sheet.iter_rows(min_row=2)
        if row[0].value == "N:achievements"
    ]
    assert texts == ['\'=HYPERLINK("http://x")']
