"""A NUL character in a query or a JSON body is refused with a 400, never a server error.

PostgreSQL cannot hold NUL in a string: schemathesis found `?office=%00` and `?kind=%00` as 500s
on PostgreSQL only.
"""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/staffing/flows?by=office&office=%00",
        "/api/v1/guide/search?q=inclusive&kind=%00",
        "/api/v1/projects?q=a%00b",
        "/projects/?q=%00",
        "/vacancies/?office=%00",
    ],
)
def test_a_nul_in_the_query_is_a_bad_request(client: Any, administrator: Any, path: str) -> None:
    client.force_login(administrator)
    response = client.get(path)
    assert response.status_code == 400
    if path.startswith("/api/"):
        assert response.json() == {"detail": "Bad Request"}  # JSON, as every API error


def test_a_nul_in_a_json_body_is_a_bad_request(client: Any, administrator: Any) -> None:
    client.force_login(administrator)
    response = client.post(
        "/api/v1/projects/XX.0001/reports",
        data='{"narrative": "a\\u0000b"}',
        content_type="application/json",
    )
    assert response.status_code == 400


def test_ordinary_queries_pass(client: Any, administrator: Any) -> None:
    client.force_login(administrator)
    assert client.get("/projects/?q=water").status_code == 200
