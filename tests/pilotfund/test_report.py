"""The fund's final report: the same content in Word and PDF, opened by real readers."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from pat.evaluations import services as evaluations
from pat.pilotfund import report, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluated(grant: Any, coordinator: Any) -> Any:
    services.disbursement_record(grant=grant, actor=coordinator, amount=Decimal("25000"))
    evaluation = evaluations.evaluation_create(
        project=grant.proposal.project,
        actor=coordinator,
        fields={
            "title": "Mid-term evaluation",
            "kind": "midterm",
            "conduct": "external",
            "evaluator": "Independent evaluator",
            "started_on": "2026-03-01",
            "findings": "More women reached than planned.",
        },
    )
    item = evaluations.recommendation_add(
        evaluation=evaluation, actor=coordinator, text="Keep SADD records from day one."
    )
    evaluations.response_record(
        recommendation=item,
        actor=coordinator,
        expected_version=item.version,
        fields={"response": "accepted", "action": "Add to the checklist", "owner": "PM"},
    )
    return grant


def test_the_word_report_holds_the_money_the_projects_and_the_management_responses(
    evaluated: Any, fund: Any
) -> None:
    from docx import Document

    document = Document(io.BytesIO(report.docx(fund)))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "Gender pilot fund: final report" in text
    assert evaluated.proposal.project.code in text
    assert "More women reached than planned." in text
    assert "100,000.00 USD" in cells
    assert "25,000.00" in cells
    assert "Keep SADD records from day one." in cells
    assert "Accepted" in cells
    assert "No progress report in PAT yet." in text or "Progress reports" in text


def test_the_pdf_report_says_the_same(evaluated: Any, fund: Any) -> None:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(report.pdf(fund)))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Gender pilot fund: final report" in text
    assert evaluated.proposal.project.code in text
    assert "Keep SADD records from day one." in text


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("pdf", "application/pdf"),
    ],
)
def test_the_report_downloads_as_an_attachment(
    client: Client, colleague: Any, evaluated: Any, fmt: str, content_type: str
) -> None:
    client.force_login(colleague)
    response = client.get(reverse("pilotfund:report", args=["gender-pilot", fmt]))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")


def test_an_unknown_report_format_is_not_found(client: Client, colleague: Any, fund: Any) -> None:
    client.force_login(colleague)
    assert client.get(reverse("pilotfund:report", args=["gender-pilot", "exe"])).status_code == 404
