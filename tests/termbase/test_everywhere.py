"""The term base is the checker everywhere: builder, readiness, frozen versions, the GFP
checklist, the API and the offline kit all follow a term added or disabled there."""

from __future__ import annotations

from typing import Any

import pytest

from pat.guide import kit
from pat.proposals import services as proposals
from pat.reviews import checklist
from pat.termbase import services
from pat.termbase.models import TermEntry
from tests.termbase.conftest import client_for

pytestmark = pytest.mark.django_db

TEXT = "The firemanship team and the chairman agreed."


def flagged_everywhere(client: Any, project: Any, developer: Any, version: int) -> dict[str, Any]:
    """What each place reports for TEXT written in the partnerships section."""
    saved = client.post(
        f"/proposals/{project.code}/sections/partnerships/",
        {"text": TEXT, "version": version},
        HTTP_ACCEPT="application/json",
    ).json()
    readiness = client.get(f"/api/v1/projects/{project.code}/readiness").json()
    frozen = proposals.proposal_freeze(project=project, actor=developer, reason="test")
    prefill = {p.item: p.ok for p in checklist.prefill(frozen.snapshot)}
    kit_ids = {e["id"] for e in kit.kit_rules("en")["entries"]}
    return {
        "builder": {f["term"].lower() for f in saved["findings"]},
        "readiness": " ".join(str(i) for i in readiness["items"]),
        "frozen": {f["term"].lower() for f in frozen.snapshot["findings"]["partnerships"]},
        "checklist": prefill["terminology-resolved"],
        "kit": kit_ids,
        "version": saved["version"],
    }


def test_an_added_and_a_disabled_term_reach_every_place_that_checks(
    developer: Any, focal_point: Any, project: Any
) -> None:
    client = client_for(developer)
    before = flagged_everywhere(client, project, developer, 1)
    assert before["builder"] == {"chairman"} == before["frozen"]
    assert "chairman" in before["readiness"] and "firemanship" not in before["readiness"]
    assert before["checklist"] is False
    assert "en.chairman" in before["kit"] and "en.firemanship" not in before["kit"]

    services.entry_create(
        actor=focal_point,
        fields={
            "lang": "en",
            "rule_id": "en.firemanship",
            "lemma": "firemanship",
            "pos": "noun",
            "category": "role-noun",
            "severity": "high",
            "suggestions": ["firefighting"],
            "explanation": "Gendered.",
            "source": "Ours",
        },
    )
    chairman = TermEntry.objects.get(rule_id="en.chairman")
    services.entry_set_enabled(
        entry=chairman, actor=focal_point, expected_version=chairman.version, enabled=False
    )

    after = flagged_everywhere(client, project, developer, before["version"])
    assert after["builder"] == {"firemanship"} == after["frozen"]
    assert "firemanship" in after["readiness"] and "chairman" not in after["readiness"]
    assert "en.firemanship" in after["kit"] and "en.chairman" not in after["kit"]


def test_a_cached_finding_is_checked_again_after_the_term_base_changes(
    developer: Any, focal_point: Any, project: Any
) -> None:
    # The section is saved once; only the term base changes before the freeze.
    client = client_for(developer)
    client.post(
        f"/proposals/{project.code}/sections/partnerships/",
        {"text": TEXT, "version": 1},
        HTTP_ACCEPT="application/json",
    )
    chairman = TermEntry.objects.get(rule_id="en.chairman")
    services.entry_set_enabled(
        entry=chairman, actor=focal_point, expected_version=chairman.version, enabled=False
    )
    frozen = proposals.proposal_freeze(project=project, actor=developer, reason="test")
    assert frozen.snapshot["findings"]["partnerships"] == []
    assert {p.item: p.ok for p in checklist.prefill(frozen.snapshot)}["terminology-resolved"]
