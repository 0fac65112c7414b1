"""Budget lines, fund rules and their warnings; risks; work plan."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from pat.projects.models import Donor
from pat.proposals import funds, services
from pat.proposals.models import FundRule, Risk, WorkPlanEntry
from tests import factories as results

D = Decimal
STAFF_OFFICE = funds.Rule("Staff and office costs", ("staff", "office"), "max", D(30))


@pytest.mark.parametrize(
    ("totals", "rules", "expected"),
    [
        (
            {"staff": D(60000), "office": D(25500), "operational": D(164500)},
            [STAFF_OFFICE],
            ["34.2"],
        ),
        ({"staff": D(50000), "office": D(25000), "operational": D(175000)}, [STAFF_OFFICE], []),
        ({}, [STAFF_OFFICE], []),
        (
            {"operational": D(10), "staff": D(90)},
            [funds.Rule("Operations first", ("operational",), "min", D(50))],
            ["10.0"],
        ),
    ],
)
def test_fund_rules_warn_with_the_figure(
    totals: dict[str, Decimal], rules: list[funds.Rule], expected: list[str]
) -> None:
    warnings = funds.evaluate(totals, rules, currency="USD")
    assert [str(w.share) for w in warnings] == expected


def test_the_warning_reads_like_the_rule() -> None:
    [warning] = funds.evaluate(
        {"staff": D(60000), "office": D(25500), "operational": D(164500)},
        [STAFF_OFFICE],
        currency="USD",
        labels={"staff": "staff", "office": "office"},
    )
    assert warning.message == (
        "staff + office = 34.2% of 250,000 USD; the rule “Staff and office costs” allows "
        "at most 30%."
    )


@pytest.mark.django_db
def test_donor_rules_replace_the_default_ones(project: Any) -> None:
    FundRule.objects.create(name="Default", categories=["staff"], bound="max", percent=30)
    donor = Donor.objects.create(code="fund", name="Development Fund")
    FundRule.objects.create(name="Fund", donor=donor, categories=["staff"], bound="max", percent=10)
    assert [r.name for r in services.rules_for(project)] == ["Default"]
    project.donors.add(donor)
    assert [r.name for r in services.rules_for(project)] == ["Fund"]


@pytest.mark.django_db
def test_the_budget_page_saves_lines_and_shows_the_warning(developer: Any, project: Any) -> None:
    FundRule.objects.create(
        name="Staff and office costs", categories=["staff", "office"], bound="max", percent=30
    )
    client = Client()
    client.force_login(developer)
    data = {
        "version": 1,
        "line-TOTAL_FORMS": 3,
        "line-INITIAL_FORMS": 0,
        "line-0-category": "staff",
        "line-0-description": "Coordinator",
        "line-0-amount": "60000",
        "line-1-category": "office",
        "line-1-description": "Rent",
        "line-1-amount": "25500",
        "line-2-category": "operational",
        "line-2-description": "Shelters",
        "line-2-amount": "164500",
    }
    response = client.post(f"/proposals/{project.code}/budget/", data)
    assert response.status_code == 302
    page = client.get(f"/proposals/{project.code}/budget/").content.decode()
    assert "Staff costs + Office costs = 34.2% of 250,000 USD" in page
    assert "250,000.00 USD" in page


@pytest.mark.django_db
def test_a_negative_amount_is_refused_at_its_field(developer: Any, project: Any) -> None:
    client = Client()
    client.force_login(developer)
    data = {
        "version": 1,
        "line-TOTAL_FORMS": 1,
        "line-INITIAL_FORMS": 0,
        "line-0-category": "staff",
        "line-0-description": "Coordinator",
        "line-0-amount": "-5",
    }
    response = client.post(f"/proposals/{project.code}/budget/", data)
    assert response.status_code == 400
    assert "greater than or equal to 0" in response.content.decode()
    assert not project.budget_lines.exists()


@pytest.mark.django_db
def test_risk_level_follows_likelihood_and_impact(developer: Any, project: Any) -> None:
    client = Client()
    client.force_login(developer)
    data = {
        "version": 1,
        "risk-TOTAL_FORMS": 2,
        "risk-INITIAL_FORMS": 0,
        "risk-0-risk": "Border closures",
        "risk-0-likelihood": "high",
        "risk-0-impact": "high",
        "risk-0-mitigation": "Remote services",
        "risk-0-owner": "Chief of Mission",
    }
    assert client.post(f"/proposals/{project.code}/risks/", data).status_code == 302
    risk = Risk.objects.get(project=project)
    assert risk.level == "high"


@pytest.mark.django_db
def test_the_work_plan_takes_periods_and_a_party_responsible(developer: Any, project: Any) -> None:
    outcome = results.result_add(project=project, actor=developer, parent=None, statement="O")
    output = results.result_add(project=project, actor=developer, parent=outcome, statement="P")
    activity = results.result_add(project=project, actor=developer, parent=output, statement="A")
    client = Client()
    client.force_login(developer)
    data = {
        "version": 1,
        "unit": "quarter",
        f"a{activity.pk}-p": ["1", "2"],
        f"a{activity.pk}-who": "NGO",
    }
    assert client.post(f"/proposals/{project.code}/work-plan/", data).status_code == 302
    entry = WorkPlanEntry.objects.get(activity=activity)
    assert entry.periods == [1, 2] and entry.responsible == "NGO"
    too_late = {"version": 2, "unit": "quarter", f"a{activity.pk}-p": ["9"]}
    response = client.post(f"/proposals/{project.code}/work-plan/", too_late)
    assert response.status_code == 400
    assert "The project has 4 periods." in response.content.decode()
    entry.refresh_from_db()
    assert entry.periods == [1, 2]
