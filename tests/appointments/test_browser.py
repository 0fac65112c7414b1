"""In headless Chromium: a case below parity from the recommendation through the written
justification and the Gender Focal Point's objection to the board's decision; the board's
decision is refused until the review is in."""

from __future__ import annotations

from typing import Any

import pytest

from pat.appointments import services
from pat.appointments.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Any, live_server: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill("secret-pass-123")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")


def test_a_case_below_parity_from_recommendation_to_decision(
    page: Any,
    live_server: Any,
    vacancy: Any,
    shortlist: dict[str, Any],
    women_under: None,
    board: dict[str, Any],
    hr_officer: Any,
) -> None:
    meeting = services.meeting_create(
        held_on=vacancy.closing_date,
        title="Board of March",
        members=[board["chair"], board["member"], board["gfp"]],
        actor=hr_officer,
    )
    # HR sends the vacancy to the board from its candidates page.
    sign_in(page, live_server, "hr")
    page.goto(f"{live_server.url}/appointments/vacancies/{vacancy.pk}/")
    page.get_by_role("button", name="Send to the Appointments and Postings Board").click()
    page.locator("#special-measures").wait_for()
    case_url = page.url
    page.locator("#form-schedule").get_by_label("Meeting").select_option(str(meeting.pk))
    page.get_by_role("button", name="Put on this meeting's agenda").click()
    page.get_by_text("Saved.").wait_for()

    # HR records the hiring office's recommendation: the man over the qualified woman.
    form = page.locator("#form-recommend")
    form.get_by_label("Recommended candidate").select_option(label="Tunde Adeyemi")
    form.get_by_label("The hiring office's recommendation").fill("Ranked first by the panel.")
    form.get_by_role("button", name="Record").click()
    page.get_by_text("Waiting for the written justification").wait_for()

    # The chair may not decide yet: no form, a notice, and a forged post is refused.
    sign_in(page, live_server, "admin")
    page.goto(case_url)
    page.locator("#decision-blocked").wait_for()
    assert page.locator("#form-decide").count() == 0
    case = Case.objects.get()
    response = page.request.post(
        case_url,
        form={
            "action": "decide",
            "decide-decision": "approve",
            "decide-version": str(case.version),
            "csrfmiddlewaretoken": page.locator(
                "#form-schedule input[name=csrfmiddlewaretoken]"
            ).get_attribute("value"),
        },
        headers={"Referer": case_url},
    )
    assert response.status == 400
    assert "cannot decide yet" in response.text()
    assert Case.objects.get().decision == ""

    # The hiring office's justification, recorded by HR.
    sign_in(page, live_server, "hr")
    page.goto(case_url)
    page.locator("#form-justify").get_by_label("Written justification").fill(
        "He set up the partnerships this post leads; substantially superior experience."
    )
    page.get_by_role("button", name="Submit the justification").click()
    page.get_by_text("Waiting for the Gender Focal Point's review").wait_for()

    # Still no decision before the review.
    sign_in(page, live_server, "admin")
    page.goto(case_url)
    page.locator("#decision-blocked").wait_for()

    # The Gender Focal Point objects, with the reason.
    sign_in(page, live_server, "gfp")
    page.goto(case_url)
    review = page.locator("#form-review")
    review.get_by_label("Object", exact=True).check()
    review.get_by_role("button", name="Record the review").click()
    page.get_by_text("Write the comment or the objection.").wait_for()
    review = page.locator("#form-review")
    review.get_by_label("Object", exact=True).check()
    review.get_by_label("Comment or objection").fill(
        "The woman candidate's field experience is equal; the justification does not show more."
    )
    review.get_by_role("button", name="Record the review").click()
    page.get_by_text("Ready for the board's decision").wait_for()
    assert "Object" in page.locator("#review").inner_text()

    # The board returns the case to the hiring office.
    sign_in(page, live_server, "admin")
    page.goto(case_url)
    decide = page.locator("#form-decide")
    decide.get_by_label("Return to the hiring office").check()
    decide.get_by_label("Note for the minutes").fill("Compare the two candidates again.")
    decide.get_by_role("button", name="Record the decision").click()
    page.get_by_text("Returned to the hiring office").first.wait_for()
    history = page.locator("ol.history").inner_text()
    for step in (
        "Case opened",
        "Recommendation recorded",
        "Justification written",
        "Gender Focal Point's review",
        "Board's decision",
    ):
        assert step in history
    assert Case.objects.get().decision == "return"

    # The minutes name the objection and the decision.
    page.goto(f"{live_server.url}/appointments/board/meetings/{meeting.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Minutes (.docx)").click()
    assert download.value.suggested_filename.endswith(".docx")
