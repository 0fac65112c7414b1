"""schemathesis against the API's own OpenAPI schema: generated requests (a bounded number per
operation, derandomized so CI is repeatable) must never get a server error, and every answer
must be JSON and one the schema documents."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import status_code_conformance

from pat.api import api
from pat.core.models import ApiToken

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
schema.app = WSGIHandler()


@pytest.fixture(autouse=True)
def _one_connection() -> Iterator[None]:
    # Called straight through WSGI, every request would close the database connection at
    # its end (request_finished), and with it the test's transaction; Django's test client
    # disconnects the same handler for the same reason.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(administrator: Any, project: Any) -> dict[str, str]:
    _token, raw = ApiToken.issue(administrator, "schemathesis")
    return {"Authorization": f"Bearer {raw}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_generated_requests_never_get_a_server_error(case: Any, bearer: dict[str, str]) -> None:
    response = case.call(headers={**bearer, "Accept-Encoding": "identity"})
    assert response.status_code < 500, case.as_curl_command()
    content_type = (response.headers.get("content-type") or [""])[0]
    assert content_type.startswith("application/json"), (
        case.as_curl_command(),
        response.status_code,
        response.content[:300],
    )
    case.validate_response(response, checks=[status_code_conformance])
