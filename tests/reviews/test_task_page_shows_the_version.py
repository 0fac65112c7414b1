"""A reviewer clears a proposal from the task page alone: the whole frozen version is there."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from docx import Document

from pat.projects import services as project_services
from pat.reviews import services
from pat.reviews.models import ReviewTask
from tests.proposal_data import complete

pytestmark = pytest.mark.django_db


def client_for(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


@pytest.fixture
def submitted(project: Any, developer: Any, reviewers: dict[str, Any], legal_unit: Any) -> Any:
    # A budget this size also goes to the legal unit.
    complete(project, developer)
    services.review_submit(project=project, actor=developer)
    return project


def budget_task(project: Any) -> ReviewTask:
    return ReviewTask.objects.get(project=project, key="unit:budget")


def test_the_budget_reviewer_sees_every_part_of_the_version(
    submitted: Any, budget_reviewer: Any
) -> None:
    task = budget_task(submitted)
    page = client_for(budget_reviewer).get(f"/reviews/tasks/{task.pk}/").content.decode()
    for expected in (
        # budget lines, by category name, amounts grouped, and the total
        "Staff costs",
        "Operational costs",
        "Orientation sessions",
        "1,250,000.50",
        "1,334,000.50",
        # work plan
        "Train community facilitators",
        "Field coordinator",
        # risk plan, levels by name
        "Brokers discourage attendance",
        "Sessions in women&#x27;s groups",
        "High",
        # beneficiaries, indicators with baselines, targets by sex and age, verification
        "Beneficiaries by sex and age",
        "Attendance sheets signed by participants",
        "Baseline by sex and age",
        "Target by sex and age",
        "Female",
        "300",
        # narrative and cover
        "Women and girls who migrate for domestic work",
        "1,500,000.00 USD",
        # marker by its scheme's name
        "IOM Gender Marker",
    ):
        assert expected in page, expected
    assert "operational:" not in page


def test_the_task_page_links_to_the_versions_documents(
    submitted: Any, budget_reviewer: Any
) -> None:
    client = client_for(budget_reviewer)
    task = budget_task(submitted)
    page = client.get(f"/reviews/tasks/{task.pk}/").content.decode()
    docx_url = f"/proposals/{submitted.code}/export.docx?version=1"
    pdf_url = f"/proposals/{submitted.code}/export.pdf?version=1"
    assert docx_url in page and pdf_url in page
    response = client.get(docx_url)
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Women and girls who migrate" in text
    assert client.get(pdf_url).content.startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["Coûts de personnel", "1 250 000,50", "Élevé"]),
        ("es", ["Alto", "Costos de personal", "1.250.000,50"]),
    ],
)
def test_the_version_reads_in_the_reviewers_language(
    submitted: Any, budget_reviewer: Any, language: str, expected: list[str]
) -> None:
    task = budget_task(submitted)
    page = client_for(budget_reviewer, language).get(f"/reviews/tasks/{task.pk}/")
    text = page.content.decode().replace("\xa0", " ").replace("\u202f", " ")
    for word in expected:
        assert word in text, word


def test_comments_name_their_section(submitted: Any, budget_reviewer: Any, developer: Any) -> None:
    task = budget_task(submitted)
    services.comment_add(
        task=task, actor=budget_reviewer, text="Who is consulted?", section="cc-accountability"
    )
    for user, url in (
        (budget_reviewer, f"/reviews/tasks/{task.pk}/"),
        (developer, f"/reviews/projects/{submitted.code}/"),
    ):
        page = client_for(user).get(url).content.decode()
        assert "Accountability to affected populations" in page
        assert "· cc-accountability" not in page
        assert ">cc-accountability<" not in page


def test_changes_are_shown_since_the_version_the_reviewer_last_commented_on(
    project: Any, developer: Any, reviewers: dict[str, Any]
) -> None:
    reviewer, budget = reviewers["programme-support"], reviewers["budget"]

    def round_returned_by_budget(summary: str) -> ReviewTask:
        project.refresh_from_db()
        project_services.project_update(
            project=project,
            actor=developer,
            expected_version=project.version,
            fields={"summary": summary},
        )
        services.review_submit(project=project, actor=developer)
        return ReviewTask.objects.filter(project=project, key="unit:budget").latest(
            "version__number"
        )

    first = round_returned_by_budget("First summary.")
    mine = ReviewTask.objects.get(version=first.version, key="unit:programme-support")
    services.comment_add(task=mine, actor=reviewer, text="Say who benefits.", section="summary")
    services.task_decide(task=first, actor=budget, decision="returned", note="No.")
    second = round_returned_by_budget("Second summary.")
    services.task_decide(task=second, actor=budget, decision="returned", note="Still no.")
    round_returned_by_budget("Third summary.")
    third = ReviewTask.objects.filter(project=project, key="unit:programme-support").latest(
        "version__number"
    )
    page = client_for(reviewer).get(f"/reviews/tasks/{third.pk}/").content.decode()
    assert "Changes from version 1, the last one you reviewed or commented on, to version 3" in page
    assert "<del>First</del>" in page or "<del>First summary.</del>" in page
