"""In headless Chromium: a focal point writes an issue and sends it for review, the gender
coordinator reviews and publishes it, and a visitor who is not signed in reads it."""

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


def test_the_coordinator_reviews_and_publishes_an_issue_that_the_public_then_reads(
    page: Any, live_server: Any, focal_point: Any, coordinator: Any
) -> None:
    sign_in(page, live_server, "gfp")
    page.goto(f"{live_server.url}/network/")
    page.get_by_role("link", name="Gender and Migration News Bulletin").click()
    page.get_by_role("link", name="Editorial pages").click()
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Quarter").select_option("3")
    page.get_by_label("Title (English)").fill("Migrant women in the labour market")
    page.get_by_role("button", name="Create the issue").click()
    page.get_by_text("The issue is created.").wait_for()
    page.locator("#editions").get_by_role("link", name="Edit").click()
    page.get_by_role("link", name="New article").click()
    page.get_by_label("Title").fill("Domestic workers abroad")
    page.get_by_label("Text (Markdown)").fill("Most are **women**; few have contracts.")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved.").wait_for()
    page.get_by_role("link", name="Bulletin 2026 Q3").click()
    page.get_by_role("button", name="Send to the coordinator for review").click()
    page.get_by_text("The issue is with the coordinator for review.").wait_for()
    assert page.locator("#state").inner_text() == "In review"
    assert page.get_by_role("button", name="Publish the issue").count() == 0

    sign_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/bulletin/editor/")
    page.get_by_role("link", name="2026 Q3").click()
    page.get_by_role("link", name="Preview").click()
    page.get_by_text("Domestic workers abroad").wait_for()
    page.get_by_role("link", name="Back to the issue").click()
    page.get_by_role("button", name="Publish the issue").click()
    page.get_by_text("The issue is published.").wait_for()
    assert page.locator("#state").inner_text() == "Published"

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/bulletin/")
    page.get_by_role("link", name="2026 Q3: Migrant women in the labour market").click()
    article = page.locator("#edition")
    article.get_by_role("heading", name="Domestic workers abroad").wait_for()
    assert article.locator("strong").inner_text() == "women"
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF edition").click()
    assert download.value.suggested_filename == "bulletin-2026-q3-en.pdf"
