"""In headless Chromium: build a small proposal and watch the readiness panel follow."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from pat.projects.models import Indicator, Project, ProjectChange

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANALYSIS = (
    "Women and girls recruited for domestic work are isolated in private homes, carry debts to "
    "recruiters and rarely know where to complain. Men and boys are recruited for construction "
    "and farm work and more often lose their passports to employers. Women have fewer phones "
    "and less information about regular channels; girls under eighteen travel on forged papers. "
    "The project answers each group's needs."
)


def sign_in(page: Any, live_server: Any, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill("secret-pass-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


def check_state(page: Any, check: str) -> str:
    return str(page.locator(f'#readiness [data-check="{check}"]').get_attribute("class"))


def test_a_developer_builds_a_proposal_and_the_panel_follows(
    page: Any, live_server: Any, developer: Any, project: Any
) -> None:
    base = f"{live_server.url}/proposals/{project.code}"
    sign_in(page, live_server, "developer")

    page.goto(f"{base}/cover/")
    page.get_by_label("Title").fill("Safe work abroad for women domestic workers")
    page.get_by_role("button", name="Save cover page").click()
    page.wait_for_url(f"{base}/cover/")
    assert page.get_by_text("Cover page saved.").is_visible()

    page.goto(f"{base}/rationale/")
    assert check_state(page, "gender-analysis") == "fix"
    page.get_by_label("Rationale", exact=True).fill(
        "Recruitment abuses are common in the corridor."
    )
    analysis = page.get_by_label("Gender analysis")
    analysis.fill(ANALYSIS)
    # The counter counts as you type, the rationale and its analysis together.
    assert (
        "of 600 words, with the gender analysis"
        in page.locator("#count-gender-analysis").inner_text()
    )
    analysis.blur()
    page.locator("#section-gender-analysis [data-status]").get_by_text("Saved").wait_for()
    # A locator assertion, not wait_for_function: the page's Content-Security-Policy
    # forbids the eval that a string predicate needs.
    expect(page.locator('#readiness [data-check="gender-analysis"]')).to_have_class("ok")
    assert check_state(page, "gender-analysis-groups") == "ok"
    project.refresh_from_db()
    assert project.rationale == "Recruitment abuses are common in the corridor."

    # Offline: the text stays in the browser and goes when the connection returns.
    page.context.set_offline(True)
    page.get_by_label("Rationale", exact=True).fill("Recruitment abuses are common. Offline words.")
    page.get_by_label("Rationale", exact=True).blur()
    page.get_by_text("Not saved — offline, will retry").wait_for()
    page.context.set_offline(False)
    page.locator("#section-rationale [data-status]").get_by_text("Saved").wait_for(timeout=20000)
    assert Project.objects.get(pk=project.pk).rationale.endswith("Offline words.")

    page.goto(f"{base}/results/")
    assert check_state(page, "indicators-disaggregated") == "fix"
    page.get_by_label("New outcome").fill("Women migrant workers are protected from abuse")
    page.get_by_role("button", name="Add outcome").click()
    page.get_by_label("New output under OC1").fill("Women and men trained before departure")
    page.get_by_role("button", name="Add output").click()
    page.get_by_label("New indicator for OP1.1").fill("Number of women and men trained")
    page.get_by_role("button", name="Add indicator").last.click()
    page.get_by_label("Indicator", exact=True).wait_for()
    indicator = Indicator.objects.get(result__project=project)
    box = page.locator(f"#indicator-{indicator.pk}")
    box.get_by_label("Counts people").check()
    box.get_by_label("Target", exact=True).fill("320")
    box.get_by_label("Female 18+", exact=True).fill("300")
    # The totals check runs as you type.
    assert "difference -20" in box.locator("[data-total]").inner_text()
    box.get_by_label("Male 18+", exact=True).fill("20")
    assert "add up to the target" in box.locator("[data-total]").inner_text()
    page.get_by_role("button", name="Save all").last.click()
    page.wait_for_url(f"{base}/results/#matrix")
    assert check_state(page, "indicators-disaggregated") == "ok"
    indicator.refresh_from_db()
    assert indicator.target_value == 320
    # The matrix is locked and recorded as the project's own (one lock, one history).
    assert ProjectChange.objects.filter(project=project, action="results").exists()


def test_the_objective_saved_on_the_results_step_does_not_block_the_matrix_beside_it(
    page: Any, live_server: Any, developer: Any, project: Any
) -> None:
    # The objective lives on the project, whose version locks the matrix form on the same page.
    base = f"{live_server.url}/proposals/{project.code}"
    sign_in(page, live_server, "developer")
    page.goto(f"{base}/results/")
    objective = page.get_by_label("Objective", exact=True)
    objective.fill("Women migrants are protected from abuse in recruitment.")
    objective.blur()
    page.locator("#section-objective [data-status]").get_by_text("Saved").wait_for()
    page.get_by_label("New outcome").fill("Women recruited abroad know their rights")
    page.get_by_role("button", name="Add outcome").click()
    page.wait_for_url(f"{base}/results/#matrix")
    assert page.get_by_role("rowheader", name="OC1").is_visible()
    project.refresh_from_db()
    assert project.objective.startswith("Women migrants are protected")
