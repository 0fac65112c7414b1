"""The top navigation keeps to one line in every language at common screen widths."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1024, 1280, 1366, 1920)


@pytest.mark.parametrize("language", ["fr", "es", "en"])
def test_the_navigation_does_not_wrap(
    page: Any, live_server: Any, administrator: Any, language: str
) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill("admin")
    page.locator("#id_password").fill("secret-pass-123")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == language
    # The row holds links and the summaries of menus; the menus' own links drop below it.
    links = page.locator("header.top nav > a, header.top nav > details > summary")
    assert links.count() >= 8  # the administrator sees every entry
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        tops = {
            round(box["y"])
            for box in links.evaluate_all("els => els.map(e => e.getBoundingClientRect().toJSON())")
        }
        assert len(tops) == 1, f"{language} at {width}px: links on {len(tops)} lines"
        # Nothing is cut off: the row fits without scrolling at these widths.
        nav = page.locator("header.top nav")
        assert nav.evaluate("n => n.scrollWidth <= n.clientWidth"), f"{language} at {width}px"


def test_a_menu_opens_closes_and_leads_to_its_pages(
    page: Any, live_server: Any, administrator: Any
) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill("admin")
    page.locator("#id_password").fill("secret-pass-123")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"{live_server.url}/")
    staffing, network = page.locator("header.top details.menu").all()[:2]
    staffing.locator("summary").click()
    assert staffing.locator("a").first.is_visible()
    network.locator("summary").click()  # opening one menu closes the other
    assert network.locator("a").first.is_visible()
    assert not staffing.locator("a").first.is_visible()
    page.keyboard.press("Escape")
    assert not network.locator("a").first.is_visible()
    network.locator("summary").click()
    network.locator("a").first.click()
    page.wait_for_url(f"{live_server.url}/network/")
