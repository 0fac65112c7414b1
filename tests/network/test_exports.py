"""Exports read back: the plan as .docx and XLSX, the analysis and the report as .docx and PDF."""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from pat.network import services
from pat.network.models import Question, Response

pytestmark = pytest.mark.django_db


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _pdf_text(content: bytes) -> str:
    # Lines wrap anywhere in a PDF: compare with whitespace collapsed.
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


@pytest.fixture
def plan(country_office: Any, coordinator: Any) -> Any:
    import datetime as dt

    plan = services.plan_create(office=country_office, period="2026", actor=coordinator)
    objective = services.objective_add(plan=plan, expected_lock=0, title="Équité des données")
    services.action_add(
        plan=plan,
        expected_lock=1,
        objective=objective,
        title="Revise the intake form",
        owner="Programme officer",
        deadline=dt.date(2026, 6, 30),
    )
    services.indicator_add(
        plan=plan, expected_lock=2, name="Forms with sex and age", baseline="1", target="5"
    )
    return plan


def test_the_plan_exports_to_word_and_excel(client: Any, coordinator: Any, plan: Any) -> None:
    client.force_login(coordinator)
    word = client.get(f"/network/plans/{plan.pk}/export.docx")
    assert word["Content-Disposition"].endswith('.docx"')
    text = _docx_text(word.content)
    assert "Équité des données" in text and "Revise the intake form" in text
    assert "Forms with sex and age" in text
    book = load_workbook(io.BytesIO(client.get(f"/network/plans/{plan.pk}/export.xlsx").content))
    actions = book.worksheets[0]
    rows = list(actions.iter_rows(values_only=True))
    assert rows[1][:3] == ("Équité des données", "Revise the intake form", "Programme officer")
    assert list(book.worksheets[1].iter_rows(values_only=True))[1][:3] == (
        "Forms with sex and age",
        "1",
        "5",
    )


def test_the_global_analysis_exports_with_figures_comments_and_conclusions(
    client: Any, coordinator: Any, campaign: Any, field_focal_point: Any
) -> None:
    response = Response.objects.get(campaign=campaign, office__code="co-ng")
    questions = Question.objects.filter(section__questionnaire=campaign.questionnaire)
    answers = {q.pk: ("approaches", f"Comment on {q.code}") for q in questions}
    response = services.answers_save(response=response, expected_lock=0, answers=answers)
    services.response_submit(
        response=response, expected_lock=response.lock, actor=field_focal_point
    )
    services.conclusions_save(campaign=campaign, conclusions={"PA1": "Plans need follow-up."})
    client.force_login(coordinator)
    for fmt, read in (("docx", _docx_text), ("pdf", _pdf_text)):
        text = read(client.get(f"/network/assessments/{campaign.pk}/analysis.{fmt}").content)
        assert "1 of 2 offices answered (50%)" in text
        assert "Comment on PA2" in text and "Plans need follow-up." in text
        assert "Country Office Nigeria" in text


def test_the_annual_report_exports_with_its_pat_evidence(
    client: Any, coordinator: Any, field_focal_point: Any
) -> None:
    services.report_open(year=2026)
    client.force_login(coordinator)
    for fmt, read in (("docx", _docx_text), ("pdf", _pdf_text)):
        text = read(client.get(f"/network/reports/2026/export.{fmt}").content)
        assert "PI 11. Gender architecture" in text
        assert "Gender Focal Point register" in text
        assert "No staffing data." in text and "No training data." in text
