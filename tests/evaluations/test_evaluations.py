"""Evaluations of any project: findings, recommendations, management responses, the report in
the reference library, history, optimistic locking and who may write."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from pat.core.locking import EditConflict
from pat.evaluations import services
from pat.evaluations.models import Evaluation, EvaluationChange, Recommendation
from pat.guide.models import LibraryDocument, SearchEntry
from tests import factories
from tests.hostile_files import docx_billion_laughs, elf_as_pdf, small_pdf

pytestmark = pytest.mark.django_db

FIELDS = {
    "title": "Final evaluation",
    "kind": "final",
    "conduct": "external",
    "evaluator": "Independent evaluator",
    "started_on": dt.date(2026, 2, 1),
    "finished_on": dt.date(2026, 3, 15),
    "findings": "Women were reached through outreach workers.",
}


@pytest.fixture
def coordinator(hq: Any) -> Any:
    user = factories.UserFactory(username="coordinator")
    factories.RoleFactory(user=user, office=hq, kind="coord")
    return user


@pytest.fixture
def evaluation(project: Any, developer: Any) -> Evaluation:
    return services.evaluation_create(project=project, actor=developer, fields=FIELDS)


def test_recommendations_are_numbered_in_order_and_each_gets_its_response(
    evaluation: Evaluation, developer: Any
) -> None:
    first = services.recommendation_add(evaluation=evaluation, actor=developer, text="One")
    second = services.recommendation_add(evaluation=evaluation, actor=developer, text="Two")
    assert (first.number, second.number) == (1, 2)
    services.response_record(
        recommendation=second,
        actor=developer,
        expected_version=second.version,
        fields={
            "response": "partly",
            "action": "A part-time worker",
            "owner": "Chief of Mission",
            "deadline": dt.date(2026, 9, 30),
            "status": "ongoing",
        },
    )
    second.refresh_from_db()
    assert (second.response, second.owner, second.version) == ("partly", "Chief of Mission", 2)
    change = EvaluationChange.objects.filter(action="response").get()
    assert change.changes["response"] == ["pending", "partly"]
    assert change.changes["deadline"] == [None, "2026-09-30"]


def test_a_stale_response_is_refused_and_writes_nothing(
    evaluation: Evaluation, developer: Any
) -> None:
    item = services.recommendation_add(evaluation=evaluation, actor=developer, text="One")
    services.response_record(
        recommendation=item, actor=developer, expected_version=1, fields={"response": "accepted"}
    )
    stale = Recommendation.objects.get(pk=item.pk)
    with pytest.raises(EditConflict):
        services.response_record(
            recommendation=stale,
            actor=developer,
            expected_version=1,
            fields={"response": "rejected"},
        )
    stale.refresh_from_db()
    assert stale.response == "accepted"


def test_the_project_history_names_the_evaluation_in_no_one_language(
    project: Any, developer: Any
) -> None:
    from django.utils import translation

    with translation.override("es"):
        services.evaluation_create(project=project, actor=developer, fields=FIELDS)
    change = project.changes.first()
    assert change.changes == {"evaluation": [None, "Final evaluation"]}
    client = Client()
    client.force_login(developer)
    client.cookies["django_language"] = "fr"
    page = client.get(project.get_absolute_url()).content.decode()
    assert "<strong>Évaluation</strong>: ∅ → Final evaluation" in page


def test_an_end_before_the_start_is_refused(project: Any, developer: Any) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.evaluation_create(
            project=project,
            actor=developer,
            fields={**FIELDS, "finished_on": dt.date(2026, 1, 1)},
        )
    assert not Evaluation.objects.exists()


def test_the_report_goes_to_the_reference_library(
    client: Client, evaluation: Evaluation, developer: Any
) -> None:
    client.force_login(developer)
    upload = SimpleUploadedFile("report.pdf", small_pdf("Final evaluation report"))
    response = client.post(
        reverse("evaluations:report", args=[evaluation.pk]),
        {"version": evaluation.version, "language": "en", "file": upload},
    )
    assert response.status_code == 302
    evaluation.refresh_from_db()
    document = LibraryDocument.objects.get()
    assert evaluation.report == document
    assert set(document.tag_names()) == {"evaluation", evaluation.project.code.lower()}
    assert SearchEntry.objects.filter(kind="document", ref_id=document.pk).exists()
    page = client.get(evaluation.get_absolute_url()).content.decode()
    assert reverse("guide:document", args=[document.pk]) in page


@pytest.mark.parametrize(
    "hostile", [elf_as_pdf, docx_billion_laughs], ids=["elf-as-pdf", "billion-laughs"]
)
def test_a_hostile_report_is_refused_with_a_message_and_nothing_is_stored(
    client: Client, evaluation: Evaluation, developer: Any, hostile: Any
) -> None:
    data, name = hostile()
    client.force_login(developer)
    response = client.post(
        reverse("evaluations:report", args=[evaluation.pk]),
        {"version": evaluation.version, "language": "en", "file": SimpleUploadedFile(name, data)},
    )
    assert response.status_code == 400
    assert "Nothing was stored." in response.content.decode()
    assert not LibraryDocument.objects.exists()
    evaluation.refresh_from_db()
    assert evaluation.report is None


def test_a_stale_edit_of_the_evaluation_gets_the_409_notice(
    client: Client, evaluation: Evaluation, developer: Any
) -> None:
    client.force_login(developer)
    data = {**FIELDS, "version": evaluation.version, "title": "Renamed"}
    assert client.post(reverse("evaluations:edit", args=[evaluation.pk]), data).status_code == 302
    again = client.post(
        reverse("evaluations:edit", args=[evaluation.pk]), {**data, "title": "Lost?"}
    )
    assert again.status_code == 409
    evaluation.refresh_from_db()
    assert evaluation.title == "Renamed"


@pytest.mark.parametrize(
    ("persona", "may_write"),
    [
        ("developer", True),
        ("coordinator", True),
        ("administrator", True),
        ("colleague", False),
        ("reviewer", False),
        ("hr_officer", False),
    ],
)
def test_the_project_writers_and_the_coordinator_write_evaluations_others_read(
    request: Any, client: Client, evaluation: Evaluation, persona: str, may_write: bool
) -> None:
    client.force_login(request.getfixturevalue(persona))
    code = evaluation.project.code
    assert client.get(reverse("evaluations:project", args=[code])).status_code == 200
    assert client.get(evaluation.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("evaluations:new", args=[code]),
        {**FIELDS, "title": "Another"},
    )
    assert response.status_code == (302 if may_write else 403)
    response = client.post(
        reverse("evaluations:recommend", args=[evaluation.pk]), {"text": "Do more."}
    )
    assert response.status_code == (302 if may_write else 403)
    assert Recommendation.objects.exists() is may_write


def test_the_outsider_is_sent_to_sign_in(client: Client, evaluation: Evaluation) -> None:
    response = client.get(evaluation.get_absolute_url())
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
