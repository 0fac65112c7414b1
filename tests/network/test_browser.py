"""In headless Chromium: the coordinator launches the exercise, focal points in two offices
answer it, and the coordinator reads their ratings and comments in the global analysis."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Any, live_server: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill("secret-pass-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


def answer(page: Any, live_server: Any, ratings: dict[str, str], comment: str) -> None:
    page.goto(f"{live_server.url}/network/assessments/")
    page.get_by_role("link", name="Self-assessment 2026", exact=False).first.click()
    for code, rating in ratings.items():
        page.locator("fieldset", has_text=code).get_by_label(rating, exact=True).check()
    page.get_by_label("Comment on PA1").fill(comment)
    page.get_by_role("button", name="Submit the answers").click()
    page.get_by_text("Your answers are submitted.").wait_for()
    assert page.locator("#state").inner_text() == "Submitted"


def test_two_offices_answer_and_the_coordinator_reads_the_global_analysis(
    page: Any,
    live_server: Any,
    questionnaire: Any,
    coordinator: Any,
    field_focal_point: Any,
    other_focal_point: Any,
) -> None:
    sign_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/network/assessments/new/")
    page.get_by_label("Name").fill("Self-assessment 2026")
    page.get_by_label("Questionnaire").select_option(label="Exercise")
    page.get_by_label("Deadline").fill((dt.date.today() + dt.timedelta(days=14)).isoformat())
    page.get_by_label("Country Office Nigeria").check()
    page.get_by_label("Country Office Peru").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The exercise is launched.").wait_for()

    sign_in(page, live_server, "gfp-ng")
    answer(
        page,
        live_server,
        {"PA1": "Meets requirements", "PA2": "Approaches requirements"},
        "Our plan was adopted in March.",
    )
    sign_in(page, live_server, "gfp-pe")
    answer(
        page,
        live_server,
        {"PA1": "Exceeds requirements", "PA2": "Not applicable"},
        "Reviewed quarterly with the Chief of Mission.",
    )

    sign_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/network/assessments/")
    page.get_by_role("link", name="Global analysis").first.click()
    assert "2 of 2 offices answered (100%)" in page.locator("#response-rate").inner_text()
    pa1 = page.locator("#ratings").get_by_role("row", name="PA1")
    assert "3.50" in pa1.inner_text()
    by_office = page.locator("#by-office").inner_text()
    assert "Country Office Nigeria" in by_office and "Country Office Peru" in by_office
    assert page.locator("svg.heatmap").count() == 2
    page.get_by_text("Our plan was adopted in March.").wait_for()
    page.get_by_text("Reviewed quarterly with the Chief of Mission.").wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name="Report (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
