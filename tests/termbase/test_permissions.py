"""Who reads and who edits the term base: everyone signed in reads; GFPs and admins edit."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from pat.termbase.models import TermEntry
from tests.termbase.conftest import client_for
from tests.termbase.helpers import entry_form_data

pytestmark = pytest.mark.django_db

READERS = ["developer", "reviewer", "colleague", "hr_officer", "budget_reviewer"]
EDITORS = ["focal_point", "administrator"]


def chairman() -> TermEntry:
    return TermEntry.objects.get(rule_id="en.chairman")


def test_the_shipped_terminology_is_in_the_term_base() -> None:
    assert TermEntry.objects.filter(lang="en").count() > 100
    assert TermEntry.objects.filter(lang="fr").exists()
    assert TermEntry.objects.filter(lang="es").exists()
    assert chairman().changes.count() == 1


def test_an_outsider_sees_nothing(client: Any) -> None:
    entry = chairman()
    for url in (
        reverse("termbase:list"),
        reverse("termbase:detail", args=[entry.pk]),
        reverse("termbase:check"),
        reverse("termbase:export", args=["csv"]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    assert client.get("/api/v1/terms").status_code == 401
    assert client.post("/api/v1/check", {"text": "chairman"}, "application/json").status_code == 401


@pytest.mark.parametrize("persona", READERS)
def test_signed_in_staff_read_but_do_not_edit(persona: str, request: Any) -> None:
    client = client_for(request.getfixturevalue(persona))
    entry = chairman()
    listing = client.get(reverse("termbase:list"), {"q": "chairman"})
    assert listing.status_code == 200
    assert b"chairman" in listing.content
    assert b"New entry" not in listing.content
    detail = client.get(reverse("termbase:detail", args=[entry.pk]))
    assert detail.status_code == 200
    assert b"Disable" not in detail.content
    assert client.get(reverse("termbase:create")).status_code == 403
    assert client.post(reverse("termbase:create"), entry_form_data()).status_code == 403
    assert client.get(reverse("termbase:edit", args=[entry.pk])).status_code == 403
    toggle = client.post(reverse("termbase:toggle", args=[entry.pk]), {"version": entry.version})
    assert toggle.status_code == 403
    assert client.get(reverse("termbase:import")).status_code == 403
    patch = client.patch(
        "/api/v1/terms/en.chairman",
        {"version": entry.version, "enabled": False},
        content_type="application/json",
    )
    assert patch.status_code == 403
    entry.refresh_from_db()
    assert entry.enabled
    assert entry.version == 1


@pytest.mark.parametrize("persona", EDITORS)
def test_focal_points_and_administrators_edit(persona: str, request: Any) -> None:
    user = request.getfixturevalue(persona)
    client = client_for(user)
    entry = chairman()
    assert client.get(reverse("termbase:create")).status_code == 200
    created = client.post(reverse("termbase:create"), entry_form_data())
    assert created.status_code == 302
    new = TermEntry.objects.get(rule_id="en.firemanship")
    assert new.changes.get().actor == user
    edited = client.post(
        reverse("termbase:edit", args=[entry.pk]),
        entry_form_data(entry, explanation="Our own, clearer reason."),
    )
    assert edited.status_code == 302
    entry.refresh_from_db()
    assert entry.explanation == "Our own, clearer reason."
    assert client.get(reverse("termbase:import")).status_code == 200
