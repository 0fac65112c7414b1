from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from pat.proposals import services

pytestmark = pytest.mark.django_db


def test_the_api_gives_the_score_and_items_with_anchors(developer: Any, project: Any) -> None:
    client = Client()
    client.force_login(developer)
    body = client.get(f"/api/v1/projects/{project.code}/readiness").json()
    assert body["code"] == project.code
    assert 0 <= body["score"] <= 100
    items = {i["id"]: i for i in body["items"]}
    assert items["gender-analysis"]["ok"] is False
    assert items["gender-analysis"]["anchor"] == "rationale#section-gender-analysis"
    assert items["gender-analysis"]["url"] == (
        f"/proposals/{project.code}/rationale/#section-gender-analysis"
    )
    text = " ".join(["Women and girls face risks men and boys do not."] * 8)
    services.section_save(
        project=project, key="gender-analysis", text=text, expected_version=1, actor=developer
    )
    after = client.get(f"/api/v1/projects/{project.code}/readiness").json()
    assert after["score"] > body["score"]
    assert {i["id"]: i for i in after["items"]}["gender-analysis"]["ok"] is True


def test_an_unknown_project_is_404(developer: Any) -> None:
    client = Client()
    client.force_login(developer)
    assert client.get("/api/v1/projects/XX.0000/readiness").status_code == 404
