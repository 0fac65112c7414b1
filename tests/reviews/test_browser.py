"""In headless Chromium: a proposal returned twice, resubmitted, endorsed by three reviewers."""

from __future__ import annotations

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


def open_review(page: Any, live_server: Any, code: str) -> None:
    page.goto(f"{live_server.url}/reviews/")
    page.locator("#inbox").get_by_role("link", name=code).click()


def decide(page: Any, decision: str, why: str = "") -> None:
    page.get_by_label(decision, exact=True).check()
    if why:
        page.get_by_label("Why").fill(why)
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_text("Your decision is recorded.").wait_for()


def test_two_returns_then_three_endorsements(
    page: Any, live_server: Any, project: Any, developer: Any, reviewers: dict[str, Any]
) -> None:
    code = project.code
    review_page = f"{live_server.url}/reviews/projects/{code}/"

    sign_in(page, live_server, "developer")
    page.goto(review_page)
    preview = page.locator("#route-preview")
    assert preview.get_by_role("rowheader", name="Budget Unit").is_visible()
    assert preview.get_by_role("rowheader", name="Gender Focal Point").is_visible()
    page.get_by_role("button", name="Submit for review").click()
    page.get_by_text("Version 1 is submitted").wait_for()

    # First return: the budget unit, with a comment on a section.
    sign_in(page, live_server, "budget")
    open_review(page, live_server, code)
    page.get_by_label("Section").select_option(label="Summary")
    page.get_by_label("Comment", exact=True).fill("Show the staff costs by activity.")
    page.get_by_role("button", name="Add the comment").click()
    page.locator("#comments").get_by_text("Show the staff costs by activity.").wait_for()
    decide(page, "Return to the developer", "Budget lines are missing.")

    sign_in(page, live_server, "developer")
    page.goto(review_page)
    assert page.locator("#status").inner_text() == "Returned, action needed"
    assert page.get_by_text("Budget lines are missing.").first.is_visible()
    page.get_by_role("button", name="Resubmit for review").click()
    page.get_by_text("Version 2 is submitted").wait_for()

    # Second return: the Gender Focal Point.
    sign_in(page, live_server, "gfp")
    open_review(page, live_server, code)
    assert page.locator("#checklist").is_visible()
    assert page.get_by_text("Changes from version 1, the previous one").is_visible()
    decide(page, "Return to the developer", "The gender analysis is missing.")

    sign_in(page, live_server, "developer")
    page.goto(review_page)
    page.get_by_role("button", name="Resubmit for review").click()
    page.get_by_text("Version 3 is submitted").wait_for()

    # Three endorsements.
    sign_in(page, live_server, "reviewer")
    open_review(page, live_server, code)
    decide(page, "Endorse")
    sign_in(page, live_server, "budget")
    open_review(page, live_server, code)
    assert page.get_by_text(
        "Changes from version 1, the last one you reviewed or commented on"
    ).is_visible()
    decide(page, "Endorse")
    sign_in(page, live_server, "gfp")
    open_review(page, live_server, code)
    decide(page, "Endorse with comments", "Add the analysis in the next phase.")

    page.goto(review_page)
    assert page.locator("#status").inner_text() == "Endorsed"
    history = page.locator(".history").inner_text()
    assert history.count("returned the proposal") == 2
    assert "proposal endorsed by every review" in history
