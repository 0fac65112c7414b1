"""Sessions and the signed-in user are read with raw queries (pat.accounts.fast): the same
rules as Django's own backends hold."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from pat.accounts.fast import SessionStore, UserBackend

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password-2026"


def _signed_in(user: Any) -> Client:
    user.set_password(PASSWORD)
    user.save()
    client = Client()
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/projects/").status_code == 200
    return client


def test_signing_in_records_the_fast_backend_and_reads_the_user(developer: Any) -> None:
    client = _signed_in(developer)
    session = SessionStore(client.cookies["sessionid"].value)
    assert session["_auth_user_backend"] == "pat.accounts.fast.UserBackend"
    assert session["_auth_user_id"] == str(developer.pk)


def test_a_signed_out_session_cookie_opens_nothing_when_replayed(developer: Any) -> None:
    client = _signed_in(developer)
    stolen = client.cookies["sessionid"].value
    client.post("/accounts/logout/")
    thief = Client()
    thief.cookies["sessionid"] = stolen
    response = thief.get("/projects/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_expired_session_is_no_session(developer: Any) -> None:
    client = _signed_in(developer)
    key = client.cookies["sessionid"].value
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    assert client.get("/projects/").status_code == 302
    assert SessionStore(key).load() == {}


def test_a_deactivated_user_is_signed_out_on_the_next_request(developer: Any) -> None:
    client = _signed_in(developer)
    developer.is_active = False
    developer.save()
    assert client.get("/projects/").status_code == 302


@pytest.mark.parametrize("user_id", ["", "abc", "1; DROP TABLE core_user", "999999"])
def test_a_session_naming_no_user_is_no_user(user_id: str) -> None:
    assert UserBackend().get_user(user_id) is None


def test_a_changed_password_ends_other_sessions(developer: Any) -> None:
    client = _signed_in(developer)
    developer.set_password("another-long-password-2026")
    developer.save()
    assert client.get("/projects/").status_code == 302
