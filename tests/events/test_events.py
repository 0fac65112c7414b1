"""Recording events: counts and share, stale edits, outcome documents, pages and the report."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from pat.core.locking import EditConflict
from pat.core.models import Country
from pat.events import figures, services
from pat.events.models import Event, EventChange
from pat.guide.models import LibraryDocument
from pat.network.evidence import events_pi17
from tests.events.conftest import INVITED, PARTICIPATED

pytestmark = pytest.mark.django_db


def test_the_consultation_counts_17_invited_and_11_participating(consultation: Event) -> None:
    page_rows = figures.by_year(year=2026)
    assert len(page_rows) == 1
    year = page_rows[0]
    assert (year.invited, year.participated) == (17, 11)
    assert year.participants.total == 21
    assert year.participants.by_sex["female"] == 13
    assert year.participants.by_type["government"] == 17
    assert EventChange.objects.get(event=consultation).action == "created"


def test_a_state_that_was_not_invited_is_refused_and_nothing_written(
    coordinator: Any, hq: Any
) -> None:
    with pytest.raises(ValidationError, match="IT"):
        services.event_save(
            actor=coordinator,
            data={
                "kind": "meeting",
                "title": "x",
                "starts_on": "2026-01-01",
                "place": "Rome",
                "organizers": "WGGI",
            },
            invited=Country.objects.filter(code="FR"),
            participated=Country.objects.filter(code__in=["FR", "IT"]),
        )
    assert not Event.objects.exists()


def test_negative_participants_are_refused(coordinator: Any, consultation: Event) -> None:
    with pytest.raises(ValidationError):
        services.event_save(
            actor=coordinator,
            event=consultation,
            expected_version=consultation.version,
            data={},
            cells={("government", "female"): -3},
        )
    assert consultation.totals().total == 21


def test_only_the_coordinator_records(colleague: Any, focal_point: Any) -> None:
    for user in (colleague, focal_point):
        with pytest.raises(PermissionDenied):
            services.event_save(actor=user, data={"title": "x"})


def test_a_stale_edit_is_refused_and_writes_nothing(coordinator: Any, consultation: Event) -> None:
    seen = consultation.version
    services.event_save(
        actor=coordinator,
        event=consultation,
        expected_version=seen,
        data={"place": "Vienna"},
        invited=consultation.invited_states.all(),
        participated=consultation.participating_states.all(),
        cells=consultation.cells(),
    )
    with pytest.raises(EditConflict):
        services.event_save(
            actor=coordinator,
            event=Event.objects.get(pk=consultation.pk),
            expected_version=seen,
            data={"place": "Paris"},
        )
    consultation.refresh_from_db()
    assert consultation.place == "Vienna"
    change = consultation.changes.first()
    assert change is not None and change.changes == {"place": ["Geneva", "Vienna"]}


def test_the_edit_form_saves_counts_and_answers_409_on_a_stale_version(
    client: Any, coordinator: Any, consultation: Event
) -> None:
    client.force_login(coordinator)
    form = {
        "version": consultation.version,
        "kind": "consultation",
        "title": consultation.title,
        "starts_on": "2026-03-12",
        "place": "Geneva",
        "organizers": "WGGI",
        "invited": INVITED,
        "participated": PARTICIPATED[:10],
        "p_government_female": "10",
        "p_ngo_male": "2",
    }
    response = client.post(f"/events/{consultation.pk}/edit/", form)
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.participating_states.count() == 10
    assert consultation.cells() == {("government", "female"): 10, ("ngo", "male"): 2}
    again = client.post(f"/events/{consultation.pk}/edit/", {**form, "place": "Bern"})
    assert again.status_code == 409
    assert Event.objects.get(pk=consultation.pk).place == "Geneva"


def test_the_event_page_shows_the_share_of_states(
    client: Any, colleague: Any, consultation: Event
) -> None:
    client.force_login(colleague)
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "11 of 17 invited states participated (65%)" in page


def test_an_outcome_document_goes_to_the_reference_library(
    client: Any, coordinator: Any, consultation: Event
) -> None:
    client.force_login(coordinator)
    upload = SimpleUploadedFile("outcome.txt", b"Chair's summary of the consultation.\n")
    response = client.post(
        f"/events/{consultation.pk}/document/",
        {
            "version": consultation.version,
            "title": "Chair's summary",
            "language": "en",
            "topic": "other",
            "published_on": "2026-03-13",
            "file": upload,
        },
    )
    assert response.status_code == 302
    document = LibraryDocument.objects.get(title="Chair's summary")
    assert list(consultation.documents.all()) == [document]


def test_a_hostile_outcome_document_is_refused_with_nothing_stored(
    client: Any, coordinator: Any, consultation: Event
) -> None:
    client.force_login(coordinator)
    fake_pdf = SimpleUploadedFile("outcome.pdf", b"MZ\x90\x00 not a PDF at all")
    response = client.post(
        f"/events/{consultation.pk}/document/",
        {
            "version": consultation.version,
            "title": "Fake",
            "language": "en",
            "topic": "other",
            "published_on": "2026-03-13",
            "file": fake_pdf,
        },
    )
    assert response.status_code == 200
    assert b'class="error"' in response.content
    assert not LibraryDocument.objects.exists()
    assert not consultation.documents.exists()


def test_the_annual_report_reads_the_years_events(consultation: Event) -> None:
    evidence = events_pi17(2026)
    assert evidence.available
    assert "11 of 17 Member States invited participated (65%)." in evidence.lines
    assert ["Informal consultation", "1"] in evidence.table
    assert not events_pi17(2020).available


def test_the_network_home_links_to_events(client: Any, colleague: Any) -> None:
    client.force_login(colleague)
    assert b'href="/events/"' in client.get("/network/").content
