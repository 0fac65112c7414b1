"""In a real browser: check a paragraph, see the findings, accept a suggestion."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.factories import UserFactory

PARAGRAPH = "The chairman of the committee asked for more manpower in the field."


@pytest.mark.browser
def test_a_user_checks_a_paragraph_and_accepts_a_suggestion(live_server: Any, page: Any) -> None:
    UserFactory(username="writer")
    page.goto(f"{live_server.url}/accounts/login/?next=/terminology/check/")
    page.fill("input[name=username]", "writer")
    page.fill("input[name=password]", "secret-pass-123")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/terminology/check/")
    page.fill("textarea[name=text]", PARAGRAPH)
    page.select_option("select[name=lang]", "en")
    page.click("#checker button.primary")
    marks = page.locator(".marked mark")
    marks.first.wait_for()
    assert marks.all_inner_texts() == ["chairman", "manpower"]
    page.click("#f1 button[name=accept] >> nth=0")
    # A locator assertion, not wait_for_function: the page's Content-Security-Policy
    # forbids the eval that a string predicate needs.
    expect(page.locator("textarea[name=text]")).to_have_value(re.compile(r"^The chair of"))
    assert page.locator(".marked mark").all_inner_texts() == ["manpower"]
    assert page.input_value("textarea[name=text]") == PARAGRAPH.replace("chairman", "chair")
