"""The revision pages: who may request, edit and submit; the project page lists revisions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from pat.projects.models import Project
from pat.revisions import services
from pat.revisions.models import Revision, State
from tests.revisions.conftest import decide_all

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "colleague",
    "developer",
    "reviewer",
    "focal_point",
    "hr_officer",
    "administrator",
]
WRITERS = {"developer", "administrator"}


def _client(request: Any, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    return client


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_projects_writers_request_and_edit_revisions(
    request: Any, persona: str, extension: Revision
) -> None:
    client = _client(request, persona)
    project = extension.project
    new = client.get(f"/revisions/new/{project.code}/")
    page = client.get(extension.get_absolute_url())
    before = extension.end_date
    posted = client.post(
        f"/revisions/{extension.pk}/draft/",
        {
            "version": extension.version,
            "justification": "Hijacked",
            "end_date": (before + dt.timedelta(days=400)).isoformat(),
        },
    )
    if persona == "anonymous":
        assert (new.status_code, page.status_code, posted.status_code) == (302, 302, 302)
    elif persona in WRITERS:
        assert (new.status_code, page.status_code, posted.status_code) == (200, 200, 302)
        assert b'id="draft-form"' in page.content
    else:
        assert (new.status_code, page.status_code, posted.status_code) == (403, 200, 403)
        assert b'id="draft-form"' not in page.content
    extension.refresh_from_db()
    assert (extension.end_date != before) == (persona in WRITERS)


@pytest.mark.parametrize("persona", ["colleague", "reviewer"])
def test_others_may_not_submit_or_withdraw(request: Any, persona: str, extension: Revision) -> None:
    client = _client(request, persona)
    for action in ("submit", "withdraw"):
        response = client.post(
            f"/revisions/{extension.pk}/{action}/", {"version": extension.version}
        )
        assert response.status_code == 403
    extension.refresh_from_db()
    assert extension.state == State.DRAFT


def test_a_late_request_in_the_browser_names_the_limit(
    client: Any, developer: Any, active: Project
) -> None:
    Project.objects.filter(pk=active.pk).update(end_date=dt.date.today() + dt.timedelta(days=10))
    client.force_login(developer)
    response = client.post(
        f"/revisions/new/{active.code}/", {"kind": "extension", "justification": "Late."}
    )
    assert response.status_code == 400
    assert b"at least a month before the end date" in response.content
    assert not Revision.objects.exists()


def test_a_stale_draft_form_answers_409(client: Any, developer: Any, extension: Revision) -> None:
    client.force_login(developer)
    form = {
        "version": extension.version,
        "justification": extension.justification,
        "end_date": extension.end_date.isoformat(),
    }
    assert client.post(f"/revisions/{extension.pk}/draft/", form).status_code == 302
    assert client.post(f"/revisions/{extension.pk}/draft/", form).status_code == 409


def test_the_project_page_lists_every_revision_with_its_state_and_diff(
    client: Any,
    developer: Any,
    colleague: Any,
    reviewer: Any,
    budget_reviewer: Any,
    extension: Revision,
) -> None:
    services.revision_submit(
        revision=extension, actor=developer, expected_version=extension.version
    )
    extension.refresh_from_db()
    decide_all(extension, reviewer, budget_reviewer)
    project = Project.objects.get(pk=extension.project_id)
    second = services.revision_request(
        project=project, actor=developer, kind="budget", justification="Shelters cost more."
    )
    client.force_login(colleague)
    page = client.get(project.get_absolute_url()).content.decode()
    assert page.count('class="revision-row"') == 2
    assert "Endorsed and applied" in page and "Draft" in page
    assert f'href="{second.get_absolute_url()}"' in page
    assert extension.end_date.isoformat() in page  # the new end date, in the dates and the diff
    assert "<ins>" in page
