"""In headless Chromium: an HR officer drafts a notice, sees the wording check as they type,
publishes it with a reason for its masculine-coded words, and a visitor reads it on the public
board in French."""

from __future__ import annotations

from typing import Any

import pytest

from pat.recruitment.models import Vacancy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = (
    "## The person\n\nWe want a competitive, decisive leader: ambitious and assertive.\n\n"
    "## Tasks\n\n- Coordinate the data unit's work with partners.\n"
)


def sign_in(page: Any, live_server: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill("secret-pass-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


def test_hr_drafts_checks_publishes_with_a_reason_and_the_board_shows_it_in_french(
    page: Any, live_server: Any, hr_officer: Any, country_office: Any
) -> None:
    sign_in(page, live_server, "hr")
    page.goto(f"{live_server.url}/staffing/")
    page.get_by_role("link", name="Vacancy notices").click()
    page.get_by_role("link", name="Draft a notice").click()
    page.get_by_label("Reference").fill("VN 2026/090")
    page.get_by_label("Title").fill("Head, Data Unit")
    page.get_by_label("Grade").select_option(label="P-5")
    page.get_by_label("Office").select_option(label="Country Office Nigeria")
    page.get_by_label("Duty station").fill("Abuja")
    page.get_by_label("Closing date").fill("2026-12-31")
    page.get_by_label("Where to apply").fill("https://careers.example.org/jobs/vn-2026-090")
    page.get_by_label("Text").fill(TEXT)
    # the live check (htmx) answers while the draft is still unsaved
    wording = page.locator("#wording")
    wording.get_by_text("strongly masculine-coded").wait_for()
    assert "5 masculine-coded, 0 feminine-coded words; score -5." in wording.inner_text()
    assert not Vacancy.objects.exists()

    page.get_by_role("button", name="Save the draft").click()
    page.get_by_text("Draft saved. Wording: strongly masculine-coded.").wait_for()
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("masculine-coded word(s) left").wait_for()  # refused without a reason
    page.get_by_label("Reason to publish with masculine-coded words").fill(
        "The unit's approved job description; reworded at its next revision."
    )
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("The notice is now published.").wait_for()
    vacancy = Vacancy.objects.get()
    assert vacancy.state == "published"
    assert vacancy.publish_reason.startswith("The unit's approved job description")

    page.context.clear_cookies()  # a visitor, not signed in
    page.goto(f"{live_server.url}/vacancies/")
    page.get_by_label("Language", exact=True).select_option("fr")
    page.get_by_role("button", name="Change").click()
    page.get_by_role("heading", name="Offres d'emploi").wait_for()
    page.get_by_role("link", name="Head, Data Unit").click()
    page.get_by_role("heading", name="Comment postuler").wait_for()
    assert page.get_by_role("link", name="Postuler en ligne").get_attribute("href") == (
        "https://careers.example.org/jobs/vn-2026-090"
    )
    assert page.locator("html").get_attribute("lang") == "fr"
