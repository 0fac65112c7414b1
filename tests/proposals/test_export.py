"""Export round trip: write the .docx, read it back, find every heading and table."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from docx import Document
from pypdf import PdfReader

from pat.projects.models import AgeBandSet
from pat.proposals import export, services
from tests import factories as results

pytestmark = pytest.mark.django_db

HEADINGS_EN = [
    "Cover page",
    "Summary",
    "Rationale",
    "Gender analysis",
    "Partnerships and coordination",
    "Sustainability",
    "Monitoring",
    "Evaluation",
    "Risk management plan",
    "Cross-cutting themes",
    "Results matrix",
    "Work plan",
    "Budget",
    "Beneficiaries by sex and age",
    "Gender markers",
]


def build(project: Any, actor: Any) -> None:
    outcome = results.result_add(project=project, actor=actor, parent=None, statement="Safer")
    output = results.result_add(
        project=project, actor=actor, parent=outcome, statement="Women trained"
    )
    results.result_add(project=project, actor=actor, parent=output, statement="Sessions")
    band_set = AgeBandSet.objects.get(code="children-adults")
    band = band_set.bands.order_by("-min_age").first()
    assert band is not None
    results.indicator_add(
        result=output,
        actor=actor,
        fields={
            "statement": "Number trained",
            "counts_people": True,
            "band_set": band_set,
            "baseline_value": Decimal(12),
            "means_of_verification": "Attendance sheets",
        },
        targets={("female", band.pk): Decimal(40), ("male", band.pk): Decimal(10)},
    )
    services.budget_save(
        project=project,
        actor=actor,
        expected_version=1,
        lines=[{"category": "staff", "description": "Coordinator", "amount": Decimal(1000)}],
    )
    services.risks_save(
        project=project,
        actor=actor,
        expected_version=1,
        rows=[
            {
                "risk": "Floods",
                "likelihood": "high",
                "impact": "medium",
                "mitigation": "Plan B",
                "owner": "CoM",
            }
        ],
    )
    services.section_save(
        project=project,
        key="gender-analysis",
        text="Women and girls",
        expected_version=1,
        actor=actor,
    )


def docx_of(snapshot: dict[str, Any]) -> Any:
    return Document(io.BytesIO(export.docx_bytes(snapshot)))


def test_the_docx_has_every_section_heading_and_table(developer: Any, project: Any) -> None:
    build(project, developer)
    document = docx_of(services.build_snapshot(project))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for heading in HEADINGS_EN:
        assert heading in headings, heading
    tables = ["\n".join(c.text for c in t.rows[0].cells) for t in document.tables]
    # Cover, risks, results matrix, work plan and budget (no beneficiaries or markers yet).
    assert any("Likelihood" in t for t in tables)
    assert any("Means of verification" in t and "Baseline" in t for t in tables)
    assert any("Party responsible" in t for t in tables)
    assert any("Description" in t for t in tables)
    text = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "Number trained" in text and "Female 18+: 40" in text
    assert "Coordinator" in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["Résumé", "Analyse de genre", "Plan de gestion des risques", "Cadre de résultats"]),
        ("es", ["Resumen", "Análisis de género", "Plan de gestión de riesgos", "Presupuesto"]),
    ],
)
def test_headings_follow_the_interface_language(
    developer: Any, project: Any, language: str, expected: list[str]
) -> None:
    build(project, developer)
    snapshot = services.build_snapshot(project)
    with translation.override(language):
        document = docx_of(snapshot)
    headings = {p.text for p in document.paragraphs if p.style.name.startswith("Heading")}
    assert set(expected) <= headings


def test_the_pdf_holds_the_sections(developer: Any, project: Any) -> None:
    build(project, developer)
    data = export.pdf_bytes(services.build_snapshot(project))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "Gender analysis" in text and "Results matrix" in text


def test_the_export_urls_serve_the_draft_and_a_version(
    developer: Any, colleague: Any, project: Any
) -> None:
    build(project, developer)
    services.proposal_submit(project=project, actor=developer)
    client = Client()
    client.force_login(colleague)
    draft = client.get(f"/proposals/{project.code}/export.docx")
    assert draft.status_code == 200
    assert "-draft-" in draft["Content-Disposition"]
    frozen = client.get(f"/proposals/{project.code}/export.pdf?version=1")
    assert frozen.status_code == 200 and frozen.content.startswith(b"%PDF")
    assert client.get(f"/proposals/{project.code}/export.odt").status_code == 404


def test_libreoffice_converts_the_docx(
    developer: Any, project: Any, tmp_path: Path, convert_with_libreoffice: Any
) -> None:
    build(project, developer)
    source = tmp_path / "proposal.docx"
    source.write_bytes(export.docx_bytes(services.build_snapshot(project)))
    pdf = convert_with_libreoffice(source, "pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "Risk management plan" in text


@pytest.mark.parametrize(
    ("language", "money", "people"),
    [
        ("en", "1,500,000.00", "1,250"),
        ("fr", "1\u00a0500\u00a0000,00", "1\u00a0250"),
        ("es", "1.500.000,00", "1.250"),
    ],
)
def test_amounts_and_counts_are_written_for_the_language(
    language: str, money: str, people: str
) -> None:
    with translation.override(language):
        assert export.amount("1500000.00") == money
        assert export.quantity("1250.00") == people
        assert export.quantity("60.00") == "60"
        assert export.quantity("12.50") == ("12.5" if language == "en" else "12,5")
        assert export.amount(None) == export.quantity("") == "–"


def test_the_results_matrix_shows_baselines_whole_counts_and_means_of_verification(
    developer: Any, project: Any
) -> None:
    build(project, developer)
    snapshot = services.build_snapshot(project)
    document = docx_of(snapshot)
    matrix = next(t for t in document.tables if t.rows[0].cells[0].text == "Result")
    header = [c.text for c in matrix.rows[0].cells]
    assert header == [
        "Result",
        "Indicator",
        "Baseline",
        "Target",
        "Means of verification",
        "Assumptions",
    ]
    row = next(r for r in matrix.rows if r.cells[1].text == "Number trained")
    cells = dict(zip(header, (c.text for c in row.cells), strict=True))
    assert cells["Baseline"] == "12"
    assert cells["Target"].split("\n") == ["50", "Female 18+: 40", "Male 18+: 10"]
    assert cells["Means of verification"] == "Attendance sheets"
    budget = next(t for t in document.tables if t.rows[0].cells[0].text == "Category")
    assert [c.text for c in budget.rows[-1].cells] == ["Total", "", "1,000.00"]
    assert ".00" not in "\n".join(c.text for r in matrix.rows for c in r.cells)


def test_the_pdf_runs_its_sections_on_as_a_proposal_does(developer: Any, project: Any) -> None:
    build(project, developer)
    data = export.pdf_bytes(services.build_snapshot(project))
    pages = PdfReader(io.BytesIO(data)).pages
    # Fifteen sections of a short proposal fit on a few pages, not one page each.
    assert len(pages) <= 4
    assert "Summary" in pages[0].extract_text()
