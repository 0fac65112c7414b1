"""Frozen versions: numbered, complete, immutable; and what changed between two."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from pat.proposals import diffing, services
from pat.proposals.models import ProposalVersion
from tests import factories as results

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_submitting_freezes_numbered_versions_with_every_part(developer: Any, project: Any) -> None:
    outcome = results.result_add(project=project, actor=developer, parent=None, statement="Safer")
    services.section_save(
        project=project,
        key="gender-analysis",
        text="Women and men",
        expected_version=1,
        actor=developer,
    )
    first = services.proposal_submit(project=project, actor=developer)
    second = services.proposal_freeze(project=project, actor=developer, reason="Before review")
    assert (first.number, second.number) == (1, 2)
    snapshot = first.snapshot
    assert snapshot["sections"]["gender-analysis"] == "Women and men"
    assert snapshot["results"][0]["code"] == outcome.code
    assert {"work_plan", "budget", "risks", "beneficiaries", "markers", "readiness"} <= set(
        snapshot
    )
    assert first.reason == "Submitted for review"
    assert first.created_by == developer


def test_a_frozen_version_cannot_be_changed_or_deleted(developer: Any, project: Any) -> None:
    version = services.proposal_submit(project=project, actor=developer)
    version.reason = "Rewritten"
    with pytest.raises(ValidationError):
        version.save()
    with pytest.raises(ValidationError):
        version.delete()
    with pytest.raises(ValidationError):
        ProposalVersion.objects.filter(pk=version.pk).update(reason="x")
    with pytest.raises(ValidationError):
        ProposalVersion.objects.filter(pk=version.pk).delete()
    assert ProposalVersion.objects.get(pk=version.pk).reason == "Submitted for review"


def test_later_edits_leave_the_frozen_snapshot_alone(developer: Any, project: Any) -> None:
    services.section_save(
        project=project,
        key="evaluation",
        text="Mid-term review",
        expected_version=1,
        actor=developer,
    )
    version = services.proposal_submit(project=project, actor=developer)
    services.section_save(
        project=project,
        key="evaluation",
        text="Final evaluation",
        expected_version=2,
        actor=developer,
    )
    assert ProposalVersion.objects.get(pk=version.pk).snapshot["sections"]["evaluation"] == (
        "Mid-term review"
    )


def test_word_diff_marks_insertions_and_deletions_and_escapes() -> None:
    html, added, removed = diffing.word_diff(
        "Services for <b>men</b> only", "Services for women and men"
    )
    assert "<del>" in html and "<ins>" in html
    assert "&lt;b&gt;" in html
    assert "<b>" not in html
    assert added >= 1 and removed >= 1


def test_the_changes_page_shows_what_changed_section_by_section(
    developer: Any, colleague: Any, project: Any
) -> None:
    services.section_save(
        project=project,
        key="evaluation",
        text="A mid-term review",
        expected_version=1,
        actor=developer,
    )
    services.proposal_submit(project=project, actor=developer)
    services.section_save(
        project=project,
        key="evaluation",
        text="A mid-term review and a final evaluation",
        expected_version=2,
        actor=developer,
    )
    services.proposal_submit(project=project, actor=developer)
    response = client_for(colleague).get(f"/proposals/{project.code}/versions/compare/?a=1&b=2")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<ins>and a final evaluation</ins>" in page.replace("<ins> ", "<ins>")
    assert 'id="diff-evaluation"' in page
    assert "no change" in page


def test_freezing_from_the_page_needs_edit_rights(
    developer: Any, colleague: Any, project: Any
) -> None:
    assert client_for(colleague).post(f"/proposals/{project.code}/versions/").status_code == 403
    response = client_for(developer).post(
        f"/proposals/{project.code}/versions/", {"reason": "For the regional office"}
    )
    assert response.status_code == 302
    assert ProposalVersion.objects.get(project=project).reason == "For the regional office"
