"""The staff-side pages: drafting with the wording check (with and without htmx), the 409 of a
stale edit, publishing with a reason from the notice page, and the link from staffing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from lxml import html

from pat.recruitment.models import Vacancy
from tests.recruitment.conftest import MASCULINE, draft, notice_fields

pytestmark = pytest.mark.django_db


def _form(office: Any, **changes: Any) -> dict[str, Any]:
    fields = notice_fields(office, **changes)
    return {
        **fields,
        "grade": fields["grade"].pk,
        "office": office.pk,
        "closing_date": "2026-12-31",
    }


def test_checking_the_wording_without_javascript_saves_nothing(
    client: Client, developer: Any, country_office: Any
) -> None:
    client.force_login(developer)
    response = client.post(
        "/recruitment/new/", {**_form(country_office, text=MASCULINE), "check": "1"}
    )
    assert response.status_code == 200
    page = html.fromstring(response.content)
    wording = page.xpath("//section[@id='wording']")[0].text_content()
    assert "5 masculine-coded, 0 feminine-coded words; score -5." in wording
    assert "strongly masculine-coded" in wording
    assert {li.text.strip() for li in page.xpath("//ul[@class='coded']/li")} >= {
        "competitive",
        "decisive",
        "leader",
    }
    assert not Vacancy.objects.exists()


def test_the_live_check_answers_htmx_with_the_wording_part_only(
    client: Client, developer: Any
) -> None:
    client.force_login(developer)
    response = client.post(
        "/recruitment/wording/",
        {"text": "A competitive leader, collaborative and committed.", "language": "en"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="wording"')
    assert "2 masculine-coded, 2 feminine-coded words; score 0." in body
    assert "<html" not in body


def test_the_live_check_is_for_staff_who_draft_notices(client: Client) -> None:
    response = client.post("/recruitment/wording/", {"text": "x", "language": "en"})
    assert response.status_code == 302  # to sign in


def test_saving_a_draft_stores_the_check_and_says_the_verdict(
    client: Client, developer: Any, country_office: Any
) -> None:
    client.force_login(developer)
    response = client.post("/recruitment/new/", _form(country_office, text=MASCULINE), follow=True)
    vacancy = Vacancy.objects.get()
    assert (vacancy.created_by, vacancy.wording_masculine) == (developer, 5)
    assert "Draft saved. Wording: strongly masculine-coded." in response.content.decode()


def test_a_stale_edit_gets_the_409_notice_and_changes_nothing(
    client: Client, developer: Any, country_office: Any
) -> None:
    vacancy = draft(country_office, developer)
    client.force_login(developer)
    first = client.post(
        f"/recruitment/{vacancy.pk}/edit/", {**_form(country_office, title="First"), "version": 1}
    )
    assert first.status_code == 302
    second = client.post(
        f"/recruitment/{vacancy.pk}/edit/", {**_form(country_office, title="Second"), "version": 1}
    )
    assert second.status_code == 409
    assert "Not saved: edit conflict." in second.content.decode()
    assert Vacancy.objects.get().title == "First"


def test_hr_publishes_from_the_notice_page_only_with_a_reason_for_masculine_wording(
    client: Client, hr_officer: Any, developer: Any, country_office: Any
) -> None:
    vacancy = draft(country_office, developer, text=MASCULINE)
    client.force_login(hr_officer)
    page = html.fromstring(client.get(f"/recruitment/{vacancy.pk}/").content)
    assert page.xpath("//form[@id='move-form']//textarea[@name='reason']")
    refused = client.post(f"/recruitment/{vacancy.pk}/move/", {"to": "published", "version": 1})
    assert refused.status_code == 400
    assert "5 masculine-coded word(s) left" in refused.content.decode()
    assert Vacancy.objects.get().state == "draft"
    done = client.post(
        f"/recruitment/{vacancy.pk}/move/",
        {"to": "published", "version": 1, "reason": "Wording of the donor's terms of reference."},
        follow=True,
    )
    assert "The notice is now published." in done.content.decode()
    vacancy.refresh_from_db()
    assert (vacancy.state, vacancy.publish_reason) == (
        "published",
        "Wording of the donor's terms of reference.",
    )
    history = html.fromstring(done.content).xpath("//ol[contains(@class,'history')]")[0]
    assert "Wording of the donor's terms of reference." in history.text_content()


def test_a_stale_move_gets_the_409_notice(
    client: Client, hr_officer: Any, country_office: Any
) -> None:
    vacancy = draft(country_office, hr_officer)
    client.force_login(hr_officer)
    assert (
        client.post(
            f"/recruitment/{vacancy.pk}/move/", {"to": "published", "version": 1}
        ).status_code
        == 302
    )
    stale = client.post(f"/recruitment/{vacancy.pk}/move/", {"to": "cancelled", "version": 1})
    assert stale.status_code == 409
    assert Vacancy.objects.get().state == "published"


def test_the_staffing_dashboard_links_to_the_notices_and_the_board(
    client: Client, hr_officer: Any
) -> None:
    client.force_login(hr_officer)
    page = html.fromstring(client.get("/staffing/").content)
    links = {a.get("href") for a in page.xpath("//a")}
    assert {"/recruitment/", "/vacancies/"} <= links


def test_an_oversized_notice_is_refused_with_a_message_and_nothing_saved(
    client: Client, developer: Any, country_office: Any
) -> None:
    client.force_login(developer)
    response = client.post("/recruitment/new/", _form(country_office, text="word " * 12_000))
    assert response.status_code == 400
    assert "at most 50000 characters" in response.content.decode()
    assert not Vacancy.objects.exists()
