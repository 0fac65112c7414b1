"""Who may do what with the fund, for every persona and the anonymous outsider."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from pat.pilotfund.models import Disbursement, FundProposal

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "colleague",
    "developer",
    "reviewer",
    "hr_officer",
    "coordinator",
    "administrator",
]
MANAGERS = {"coordinator", "administrator"}


def _client(request: Any, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    return client


@pytest.mark.parametrize("persona", PERSONAS)
def test_signed_in_people_read_the_fund_pages_and_the_outsider_signs_in_first(
    request: Any, persona: str, grant: Any
) -> None:
    client = _client(request, persona)
    pages = [
        reverse("pilotfund:home"),
        reverse("pilotfund:fund", args=["gender-pilot"]),
        reverse("pilotfund:call", args=[grant.proposal.call_id]),
        reverse("pilotfund:proposal", args=[grant.proposal_id]),
        reverse("pilotfund:grant", args=[grant.pk]),
    ]
    for url in pages:
        response = client.get(url)
        if persona == "anonymous":
            assert response.status_code == 302
            assert "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == 200, url


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_coordinator_and_administrators_record_a_disbursement(
    request: Any, persona: str, grant: Any
) -> None:
    client = _client(request, persona)
    response = client.post(
        reverse("pilotfund:disburse", args=[grant.pk]),
        {"amount": "1000", "paid_on": "2026-01-15", "reference": "X"},
    )
    if persona in MANAGERS:
        assert response.status_code == 302
        assert Disbursement.objects.count() == 1
    else:
        assert response.status_code in (302, 403)
        if persona != "anonymous":
            assert response.status_code == 403
        assert not Disbursement.objects.exists()


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [("coordinator", True), ("administrator", True), ("developer", False), ("colleague", False)],
)
def test_only_the_coordinator_runs_the_calls_and_the_selection(
    request: Any, persona: str, allowed: bool, call: Any
) -> None:
    client = _client(request, persona)
    response = client.post(
        reverse("pilotfund:call-move", args=[call.pk]), {"action": "close", "version": call.version}
    )
    call.refresh_from_db()
    assert (response.status_code == 302) is allowed
    assert (call.state == "closed") is allowed
    assert client.get(reverse("pilotfund:call-new", args=["gender-pilot"])).status_code == (
        200 if allowed else 403
    )


def test_a_colleague_cannot_enter_another_office_project(
    client: Client, colleague: Any, call: Any, pilot: Any
) -> None:
    client.force_login(colleague)
    response = client.post(
        reverse("pilotfund:enter", args=[call.pk]), {"project": pilot.pk, "requested": "1000"}
    )
    assert response.status_code == 302
    assert not FundProposal.objects.exists()


def test_the_developer_enters_their_project_and_sees_the_refusal_of_an_ineligible_one(
    client: Client, developer: Any, call: Any, pilot: Any, country_office: Any
) -> None:
    from tests.pilotfund.conftest import pilot_project

    client.force_login(developer)
    page = client.get(reverse("pilotfund:call", args=[call.pk]))
    assert pilot.code in page.content.decode()
    too_big = pilot_project(country_office, code="CT.0777", budget=Decimal("90000"))
    response = client.post(
        reverse("pilotfund:enter", args=[call.pk]),
        {"project": too_big.pk, "requested": "1000"},
        follow=True,
    )
    assert "above the call&#x27;s limit of 60000" in response.content.decode()
    response = client.post(
        reverse("pilotfund:enter", args=[call.pk]), {"project": pilot.pk, "requested": "40000"}
    )
    proposal = FundProposal.objects.get()
    assert response["Location"] == reverse("pilotfund:proposal", args=[proposal.pk])


def test_the_refusal_above_the_grant_is_shown_on_the_grant_page_and_nothing_is_written(
    client: Client, coordinator: Any, grant: Any
) -> None:
    client.force_login(coordinator)
    response = client.post(
        reverse("pilotfund:disburse", args=[grant.pk]),
        {"amount": "40000.01", "paid_on": "2026-01-15"},
    )
    assert response.status_code == 400
    assert "Nothing was recorded." in response.content.decode()
    assert not Disbursement.objects.exists()


def test_the_project_page_and_the_network_home_link_to_the_fund(
    client: Client, developer: Any, grant: Any
) -> None:
    client.force_login(developer)
    project_page = client.get(grant.proposal.project.get_absolute_url()).content.decode()
    assert reverse("pilotfund:grant", args=[grant.pk]) in project_page
    assert reverse("evaluations:project", args=[grant.proposal.project.code]) in project_page
    assert reverse("pilotfund:home") in client.get(reverse("network:home")).content.decode()
