"""Uploads: size and type limits; bad files get a clear message and change nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests import hostile_files as hostile

pytestmark = pytest.mark.django_db


def upload(client: Client, project: Any, name: str, content: bytes) -> Any:
    return client.post(
        reverse("projects:document-add", args=[project.code]),
        {"title": "Needs assessment", "file": SimpleUploadedFile(name, content)},
    )


def test_a_pdf_is_stored_and_downloaded_as_an_attachment(developer: Any, project: Any) -> None:
    client = Client()
    client.force_login(developer)
    assert upload(client, project, "assessment.pdf", hostile.small_pdf()).status_code == 302
    document = project.documents.get()
    response = client.get(reverse("projects:document", args=[project.code, document.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf"
    assert project.changes.filter(action="document").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("payload.exe", b"MZ\x90\x00", "not accepted"),
        ("fake.pdf", b"<script>alert(1)</script>", "does not match"),
        ("page.html", b"<html></html>", "not accepted"),
        ("binary.txt", b"\x00\x01\x02\xff\xfe", "text file"),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_changes_nothing(
    developer: Any, project: Any, name: str, content: bytes, message: str
) -> None:
    client = Client()
    client.force_login(developer)
    response = upload(client, project, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not project.documents.exists()
    project.refresh_from_db()
    assert project.version == 1


def test_an_oversized_file_is_refused(developer: Any, project: Any, settings: Any) -> None:
    settings.PAT_MAX_UPLOAD_BYTES = 1000
    client = Client()
    client.force_login(developer)
    response = upload(client, project, "big.pdf", b"%PDF-" + b"x" * 2000)
    assert response.status_code == 400
    assert "limit" in response.content.decode()
    assert not project.documents.exists()
