"""The marker page: who reads, who answers, the live preview and the no-JavaScript save."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from pat.markers.models import MarkerAssessment
from pat.markers.services import assessment_save

pytestmark = pytest.mark.django_db

READERS = ["developer", "reviewer", "budget_reviewer", "focal_point", "hr_officer", "colleague"]
ALL_MET = {
    "iom-needs_assessment": "on",
    "iom-results_matrix": "on",
    "iom-activities": "on",
    "iom-evidence_activities": "Outreach by women staff",
}


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def page_url(project: Any) -> str:
    return reverse("markers:project", args=[project.code])


def save_url(project: Any, scheme: str = "iom") -> str:
    return reverse("markers:save", args=[project.code, scheme])


def preview_url(project: Any, scheme: str = "iom") -> str:
    return reverse("markers:preview", args=[project.code, scheme])


@pytest.mark.parametrize("persona", [*READERS, "administrator"])
def test_every_signed_in_persona_reads_the_marker_page(
    request: Any, persona: str, project: Any
) -> None:
    response = client_for(request.getfixturevalue(persona)).get(page_url(project))
    assert response.status_code == 200
    assert "IOM Gender Marker" in response.content.decode()


def test_an_outsider_is_sent_to_sign_in(project: Any) -> None:
    for url in [page_url(project), reverse("markers:portfolio")]:
        response = Client().get(url)
        assert response.status_code == 302
        assert "/login" in response["Location"] or "next=" in response["Location"]
    assert Client().post(save_url(project), ALL_MET).status_code == 302
    assert not MarkerAssessment.objects.exists()


@pytest.mark.parametrize(
    ("persona", "may_answer"),
    [
        ("developer", True),
        ("administrator", True),
        ("reviewer", False),
        ("budget_reviewer", False),
        ("focal_point", False),
        ("hr_officer", False),
        ("colleague", False),
    ],
)
def test_only_people_who_edit_the_project_answer(
    request: Any, persona: str, may_answer: bool, project: Any
) -> None:
    client = client_for(request.getfixturevalue(persona))
    page = client.get(page_url(project)).content.decode()
    assert ("Save a new assessment" in page) == may_answer
    response = client.post(save_url(project), ALL_MET)
    assert response.status_code == (302 if may_answer else 403)
    assert client.post(preview_url(project), ALL_MET).status_code == (200 if may_answer else 403)
    assert MarkerAssessment.objects.count() == (1 if may_answer else 0)


def test_saving_without_javascript_records_and_redirects_to_the_scheme(
    developer: Any, project: Any
) -> None:
    client = client_for(developer)
    response = client.post(save_url(project), ALL_MET)
    assert response["Location"] == page_url(project) + "#iom"
    assessment = MarkerAssessment.objects.get()
    assert (assessment.code, assessment.answered_by) == ("2a", developer)
    assert assessment.evidence == {"activities": "Outreach by women staff"}
    page = client.get(page_url(project)).content.decode()
    assert "All three minimum standards are met: 2a (gender mainstreamed)." in page
    assert "Outreach by women staff" in page  # the form starts from the current answers


def test_a_reader_sees_the_current_answers_and_evidence(
    developer: Any, colleague: Any, project: Any
) -> None:
    client_for(developer).post(save_url(project), ALL_MET)
    page = client_for(colleague).get(page_url(project)).content.decode()
    assert "Outreach by women staff" in page
    assert '<form method="post" action="' + save_url(project) not in page


def test_bad_answers_show_field_messages_and_save_nothing(developer: Any, project: Any) -> None:
    response = client_for(developer).post(
        save_url(project), {"iom-not_applicable": "on", "iom-not_applicable_reason": ""}
    )
    assert response.status_code == 400
    assert "Give the reason why the marker does not apply." in response.content.decode()
    assert not MarkerAssessment.objects.exists()


def test_a_gam_code_out_of_range_is_a_field_error(developer: Any, project: Any) -> None:
    response = client_for(developer).post(
        save_url(project, "gam_design"),
        {"gam_design-A": "7", "gam_design-D": "4", "gam_design-G": "4", "gam_design-J": "4"},
    )
    assert response.status_code == 400
    assert not MarkerAssessment.objects.exists()


def test_preview_scores_without_saving(developer: Any, project: Any) -> None:
    client = client_for(developer)
    response = client.post(
        preview_url(project, "gam_design"),
        {"gam_design-A": "4", "gam_design-D": "3", "gam_design-G": "2", "gam_design-J": "1"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="result-gam_design"' in body
    assert "second-lowest key code, 2" in body
    assert "not saved" in body
    assert "<html" not in body, "htmx gets the fragment only"
    assert not MarkerAssessment.objects.exists()


def test_preview_explains_missing_answers(developer: Any, project: Any) -> None:
    response = client_for(developer).post(preview_url(project, "gam_design"), {})
    assert "Choose a code from 0 to 4." in response.content.decode()
    assert not MarkerAssessment.objects.exists()


def test_history_lists_every_save_with_who_and_code(developer: Any, project: Any) -> None:
    assessment_save(project=project, scheme="iom", answers={}, evidence={}, actor=developer)
    assessment_save(
        project=project, scheme="iom", answers={"activities": True}, evidence={}, actor=developer
    )
    response = client_for(developer).get(page_url(project))
    history = response.content.decode().split("History of assessments")[1]
    assert history.count("<tr><td><time") == 2
    assert "developer" in history


def test_the_page_speaks_french(developer: Any, project: Any) -> None:
    client = client_for(developer)
    page = client.get(page_url(project), headers={"Accept-Language": "fr"}).content.decode()
    assert "Le projet a-t-il été examiné" in page


def test_unknown_project_or_scheme_is_404(developer: Any, project: Any) -> None:
    client = client_for(developer)
    assert client.get(reverse("markers:project", args=["XX.9999"])).status_code == 404
    assert client.post(reverse("markers:save", args=[project.code, "nope"])).status_code == 404


def test_a_guidance_prompt_added_by_an_administrator_is_asked_and_kept_as_evidence(
    developer: Any, project: Any
) -> None:
    from pat.markers.models import MarkerQuestion

    MarkerQuestion.objects.create(
        scheme="iom", key="women-consulted", text_en="Which women were consulted?", order=99
    )
    client = client_for(developer)
    assert "Which women were consulted?" in client.get(page_url(project)).content.decode()
    client.post(save_url(project), {**ALL_MET, "iom-evidence_women-consulted": "Two groups"})
    assert MarkerAssessment.objects.get().evidence["women-consulted"] == "Two groups"


def test_an_administrator_edits_question_wording_in_the_admin(administrator: Any) -> None:
    client = client_for(administrator)
    assert client.get("/admin/markers/markerquestion/").status_code == 200
    assert client.get("/admin/markers/markerassessment/").status_code == 200
