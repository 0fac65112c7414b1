"""The history reads as sentences: names, not codes; word differences, not clipped copies."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from pat.projects import services as project_services
from pat.proposals import services as proposal_services

pytestmark = pytest.mark.django_db

LONG = (
    "Orientation sessions for women domestic workers before departure cover contracts, "
    "wages, passports, safe recruitment and the hotlines of the destination country, "
    "in the languages the women speak."
)


def page_of(user: Any, project: Any, language: str = "en") -> str:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client.get(f"/projects/{project.code}/").content.decode()


def history_of(page: str) -> str:
    return page[page.index('class="history"') :]


def test_a_long_text_change_shows_the_words_that_changed(developer: Any, project: Any) -> None:
    for text in (LONG, LONG.replace("hotlines", "help lines")):
        project.refresh_from_db()
        project_services.project_update(
            project=project,
            actor=developer,
            expected_version=project.version,
            fields={"summary": text},
        )
    history = history_of(page_of(developer, project))
    assert "<del>hotlines</del>" in history
    assert "<ins>help lines</ins>" in history
    # Nothing is cut: the end of the text is there.
    assert "the languages the women speak." in history


def test_a_budget_category_change_shows_the_category_names(developer: Any, project: Any) -> None:
    line = {"description": "Coordinator", "amount": Decimal("1500000.00")}
    proposal_services.budget_save(
        project=project, actor=developer, expected_version=1, lines=[{**line, "category": "staff"}]
    )
    proposal_services.budget_save(
        project=project, actor=developer, expected_version=2, lines=[{**line, "category": "office"}]
    )
    history = history_of(page_of(developer, project))
    assert (
        "Staff costs · Coordinator · 1,500,000.00 → Office costs · Coordinator · 1,500,000.00"
        in history
    )
    assert "1500000.00 → 1500000.00" not in history


def test_a_change_with_no_person_shows_as_pat(developer: Any, project: Any) -> None:
    project_services.project_update(
        project=project, actor=None, expected_version=project.version, fields={"title": "New"}
    )
    history = history_of(page_of(developer, project))
    assert "PAT (automatic)" in history
    assert "someone" not in history


def test_a_status_change_reads_by_name_in_the_readers_language(
    developer: Any, project: Any
) -> None:
    project_services.project_update(
        project=project,
        actor=developer,
        expected_version=project.version,
        fields={"status": "draft"},
    )
    assert "Concept → Draft" in history_of(page_of(developer, project))
    assert "Note conceptuelle → Brouillon" in history_of(page_of(developer, project, "fr"))


def test_no_two_history_entries_show_the_same_version(developer: Any, project: Any) -> None:
    import re

    project_services.project_update(
        project=project, actor=developer, expected_version=project.version, fields={"title": "A"}
    )
    proposal_services.section_save(
        project=project,
        key="gender-analysis",
        text="Women and men.",
        expected_version=1,
        actor=developer,
    )
    proposal_services.section_save(
        project=project, key="monitoring", text="Quarterly.", expected_version=1, actor=developer
    )
    project.refresh_from_db()
    project_services.project_update(
        project=project, actor=developer, expected_version=project.version, fields={"title": "B"}
    )
    history = history_of(page_of(developer, project))
    shown = re.findall(r"\(version (\d+)\)", history)
    assert len(shown) == len(set(shown))
    assert history.count("<li><time") == 4


def test_parts_of_the_proposal_are_named_in_the_readers_language(
    developer: Any, project: Any
) -> None:
    proposal_services.risks_save(
        project=project,
        actor=developer,
        expected_version=1,
        rows=[
            {
                "risk": "Floods",
                "likelihood": "high",
                "impact": "low",
                "mitigation": "Plan B",
                "owner": "CoM",
            }
        ],
    )
    history = history_of(page_of(developer, project, "es"))
    assert "<strong>Riesgos</strong>" in history
    assert "<strong>Risks</strong>" not in history


def test_a_donor_added_in_english_reads_in_french_in_the_history(
    developer: Any, project: Any
) -> None:
    from django.utils import translation

    from pat.projects.models import Donor

    donor = Donor.objects.create(
        code="idf-test",
        name="Development Fund (internal)",
        name_fr="Fonds de développement (interne)",
        name_es="Fondo de Desarrollo (interno)",
    )
    with translation.override("en"):
        project_services.project_update(
            project=project,
            actor=developer,
            expected_version=project.version,
            fields={},
            m2m={"donors": [donor]},
        )
    history = history_of(page_of(developer, project, "fr"))
    assert "Fonds de développement (interne)" in history
    assert "Development Fund" not in history
