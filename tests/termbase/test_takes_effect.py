"""A change to the term base reaches the next check, without a restart, on every process."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from pat.termbase import checker, services
from pat.termbase.models import TermEntry
from tests.termbase.conftest import client_for

pytestmark = pytest.mark.django_db

TEXT = "The chairman asked for more manpower."


def rules_flagged(client: Client, text: str = TEXT) -> list[str]:
    response = client.post(
        "/api/v1/check", {"text": text, "lang": "en"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return [f["rule"] for f in response.json()["findings"]]


def test_disabling_a_rule_takes_effect_on_the_next_check(developer: Any, focal_point: Any) -> None:
    reader = client_for(developer)
    assert "en.chairman" in rules_flagged(reader)
    entry = TermEntry.objects.get(rule_id="en.chairman")
    client_for(focal_point).post(reverse("termbase:toggle", args=[entry.pk]), {"version": 1})
    assert rules_flagged(reader) == ["en.manpower"]
    page = reader.post(reverse("termbase:check"), {"text": TEXT, "lang": "en", "mode": "proposal"})
    assert [f.rule for _n, f, _first in page.context["findings"]] == ["en.manpower"]
    entry.refresh_from_db()
    services.entry_set_enabled(entry=entry, actor=focal_point, expected_version=2, enabled=True)
    assert "en.chairman" in rules_flagged(reader)


def test_an_edited_explanation_and_suggestion_show_on_the_next_check(
    developer: Any, focal_point: Any
) -> None:
    reader = client_for(developer)
    rules_flagged(reader)
    entry = TermEntry.objects.get(rule_id="en.chairman")
    services.entry_update(
        entry=entry,
        actor=focal_point,
        expected_version=1,
        fields={"explanation": "Our house style says chair.", "suggestions": ["convener"]},
    )
    response = reader.post(
        "/api/v1/check", {"text": TEXT, "lang": "en"}, content_type="application/json"
    )
    finding = next(f for f in response.json()["findings"] if f["rule"] == "en.chairman")
    assert finding["explanation"] == "Our house style says chair."
    assert finding["suggestions"][0] == "convener"


def test_a_rule_meant_for_vacancies_only_stops_flagging_proposals(focal_point: Any) -> None:
    reader = client_for(focal_point)
    entry = TermEntry.objects.get(rule_id="en.chairman")
    services.entry_update(
        entry=entry, actor=focal_point, expected_version=1, fields={"mode": "vacancy"}
    )
    assert "en.chairman" not in rules_flagged(reader)


def test_an_added_entry_is_flagged_on_the_next_check(developer: Any, focal_point: Any) -> None:
    reader = client_for(developer)
    text = "Ask the firemanship team."
    assert rules_flagged(reader, text) == []
    services.entry_create(
        actor=focal_point,
        fields={
            "lang": "en",
            "rule_id": "en.firemanship",
            "lemma": "firemanship",
            "pos": "noun",
            "category": "role-noun",
            "severity": "medium",
            "suggestions": ["firefighting"],
            "explanation": "Gendered.",
            "source": "Ours",
        },
    )
    assert rules_flagged(reader, text) == ["en.firemanship"]


def test_the_revision_is_read_once_per_request_and_rules_built_once_per_revision(
    rf: Any, django_assert_num_queries: Any, focal_point: Any
) -> None:
    request = rf.get("/")
    first = checker.current_rules(request)
    with django_assert_num_queries(0):
        assert checker.current_rules(request) is first
    with django_assert_num_queries(1):
        assert checker.current_rules(rf.get("/")) is first
    entry = TermEntry.objects.get(rule_id="en.chairman")
    services.entry_set_enabled(entry=entry, actor=focal_point, expected_version=1, enabled=False)
    rebuilt = checker.current_rules(rf.get("/"))
    assert rebuilt is not first
    assert rebuilt.revision == first.revision + 1


def test_another_server_sees_a_change_made_elsewhere(focal_point: Any, rf: Any) -> None:
    # Another app server writes through the database only; this process's cache is stale.
    before = checker.current_rules(rf.get("/"))
    TermEntry.objects.filter(rule_id="en.chairman").update(enabled=False)
    services.revision_bump()
    after = checker.current_rules(rf.get("/"))
    assert after.revision > before.revision
    findings = checker.check(TEXT, "en", "proposal", rules=after)
    assert [f.rule for f in findings] == ["en.manpower"]
