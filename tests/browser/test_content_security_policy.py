"""In headless Chromium: the main pages run under the Content-Security-Policy, no violation."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Recorded before any page script runs (Playwright injects it outside the policy).
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile);
});
"""


def visit(page: Any, url: str, problems: list[str]) -> None:
    response = page.goto(url)
    assert response is not None and response.status < 400, url
    assert "default-src 'self'" in response.headers["content-security-policy"], url
    page.wait_for_load_state("networkidle")
    problems.extend(f"{url}: {v}" for v in page.evaluate("window.__csp"))


def test_the_main_pages_pass_the_content_security_policy(
    browser: Any, live_server: Any, administrator: Any, project: Any
) -> None:
    context = browser.new_context(locale="en-GB")
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.set_default_timeout(15000)
    console: list[str] = []
    page.on(
        "console",
        lambda m: console.append(m.text) if "Content Security Policy" in m.text else None,
    )
    problems: list[str] = []
    base = live_server.url
    visit(page, f"{base}/accounts/login/", problems)
    visit(page, f"{base}/accounts/password/reset/", problems)
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("User name").fill("admin")
    page.get_by_label("Password").fill("secret-pass-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")
    code = project.code
    for path in (
        "/",
        "/projects/",
        "/projects/changes/",
        f"/projects/{code}/",
        f"/projects/{code}/edit/",
        f"/projects/{code}/results/",
        f"/projects/{code}/beneficiaries/",
        f"/proposals/{code}/",
        f"/proposals/{code}/versions/",
        f"/markers/{code}/",
        "/markers/portfolio/",
        "/reviews/",
        "/reviews/dashboard/",
        f"/reviews/projects/{code}/",
        "/guide/",
        "/guide/library/",
        "/terminology/",
        "/terminology/check/",
        "/accounts/tokens/",
        "/accounts/password/change/",
        "/api/v1/docs",
        "/admin/",
        "/admin/core/user/",
    ):
        visit(page, base + path, problems)
    # Swagger UI ran from the app's own files: the operations are listed.
    page.goto(f"{base}/api/v1/docs")
    page.locator(".opblock").first.wait_for()
    problems.extend(page.evaluate("window.__csp"))
    context.close()
    assert problems == []
    assert console == []
