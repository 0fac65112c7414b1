"""The API's docs and schema: for signed-in people and token holders, served without a CDN."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from pat.core.models import ApiToken

pytestmark = pytest.mark.django_db


def test_outsiders_get_neither_the_docs_nor_the_schema() -> None:
    client = Client()
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 302
    assert docs["Location"].startswith("/accounts/login/?next=/api/v1/docs")
    schema = client.get("/api/v1/openapi.json")
    assert schema.status_code == 401
    assert schema.json() == {"detail": "Unauthorized"}
    assert (
        client.get("/api/v1/openapi.json", HTTP_AUTHORIZATION="Bearer pat_wrong").status_code == 401
    )


def test_a_token_holder_reads_the_schema(developer: Any) -> None:
    _token, raw = ApiToken.issue(developer)
    response = Client().get("/api/v1/openapi.json", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert "/api/v1/projects" in response.json()["paths"]


def test_the_docs_page_loads_swagger_from_the_app_itself(developer: Any) -> None:
    client = Client()
    client.force_login(developer)
    page = client.get("/api/v1/docs").content.decode()
    assert "cdn" not in page.lower()
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', page)
    assert "/static/ninja/swagger-ui-bundle.js" in assets
    assert "/static/ninja/swagger-ui.css" in assets
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
