from __future__ import annotations

from typing import Any

import pytest

from pat.guide import services
from pat.guide.models import GuidePage, GuidePageRevision, SearchEntry

pytestmark = pytest.mark.django_db


def _page(key: str = "budget", language: str = "en") -> GuidePage:
    return GuidePage.objects.get(key=key, language=language)


def test_each_save_adds_a_revision_with_who_and_what(
    signed_in: Any, guide_content: Any, focal_point: Any
) -> None:
    page = _page()
    response = signed_in(focal_point).post(
        "/guide/budget/edit/?lang=en",
        {
            "title": "Budget",
            "summary": "s",
            "body": "## New\n\nChildcare costs.",
            "version": page.version,
            "note": "shorter",
            "save": "1",
        },
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.version == 2 and "<h2>New</h2>" in page.body_html
    latest = page.revisions.first()
    assert latest is not None
    assert (latest.version, latest.actor, latest.note) == (2, focal_point, "shorter")
    assert latest.body == "## New\n\nChildcare costs."
    assert SearchEntry.objects.get(kind="page", ref_id=page.pk).body.startswith("s\nNew")


def test_a_stale_edit_is_refused_and_nothing_is_lost(
    signed_in: Any, guide_content: Any, focal_point: Any, reviewer: Any
) -> None:
    page = _page()
    first = signed_in(focal_point).post(
        "/guide/budget/edit/", {"title": "A", "body": "first edit", "version": page.version}
    )
    assert first.status_code == 302
    client = signed_in(reviewer)
    second = client.post(
        "/guide/budget/edit/", {"title": "B", "body": "second edit", "version": page.version}
    )
    assert second.status_code == 409
    body = second.content.decode()
    assert "second edit" in body  # the loser's text is still in the form
    assert "first edit" in body  # and theirs is shown
    page.refresh_from_db()
    assert (page.title, page.body) == ("A", "first edit")


def test_preview_renders_without_saving(
    signed_in: Any, guide_content: Any, focal_point: Any
) -> None:
    page = _page()
    client = signed_in(focal_point)
    response = client.post(
        "/guide/budget/edit/",
        {
            "title": "Budget",
            "body": "**bold** <script>x</script>",
            "version": page.version,
            "preview": "1",
        },
    )
    assert response.status_code == 200
    assert "<strong>bold</strong>" in response.content.decode()
    assert "<script>x" not in response.content.decode()
    htmx = client.post(
        "/guide/budget/edit/",
        {"title": "Budget", "body": "*it*", "version": page.version, "preview": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert htmx.content.decode().strip().startswith('<section id="preview"')
    assert _page().version == page.version


def test_restore_brings_back_an_earlier_version_as_a_new_one(
    signed_in: Any, guide_content: Any, focal_point: Any
) -> None:
    page = _page()
    original = page.body
    page = services.page_update(
        page=page, actor=focal_point, expected_version=1, title="Budget", body="replaced"
    )
    response = signed_in(focal_point).post(
        "/guide/budget/history/en/1/restore/", {"version": page.version}
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body == original and page.version == 3
    assert [r.version for r in page.revisions.all()] == [3, 2, 1]
    assert "restored version 1" in page.revisions.first().note  # type: ignore[union-attr]


def test_history_and_old_revision_pages_are_readable(
    signed_in: Any, guide_content: Any, developer: Any, focal_point: Any
) -> None:
    page = _page()
    services.page_update(page=page, actor=focal_point, expected_version=1, title="B", body="new")
    client = signed_in(developer)
    history = client.get("/guide/budget/history/").content.decode()
    assert "v2" in history and "v1" in history and "Restore" not in history
    old = client.get("/guide/budget/history/en/1/").content.decode()
    assert "Budget lines by category" in old


def test_restore_refused_to_readers(signed_in: Any, guide_content: Any, developer: Any) -> None:
    assert (
        signed_in(developer).post("/guide/budget/history/en/1/restore/", {"version": 1}).status_code
        == 403
    )


def test_translating_a_page_creates_the_french_version(
    signed_in: Any, guide_content: Any, focal_point: Any
) -> None:
    from pat.guide.models import GuidePage

    GuidePage.objects.filter(key="budget", language="fr").delete()  # a page not yet translated
    client = signed_in(focal_point)
    form = client.get("/guide/budget/edit/?lang=fr").content.decode()
    assert "Budget lines by category" in form  # starts from the English text
    response = client.post(
        "/guide/budget/edit/?lang=fr",
        {"title": "Budget (FR)", "body": "Les lignes budgétaires.", "version": 0, "lang": "fr"},
    )
    assert response.status_code == 302
    page = _page("budget", "fr")
    assert page.revisions.count() == 1
    body = client.get("/guide/budget/?lang=fr").content.decode()
    assert "Les lignes budgétaires." in body


def test_a_gender_focal_point_publishes_a_new_guideline_every_office_sees(
    signed_in: Any, guide_content: Any, focal_point: Any, colleague: Any
) -> None:
    response = signed_in(focal_point).post(
        "/guide/new/",
        {
            "key": "engaging-fathers",
            "language": "en",
            "title": "Engaging migrant fathers",
            "body": "Work with fathers on care.",
            "summary": "Men as carers",
        },
    )
    assert response.status_code == 302
    client = signed_in(colleague)
    assert "Engaging migrant fathers" in client.get("/guide/").content.decode()
    assert "Work with fathers" in client.get("/guide/engaging-fathers/").content.decode()
    found = client.get("/guide/search/?q=fathers").content.decode()
    assert "/guide/engaging-fathers/" in found


def test_new_page_key_must_be_free_and_not_reserved(
    signed_in: Any, guide_content: Any, focal_point: Any
) -> None:
    client = signed_in(focal_point)
    taken = client.post(
        "/guide/new/", {"key": "budget", "language": "en", "title": "x", "body": "y"}
    )
    reserved = client.post(
        "/guide/new/", {"key": "library", "language": "en", "title": "x", "body": "y"}
    )
    assert taken.status_code == reserved.status_code == 400
    assert GuidePageRevision.objects.filter(page__title="x").count() == 0
