"""Who may see and record events, for every persona and the anonymous outsider."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from pat.events.models import Event

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "colleague",
    "developer",
    "reviewer",
    "focal_point",
    "hr_officer",
    "coordinator",
    "administrator",
]
MAY_RECORD = {"coordinator", "administrator"}


def _client(request: Any, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    return client


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_signed_in_reads_events_and_the_outsider_signs_in_first(
    request: Any, persona: str, consultation: Event
) -> None:
    client = _client(request, persona)
    for url in ("/events/", consultation.get_absolute_url()):
        response = client.get(url)
        if persona == "anonymous":
            assert response.status_code == 302
            assert "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == 200
    api = client.get("/api/v1/programme/events")
    assert api.status_code == (401 if persona == "anonymous" else 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_coordinator_and_administrators_record_events(
    request: Any, persona: str, consultation: Event
) -> None:
    client = _client(request, persona)
    pages = [
        "/events/new/",
        f"/events/{consultation.pk}/edit/",
        f"/events/{consultation.pk}/document/",
    ]
    expected = 200 if persona in MAY_RECORD else (302 if persona == "anonymous" else 403)
    for url in pages:
        assert client.get(url).status_code == expected
    posted = client.post(f"/events/{consultation.pk}/edit/", {"title": "Hijacked"})
    if persona not in MAY_RECORD:
        assert posted.status_code in (302, 403)
        assert Event.objects.get(pk=consultation.pk).title != "Hijacked"
    listing = client.get("/events/")
    if persona != "anonymous":
        assert (b'href="/events/new/"' in listing.content) == (persona in MAY_RECORD)
