"""In a real headless Chromium: sign in, create a project with results, find it by search."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Any, live_server: Any, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill("secret-pass-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


def test_a_developer_creates_a_project_with_results_and_finds_it(
    page: Any, live_server: Any, developer: Any
) -> None:
    sign_in(page, live_server, "developer")
    # The stylesheet and htmx are served by the app itself (no CDN).
    header = page.locator("header.top")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(15, 45, 74)"
    assert page.evaluate("typeof htmx") == "object"
    page.get_by_role("link", name="New project").first.click()
    page.get_by_label("Project code").fill("CT.0777")
    page.get_by_label("Title").fill("Pre-departure orientation for women domestic workers")
    page.get_by_label("Executing office").select_option(label="Country Office Nigeria")
    page.get_by_label("Project type").select_option(label="Labour mobility and human development")
    page.get_by_label("Countries covered").select_option(["NG"])
    page.get_by_label("Summary").fill("Orientation sessions on rights and safe recruitment.")
    page.get_by_role("button", name="Create project").click()
    page.wait_for_url(f"{live_server.url}/projects/CT.0777/")

    # The results page is the builder's matrix editor: one form, every button saves all.
    page.get_by_role("link", name="Results matrix").click()
    page.get_by_label("New outcome").fill("Women recruited abroad know their rights")
    page.get_by_role("button", name="Add outcome").click()
    assert page.get_by_role("rowheader", name="OC1").is_visible()
    page.get_by_label("New output under OC1").fill("Orientation sessions held in every district")
    page.get_by_role("button", name="Add output").click()
    assert page.get_by_role("rowheader", name="OP1.1").is_visible()

    page.get_by_label("New indicator for OP1.1").fill("Number of people trained")
    page.get_by_role("button", name="Add indicator").last.click()
    indicator = page.locator("[data-indicator]").last
    indicator.get_by_label("Counts people").check()
    indicator.get_by_label("Female 18+", exact=True).fill("300")
    indicator.get_by_label("Male 18+", exact=True).fill("20")
    # The page adds the cells up as they are typed.
    assert "320" in indicator.locator("[data-total]").inner_text()
    page.get_by_role("button", name="Save all").last.click()
    page.goto(f"{live_server.url}/projects/CT.0777/")
    shown = page.locator("table.matrix .ind").inner_text()
    assert "Number of people trained" in shown and "320" in shown

    page.get_by_role("link", name="Projects", exact=True).click()
    page.get_by_label("Search").fill("orientation district")
    page.get_by_label("Search").press("Enter")
    page.wait_for_url("**q=orientation*")
    results = page.locator("#results")
    assert results.get_by_role("link", name="CT.0777").is_visible()
    assert "1 project" in results.inner_text()
