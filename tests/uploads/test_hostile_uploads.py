"""Every upload point refuses every hostile file with a message, quickly, storing nothing."""

from __future__ import annotations

import time
from functools import cache
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from pat.guide.models import LibraryDocument
from pat.projects.models import ProjectDocument
from pat.uploads.validation import problem
from tests import hostile_files as hostile

pytestmark = pytest.mark.django_db


@cache
def built(name: str) -> tuple[bytes, str]:
    return hostile.HOSTILE[name]()


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _library(client: Client, filename: str, data: bytes) -> Any:
    return client.post(
        "/guide/library/new/",
        {
            "title": "Reference",
            "language": "en",
            "topic": "men-and-boys",
            "published_on": "2026-03-01",
            "file": SimpleUploadedFile(filename, data),
        },
    )


@pytest.mark.parametrize("name", list(hostile.HOSTILE))
def test_the_library_refuses_each_hostile_file(focal_point: Any, name: str) -> None:
    data, filename = built(name)
    response = _library(_client(focal_point), filename, data)
    assert response.status_code == 400
    assert "Nothing was stored" in response.content.decode()
    assert not LibraryDocument.objects.exists()


@pytest.mark.parametrize("name", list(hostile.HOSTILE))
def test_project_documents_refuse_each_hostile_file(
    developer: Any, project: Any, name: str
) -> None:
    data, filename = built(name)
    started = time.perf_counter()
    response = _client(developer).post(
        reverse("projects:document-add", args=[project.code]),
        {"title": "Assessment", "file": SimpleUploadedFile(filename, data)},
    )
    assert time.perf_counter() - started < 5
    assert response.status_code == 400
    assert "This file was refused" in response.content.decode()
    assert not ProjectDocument.objects.exists()


@pytest.mark.parametrize("name", list(hostile.HOSTILE))
def test_the_check_page_refuses_each_hostile_file(developer: Any, name: str) -> None:
    data, filename = built(name)
    response = _client(developer).post(
        reverse("termbase:check"),
        {"lang": "en", "mode": "proposal", "document": SimpleUploadedFile(filename, data)},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["document"]


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("terms.csv", b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 8, "does not look like a text"),
        ("terms.json", b"\x00\x01" * 500, "does not look like a text"),
        ("bomb.docx", b"PK\x03\x04", "not accepted"),
    ],
)
def test_the_term_import_refuses_binary_files(
    focal_point: Any, filename: str, data: bytes, message: str
) -> None:
    response = _client(focal_point).post(
        reverse("termbase:import"), {"file": SimpleUploadedFile(filename, data)}
    )
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("scan.pdf", hostile.pdf_shared_stream(pages=2, lines=0)[0]),
        ("sheet.xlsx", None),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100),
        ("data.csv", b"sex,count\nfemale,12\n"),
    ],
)
def test_sound_files_that_the_checker_cannot_use_may_still_be_stored(
    filename: str, data: bytes | None
) -> None:
    if data is None:
        import io

        import openpyxl

        book = openpyxl.Workbook()
        book.active["A1"] = "sex"
        out = io.BytesIO()
        book.save(out)
        data = out.getvalue()
    assert problem(data, filename) == ""


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("photo.png", b"GIF89a", "not a .png image"),
        ("sheet.xlsx", hostile.small_docx(), "not an .xlsx workbook"),
        ("sheet.xlsx", built("zip bomb")[0], "zip bomb"),
    ],
)
def test_images_and_spreadsheets_are_checked_too(filename: str, data: bytes, message: str) -> None:
    assert message in problem(data, filename)


def test_the_refusal_speaks_the_user_s_language(focal_point: Any) -> None:
    data, filename = built("zip bomb")
    client = _client(focal_point)
    response = _library(client, filename, data)
    assert "Nothing was stored" in response.content.decode()
    client.cookies["django_language"] = "fr"
    response = _library(client, filename, data)
    assert "Rien n&#x27;a été enregistré" in response.content.decode()
