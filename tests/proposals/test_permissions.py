"""Who reads and who writes a proposal, persona by persona, on pages and the API."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from pat.proposals.models import ProposalSection

pytestmark = pytest.mark.django_db

READERS = [
    "developer",
    "reviewer",
    "budget_reviewer",
    "focal_point",
    "hr_officer",
    "administrator",
    "colleague",
]


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("persona", READERS)
def test_every_signed_in_persona_reads_the_proposal(
    request: Any, persona: str, project: Any
) -> None:
    client = client_for(request.getfixturevalue(persona))
    for path in ("", "summary/", "results/", "budget/", "versions/"):
        assert client.get(f"/proposals/{project.code}/{path}").status_code == 200
    assert client.get(f"/api/v1/projects/{project.code}/readiness").status_code == 200


@pytest.mark.parametrize(
    ("persona", "may_edit"),
    [
        ("developer", True),
        ("administrator", True),
        ("reviewer", False),
        ("budget_reviewer", False),
        ("focal_point", False),
        ("hr_officer", False),
        ("colleague", False),
    ],
)
def test_only_those_who_edit_the_project_write(
    request: Any, persona: str, may_edit: bool, project: Any
) -> None:
    client = client_for(request.getfixturevalue(persona))
    response = client.post(
        f"/proposals/{project.code}/sections/partnerships/",
        {"text": "Written", "version": 1},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == (200 if may_edit else 403)
    for step in ("results", "budget", "risks", "cover"):
        status = client.post(f"/proposals/{project.code}/{step}/", {}).status_code
        assert (status != 403) is may_edit
    page = client.get(f"/proposals/{project.code}/partnerships/").content.decode()
    assert ("data-autosave" in page) is may_edit
    assert ProposalSection.objects.filter(key="partnerships", text="Written").exists() is may_edit


def test_anonymous_outsiders_see_nothing(project: Any) -> None:
    client = Client()
    for path in ("", "summary/", "versions/", "export.docx"):
        response = client.get(f"/proposals/{project.code}/{path}")
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    post = client.post(f"/proposals/{project.code}/sections/summary/", {"text": "x", "version": 1})
    assert post.status_code == 302
    assert client.get(f"/api/v1/projects/{project.code}/readiness").status_code == 401
