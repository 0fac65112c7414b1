"""Who may do what with vacancy notices, for every persona and for anonymous visitors.

The notice belongs to the Nigeria country office. HR officers (at headquarters, above it)
manage it; the office's own staff draft it; other offices and HQ roles other than HR do not
see it staff-side. Everyone, signed in or not, reads the public board.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from pat.core import permissions
from pat.recruitment.models import Vacancy
from tests.recruitment.conftest import draft, notice_fields, published

pytestmark = pytest.mark.django_db

PERSONAS = [
    "developer",
    "reviewer",
    "budget_reviewer",
    "focal_point",
    "hr_officer",
    "administrator",
    "colleague",
    None,  # anonymous
]

# persona: (staff list, draft for Nigeria, edit the draft, publish/close, edit published)
EXPECTED = {
    "developer": (200, True, True, False, False),
    "reviewer": (200, False, False, False, False),
    "budget_reviewer": (200, False, False, False, False),
    "focal_point": (200, False, False, False, False),
    "hr_officer": (200, True, True, True, True),
    "administrator": (200, True, True, True, True),
    "colleague": (200, False, False, False, False),
    None: (302, False, False, False, False),
}


def _client(request: Any, persona: str | None) -> tuple[Client, Any]:
    client = Client()
    user = request.getfixturevalue(persona) if persona else None
    if user is not None:
        client.force_login(user)
    return client, user


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_rules_for_each_persona(
    request: Any, persona: str | None, country_office: Any, hq: Any
) -> None:
    listing, may_draft, may_edit_draft, may_manage, may_edit_published = EXPECTED[persona]
    client, user = _client(request, persona)
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    office = country_office.pk
    assert permissions.can_draft_vacancy(user, office) is may_draft
    assert permissions.can_edit_vacancy(user, office, state="draft") is may_edit_draft
    assert permissions.can_manage_vacancy(user, office) is may_manage
    assert permissions.can_edit_vacancy(user, office, state="published") is may_edit_published
    assert permissions.can_edit_vacancy(user, office, state="filled") is False
    assert client.get("/recruitment/").status_code == listing


@pytest.mark.parametrize("persona", PERSONAS)
def test_pages_answer_each_persona_as_the_rules_say(
    request: Any, persona: str | None, country_office: Any, hr_officer: Any
) -> None:
    vacancy = draft(country_office, hr_officer)
    live = published(country_office, hr_officer, reference="VN 2026/050")
    _listing, may_draft, may_edit_draft, may_manage, may_edit_published = EXPECTED[persona]
    client, _user = _client(request, persona)

    def status(url: str, data: dict[str, Any] | None = None) -> int:
        response = client.post(url, data) if data is not None else client.get(url)
        return response.status_code

    ok = {True: {200, 302}, False: {403} if persona else {302}}
    assert status(f"/recruitment/{vacancy.pk}/") in ok[may_draft]
    assert status(f"/recruitment/{vacancy.pk}/edit/") in ok[may_edit_draft]
    assert status(f"/recruitment/{live.pk}/edit/") in ok[may_edit_published]
    form = {**notice_fields(country_office), "grade": vacancy.grade.pk}
    form.update(office=country_office.pk, closing_date="2026-12-31", version=vacancy.version)
    form["title"] = "Changed by the test"
    assert status(f"/recruitment/{vacancy.pk}/edit/", form) in ok[may_edit_draft]
    assert (
        status(f"/recruitment/{live.pk}/move/", {"to": "closed", "version": live.version})
        in (ok[may_manage])
    )
    vacancy.refresh_from_db()
    live.refresh_from_db()
    assert (vacancy.title == "Changed by the test") is may_edit_draft
    assert (live.state == "closed") is may_manage
    if persona is None:
        # Anonymous visitors are sent to sign in, and read the public board.
        response = client.get(f"/recruitment/{vacancy.pk}/")
        assert response["Location"].startswith("/accounts/login/")
        assert client.get("/vacancies/").status_code == 200


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_staff_list_shows_only_notices_of_the_users_offices(
    request: Any, persona: str | None, country_office: Any, other_office: Any, hr_officer: Any
) -> None:
    draft(country_office, hr_officer)
    draft(other_office, hr_officer, reference="VN 2026/077", title="Peru notice")
    client, _user = _client(request, persona)
    response = client.get("/recruitment/")
    if persona is None:
        assert response.status_code == 302
        return
    body = response.content.decode()
    sees_nigeria = persona in ("developer", "hr_officer", "administrator")
    sees_peru = persona in ("colleague", "hr_officer", "administrator")
    assert ("VN 2026/041" in body) is sees_nigeria
    assert ("VN 2026/077" in body) is sees_peru


def test_a_drafter_cannot_put_a_notice_in_another_office(
    client: Client, developer: Any, country_office: Any, other_office: Any
) -> None:
    client.force_login(developer)
    form = {**notice_fields(other_office), "grade": notice_fields(other_office)["grade"].pk}
    form.update(office=other_office.pk, closing_date="2026-12-31")
    response = client.post("/recruitment/new/", form)
    assert response.status_code == 400  # Peru is not among the offices offered
    assert not Vacancy.objects.exists()
