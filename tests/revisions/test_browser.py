"""In headless Chromium: a no-cost extension requested, reviewed by two units, then shown
on the project page with the new end date and the revision."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pat.projects.models import Project
from tests.reviews.test_browser import decide, open_review, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_no_cost_extension_through_review_to_the_project_page(
    page: Any,
    live_server: Any,
    active: Project,
    developer: Any,
    reviewer: Any,
    budget_reviewer: Any,
) -> None:
    assert active.end_date is not None
    new_end = active.end_date + dt.timedelta(days=120)
    sign_in(page, live_server, "developer")
    page.goto(f"{live_server.url}{active.get_absolute_url()}")
    page.get_by_role("link", name="Request a revision").click()
    page.get_by_label("Kind of revision").select_option(label="No-cost extension")
    page.get_by_label("Justification").fill("Elections delayed the shelter openings.")
    page.get_by_role("button", name="Open the draft").click()
    page.get_by_label("New end date").fill(new_end.isoformat())
    page.get_by_role("button", name="Save the draft").click()
    page.get_by_text("Draft saved.").wait_for()
    assert page.locator("#diff-cover").get_by_text(new_end.isoformat()).is_visible()
    page.get_by_role("button", name="Submit for review").click()
    page.get_by_text("Revision submitted for review.").wait_for()
    assert page.locator("#revision-state").inner_text() == "In review"

    for username in ("reviewer", "budget"):
        sign_in(page, live_server, username)
        open_review(page, live_server, active.code)
        decide(page, "Endorse")

    sign_in(page, live_server, "developer")
    page.goto(f"{live_server.url}{active.get_absolute_url()}")
    facts = page.locator("dl.facts")
    assert new_end.isoformat() in facts.inner_text()
    row = page.locator("#revisions .revision-row")
    assert row.count() == 1
    assert "No-cost extension" in row.inner_text()
    assert "Endorsed and applied" in row.inner_text()
