"""In headless Chromium: the code follows the answers live (htmx), and saving keeps it."""

from __future__ import annotations

from typing import Any

import pytest

from pat.markers.models import MarkerAssessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_code_updates_while_answering_and_is_saved_on_request(
    page: Any, live_server: Any, developer: Any, project: Any
) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("User name").fill("developer")
    page.get_by_label("Password").fill("secret-pass-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/markers/{project.code}/")
    iom = page.locator("#iom")
    iom.get_by_label("Does the needs assessment or rationale", exact=False).check()
    result = page.locator("#result-iom")
    result.get_by_text("Some but not all minimum standards are met: 1.").wait_for()
    assert "not saved" in result.inner_text()
    assert not MarkerAssessment.objects.exists()

    iom.get_by_label("Do outputs and indicators", exact=False).check()
    iom.get_by_label("Are activities planned", exact=False).check()
    result.get_by_text("2a (gender mainstreamed)", exact=False).wait_for()
    iom.get_by_role("button", name="Save a new assessment").click()
    page.wait_for_url(f"**/markers/{project.code}/#iom")
    assert MarkerAssessment.objects.get().code == "2a"
    assert "Current code:" in page.locator("#result-iom").inner_text()
