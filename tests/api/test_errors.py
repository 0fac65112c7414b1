"""API errors are errors: bad input gets a 4xx with a JSON message, never a server error."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from pat.core.models import ApiToken

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(administrator: Any, project: Any) -> Client:
    _token, raw = ApiToken.issue(administrator, "errors")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", raise_request_exception=False)


LISTS = ["/api/v1/projects", "/api/v1/terms", "/api/v1/guide/library"]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("offset", ["-1", str(10**20), "abc", "1e3"])
def test_a_bad_offset_on_a_list_is_a_422_with_a_message(api: Client, path: str, offset: str):
    response = api.get(path, {"offset": offset})
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


@pytest.mark.parametrize("path", LISTS)
def test_a_large_but_sane_offset_is_an_empty_page(api: Client, path: str):
    response = api.get(path, {"offset": 1_000_000})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        "[" * 200_000 + "]" * 200_000,
        '{"text": "x", "lang": "en", "n": ' + "9" * 5000 + "}",
        '{"text": "x", ',
        "\udcff",
    ],
)
def test_a_hostile_json_body_is_a_400_with_a_message(api: Client, body: str):
    response = api.post(
        "/api/v1/check", body.encode("utf-8", "surrogatepass"), content_type="application/json"
    )
    assert 400 <= response.status_code < 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", "/api/v1/no-such-thing", 404),
        ("delete", "/api/v1/projects", 405),
        ("get", "/api/v1/projects/NOPE.0000", 404),
    ],
)
def test_every_api_error_is_json(api: Client, method: str, path: str, status: int):
    response = getattr(api, method)(path)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_an_unauthenticated_request_gets_json_401():
    response = Client().get("/api/v1/projects")
    assert response.status_code == 401
    assert response.json()["detail"]


def test_lang_is_an_enum_in_the_schema():
    from pat.api import api as ninja_api

    schema = ninja_api.get_openapi_schema(path_prefix="/api/v1")
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "lang":
                    text = json.dumps(parameter["schema"])
                    assert '"enum"' in text, path


def test_every_operation_documents_its_client_errors():
    from pat.api import api as ninja_api

    schema = ninja_api.get_openapi_schema(path_prefix="/api/v1")
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"401", "422"} <= codes, (method, path)
            if "{" in path:
                assert "404" in codes, (method, path)
