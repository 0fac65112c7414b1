"""Signing in: throttled wrong passwords, password reset and change, idle sessions."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from pat.accounts.middleware import SEEN_KEY, idle_expired

pytestmark = pytest.mark.django_db

PASSWORD = "secret-pass-123"  # the factories' password


def sign_in(client: Client, username: str, password: str) -> Any:
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_user_name_even_against_the_right_one(
    developer: Any,
) -> None:
    client = Client(REMOTE_ADDR="198.51.100.7")
    for _ in range(5):
        response = sign_in(client, "developer", "wrong-guess")
        assert response.status_code in (200, 429)
    response = sign_in(client, "developer", PASSWORD)
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert "15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_lockout_holds_for_one_address_not_for_the_whole_office(developer: Any) -> None:
    attacker = Client(REMOTE_ADDR="198.51.100.7")
    for _ in range(6):
        sign_in(attacker, "developer", "wrong-guess")
    colleague_at_her_desk = Client(REMOTE_ADDR="192.0.2.10")
    response = sign_in(colleague_at_her_desk, "developer", PASSWORD)
    assert response.status_code == 302
    assert colleague_at_her_desk.session["_auth_user_id"] == str(developer.pk)


def test_a_few_typos_then_the_right_password_signs_in(developer: Any) -> None:
    client = Client()
    for _ in range(3):
        assert sign_in(client, "developer", "typo").status_code == 200
    assert sign_in(client, "developer", PASSWORD).status_code == 302


def test_a_forgotten_password_is_reset_through_the_emailed_link(developer: Any) -> None:
    developer.email = "amina@example.org"
    developer.save()
    client = Client()
    assert "Forgot your password?" in client.get("/accounts/login/").content.decode()
    response = client.post("/accounts/password/reset/", {"email": "amina@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body)
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    assert "Choose a new password" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_url, {"new_password1": "a-new-long-phrase-77", "new_password2": "a-new-long-phrase-77"}
    )
    assert response.status_code == 302
    assert sign_in(Client(), "developer", "a-new-long-phrase-77").status_code == 302


def test_a_reset_link_works_once(developer: Any) -> None:
    developer.email = "amina@example.org"
    developer.save()
    client = Client()
    client.post("/accounts/password/reset/", {"email": "amina@example.org"})
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body)
    assert link is not None
    set_url = client.get(link.group(1), follow=True).redirect_chain[-1][0]
    client.post(
        set_url, {"new_password1": "a-new-long-phrase-77", "new_password2": "a-new-long-phrase-77"}
    )
    again = Client().get(link.group(1), follow=True).content.decode()
    assert "This link no longer works" in again


def test_an_unknown_address_gets_the_same_answer_and_no_mail(developer: Any) -> None:
    response = Client().post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_a_user_changes_her_password(developer: Any) -> None:
    client = Client()
    client.force_login(developer)
    response = client.post(
        "/accounts/password/change/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-phrase-42",
            "new_password2": "another-long-phrase-42",
        },
    )
    assert response.status_code == 302
    developer.refresh_from_db()
    assert developer.check_password("another-long-phrase-42")


def test_a_wrong_old_password_changes_nothing(developer: Any) -> None:
    client = Client()
    client.force_login(developer)
    response = client.post(
        "/accounts/password/change/",
        {
            "old_password": "not-it",
            "new_password1": "x-long-9-phrase",
            "new_password2": "x-long-9-phrase",
        },
    )
    assert response.status_code == 200
    developer.refresh_from_db()
    assert developer.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("seen", "now", "expired"),
    [
        (None, 1000.0, False),  # first request of the session
        (1000.0, 1000.0 + 7200, False),  # exactly the idle time
        (1000.0, 1000.0 + 7201, True),
        (1000.0, 1000.0 + 60, False),
    ],
)
def test_idle_expiry(seen: float | None, now: float, expired: bool) -> None:
    assert idle_expired(seen=seen, now=now, idle_seconds=7200) is expired


def test_an_idle_session_is_signed_out(developer: Any, settings: Any) -> None:
    settings.PAT_SESSION_IDLE_MINUTES = 30
    client = Client()
    client.force_login(developer)
    assert client.get("/projects/").status_code == 200
    session = client.session
    session[SEEN_KEY] = time.time() - 31 * 60
    session.save()
    response = client.get("/projects/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.get("/api/v1/projects").status_code == 401


def test_an_active_session_stays_signed_in(developer: Any, settings: Any) -> None:
    settings.PAT_SESSION_IDLE_MINUTES = 30
    client = Client()
    client.force_login(developer)
    client.get("/projects/")
    session = client.session
    session[SEEN_KEY] = time.time() - 29 * 60
    session.save()
    assert client.get("/projects/").status_code == 200
    assert client.session[SEEN_KEY] > time.time() - 5  # the request counted as activity


def test_without_single_sign_on_settings_there_is_no_button_and_no_route() -> None:
    client = Client()
    assert "organization account" not in client.get("/accounts/login/").content.decode()
    assert client.get("/accounts/sso/start/").status_code == 404
    assert client.get("/accounts/sso/callback/").status_code == 404
