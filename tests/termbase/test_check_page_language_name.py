"""The check page names the text's language, in the reader's language, not by its code."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.termbase.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("interface", "expected"), [("en", "Language: English"), ("fr", "Anglais")]
)
def test_the_result_names_the_language(developer: Any, interface: str, expected: str) -> None:
    client = client_for(developer)
    client.cookies["django_language"] = interface
    payload = {"lang": "en", "mode": "proposal", "text": "The chairman asked for more manpower."}
    html = client.post(reverse("termbase:check"), payload).content.decode()
    assert expected in html
    assert "Language: en<" not in html
