"""In headless Chromium: the coordinator pays a tranche of a grant, then tries to pay more than
is left of the year's allocation and is refused with the figures, nothing recorded."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from pat.pilotfund import services
from pat.pilotfund.models import Disbursement
from tests.pilotfund.conftest import granted, pilot_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Any, live_server: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill("secret-pass-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


def test_the_coordinator_records_a_disbursement_and_is_refused_above_the_allocation(
    page: Any,
    live_server: Any,
    call: Any,
    grant: Any,
    coordinator: Any,
    developer: Any,
    country_office: Any,
) -> None:
    # The rest of the 100,000 allocation goes to a second pilot, paid in full: 0 of it is left
    # beyond the first grant's 40,000.
    other = granted(
        call=call,
        project=pilot_project(country_office, code="CT.0950"),
        developer=developer,
        coordinator=coordinator,
        amount="60000",
    )
    services.disbursement_record(grant=other, actor=coordinator, amount=Decimal("60000"))

    sign_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/network/")
    page.get_by_role("link", name="Pilot funds", exact=False).click()
    page.get_by_role("link", name="Gender pilot fund").first.click()
    page.get_by_role("link", name=grant.proposal.project.code).click()

    page.get_by_label("Amount").fill("10000")
    page.get_by_label("Paid on").fill("2026-02-01")
    page.get_by_label("Reference").fill("DI-2026-001-1")
    page.get_by_role("button", name="Record the disbursement").click()
    page.get_by_text("The disbursement is recorded.").wait_for()
    assert "DI-2026-001-1" in page.locator("#disbursements").inner_text()
    assert page.locator("#paid").inner_text() == "10,000.00"

    page.get_by_label("Amount").fill("35000")
    page.get_by_label("Paid on").fill("2026-03-01")
    page.get_by_role("button", name="Record the disbursement").click()
    refusal = page.locator("#refusal")
    refusal.wait_for()
    assert "35,000.00 is above what is left of the" in refusal.inner_text()
    assert "allocation (30,000.00 USD)" in refusal.inner_text()
    assert page.locator("#paid").inner_text() == "10,000.00"
    assert Disbursement.objects.filter(grant=grant).count() == 1
