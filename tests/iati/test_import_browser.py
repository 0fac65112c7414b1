"""In a real headless Chromium: a dry run of a donor's file, its warnings, then the import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pat.projects.models import Project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DONOR_FILE = Path(__file__).parents[2] / "pat" / "iati" / "samples" / "donor-activities.xml"


def sign_in(page: Any, live_server: Any, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill("secret-pass-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


def test_an_administrator_dry_runs_a_donor_file_sees_the_warnings_and_imports_it(
    page: Any, live_server: Any, administrator: Any, country_office: Any
) -> None:
    sign_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/projects/")
    page.get_by_role("link", name="Import IATI activities").click()
    page.wait_for_url(f"{live_server.url}/iati/import/")

    page.get_by_label("IATI activity file").set_input_files(str(DONOR_FILE))
    assert page.get_by_label("Dry run: show what would change, change nothing").is_checked()
    page.get_by_role("button", name="Read the file").click()

    outcome = page.locator("#outcome")
    outcome.get_by_role("heading", name="Dry run: what the import would do").wait_for()
    warnings = page.locator("#warnings li")
    assert warnings.count() == 2
    assert "line 37" in warnings.first.inner_text()
    table = page.locator("#activities").inner_text()
    assert "GB-GOV-1-300777-101" in table and "created" in table
    assert "transaction" in table and "MIG-PROT" in table
    assert not Project.objects.exists()

    page.get_by_role("button", name="Import this file").click()
    page.get_by_role("heading", name="Imported").wait_for()
    assert "2 created" in page.locator("#outcome").inner_text()
    page.get_by_role("link", name="IM.0001").click()
    page.wait_for_url(f"{live_server.url}/projects/IM.0001/")
    assert "Safer migration for women and girls in West Africa" in page.content()
    assert Project.objects.count() == 2
