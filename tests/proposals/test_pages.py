"""Every builder page renders for readers and writers."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from pat.proposals.sections import STEPS

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("step", [s.key for s in STEPS])
def test_every_step_renders_for_the_developer(developer: Any, project: Any, step: str) -> None:
    response = client_for(developer).get(f"/proposals/{project.code}/{step}/")
    assert response.status_code == 200
    assert b'id="readiness"' in response.content


def test_the_overview_renders(developer: Any, project: Any) -> None:
    response = client_for(developer).get(f"/proposals/{project.code}/")
    assert response.status_code == 200
