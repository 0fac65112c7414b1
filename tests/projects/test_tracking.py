"""Worldwide tracking: filters, full-text search, exports of exactly the filtered list, the API."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from pat.core.models import ApiToken
from pat.projects import services
from pat.projects.models import Project, ProjectType
from tests import factories as results
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def portfolio(country_office: Any, other_office: Any, developer: Any) -> list[Project]:
    labour = ProjectType.objects.get(code="labour-mobility")
    made = [
        ProjectFactory(
            code="CT.0001",
            title="Shelters for survivors of trafficking",
            executing_office=country_office,
            status="active",
        ),
        ProjectFactory(
            code="LM.0002",
            title="Fair recruitment of migrant workers",
            executing_office=other_office,
            region="SA",
            project_type=labour,
            status="concept",
        ),
        ProjectFactory(
            code="LM.0003",
            title="Skills for returning migrants",
            executing_office=other_office,
            region="SA",
            project_type=labour,
            status="active",
        ),
    ]
    for project in made:
        services.project_reindex(project=project)
    outcome = results.result_add(
        project=made[2],
        actor=developer,
        parent=None,
        statement="Returnees earn an income from certified carpentry",
    )
    assert outcome.code == "OC1"
    return made


def codes(response: Any) -> list[str]:
    return sorted(p.code for p in response.context["page"].object_list)


def test_filters_narrow_the_list(developer: Any, portfolio: Any) -> None:
    client = Client()
    client.force_login(developer)
    url = reverse("projects:list")
    assert codes(client.get(url)) == ["CT.0001", "LM.0002", "LM.0003"]
    assert codes(client.get(url, {"region": "SA"})) == ["LM.0002", "LM.0003"]
    assert codes(client.get(url, {"status": "active", "type": "labour-mobility"})) == ["LM.0003"]
    assert codes(client.get(url, {"office": "co-ng"})) == ["CT.0001"]


def test_search_finds_words_in_titles_and_in_the_results_matrix(
    developer: Any, portfolio: Any
) -> None:
    client = Client()
    client.force_login(developer)
    url = reverse("projects:list")
    assert codes(client.get(url, {"q": "trafficking"})) == ["CT.0001"]
    assert codes(client.get(url, {"q": "carpent"})) == ["LM.0003"]  # a word prefix, in an outcome
    assert codes(client.get(url, {"q": "migrant recruit"})) == ["LM.0002"]
    assert codes(client.get(url, {"q": "nothing-like-this"})) == []


@pytest.mark.parametrize(
    "query", ['"unbalanced', "a OR b NEAR(", "*", "'; DROP TABLE x; --", "!!!", "é" * 300]
)
def test_search_syntax_in_the_box_is_never_interpreted(
    developer: Any, portfolio: Any, query: str
) -> None:
    client = Client()
    client.force_login(developer)
    assert client.get(reverse("projects:list"), {"q": query}).status_code == 200


def test_htmx_requests_get_only_the_results_partial(developer: Any, portfolio: Any) -> None:
    client = Client()
    client.force_login(developer)
    body = client.get(
        reverse("projects:list"), {"region": "SA"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert body.lstrip().startswith('<section id="results"')
    assert "LM.0002" in body and "<html" not in body


def test_csv_export_holds_exactly_the_filtered_list(developer: Any, portfolio: Any) -> None:
    client = Client()
    client.force_login(developer)
    response = client.get(
        reverse("projects:export", args=["csv"]), {"region": "SA", "q": "migrant"}
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Code"
    assert sorted(r[0] for r in rows[1:]) == ["LM.0002", "LM.0003"]


def test_xlsx_export_holds_exactly_the_filtered_list(developer: Any, portfolio: Any) -> None:
    from openpyxl import load_workbook

    client = Client()
    client.force_login(developer)
    response = client.get(reverse("projects:export", args=["xlsx"]), {"status": "active"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True)) == [
        "CT.0001",
        "LM.0003",
    ]


def test_exported_text_cannot_become_a_spreadsheet_formula(
    developer: Any, country_office: Any
) -> None:
    ProjectFactory(code="CT.0666", title='=HYPERLINK("http://x")', executing_office=country_office)
    client = Client()
    client.force_login(developer)
    text = b"".join(client.get(reverse("projects:export", args=["csv"])).streaming_content).decode(
        "utf-8-sig"
    )
    assert "'=HYPERLINK" in text


def test_the_api_lists_with_the_same_filters(developer: Any, portfolio: Any) -> None:
    client = Client()
    client.force_login(developer)
    body = client.get("/api/v1/projects", {"region": "SA", "q": "migrant"}).json()
    assert body["count"] == 2
    assert sorted(item["code"] for item in body["items"]) == ["LM.0002", "LM.0003"]
    assert client.get("/api/v1/projects", {"limit": 0}).status_code == 422
    assert client.get("/api/v1/projects", {"status": "nonsense"}).status_code == 422


def test_the_api_returns_one_project_with_its_results(developer: Any, portfolio: Any) -> None:
    client = Client()
    client.force_login(developer)
    body = client.get("/api/v1/projects/LM.0003").json()
    assert body["results"][0]["code"] == "OC1"
    assert client.get("/api/v1/projects/NO.0000").status_code == 404


def test_a_personal_token_authenticates_and_a_wrong_one_does_not(
    developer: Any, portfolio: Any
) -> None:
    _token, raw = ApiToken.issue(developer)
    client = Client()
    assert client.get("/api/v1/projects", HTTP_AUTHORIZATION=f"Bearer {raw}").json()["count"] == 3
    assert client.get("/api/v1/projects", HTTP_AUTHORIZATION="Bearer pat_wrong").status_code == 401
    ApiToken.objects.update(revoked_at="2026-01-01T00:00:00Z")
    assert client.get("/api/v1/projects", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_the_token_command_prints_a_working_token(developer: Any) -> None:
    from django.core.management import call_command

    out = io.StringIO()
    call_command("token", "developer", stdout=out)
    raw = out.getvalue().strip()
    assert raw.startswith("pat_")
    assert ApiToken.authenticate(raw) == developer


def test_the_openapi_schema_is_served(developer: Any) -> None:
    client = Client()
    client.force_login(developer)
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/projects" in schema["paths"]
    assert "/api/v1/projects/{code}" in schema["paths"]


def test_the_feed_shows_changes_across_offices(developer: Any, portfolio: Any) -> None:
    client = Client()
    client.force_login(developer)
    body = client.get(reverse("projects:feed")).content.decode()
    assert "LM.0003" in body


def test_the_demo_builds_an_organization_with_projects_once() -> None:
    from django.core.management import call_command

    out = io.StringIO()
    call_command("demo", "--projects", "30", stdout=out)
    # Beside its own projects, the demo imports a donor's IATI file (two more).
    built = Project.objects.filter(iati__isnull=True)
    assert built.count() == 30 and Project.objects.count() == 32
    assert "password" in out.getvalue()
    call_command("demo", "--projects", "30", stdout=io.StringIO())
    assert Project.objects.count() == 32
    sample = built.first()
    assert sample.results.filter(level="output").count() == 2
    assert sample.results.get(code="OP1.1").indicators.get().values.count() == 4


def test_the_xlsx_export_keeps_its_header_in_view_and_fits_its_columns(
    developer: Any, portfolio: Any, country_office: Any
) -> None:
    from openpyxl import load_workbook

    ProjectFactory(code="CT.0900", budget=Decimal("1500000"), executing_office=country_office)
    client = Client()
    client.force_login(developer)
    response = client.get(reverse("projects:export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    widths = {
        sheet.cell(1, i).value: sheet.column_dimensions[chr(64 + i)].width for i in range(1, 14)
    }
    longest_title = max(len(row[1]) for row in sheet.iter_rows(min_row=2, values_only=True))
    assert widths["Title"] == min(longest_title + 2, 60)
    assert widths["Code"] < widths["Title"]
    assert widths["Currency"] == len("Currency") + 2
    budget = next(c for c in sheet["L"][1:] if c.value == 1500000)
    assert budget.number_format == "#,##0.00"
