"""The bulletin's pages: the editorial workflow and who may do what, the public edition,
safe Markdown, checked images, the PDF edition and the feeds."""

from __future__ import annotations

import io
import struct
import zlib
from typing import Any

import pytest
from defusedxml import ElementTree
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pypdf import PdfReader

from pat.bulletin import services
from pat.bulletin.models import Image, Issue, IssueState

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


# role -> (opens the editorial pages, publishes and manages subscribers)
ROLES = {
    "developer": (False, False),
    "reviewer": (False, False),
    "hr_officer": (False, False),
    "colleague": (False, False),
    "focal_point": (True, False),
    "coordinator": (True, True),
    "administrator": (True, True),
}


@pytest.mark.parametrize("role", ROLES)
def test_who_writes_reviews_and_publishes(
    role: str, request: Any, draft: Issue, focal_point: Any, client: Client
) -> None:
    writes, publishes = ROLES[role]
    client.force_login(request.getfixturevalue(role))
    assert client.get("/bulletin/editor/").status_code == (200 if writes else 403)
    assert client.get(f"/bulletin/editor/{draft.pk}/").status_code == (200 if writes else 403)
    assert client.get(f"/bulletin/editor/{draft.pk}/en/").status_code == (200 if writes else 403)
    assert client.get("/bulletin/editor/subscribers/").status_code == (200 if publishes else 403)
    services.issue_submit(issue=draft, actor=focal_point, version=draft.version)
    draft.refresh_from_db()
    response = client.post(f"/bulletin/editor/{draft.pk}/do/publish/", {"version": draft.version})
    assert response.status_code == (302 if publishes else 403)
    draft.refresh_from_db()
    assert (draft.state == IssueState.PUBLISHED) == publishes
    assert client.get("/bulletin/").status_code == 200


def test_anonymous_visitors_read_only_published_issues(
    draft: Issue, focal_point: Any, coordinator: Any, client: Client
) -> None:
    assert client.get("/bulletin/").status_code == 200
    assert client.get("/bulletin/2026-q1/").status_code == 404
    assert client.get("/bulletin/editor/").status_code == 302
    assert client.post(f"/bulletin/editor/{draft.pk}/do/submit/").status_code == 302
    services.issue_submit(issue=draft, actor=focal_point, version=draft.version)
    services.issue_publish(issue=draft, actor=coordinator, version=draft.version)
    page = client.get("/bulletin/2026-q1/")
    assert page.status_code == 200 and b"Counter-trafficking in West Africa" in page.content
    assert b"Women on the move" in client.get("/bulletin/").content


def test_a_writer_creates_an_issue_and_sends_it_for_review(
    focal_point: Any, client: Client
) -> None:
    client.force_login(focal_point)
    response = client.post("/bulletin/editor/", {"year": 2026, "quarter": 2, "title": "Q2 news"})
    issue = Issue.objects.get(year=2026, quarter=2)
    assert response["Location"] == f"/bulletin/editor/{issue.pk}/"
    assert (
        client.post("/bulletin/editor/", {"year": 2026, "quarter": 2, "title": "Again"}).status_code
        == 400
    )
    # An issue without an article does not go to review.
    client.post(f"/bulletin/editor/{issue.pk}/do/submit/", {"version": issue.version})
    issue.refresh_from_db()
    assert issue.state == IssueState.DRAFT
    client.post(
        f"/bulletin/editor/{issue.pk}/en/articles/new/",
        {"title": "Pilot projects", "position": 1, "body": "Eight projects."},
    )
    client.post(f"/bulletin/editor/{issue.pk}/do/submit/", {"version": issue.version})
    issue.refresh_from_db()
    assert issue.state == IssueState.REVIEW


def test_the_coordinator_returns_an_issue_with_a_note(
    draft: Issue, focal_point: Any, coordinator: Any, client: Client
) -> None:
    services.issue_submit(issue=draft, actor=focal_point, version=draft.version)
    client.force_login(coordinator)
    client.post(
        f"/bulletin/editor/{draft.pk}/do/return/",
        {"version": draft.version, "note": "Add the Spanish edition"},
    )
    draft.refresh_from_db()
    assert draft.state == IssueState.DRAFT
    assert draft.events.last().note == "Add the Spanish edition"  # type: ignore[union-attr]


def test_a_stale_publish_is_refused_with_the_conflict_notice(
    draft: Issue, focal_point: Any, coordinator: Any, client: Client
) -> None:
    stale = draft.version
    services.issue_submit(issue=draft, actor=focal_point, version=draft.version)
    client.force_login(coordinator)
    response = client.post(f"/bulletin/editor/{draft.pk}/do/publish/", {"version": stale})
    assert response.status_code == 409
    draft.refresh_from_db()
    assert draft.state == IssueState.REVIEW


def test_a_stale_article_edit_writes_nothing(
    draft: Issue, focal_point: Any, client: Client
) -> None:
    article = draft.editions.get(language="en").articles.get()
    client.force_login(focal_point)
    url = f"/bulletin/editor/{draft.pk}/en/articles/{article.pk}/"
    data = {"title": "First", "position": 1, "body": "One", "version": article.version}
    assert client.post(url, data).status_code == 302
    assert client.post(url, {**data, "title": "Second"}).status_code == 409
    article.refresh_from_db()
    assert article.title == "First"


def test_a_published_issue_is_not_edited(published: Issue, coordinator: Any) -> None:
    edition = published.editions.get(language="en")
    with pytest.raises(services.BulletinError):
        services.article_save(
            edition=edition, article=None, title="Late", body="x", position=2, image=None
        )


def test_markdown_in_articles_is_rendered_safely(
    draft: Issue, focal_point: Any, coordinator: Any, client: Client
) -> None:
    edition = draft.editions.get(language="en")
    services.article_save(
        edition=edition,
        article=None,
        title="Hostile",
        body="<script>alert(1)</script> [click](javascript:alert(1)) **bold**",
        position=2,
        image=None,
    )
    services.issue_submit(issue=draft, actor=focal_point, version=draft.version)
    services.issue_publish(issue=draft, actor=coordinator, version=draft.version)
    page = client.get("/bulletin/2026-q1/en/").content.decode()
    assert "<script>alert" not in page and 'href="javascript' not in page
    assert "<strong>bold</strong>" in page


def test_images_are_checked_and_public_only_once_published(
    draft: Issue, focal_point: Any, coordinator: Any, client: Client
) -> None:
    client.force_login(focal_point)
    fake = SimpleUploadedFile("photo.png", b"<html>not a picture</html>", "image/png")
    response = client.post(f"/bulletin/editor/{draft.pk}/images/", {"file": fake, "alt": "A"})
    assert response.status_code == 400 and not Image.objects.exists()
    real = SimpleUploadedFile("photo.png", png(), "image/png")
    client.post(f"/bulletin/editor/{draft.pk}/images/", {"file": real, "alt": "A shelter"})
    image = Image.objects.get()
    assert "photo" not in image.file.name  # stored under a generated name
    assert client.get(f"/bulletin/images/{image.pk}/").status_code == 200
    anonymous = Client()
    assert anonymous.get(f"/bulletin/images/{image.pk}/").status_code == 404
    services.issue_submit(issue=draft, actor=focal_point, version=draft.version)
    services.issue_publish(issue=draft, actor=coordinator, version=draft.version)
    shown = anonymous.get(f"/bulletin/images/{image.pk}/")
    assert shown.status_code == 200 and shown["Content-Type"] == "image/png"


def test_the_pdf_edition_holds_the_articles(published: Issue, client: Client) -> None:
    response = client.get("/bulletin/2026-q1/fr/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Les femmes en mouvement" in text and "traite en Afrique" in text
    assert client.get("/bulletin/2026-q1/es/pdf/").status_code == 404


def test_the_public_edition_links_its_translations(published: Issue, client: Client) -> None:
    english = client.get("/bulletin/2026-q1/en/").content.decode()
    assert 'href="/bulletin/2026-q1/fr/"' in english
    french = client.get("/bulletin/2026-q1/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Les femmes en mouvement" in french


def test_the_atom_feed_lists_published_issues_in_the_feeds_language(
    published: Issue, coordinator: Any, client: Client
) -> None:
    later = services.issue_create(year=2026, quarter=2, title="Draft only", actor=coordinator)
    assert later.state == IssueState.DRAFT
    response = client.get("/bulletin/feed/fr.atom")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [  # type: ignore[union-attr]
        "2026 Q1: Les femmes en mouvement"
    ]
    link = entries[0].find(f"{ATOM}link").get("href")  # type: ignore[union-attr]
    assert link.endswith("/bulletin/2026-q1/fr/")
    assert client.get(link.split("testserver", 1)[1]).status_code == 200


def test_the_rss_feed_falls_back_to_english(published: Issue, client: Client) -> None:
    response = client.get("/bulletin/feed/es.rss")
    root = ElementTree.fromstring(response.content)
    assert root.tag == "rss"
    items = root.findall("./channel/item")
    assert [i.findtext("title") for i in items] == ["2026 Q1: Women on the move"]
    assert "<strong>field</strong>" in (items[0].findtext("description") or "")
    assert client.get("/bulletin/feed/de.rss").status_code == 404
