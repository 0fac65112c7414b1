"""Training pages: who may see and do what, and the pages working end to end."""

from __future__ import annotations

from typing import Any

import pytest
from defusedxml import ElementTree
from django.test import Client

from pat.training.models import Evaluation, Participant, Session

pytestmark = pytest.mark.django_db

ROLES = [
    "developer",
    "reviewer",
    "focal_point",
    "hr_officer",
    "administrator",
    "colleague",
    "coordinator",
    "office_focal_point",
]
# Who records the country office's session: the coordinator, administrators and the office's
# focal point; a focal point of another office (HQ) does not.
MANAGES_THE_SESSION = {"administrator", "coordinator", "office_focal_point"}
MAY_OPEN_A_SESSION = MANAGES_THE_SESSION | {"focal_point"}


@pytest.mark.parametrize("role", ROLES)
def test_every_role_reads_the_dashboard_and_only_trainers_record(
    role: str, request: Any, session: Session, client: Client
) -> None:
    client.force_login(request.getfixturevalue(role))
    assert client.get("/training/").status_code == 200
    assert client.get(f"/training/sessions/{session.pk}/").status_code == 200
    assert client.get("/training/developers.svg").status_code == 200
    new = client.get("/training/sessions/new/").status_code
    assert new == (200 if role in MAY_OPEN_A_SESSION else 403)
    edit = client.get(f"/training/sessions/{session.pk}/edit/").status_code
    assert edit == (200 if role in MANAGES_THE_SESSION else 403)
    added = client.post(
        f"/training/sessions/{session.pk}/participants/",
        {"name": "X", "sex": "F", "office": session.office_id},
    )
    assert added.status_code == (302 if role in MANAGES_THE_SESSION else 403)
    assert Participant.objects.exists() == (role in MANAGES_THE_SESSION)


def test_anonymous_visitors_are_sent_to_sign_in(session: Session, client: Client) -> None:
    for url in ("/training/", f"/training/sessions/{session.pk}/", "/training/developers.svg"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_coordinator_records_a_session_from_start_to_certificate(
    coordinator: Any, pd_course: Any, country_office: Any, client: Client
) -> None:
    client.force_login(coordinator)
    response = client.post(
        "/training/sessions/new/",
        {
            "course": pd_course.pk,
            "starts_on": "2025-04-01",
            "ends_on": "2025-04-03",
            "place": "Dakar",
            "office": country_office.pk,
            "trainers": "F. Diop",
        },
    )
    session = Session.objects.get()
    assert response["Location"] == f"/training/sessions/{session.pk}/"
    for name, sex in (("Awa", "F"), ("Moussa", "M"), ("Fatou", "F")):
        client.post(
            f"/training/sessions/{session.pk}/participants/",
            {"name": name, "sex": sex, "office": country_office.pk},
        )
    ids = list(session.participants.order_by("pk").values_list("pk", flat=True))
    client.post(
        f"/training/sessions/{session.pk}/attendance/",
        {"version": session.version, "attended": ids[:2]},
    )
    assert session.participants.filter(attended=True).count() == 2
    client.post(
        f"/training/participants/{ids[0]}/evaluation/",
        {"relevance": "5", "quality": "4", "will_apply": "on", "comment": "Useful"},
    )
    assert Evaluation.objects.get().relevance == 5
    page = client.get("/training/?year=2025").content.decode()
    assert "2 of 3 registered participants attended" in page
    svg = client.get("/training/developers.svg")
    root = ElementTree.fromstring(svg.content)
    assert root.tag.endswith("svg") and b"<script" not in svg.content
    assert b"Target: 300" in svg.content


def test_a_stale_attendance_form_gets_the_conflict_notice(
    coordinator: Any, session: Session, country_office: Any, client: Client
) -> None:
    client.force_login(coordinator)
    client.post(
        f"/training/sessions/{session.pk}/participants/",
        {"name": "A", "sex": "F", "office": country_office.pk},
    )
    stale = session.version
    client.post(f"/training/sessions/{session.pk}/attendance/", {"version": stale})
    response = client.post(f"/training/sessions/{session.pk}/attendance/", {"version": stale})
    assert response.status_code == 409


def test_a_session_that_ends_before_it_starts_is_refused(
    coordinator: Any, pd_course: Any, country_office: Any, client: Client
) -> None:
    client.force_login(coordinator)
    response = client.post(
        "/training/sessions/new/",
        {
            "course": pd_course.pk,
            "starts_on": "2025-04-03",
            "ends_on": "2025-04-01",
            "place": "Dakar",
            "office": country_office.pk,
            "trainers": "F. Diop",
        },
    )
    assert response.status_code == 400 and not Session.objects.exists()


def test_the_network_home_links_to_training_and_the_bulletin(
    coordinator: Any, client: Client
) -> None:
    client.force_login(coordinator)
    page = client.get("/network/").content.decode()
    assert 'href="/training/"' in page and 'href="/bulletin/"' in page
