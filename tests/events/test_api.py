"""GET /api/v1/programme/events: events, states and participants by type and sex."""

from __future__ import annotations

from typing import Any

import pytest

from pat.events.models import Event
from tests.events.conftest import INVITED, PARTICIPATED

pytestmark = pytest.mark.django_db


def test_the_api_lists_the_consultation_with_states_and_people(
    client: Any, colleague: Any, consultation: Event
) -> None:
    client.force_login(colleague)
    rows = client.get("/api/v1/programme/events").json()
    assert len(rows) == 1
    row = rows[0]
    assert row["kind"] == "consultation"
    assert row["states_invited"] == sorted(INVITED)
    assert row["states_participated"] == sorted(PARTICIPATED)
    assert row["state_share"] == round(11 / 17, 4)
    assert row["participants"]["total"] == 21
    assert row["participants"]["by_sex"] == {"female": 13, "male": 8, "other": 0, "unknown": 0}
    assert {"type": "staff", "sex": "female", "count": 4} in row["participants"]["cells"]


def test_the_api_filters_by_year_and_kind_and_refuses_unknown_kinds(
    client: Any, colleague: Any, consultation: Event
) -> None:
    client.force_login(colleague)
    assert len(client.get("/api/v1/programme/events?year=2026&kind=consultation").json()) == 1
    assert client.get("/api/v1/programme/events?year=2025").json() == []
    assert client.get("/api/v1/programme/events?kind=briefing").json() == []
    for query in ("kind=party", "year=0", "year=99999999999999999999", "year=x"):
        bad = client.get(f"/api/v1/programme/events?{query}")
        assert bad.status_code == 422, query
        assert "detail" in bad.json()


def test_the_api_is_in_the_openapi_schema(client: Any, colleague: Any) -> None:
    client.force_login(colleague)
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/programme/events" in schema["paths"]
