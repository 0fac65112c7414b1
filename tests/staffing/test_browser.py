"""In headless Chromium: an HR officer imports a roster and opens the dashboard; a Gender
Focal Point reads it with small counts suppressed and downloads the tables."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.staffing.conftest import crowd, roster

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Any, live_server: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill("secret-pass-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


def test_hr_imports_in_the_browser_and_the_focal_point_reads_and_downloads(
    page: Any, live_server: Any, offices: Any, hr_officer: Any, focal_point: Any, tmp_path: Path
) -> None:
    people = crowd("a", 30, 40, "P-4") + crowd("b", 3, 9, "P-4", "co-ng")
    people += crowd("c", 8, 9, "P-5", "co-pe")
    path = tmp_path / "roster-2024.csv"
    path.write_bytes(roster(people))

    sign_in(page, live_server, "hr")
    page.locator("header.top summary", has_text="Staffing").click()  # the menu opens first
    page.get_by_role("link", name="Staff balance").click()
    page.get_by_role("link", name="Import a roster").click()
    page.get_by_label("Roster file").set_input_files(str(path))
    page.get_by_label("Reference date").fill("2024-12-31")
    page.get_by_role("button", name="Upload").click()
    progress = page.locator("#progress")
    # the import runs in the request here (immediate task backend): allow a slow machine
    progress.get_by_text("99 staff imported as the roster of 2024-12-31.").wait_for(timeout=60000)
    assert progress.locator("progress").get_attribute("value") == "100"
    page.get_by_role("link", name="Open the dashboard").click()
    offices_table = page.locator("#table-office")
    nigeria = offices_table.get_by_role("row", name="Country Office Nigeria")
    assert nigeria.locator("td").nth(0).inner_text() == "3"  # HR sees every count
    assert page.get_by_role(
        "img", name="Women's share over time, Professional and higher"
    ).first.is_visible()

    sign_in(page, live_server, "gfp")
    page.goto(f"{live_server.url}/staffing/")
    grades = page.locator("#table-grade")
    p4 = grades.get_by_role("row", name="P-4")
    cells = [c.inner_text() for c in p4.locator("td").all()]
    # women and men stay readable; the "other" count (0) is hidden, and so is the
    # row total that would give it away
    assert cells[:4] == ["33", "49", "<5", "<5"]
    assert cells[5] == "Women under-represented"
    assert (
        page.locator("#table-office")
        .get_by_role("row", name="Country Office Nigeria")
        .locator("td")
        .nth(0)
        .inner_text()
        == "<5"
    )
    assert "target 40 % by 2002" in page.locator("#trend-professional figcaption").inner_text()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the tables (XLSX)").click()
    download = download_info.value
    book = load_workbook(io.BytesIO(Path(download.path()).read_bytes()), read_only=True)
    rows = list(book["Offices"].iter_rows(values_only=True))
    assert next(r for r in rows if r[0] == "Country Office Nigeria")[1] == "<5"
