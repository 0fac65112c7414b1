"""In headless Chromium: a developer files a quarterly report with actuals by sex and age from
the keyboard, the regional office and the Gender Focal Point find it in their reviews inbox and
endorse it, and the figures show on the project's results view and the region's."""

from __future__ import annotations

from typing import Any

import pytest

from tests.reporting.conftest import indicators

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Any, live_server: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill("secret-pass-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


def test_a_report_filed_by_sex_and_age_shows_on_the_results_views(
    page: Any,
    live_server: Any,
    reporting_project: Any,
    bands: Any,
    developer: Any,
    regional_reviewer: Any,
    focal_point: Any,
) -> None:
    people, other = indicators(reporting_project)
    child, adult = bands["child"].pk, bands["adult"].pk
    sign_in(page, live_server, "developer")
    page.goto(f"{live_server.url}{reporting_project.get_absolute_url()}")
    page.get_by_role("link", name="Progress reports").click()
    page.get_by_role("button", name="Start the report").first.click()

    # Quick entry: the total, then Tab through the cells row by row.
    page.locator(f"#actual-{people.pk}").fill("25")
    page.locator(f"#cell-{people.pk}-female-{child}").click()
    for value in ("7", "9"):  # female 0–17, female 18+
        page.keyboard.type(value)
        page.keyboard.press("Tab")
    for value in ("3", "5"):  # male 0–17, male 18+
        page.keyboard.type(value)
        page.keyboard.press("Tab")
    # The running sum says it does not add up yet (24, not 25).
    page.get_by_text("Σ 24 ≠ 25").wait_for()
    page.locator(f"#cell-{people.pk}-male-{adult}").fill("6")
    page.get_by_text("Σ 25 ✓").wait_for()
    page.locator(f"#actual-{other.pk}").fill("1")
    page.get_by_label("Achievements").fill("Case management opened in two states.")
    page.get_by_label("Gender results", exact=False).first.fill("Women were most of those reached.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Report saved.").first.wait_for()
    page.get_by_role("button", name="Save and submit for review").click()
    page.get_by_text("Report submitted for review.").wait_for()
    report_url = page.url

    # Each reviewer finds the report in the one reviews inbox, beside proposals and
    # revisions, and decides on the report's page it links to.
    for reviewer in ("regional", "gfp"):
        sign_in(page, live_server, reviewer)
        page.goto(f"{live_server.url}/reviews/")
        page.get_by_role("link", name="Progress report 2025-01-01 – 2025-03-31").click()
        page.wait_for_url(report_url)
        page.get_by_role("button", name="Endorse", exact=True).click()
        page.get_by_text("Decision recorded.").wait_for()
    assert page.locator(".badge.r-endorsed").first.is_visible()

    page.goto(f"{live_server.url}/reports/project/{reporting_project.code}/results/")
    table = page.locator("table.sadd-results")
    assert "9" in table.locator("tr", has_text="18+").first.inner_text()
    page.goto(f"{live_server.url}/reports/results/?region=WCA")
    row = page.locator("table.reach tbody tr").first
    cells = row.locator("td").all_inner_texts()
    # Women, men, girls, boys: the 3 boys are hidden, and the 6 men with them, or the total
    # would give the boys away.
    assert cells[:4] == ["9", "<5", "7", "<5"]
    assert cells[-1] == "25"
