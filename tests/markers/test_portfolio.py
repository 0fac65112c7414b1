"""The portfolio on a small known set of projects, and its query count."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from pat.markers.portfolio import NOT_ASSESSED, portfolio_summary
from pat.markers.services import assessment_save
from pat.projects.models import Project, Theme
from tests.factories import OfficeFactory, ProjectFactory

pytestmark = pytest.mark.django_db

ANSWERS = {
    "2b": {
        "needs_assessment": True,
        "results_matrix": True,
        "activities": True,
        "principal_purpose": True,
    },
    "2a": {"needs_assessment": True, "results_matrix": True, "activities": True},
    "1": {"activities": True},
    "0": {},
}


@pytest.fixture
def portfolio(country_office: Any, other_office: Any, developer: Any) -> dict[str, Any]:
    """Five projects in two offices and currencies; one coded twice, one never."""
    gender = Theme.objects.get(code="gender-equality")
    health = Theme.objects.get(code="health")

    def make(
        code: str,
        office: Any,
        budget: str | None,
        currency: str,
        themes: list[Any],
        marker: str | None,
        status: str = "active",
    ) -> Project:
        project = ProjectFactory(
            code=code,
            executing_office=office,
            budget=Decimal(budget) if budget else None,
            currency=currency,
            status=status,
        )
        project.themes.set(themes)
        if marker:
            assessment_save(
                project=project, scheme="iom", answers=ANSWERS[marker], evidence={}, actor=developer
            )
        return project

    ng1 = make("NG.0001", country_office, "1000", "USD", [gender], "0")
    # Re-coded: only the latest (2b) counts.
    assessment_save(project=ng1, scheme="iom", answers=ANSWERS["2b"], evidence={}, actor=developer)
    make("NG.0002", country_office, "3000", "USD", [gender, health], "2a")
    make("NG.0003", country_office, "500", "EUR", [], "1", status="draft")
    make("PE.0001", other_office, "2000", "USD", [health], "0")
    make("PE.0002", other_office, None, "EUR", [health], None)
    return {"gender": gender, "health": health}


def counts(rows: Any) -> dict[str, dict[str, int]]:
    return {row.label: row.counts for row in rows}


def test_codes_by_office_region_and_theme(portfolio: Any) -> None:
    summary = portfolio_summary(Project.objects.all())
    assert counts(summary.by_office) == {
        "Country Office Nigeria": {"2b": 1, "2a": 1, "1": 1},
        "Country Office Peru": {"0": 1, NOT_ASSESSED: 1},
    }
    assert counts(summary.by_region) == {
        "South America": {"0": 1, NOT_ASSESSED: 1},
        "West and Central Africa": {"2b": 1, "2a": 1, "1": 1},
    }
    assert counts(summary.by_theme) == {
        "–": {"1": 1},
        "Gender equality": {"2b": 1, "2a": 1},
        "Health": {"2a": 1, "0": 1, NOT_ASSESSED: 1},
    }
    assert summary.codes == ["2b", "2a", "1", "0", "N/A", NOT_ASSESSED]
    assert summary.by_office[0].values == [1, 1, 1, 0, 0, 0]


def test_shares_of_projects_and_of_budget_per_currency(portfolio: Any) -> None:
    summary = portfolio_summary(Project.objects.all())
    assert (summary.gender_projects, summary.projects) == (2, 5)
    assert summary.project_share == 0.4
    by_currency = {c.currency: c for c in summary.currencies}
    usd = by_currency["USD"]
    assert (usd.projects, usd.gender_projects) == (3, 2)
    assert (usd.budget, usd.gender_budget) == (Decimal("6000"), Decimal("4000"))
    assert usd.budget_share == pytest.approx(2 / 3)
    eur = by_currency["EUR"]
    assert (eur.projects, eur.gender_projects, eur.budget, eur.gender_budget) == (
        2,
        0,
        Decimal("500"),
        Decimal("0"),
    )


def test_filters_by_region_and_status(portfolio: Any, developer: Any) -> None:
    client = Client()
    client.force_login(developer)
    response = client.get(reverse("markers:portfolio"), {"region": "WCA", "status": ["active"]})
    summary = response.context["portfolio"]
    assert summary.projects == 2
    assert counts(summary.by_region) == {"West and Central Africa": {"2b": 1, "2a": 1}}


def test_bad_filters_are_reported_not_guessed(portfolio: Any, developer: Any) -> None:
    client = Client()
    client.force_login(developer)
    response = client.get(reverse("markers:portfolio"), {"region": "MARS"})
    assert response.status_code == 400
    assert response.context["portfolio"].projects == 0


def test_the_page_shows_the_numbers(portfolio: Any, developer: Any) -> None:
    client = Client()
    client.force_login(developer)
    page = client.get(reverse("markers:portfolio")).content.decode()
    assert "2 of 5 projects." in page
    assert "exchange rates" in page
    assert "Country Office Peru" in page


def test_queries_do_not_grow_with_the_projects(
    portfolio: Any, developer: Any, django_assert_max_num_queries: Any
) -> None:
    office = OfficeFactory(code="co-ke", name="Kenya", region="EHA", country="KE")
    for n in range(30):
        project = ProjectFactory(code=f"KE.{n:04d}", executing_office=office, budget=10)
        project.themes.set([portfolio["health"]])
        assessment_save(project=project, scheme="iom", answers={}, evidence={}, actor=developer)
    client = Client()
    client.force_login(developer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("markers:portfolio"), {"scheme": "gam_design"})
    assert response.status_code == 200
    assert response.context["portfolio"].projects == 35
