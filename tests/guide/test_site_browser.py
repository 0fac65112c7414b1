"""The guide in a real browser: reading, searching and editing with the htmx preview."""

from __future__ import annotations

from typing import Any

import pytest

# serialized_rollback puts the migrated reference data back for the tests that follow.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _sign_in(page: Any, live_server: Any, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill("secret-pass-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


def test_a_focal_point_previews_and_saves_an_edit(
    page: Any, live_server: Any, focal_point: Any
) -> None:
    from pat.guide.services import content_load

    content_load()
    _sign_in(page, live_server, "gfp")
    page.goto(f"{live_server.url}/guide/migrant-men-and-boys/")
    assert page.locator("h1").inner_text() == "Working with migrant men and boys"
    page.get_by_role("link", name="Edit").click()
    page.fill("#id_body", "## Fathers\n\nWork with **fathers** on care.")
    page.click("button[name=preview]")
    page.wait_for_selector("#preview strong")
    assert page.locator("#preview strong").inner_text() == "fathers"
    assert "/edit/" in page.url  # previewed in place, nothing saved yet
    page.click("button[name=save]")
    page.wait_for_selector("text=Saved as version 2.")
    assert page.locator("article h2").first.inner_text() == "Fathers"


def test_a_developer_searches_and_reads_without_javascript(
    browser: Any, live_server: Any, developer: Any
) -> None:
    from pat.guide.services import content_load

    content_load()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        _sign_in(page, live_server, "developer")
        page.goto(f"{live_server.url}/guide/")
        page.fill("#id_q", "disaggregated indicator")
        page.click("form[role=search] button")
        assert page.locator("#results mark").count() > 0
        page.locator("#results a").first.click()
        assert page.locator("h1").count() == 1
    finally:
        context.close()
