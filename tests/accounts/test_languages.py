"""The account pages speak French and Spanish too."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "sign_in_text", "tokens_title"),
    [
        ("fr", "Mot de passe oublié ?", "Vos jetons d’API"),
        ("es", "¿Olvidó su contraseña?", "Sus tokens de API"),
    ],
)
def test_the_account_pages_are_translated(
    developer: Any, language: str, sign_in_text: str, tokens_title: str
) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    assert sign_in_text in client.get("/accounts/login/").content.decode()
    client.force_login(developer)
    assert tokens_title in client.get("/accounts/tokens/").content.decode()
