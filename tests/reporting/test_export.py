"""The disaggregated results export carries the HXL hashtag row under its header."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from pat.reporting import services
from tests.reporting.conftest import filled


def _filed(report: Any, developer: Any, bands: Any, project: Any) -> None:
    services.report_save(
        report=report, actor=developer, expected_version=1, edit=filled(bands, project)
    )


def test_the_csv_has_the_hashtags_under_the_header_and_a_row_per_sex_and_age(
    first_report: Any, developer: Any, bands: Any, reporting_project: Any
) -> None:
    _filed(first_report, developer, bands, reporting_project)
    client = Client()
    client.force_login(developer)
    url = reverse("reporting:results-export", kwargs={"code": reporting_project.code, "fmt": "csv"})
    text = b"".join(client.get(url).streaming_content).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[1][:2] == ["#activity+code", "#activity+name"]
    assert {"#indicator+name", "#sex", "#age", "#targeted", "#reached"} <= set(table[1])
    data = [dict(zip(table[1], row, strict=True)) for row in table[2:]]
    women = [r for r in data if r["#sex"] == "Female" and r["#age"] == "18+"]
    assert [(r["#targeted"], r["#reached"]) for r in women] == [("40", "12")]


def test_the_xlsx_has_the_same_hashtag_row(
    first_report: Any, developer: Any, bands: Any, reporting_project: Any
) -> None:
    _filed(first_report, developer, bands, reporting_project)
    client = Client()
    client.force_login(developer)
    url = reverse(
        "reporting:results-export", kwargs={"code": reporting_project.code, "fmt": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(client.get(url).content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][-2:] == ("#targeted", "#reached")
    assert len(rows) == 2 + 4


def test_the_portfolio_export_holds_only_endorsed_reports(
    first_report: Any, developer: Any, bands: Any, reporting_project: Any
) -> None:
    _filed(first_report, developer, bands, reporting_project)
    client = Client()
    client.force_login(developer)
    url = reverse("reporting:reach-export", kwargs={"fmt": "csv"}) + "?region=WCA"
    text = b"".join(client.get(url).streaming_content).decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(text)))) == 2  # header and hashtags: nothing endorsed
