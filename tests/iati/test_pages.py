"""The public IATI file, the import page and who may use it, and the `pat iati` command."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from lxml import etree

from pat.iati.validity import schema_errors
from pat.projects.models import Project
from tests import factories
from tests.iati.data import published_project

pytestmark = pytest.mark.django_db

DONOR_FILE = Path(__file__).parents[2] / "pat" / "iati" / "samples" / "donor-activities.xml"


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def upload(data: bytes, name: str = "donor.xml") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/xml")


def test_anyone_gets_the_published_projects_only_as_a_valid_file(
    country_office: Any, developer: Any
) -> None:
    published_project(office=country_office, actor=developer)
    factories.ProjectFactory(code="CT.0900", executing_office=country_office, status="draft")
    factories.ProjectFactory(code="CT.0901", executing_office=country_office, status="withdrawn")

    response = Client().get("/iati/activities.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = etree.fromstring(b"".join(response.streaming_content))
    assert schema_errors(root) == []
    assert [a.findtext("iati-identifier") for a in root] == ["XM-DAC-47066-CT.0101"]


def test_an_office_file_holds_that_office_s_projects(
    country_office: Any, other_office: Any, developer: Any
) -> None:
    published_project(office=country_office, actor=developer)
    published_project(office=other_office, actor=developer, code="CT.0202")

    response = Client().get(f"/iati/activities.xml?office={other_office.code}")

    root = etree.fromstring(b"".join(response.streaming_content))
    assert [a.findtext("iati-identifier") for a in root] == ["XM-DAC-47066-CT.0202"]
    assert Client().get("/iati/activities.xml?office=nowhere").status_code == 404


def test_a_project_change_is_in_the_next_file(country_office: Any, developer: Any) -> None:
    project = published_project(office=country_office, actor=developer)
    b"".join(Client().get("/iati/activities.xml").streaming_content)
    from pat.projects import services

    services.project_update(
        project=project,
        actor=developer,
        expected_version=project.version,
        fields={"title": "A new title"},
    )
    root = etree.fromstring(b"".join(Client().get("/iati/activities.xml").streaming_content))
    assert root.findtext("iati-activity/title/narrative") == "A new title"


def test_only_people_who_may_open_projects_reach_the_import_page(
    developer: Any, administrator: Any, colleague: Any, reviewer: Any, hr_officer: Any
) -> None:
    assert signed_in(developer).get("/iati/import/").status_code == 200
    assert signed_in(administrator).get("/iati/import/").status_code == 200
    assert signed_in(colleague).get("/iati/import/").status_code == 200  # a developer elsewhere
    assert signed_in(hr_officer).get("/iati/import/").status_code == 403
    assert signed_in(reviewer).get("/iati/import/").status_code == 403
    response = Client().get("/iati/import/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    posted = signed_in(reviewer).post("/iati/import/", {"file": upload(DONOR_FILE.read_bytes())})
    assert posted.status_code == 403
    assert not Project.objects.exists()


def test_the_projects_list_links_the_import_for_those_who_may_use_it(
    developer: Any, hr_officer: Any
) -> None:
    assert "/iati/import/" in signed_in(developer).get("/projects/").content.decode()
    page = signed_in(hr_officer).get("/projects/").content.decode()
    assert "/iati/import/" not in page and "/iati/activities.xml" in page


def test_a_developer_imports_only_into_offices_where_they_may_open_projects(
    developer: Any, country_office: Any, other_office: Any
) -> None:
    # The second activity is in Senegal; with no office there it would go to headquarters.
    response = signed_in(developer).post(
        "/iati/import/", {"file": upload(DONOR_FILE.read_bytes()), "dry_run": ""}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("created") >= 1 and "You may not open projects in" in page
    assert list(Project.objects.values_list("iati__identifier", flat=True)) == [
        "GB-GOV-1-300777-101"
    ]


def test_the_page_dry_run_lists_the_warnings_then_imports_the_checked_file(
    administrator: Any, country_office: Any
) -> None:
    client = signed_in(administrator)
    response = client.post(
        "/iati/import/", {"file": upload(DONOR_FILE.read_bytes()), "dry_run": "on"}
    )
    page = response.content.decode()
    assert "Dry run" in page and "line 37" in page and "Import this file" in page
    assert not Project.objects.exists()

    response = client.post("/iati/import/", {"confirm": "1"})

    assert "2 created" in response.content.decode()
    assert Project.objects.count() == 2


def test_a_hostile_upload_is_refused_on_the_page_and_changes_nothing(
    administrator: Any, country_office: Any
) -> None:
    bomb = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&b;</iati-identifier>
</iati-activity></iati-activities>"""
    response = signed_in(administrator).post("/iati/import/", {"file": upload(bomb)})
    page = response.content.decode()
    assert "The file was refused." in page and "DTD" in page
    not_xml = signed_in(administrator).post(
        "/iati/import/", {"file": upload(b"%PDF-1.4 not really", "donor.pdf")}
    )
    assert "Files of this type are not accepted" in not_xml.content.decode()
    assert not Project.objects.exists()


def test_the_command_exports_a_valid_file_and_imports_it_with_a_dry_run(
    country_office: Any, developer: Any, tmp_path: Path
) -> None:
    published_project(office=country_office, actor=developer)
    target = tmp_path / "activities.xml"
    out = io.StringIO()
    call_command("iati", "export", "-o", str(target), "--office", country_office.code, stdout=out)
    assert "1 activities written" in out.getvalue()
    assert schema_errors(etree.parse(str(target))) == []

    out = io.StringIO()
    call_command("iati", "import", str(DONOR_FILE), "--dry-run", stdout=out, stderr=io.StringIO())
    assert "2 created" in out.getvalue() and "dry run, nothing changed" in out.getvalue()
    assert Project.objects.count() == 1


def test_the_command_refuses_a_hostile_file_with_a_message(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xml"
    bomb.write_bytes(b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>')
    with pytest.raises(CommandError, match=r"DTD or entities.*Nothing was changed"):
        call_command("iati", "import", str(bomb))


def test_a_new_marker_assessment_is_in_the_next_file(country_office: Any, developer: Any) -> None:
    from pat.markers.services import assessment_save

    project = published_project(office=country_office, actor=developer)
    b"".join(Client().get("/iati/activities.xml").streaming_content)
    assessment_save(project=project, scheme="iom", answers={}, evidence={}, actor=developer)

    root = etree.fromstring(b"".join(Client().get("/iati/activities.xml").streaming_content))
    assert root.xpath("//policy-marker[@vocabulary='99']/@code") == ["0"]
