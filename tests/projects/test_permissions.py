"""Who can read and who can edit a project, persona by persona, on pages and the API."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

READ_PAGES = ["projects:list", "projects:feed"]


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    "persona",
    [
        "developer",
        "reviewer",
        "budget_reviewer",
        "focal_point",
        "hr_officer",
        "administrator",
        "colleague",
    ],
)
def test_every_signed_in_persona_reads_every_project(
    request: Any, persona: str, project: Any
) -> None:
    client = client_for(request.getfixturevalue(persona))
    assert client.get(project.get_absolute_url()).status_code == 200
    for name in READ_PAGES:
        assert client.get(reverse(name)).status_code == 200
    assert client.get(f"/api/v1/projects/{project.code}").status_code == 200


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
def test_only_the_executing_office_and_admins_edit(
    request: Any, persona: str, may_edit: bool, project: Any
) -> None:
    client = client_for(request.getfixturevalue(persona))
    expected = 200 if may_edit else 403
    for name in [
        "projects:edit",
        "projects:results",
        "projects:beneficiaries",
        "projects:document-add",
    ]:
        assert client.get(reverse(name, args=[project.code])).status_code == expected, name


def test_a_named_team_member_from_another_office_edits(colleague: Any, project: Any) -> None:
    project.team.add(colleague)
    assert (
        client_for(colleague).get(reverse("projects:edit", args=[project.code])).status_code == 200
    )


def test_a_refused_edit_changes_nothing(colleague: Any, project: Any) -> None:
    response = client_for(colleague).post(
        reverse("projects:edit", args=[project.code]),
        {"title": "Hijacked", "version": project.version},
    )
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.title != "Hijacked"


def test_the_anonymous_outsider_sees_nothing(project: Any) -> None:
    client = Client()
    for url in [
        project.get_absolute_url(),
        reverse("projects:list"),
        reverse("projects:feed"),
        reverse("home"),
        reverse("projects:export", args=["csv"]),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    assert client.get("/api/v1/projects").status_code == 401
    assert client.get(f"/api/v1/projects/{project.code}").status_code == 401


def test_only_people_with_an_editing_role_open_projects(reviewer: Any, developer: Any) -> None:
    assert client_for(reviewer).get(reverse("projects:create")).status_code == 403
    assert client_for(developer).get(reverse("projects:create")).status_code == 200


def test_a_developer_cannot_open_a_project_for_another_office(
    developer: Any, other_office: Any
) -> None:
    from pat.projects.models import Project, ProjectType

    response = client_for(developer).post(
        reverse("projects:create"),
        {
            "code": "CT.0999",
            "title": "Elsewhere",
            "executing_office": other_office.pk,
            "project_type": ProjectType.objects.first().pk,
            "status": "concept",
            "currency": "USD",
        },
    )
    assert response.status_code == 200
    assert "executing_office" in response.context["form"].errors
    assert not Project.objects.filter(code="CT.0999").exists()
