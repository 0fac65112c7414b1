"""Autosave of sections: per-section locks, conflicts, one source of truth, history."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from pat.projects.models import Project, ProjectChange
from pat.proposals import services
from pat.proposals.models import ProposalSection

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def autosave(
    client: Client, project: Any, key: str, text: str, version: int, base: str = ""
) -> Any:
    return client.post(
        f"/proposals/{project.code}/sections/{key}/",
        {"text": text, "version": version, "base": base},
        HTTP_ACCEPT="application/json",
    )


def test_autosave_keeps_the_draft_and_says_when(developer: Any, project: Any) -> None:
    client = client_for(developer)
    response = autosave(client, project, "partnerships", "We work with the ministry.", 1)
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] and body["version"] == 2
    assert body["saved_label"].startswith("Saved ")
    row = ProposalSection.objects.get(project=project, key="partnerships")
    assert row.text == "We work with the ministry."
    page = client.get(f"/proposals/{project.code}/partnerships/").content.decode()
    assert "We work with the ministry." in page
    assert "Saved " in page


def test_a_second_writer_on_an_old_version_gets_a_conflict_and_nothing_changes(
    developer: Any, administrator: Any, project: Any
) -> None:
    assert autosave(client_for(developer), project, "evaluation", "Mine", 1).status_code == 200
    response = autosave(client_for(administrator), project, "evaluation", "Theirs", 1)
    assert response.status_code == 409
    body = response.json()
    assert "Evaluation was changed by someone else" in body["conflict"]
    assert "Nothing was saved" in body["conflict"]
    assert body["theirs"] == "Mine"
    assert ProposalSection.objects.get(project=project, key="evaluation").text == "Mine"


def test_sections_lock_separately(developer: Any, project: Any) -> None:
    client = client_for(developer)
    assert autosave(client, project, "monitoring", "A", 1).status_code == 200
    # Another section still starts at version 1: no false conflict.
    assert autosave(client, project, "evaluation", "B", 1).status_code == 200


def test_the_summary_lives_on_the_project_and_is_searchable(developer: Any, project: Any) -> None:
    client = client_for(developer)
    base = services.digest(project.summary)
    response = autosave(client, project, "summary", "Shelters for trafficked women", 1, base)
    assert response.status_code == 200
    project.refresh_from_db()
    assert project.summary == "Shelters for trafficked women"
    assert ProposalSection.objects.get(project=project, key="summary").text == ""
    assert Project.objects.search("shelters trafficked").filter(pk=project.pk).exists()
    assert (
        "Shelters for trafficked women" in client.get(project.get_absolute_url()).content.decode()
    )


def test_an_edit_on_the_project_page_meanwhile_is_a_conflict(developer: Any, project: Any) -> None:
    base = services.digest(project.summary)
    Project.objects.filter(pk=project.pk).update(summary="Changed on the project page")
    response = autosave(client_for(developer), project, "summary", "Builder text", 1, base)
    assert response.status_code == 409
    assert "changed by someone else" in response.json()["conflict"]
    project.refresh_from_db()
    assert project.summary == "Changed on the project page"


def test_autosaves_of_one_session_make_one_history_entry(developer: Any, project: Any) -> None:
    client = client_for(developer)
    base = services.digest(project.summary)
    r1 = autosave(client, project, "summary", "First words", 1, base).json()
    autosave(client, project, "summary", "First words and more", r1["version"], r1["base"])
    entries = ProjectChange.objects.filter(project=project, changes__has_key="summary")
    assert entries.count() == 1
    old, new = entries.get().changes["summary"]
    assert new == "First words and more"
    assert old == "Services for people on the move, with data by sex and age."


def test_without_javascript_a_save_redirects_back_to_the_section(
    developer: Any, project: Any
) -> None:
    response = client_for(developer).post(
        f"/proposals/{project.code}/sections/sustainability/", {"text": "Kept", "version": 1}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/sustainability/#section-sustainability")


def test_a_stale_form_without_javascript_shows_the_conflict_and_keeps_the_text(
    developer: Any, project: Any
) -> None:
    client = client_for(developer)
    autosave(client, project, "monitoring", "Saved first", 1)
    response = client.post(
        f"/proposals/{project.code}/sections/monitoring/", {"text": "Typed later", "version": 1}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Typed later" in page
    assert 'class="conflict"' in page


def test_wording_findings_are_kept_with_the_section(developer: Any, project: Any) -> None:
    body = autosave(
        client_for(developer), project, "partnerships", "The chairman of the committee agreed.", 1
    ).json()
    assert any(f["term"].lower() == "chairman" for f in body["findings"])


def test_an_unknown_section_is_not_found(developer: Any, project: Any) -> None:
    assert autosave(client_for(developer), project, "nonsense", "x", 1).status_code == 404
