"""People appear by name, and the site has its own icon."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_header_signs_out_by_name(country_office: Any) -> None:
    user = factories.UserFactory(username="amina", first_name="Amina", last_name="Diallo")
    factories.RoleFactory(user=user, office=country_office, kind="developer")
    client = Client()
    client.force_login(user)
    page = client.get("/").content.decode()
    assert "Sign out Amina Diallo" in page
    assert "Sign out amina" not in page


def test_someone_without_a_name_is_shown_by_user_name(developer: Any) -> None:
    assert str(developer) == "developer"


def test_the_favicon_is_served_by_the_app(developer: Any) -> None:
    client = Client()
    response = client.get("/favicon.ico")  # browsers ask before signing in
    assert response.status_code == 301
    assert response["Location"].endswith(".svg")
    # The icon is one of the app's static files (no CDN).
    path = finders.find("pat/favicon.svg")
    assert path is not None
    assert Path(str(path)).read_text().startswith("<svg")
    client.force_login(developer)
    assert 'rel="icon"' in client.get("/").content.decode()
