"""API tokens: they expire, and people list, create and revoke their own."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from pat.core.models import ApiToken

pytestmark = pytest.mark.django_db


def api_status(raw: str) -> int:
    return Client().get("/api/v1/projects", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code


def test_a_new_token_expires_after_the_configured_days(developer: Any, settings: Any) -> None:
    settings.PAT_API_TOKEN_DAYS = 30
    token, raw = ApiToken.issue(developer)
    assert token.expires_at is not None
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    assert api_status(raw) == 200


def test_an_expired_token_opens_nothing(developer: Any) -> None:
    token, raw = ApiToken.issue(developer, days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert api_status(raw) == 401
    assert ApiToken.authenticate(raw) is None


def test_the_token_command_takes_a_lifetime(developer: Any) -> None:
    out = io.StringIO()
    call_command("token", "developer", "--days", "7", stdout=out)
    token = ApiToken.objects.get(user=developer)
    assert token.expires_at is not None
    assert timedelta(days=6) < token.expires_at - timezone.now() <= timedelta(days=7)
    with pytest.raises(CommandError):
        call_command("token", "developer", "--days", "0", stdout=io.StringIO())


def test_a_user_creates_a_token_and_sees_it_only_once(developer: Any) -> None:
    client = Client()
    client.force_login(developer)
    response = client.post("/accounts/tokens/", {"name": "reporting script", "days": "30"})
    assert response.status_code == 302
    page = client.get("/accounts/tokens/").content.decode()
    raw = re.search(r'<code id="new-token">(pat_[^<]+)</code>', page)
    assert raw is not None
    assert api_status(raw.group(1)) == 200
    assert "reporting script" in page
    again = client.get("/accounts/tokens/").content.decode()
    assert raw.group(1) not in again
    assert "reporting script" in again


def test_a_token_for_more_than_a_year_is_refused(developer: Any) -> None:
    client = Client()
    client.force_login(developer)
    response = client.post("/accounts/tokens/", {"name": "forever", "days": "5000"})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_a_user_revokes_her_token_and_it_stops_at_once(developer: Any) -> None:
    token, raw = ApiToken.issue(developer, "laptop")
    client = Client()
    client.force_login(developer)
    response = client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert api_status(raw) == 401
    assert "revoked" in client.get("/accounts/tokens/").content.decode()


def test_nobody_sees_or_revokes_another_persons_token(developer: Any, colleague: Any) -> None:
    token, raw = ApiToken.issue(developer, "laptop")
    client = Client()
    client.force_login(colleague)
    assert "laptop" not in client.get("/accounts/tokens/").content.decode()
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    assert api_status(raw) == 200


def test_revoking_needs_a_post(developer: Any) -> None:
    token, raw = ApiToken.issue(developer)
    client = Client()
    client.force_login(developer)
    assert client.get(f"/accounts/tokens/{token.pk}/revoke/").status_code == 405
    assert api_status(raw) == 200


def test_the_token_page_needs_sign_in() -> None:
    response = Client().get("/accounts/tokens/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
