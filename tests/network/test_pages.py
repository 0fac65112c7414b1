"""Network pages: links from project and review pages, safe minutes, the questionnaire editor in
three languages, the coverage lists, and the pages in French and Spanish."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pat.network.models import FocalPoint, Meeting, Question
from pat.reviews.models import ReviewTask
from pat.reviews.services import review_submit

pytestmark = pytest.mark.django_db


def test_the_project_page_links_the_executing_offices_focal_point(
    client: Any, colleague: Any, project: Any, field_focal_point: Any
) -> None:
    client.force_login(colleague)
    page = client.get(f"/projects/{project.code}/").content.decode()
    assert '<a href="/network/offices/co-ng/">Ngozi Eze</a>' in page


def test_the_gender_focal_point_review_step_links_the_offices_focal_point(
    client: Any,
    project: Any,
    developer: Any,
    reviewer: Any,
    budget_reviewer: Any,
    focal_point: Any,
    field_focal_point: Any,
) -> None:
    review_submit(project=project, actor=developer)
    task = ReviewTask.objects.get(key="gfp")
    client.force_login(focal_point)
    page = client.get(f"/reviews/tasks/{task.pk}/").content.decode()
    assert '<a href="/network/offices/co-ng/">Ngozi Eze</a>' in page


def test_the_office_page_shows_current_and_past_focal_points(
    client: Any, colleague: Any, field_focal_point: Any, country_office: Any
) -> None:
    FocalPoint.objects.create(
        person=colleague,
        office=country_office,
        time_share=20,
        appointed_on=dt.date(2020, 1, 1),
        term_end=dt.date(2022, 12, 31),
    )
    client.force_login(colleague)
    page = client.get("/network/offices/co-ng/").content.decode()
    assert "<strong>Ngozi Eze</strong> (30%" in page
    assert "Earlier" in page and "(Jan. 1, 2020 – Dec. 31, 2022)" in page


def test_coverage_lists_offices_without_a_focal_point_and_low_time_shares(
    client: Any, colleague: Any, field_focal_point: Any, other_office: Any, settings: Any
) -> None:
    settings.PAT_FOCAL_POINT_MIN_SHARE = 40
    client.force_login(colleague)
    page = client.get("/network/").content.decode()
    assert "1 field office without a focal point" in page
    assert 'href="/network/offices/co-pe/">Country Office Peru</a>' in page
    assert "Ngozi Eze, Country Office Nigeria: 30%" in page


def test_minutes_are_rendered_as_safe_markdown(client: Any, colleague: Any) -> None:
    meeting = Meeting.objects.create(
        held_on=dt.date(2026, 5, 4),
        title="Launch",
        agenda="1. **Questionnaire**",
        minutes="Agreed.<script>alert(1)</script> [x](javascript:alert(1))",
    )
    client.force_login(colleague)
    page = client.get(f"/network/wggi/meetings/{meeting.pk}/").content.decode()
    assert "<strong>Questionnaire</strong>" in page
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page  # shown as text, never run
    assert 'href="javascript' not in page


def test_the_coordinator_edits_a_question_in_three_languages(
    client: Any, coordinator: Any, questionnaire: Any
) -> None:
    question = Question.objects.get(code="PA1")
    client.force_login(coordinator)
    response = client.post(
        f"/network/questionnaires/{questionnaire.pk}/",
        {
            "question_id": question.pk,
            "q-section": question.section_id,
            "q-order": 1,
            "q-code": "PA1",
            "q-text_en": "Is there a plan?",
            "q-text_fr": "Existe-t-il un plan ?",
            "q-text_es": "¿Existe un plan?",
        },
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.text_en, question.text_fr, question.text_es) == (
        "Is there a plan?",
        "Existe-t-il un plan ?",
        "¿Existe un plan?",
    )


@pytest.mark.parametrize(
    ("language", "heading", "question"),
    [
        ("en", "Self-assessment exercise", None),
        ("fr", "Exercice d'auto-évaluation", "Question PA1 en français"),
        ("es", "Ejercicio de autoevaluación", "Pregunta PA1 en español"),
    ],
)
def test_pages_and_questions_follow_the_readers_language(
    client: Any,
    field_focal_point: Any,
    campaign: Any,
    language: str,
    heading: str,
    question: str | None,
) -> None:
    client.force_login(field_focal_point)
    client.cookies["django_language"] = language
    page = client.get("/network/assessments/").content.decode()
    assert heading in page.replace("&#x27;", "'")
    response = campaign.responses.get(office__code="co-ng")
    page = client.get(f"/network/responses/{response.pk}/").content.decode()
    assert (question or "Question PA1 in English") in page


def test_register_edits_keep_their_history_on_the_office_page(
    client: Any, coordinator: Any, field_focal_point: Any, colleague: Any
) -> None:
    appointment = FocalPoint.objects.get(person=field_focal_point)
    client.force_login(coordinator)
    response = client.post(
        f"/network/focal-points/{appointment.pk}/",
        {
            "person": field_focal_point.pk,
            "office": appointment.office_id,
            "time_share": 50,
            "appointed_on": appointment.appointed_on.isoformat(),
            "alternate": colleague.pk,
        },
    )
    assert response.status_code == 302
    change = appointment.changes.get()
    assert change.actor == coordinator
    assert change.changes == {"time_share": ["30", "50"], "alternate": ["", "colleague"]}
    page = client.get("/network/offices/co-ng/").content.decode()
    assert "time share (%) 30 → 50" in page


def test_a_time_share_over_100_is_refused_and_nothing_changes(
    client: Any, coordinator: Any, field_focal_point: Any
) -> None:
    appointment = FocalPoint.objects.get(person=field_focal_point)
    client.force_login(coordinator)
    response = client.post(
        f"/network/focal-points/{appointment.pk}/",
        {
            "person": field_focal_point.pk,
            "office": appointment.office_id,
            "time_share": 150,
            "appointed_on": appointment.appointed_on.isoformat(),
        },
    )
    assert response.status_code == 400
    appointment.refresh_from_db()
    assert appointment.time_share == 30 and not appointment.changes.exists()
