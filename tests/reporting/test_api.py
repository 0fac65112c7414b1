"""The reports API: list, file (with the sums checked and the version as lock), results."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from pat.core.models import ApiToken
from tests.reporting.conftest import indicators


def _auth(user: Any) -> dict[str, str]:
    _token, raw = ApiToken.issue(user)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _payload(project: Any, bands: Any, total: int = 20, **extra: Any) -> dict[str, Any]:
    people, other = indicators(project)
    period = project.reporting_periods.order_by("start").first()
    child, adult = bands["child"].pk, bands["adult"].pk
    return {
        "period": period.pk,
        "achievements": "Filed through the API.",
        "gender_results": "Girls were reached through schools.",
        "actuals": [
            {
                "indicator": people.pk,
                "value": total,
                "cells": [
                    {"sex": "female", "age_band": child, "value": 8},
                    {"sex": "male", "age_band": child, "value": 2},
                    {"sex": "female", "age_band": adult, "value": 6},
                    {"sex": "male", "age_band": adult, "value": 4},
                ],
            },
            {"indicator": other.pk, "value": 1},
        ],
        **extra,
    }


def _post(user: Any, project: Any, body: dict[str, Any]) -> Any:
    return Client().post(
        f"/api/v1/projects/{project.code}/reports",
        data=json.dumps(body),
        content_type="application/json",
        **_auth(user),
    )


def test_a_report_is_filed_and_read_back_by_period_sex_and_age(
    reporting_project: Any, developer: Any, bands: Any, colleague: Any
) -> None:
    response = _post(developer, reporting_project, _payload(reporting_project, bands))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "draft"
    assert body["version"] == 2
    listed = Client().get(f"/api/v1/projects/{reporting_project.code}/reports", **_auth(colleague))
    assert listed.status_code == 200
    assert listed.json()[0]["report"]["id"] == body["id"]
    results = Client().get(f"/api/v1/projects/{reporting_project.code}/results", **_auth(colleague))
    people = results.json()[0]
    assert people["counts_people"] is True
    cells = {(c["sex"], c["age_band"]): c["value"] for c in people["periods"][0]["cells"]}
    assert float(cells[("female", "0–17")]) == 8


def test_cells_that_do_not_add_up_are_a_422_and_nothing_is_saved(
    reporting_project: Any, developer: Any, bands: Any
) -> None:
    response = _post(developer, reporting_project, _payload(reporting_project, bands, total=25))
    assert response.status_code == 422
    assert "add up to 20, not 25" in response.json()["detail"]


def test_a_stale_version_is_a_409(reporting_project: Any, developer: Any, bands: Any) -> None:
    assert (
        _post(developer, reporting_project, _payload(reporting_project, bands)).status_code == 200
    )
    stale = _post(developer, reporting_project, _payload(reporting_project, bands, version=1))
    assert stale.status_code == 409


def test_someone_outside_the_project_cannot_file_a_report(
    reporting_project: Any, colleague: Any, bands: Any
) -> None:
    response = _post(colleague, reporting_project, _payload(reporting_project, bands))
    assert response.status_code == 403


def test_the_api_needs_sign_in(reporting_project: Any) -> None:
    assert Client().get(f"/api/v1/projects/{reporting_project.code}/results").status_code == 401


def test_the_operations_are_in_the_openapi_schema() -> None:
    from pat.api import api

    paths = api.get_openapi_schema(path_prefix="/api/v1")["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/projects/{code}/reports"])
    assert "get" in paths["/api/v1/projects/{code}/results"]
