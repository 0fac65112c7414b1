from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pat.guide.models import LibraryDocument, SearchEntry
from tests import hostile_files as hostile

pytestmark = pytest.mark.django_db


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Working with migrant men")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "sex"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _odt() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", hostile.odt_body("<text:p>Gender analysis</text:p>"))
    return out.getvalue()


VALID = {
    "guide.pdf": hostile.small_pdf("A practical guide"),
    "note.txt": "Guía práctica: análisis de género\n".encode(),
    "men.docx": _docx(),
    "data.xlsx": _xlsx(),
    "paper.odt": _odt(),
}


def _post(client: Any, name: str, content: bytes, **extra: Any) -> Any:
    data = {
        "title": f"Reference {name}",
        "summary": "Practical guidance on working with migrant men and boys.",
        "language": "en",
        "topic": "men-and-boys",
        "tags": "Men and boys, labour migration",
        "published_on": "2026-03-01",
        "file": SimpleUploadedFile(name, content),
        **extra,
    }
    return client.post("/guide/library/new/", data)


@pytest.mark.parametrize("name", sorted(VALID))
def test_a_focal_point_publishes_each_accepted_type(
    signed_in: Any, focal_point: Any, developer: Any, name: str
) -> None:
    response = _post(signed_in(focal_point), name, VALID[name])
    assert response.status_code == 302, response.content.decode()[:2000]
    document = LibraryDocument.objects.get()
    assert document.original_name == name
    assert sorted(document.tag_names()) == ["labour-migration", "men-and-boys"]
    assert SearchEntry.objects.filter(kind="document", ref_id=document.pk).exists()
    reader = signed_in(developer)
    download = reader.get(f"/guide/library/{document.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == VALID[name]


BAD = {
    "renamed.pdf": b"MZ\x90\x00\x03\x00\x00\x00 this is a Windows program",
    "fake.docx": b"PK\x03\x04 not really a zip",
    "sheet.docx": _xlsx(),
    "report.odt": _docx(),
    "binary.txt": b"\x00\x01\x02\x03\xff\xfe",
    "page.html": b"<script>alert(1)</script>",
    "noextension": b"%PDF-1.4",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_renamed_or_unknown_file_gets_a_clear_message_and_nothing_is_stored(
    signed_in: Any, focal_point: Any, settings: Any, name: str
) -> None:
    response = _post(signed_in(focal_point), name, BAD[name])
    assert response.status_code == 400
    assert 'class="error"' in response.content.decode()
    assert LibraryDocument.objects.count() == 0
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_an_oversized_file_is_refused_with_its_size_and_the_limit(
    signed_in: Any, focal_point: Any, settings: Any
) -> None:
    settings.PAT_LIBRARY_MAX_BYTES = 1000
    response = _post(signed_in(focal_point), "big.pdf", b"%PDF-1.4\n" + b"0" * 2000)
    assert response.status_code == 400
    assert "limit is 0.0 MB" in response.content.decode() or "limit" in response.content.decode()
    assert LibraryDocument.objects.count() == 0


def test_a_link_is_published_without_a_file(signed_in: Any, reviewer: Any) -> None:
    response = signed_in(reviewer).post(
        "/guide/library/new/",
        {
            "title": "IASC gender handbook",
            "language": "en",
            "topic": "markers",
            "published_on": "2026-01-01",
            "url": "https://example.org/handbook",
        },
    )
    assert response.status_code == 302
    document = LibraryDocument.objects.get()
    assert document.is_link
    assert signed_in(reviewer).get(f"/guide/library/{document.pk}/download/")["Location"] == (
        "https://example.org/handbook"
    )


def test_a_javascript_link_is_refused(signed_in: Any, reviewer: Any) -> None:
    response = signed_in(reviewer).post(
        "/guide/library/new/",
        {
            "title": "x",
            "language": "en",
            "topic": "markers",
            "published_on": "2026-01-01",
            "url": "javascript:alert(1)",
        },
    )
    assert response.status_code == 400
    assert LibraryDocument.objects.count() == 0


def test_neither_file_nor_link_is_a_field_error(signed_in: Any, reviewer: Any) -> None:
    response = signed_in(reviewer).post(
        "/guide/library/new/",
        {"title": "x", "language": "en", "topic": "markers", "published_on": "2026-01-01"},
    )
    assert response.status_code == 400
    assert "Choose a file" in response.content.decode()


def test_a_developer_cannot_publish(signed_in: Any, developer: Any) -> None:
    response = _post(signed_in(developer), "guide.pdf", VALID["guide.pdf"])
    assert response.status_code == 403
    assert LibraryDocument.objects.count() == 0


def test_library_filters_by_topic_language_tag_and_words(
    signed_in: Any, focal_point: Any, colleague: Any
) -> None:
    client = signed_in(focal_point)
    _post(client, "a.txt", b"a", title="Fathers and care")
    _post(
        client,
        "b.txt",
        b"b",
        title="Marker handbook",
        topic="markers",
        language="fr",
        tags="markers",
    )
    reader = signed_in(colleague)
    assert "Fathers and care" in reader.get("/guide/library/?topic=men-and-boys").content.decode()
    by_lang = reader.get("/guide/library/?language=fr").content.decode()
    assert "Marker handbook" in by_lang and "Fathers and care" not in by_lang
    by_tag = reader.get("/guide/library/?tag=markers").content.decode()
    assert "Marker handbook" in by_tag and "Fathers and care" not in by_tag
    by_words = reader.get("/guide/library/?q=fathers").content.decode()
    assert "Fathers and care" in by_words and "Marker handbook" not in by_words


def test_removing_a_document_deletes_its_file_and_index_entry(
    signed_in: Any, focal_point: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = signed_in(focal_point)
    _post(client, "guide.pdf", VALID["guide.pdf"])
    document = LibraryDocument.objects.get()
    path = Path(document.file.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/guide/library/{document.pk}/remove/").status_code == 302
    assert not path.exists()
    assert not SearchEntry.objects.filter(kind="document").exists()
