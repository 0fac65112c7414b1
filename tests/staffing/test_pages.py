"""Who sees what on the staffing pages and API: every role, and the anonymous outsider."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from pat.staffing.models import ImportJob, Snapshot
from tests import factories
from tests.staffing.conftest import crowd, load, roster

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 12, 31)


@pytest.fixture
def data(offices: dict[str, Any]) -> None:
    load(
        crowd("a", 30, 40) + crowd("b", 3, 9, office="co-ng") + crowd("c", 8, 9, office="co-pe"),
        DAY,
    )


@pytest.fixture
def people(
    developer, reviewer, focal_point, hr_officer, administrator, colleague, country_office
) -> dict[str, Any]:
    com = factories.UserFactory(username="com")
    factories.RoleFactory(user=com, office=country_office, kind="com")
    return {
        "developer": developer,
        "reviewer": reviewer,
        "gfp": focal_point,
        "com": com,
        "colleague": colleague,
        "hr": hr_officer,
        "admin": administrator,
    }


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


EVERYONE = ["developer", "reviewer", "gfp", "com", "colleague", "hr", "admin"]
HR = {"hr", "admin"}


@pytest.mark.parametrize("who", EVERYONE)
def test_every_signed_in_role_reads_the_dashboard_and_only_hr_unsuppressed(data, people, who):
    response = client_for(people[who]).get("/staffing/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Staff gender balance" in page
    assert ("&lt;5" in page) is (who not in HR)


@pytest.mark.parametrize("who", EVERYONE)
def test_only_hr_officers_and_administrators_import(data, people, who):
    response = client_for(people[who]).get("/staffing/import/")
    assert response.status_code == (200 if who in HR else 403)


@pytest.mark.parametrize(
    "path",
    [
        "/staffing/",
        "/staffing/import/",
        "/staffing/download.xlsx",
        "/staffing/charts/pyramid.svg",
    ],
)
def test_the_anonymous_outsider_sees_nothing(data, path):
    response = Client().get(path)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("path", ["/api/v1/staffing/parity", "/api/v1/staffing/flows"])
def test_the_api_refuses_the_anonymous_outsider(data, path):
    assert Client().get(path).status_code == 401


@pytest.mark.parametrize("who", EVERYONE)
def test_the_parity_api_suppresses_small_counts_outside_hr(data, people, who):
    response = client_for(people[who]).get("/api/v1/staffing/parity?by=office&as_of=2024-12-31")
    assert response.status_code == 200
    body = response.json()
    assert body["as_of"] == "2024-12-31"
    rows = {r["group"]: r for r in body["rows"]}
    assert set(rows["hq"]) == {
        "group",
        "women",
        "men",
        "other",
        "total",
        "share",
        "status",
        "women_needed",
        "rate",
        "projected_year",
        "required_pace",
        "on_track",
    }
    assert rows["co-ng"]["women"] == (3 if who in HR else "<5")


def test_the_parity_api_by_grade_and_office_scope(data, people):
    client = client_for(people["hr"])
    rows = client.get("/api/v1/staffing/parity?by=grade&office=co-ng").json()["rows"]
    assert rows == [
        {
            "group": "P-4",
            "women": 3,
            "men": 9,
            "other": 0,
            "total": 12,
            "share": 25.0,
            "status": "women_under",
            "women_needed": 3,
            "rate": None,
            "projected_year": None,
            "required_pace": None,
            "on_track": None,
        }
    ]
    assert client.get("/api/v1/staffing/parity?by=colour").status_code == 422


def test_the_flows_api_counts_by_sex_in_the_period(data, people):
    load(
        crowd("a", 30, 38) + crowd("n", 6, 1) + crowd("b", 3, 9, office="co-ng"),
        dt.date(2025, 6, 30),
    )
    client = client_for(people["hr"])
    body = client.get("/api/v1/staffing/flows?from=2024-12-31&to=2025-06-30&by=grade").json()
    (row,) = body["rows"]
    assert row["group"] == "P-4"
    assert row["appointments"] == {"women": 6, "men": 1, "share": pytest.approx(85.7, abs=0.1)}
    # co-pe left the roster (8 women, 9 men) and two men left HQ
    assert (row["separations"]["women"], row["separations"]["men"]) == (8, 11)
    suppressed = client_for(people["gfp"]).get("/api/v1/staffing/flows?by=grade").json()
    assert suppressed["rows"][0]["appointments"]["men"] == "<5"


@pytest.mark.parametrize("who", ["gfp", "hr"])
def test_the_tables_download_as_xlsx_suppressed_as_on_the_page(data, people, who):
    response = client_for(people[who]).get("/staffing/download.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    offices = [row for row in book["Offices"].iter_rows(values_only=True)]
    nigeria = next(r for r in offices if r[0] == "Country Office Nigeria")
    assert nigeria[1] == (3 if who == "hr" else "<5")


@pytest.mark.parametrize("kind", ["trend-professional", "pyramid", "flows"])
def test_charts_come_as_svg_without_script_and_as_png(data, people, kind):
    client = client_for(people["gfp"])
    svg = client.get(f"/staffing/charts/{kind}.svg")
    assert svg.status_code == 200
    assert svg["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in svg.content and b"<script" not in svg.content
    png = client.get(f"/staffing/charts/{kind}.png?download=1")
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert "attachment" in png["Content-Disposition"]


def test_an_unknown_chart_is_not_found(data, people):
    assert client_for(people["hr"]).get("/staffing/charts/nothing.svg").status_code == 404


def test_an_upload_with_unknown_headers_asks_for_the_mapping_then_imports(
    offices, people, django_capture_on_commit_callbacks
):
    client = client_for(people["hr"])
    data = b"Matricule,Genre,Grade,Bureau,Contrat\nA1,F,P-4,hq,ft\nA2,M,P-3,co-ng,ft\n"
    upload = io.BytesIO(data)
    upload.name = "roster.csv"
    response = client.post("/staffing/import/", {"file": upload, "as_of": "2024-12-31"})
    job = ImportJob.objects.get()
    assert response["Location"] == f"/staffing/import/{job.pk}/"
    assert job.state == "mapping"
    page = client.get(response["Location"]).content.decode()
    assert "Matricule" in page
    mapping = {
        "column_0": "staff_id",
        "column_1": "sex",
        "column_2": "grade",
        "column_3": "office",
        "column_4": "appointment",
    }
    incomplete = client.post(response["Location"], {**mapping, "column_4": ""})
    assert "Name a column for: Appointment type." in incomplete.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], mapping)
    job.refresh_from_db()
    assert job.state == "done"
    assert Snapshot.objects.get(as_of=DAY).rows == 2
    assert "2 staff imported" in client.get(response["Location"]).content.decode()


def test_a_bad_upload_reports_every_row_and_imports_nothing(
    offices, people, django_capture_on_commit_callbacks
):
    client = client_for(people["hr"])
    upload = io.BytesIO(roster([("x", "F", "P-4", "hq"), ("y", "Q", "P-99", "hq")]))
    upload.name = "roster.csv"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/staffing/import/", {"file": upload, "as_of": "2024-12-31"})
    page = client.get(response["Location"]).content.decode()
    assert "Nothing was imported" in page
    assert "“Q” is not a sex PAT knows" in page and "“P-99” is not a grade PAT knows" in page
    assert not Snapshot.objects.exists()


def test_someone_elses_import_job_is_not_found(offices, people):
    client = client_for(people["hr"])
    upload = io.BytesIO(roster([("x", "F", "P-4", "hq")]))
    upload.name = "roster.csv"
    location = client.post("/staffing/import/", {"file": upload, "as_of": "2024-12-31"})["Location"]
    other = factories.UserFactory(username="hr2")
    factories.RoleFactory(user=other, office=people["hr"].roles.first().office, kind="hr")
    assert client_for(other).get(location).status_code == 404
    assert client_for(people["gfp"]).get(location).status_code == 403


def test_the_dashboard_page_is_in_french(data, people):
    client = client_for(people["gfp"])
    client.cookies["django_language"] = "fr"
    page = client.get("/staffing/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Équilibre entre les sexes du personnel" in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("roster.xlsx", b"%PDF-1.7 not a workbook", "does not match .xlsx"),
        ("roster.pdf", b"%PDF-1.7", "Files of this type are not accepted"),
    ],
)
def test_a_hostile_or_misnamed_roster_is_refused_at_the_door(offices, people, name, data, message):
    from pat.staffing.models import ImportJob

    upload = io.BytesIO(data)
    upload.name = name
    response = client_for(people["hr"]).post(
        "/staffing/import/", {"file": upload, "as_of": "2024-12-31"}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportJob.objects.exists() and not Snapshot.objects.exists()
