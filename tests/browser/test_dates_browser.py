"""In Chromium, in French and Spanish: a project saved unchanged keeps its dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_in(page: Any, live_server: Any, username: str, language: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#lang-select").select_option(language)
    page.locator("form.lang button").click()
    page.wait_for_load_state()
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill("secret-pass-123")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")


@pytest.mark.parametrize("language", ["fr", "es"])
def test_a_project_saved_unchanged_keeps_its_dates(
    page: Any, live_server: Any, developer: Any, project: Any, language: str
) -> None:
    project.start_date, project.end_date = dt.date(2022, 1, 31), dt.date(2024, 12, 15)
    project.save()
    sign_in_in(page, live_server, "developer", language)
    assert page.locator("html").get_attribute("lang") == language
    page.goto(f"{live_server.url}/projects/{project.code}/edit/")
    # What the browser holds, not what the server wrote: an unparseable value is dropped.
    assert page.locator("input[name=start_date]").input_value() == "2022-01-31"
    page.locator("form.project-form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/projects/{project.code}/")
    project.refresh_from_db()
    assert (project.start_date, project.end_date) == (dt.date(2022, 1, 31), dt.date(2024, 12, 15))

    page.goto(f"{live_server.url}/proposals/{project.code}/cover/")
    assert page.locator("input[name=end_date]").input_value() == "2024-12-15"
    page.locator("form.project-form button[type=submit]").click()
    page.wait_for_load_state()
    project.refresh_from_db()
    assert (project.start_date, project.end_date) == (dt.date(2022, 1, 31), dt.date(2024, 12, 15))
