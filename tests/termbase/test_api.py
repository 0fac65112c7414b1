"""POST /api/v1/check and GET/PATCH /api/v1/terms."""

from __future__ import annotations

from typing import Any

import pytest

from pat.termbase.models import TermEntry
from tests.termbase.conftest import client_for

pytestmark = pytest.mark.django_db


def check(client: Any, **payload: Any) -> Any:
    return client.post("/api/v1/check", payload, content_type="application/json")


def test_check_returns_the_language_and_the_findings(developer: Any) -> None:
    response = check(client_for(developer), text="The chairman asked for more manpower.")
    assert response.status_code == 200
    body = response.json()
    assert body["lang"] == "en"
    assert [f["rule"] for f in body["findings"]] == ["en.chairman", "en.manpower"]
    first = body["findings"][0]
    assert (first["start"], first["end"], first["term"]) == (4, 12, "chairman")
    assert first["suggestions"][0] == "chair"
    assert set(first) >= {"line", "column", "severity", "message", "explanation", "guide"}
    assert "coded" not in body


def test_check_detects_french(developer: Any) -> None:
    body = check(
        client_for(developer),
        text="Le président du comité a présenté le rapport aux travailleurs migrants.",
    ).json()
    assert body["lang"] == "fr"


def test_vacancy_mode_adds_coded_words_score_and_verdict(developer: Any) -> None:
    body = check(
        client_for(developer),
        text="We want an ambitious, competitive, decisive and dominant leader.",
        lang="en",
        mode="vacancy",
    ).json()
    assert body["coded"]
    assert {"term", "coding", "start", "end"} <= set(body["coded"][0])
    assert body["score"] < 0
    assert "masculine" in body["verdict"]


@pytest.mark.parametrize(
    "payload",
    [{}, {"text": 12}, {"text": "x", "lang": "de"}, {"text": "x", "mode": "essay"}],
)
def test_check_refuses_bad_input_with_422_and_a_message(developer: Any, payload: Any) -> None:
    response = check(client_for(developer), **payload)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_check_refuses_a_text_over_the_limit_with_413(developer: Any) -> None:
    response = check(client_for(developer), text="a" * 1_000_001)
    assert response.status_code == 413
    assert "limit" in response.json()["detail"]


def test_terms_lists_and_searches_the_term_base(colleague: Any) -> None:
    response = client_for(colleague).get("/api/v1/terms", {"lang": "en", "q": "chairman"})
    assert response.status_code == 200
    body = response.json()
    ids = [t["id"] for t in body["items"]]
    assert "en.chairman" in ids
    assert all(t["lang"] == "en" for t in body["items"])
    one = client_for(colleague).get("/api/v1/terms/en.chairman").json()
    assert one["suggestions"][0] == "chair"
    assert "except" in one


def test_a_focal_point_patches_a_term_and_a_stale_version_conflicts(focal_point: Any) -> None:
    client = client_for(focal_point)
    ok = client.patch(
        "/api/v1/terms/en.chairman",
        {"version": 1, "enabled": False},
        content_type="application/json",
    )
    assert ok.status_code == 200
    assert ok.json()["enabled"] is False
    stale = client.patch(
        "/api/v1/terms/en.chairman",
        {"version": 1, "severity": "high"},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert "changed by someone else" in stale.json()["detail"]
    assert TermEntry.objects.get(rule_id="en.chairman").severity == "medium"
