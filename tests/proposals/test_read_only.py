"""People who may only read see pages they cannot type into, and a refused POST explains itself."""

from __future__ import annotations

from typing import Any

import lxml.html
import pytest
from django.test import Client

from pat.proposals.sections import STEPS
from tests.proposal_data import complete

pytestmark = pytest.mark.django_db


def client_for(user: Any, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def writable_controls(html: str) -> list[str]:
    """Names of controls in the page's POST forms a person could change."""
    tree = lxml.html.fromstring(html)
    found = []
    for form in tree.xpath("//main//form[@method='post']"):
        for control in form.iter("input", "select", "textarea"):
            kind = (control.get("type") or "").lower()
            if kind in {"hidden", "submit"}:
                continue
            if control.get("disabled") is not None or control.get("readonly") is not None:
                continue
            if control.xpath("ancestor::fieldset[@disabled]"):
                continue
            found.append(control.get("name") or "?")
    return found


@pytest.fixture
def filled(project: Any, developer: Any) -> Any:
    return complete(project, developer)


READ_STEPS = [s.key for s in STEPS]


@pytest.mark.parametrize("step", ["", *READ_STEPS])
def test_a_reviewer_reads_every_step_without_inputs(
    filled: Any, budget_reviewer: Any, step: str
) -> None:
    url = f"/proposals/{filled.code}/{step}/".replace("//", "/")
    page = client_for(budget_reviewer).get(url).content.decode()
    assert writable_controls(page) == []
    assert "DELETE" not in page
    assert ">Remove<" not in page


@pytest.mark.parametrize("step", ["budget", "risks", "cover"])
def test_the_developer_still_gets_inputs(filled: Any, developer: Any, step: str) -> None:
    page = client_for(developer).get(f"/proposals/{filled.code}/{step}/").content.decode()
    assert writable_controls(page) != []


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Only the executing office and the project team edit this proposal."),
        ("fr", "Seuls le bureau d'exécution et l'équipe du projet modifient cette proposition."),
    ],
)
def test_a_forced_post_gets_a_403_page_inside_the_site(
    filled: Any, budget_reviewer: Any, language: str, message: str
) -> None:
    response = client_for(budget_reviewer, language).post(
        f"/proposals/{filled.code}/budget/", {"version": "1"}
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert 'class="top"' in page  # the site's header and navigation
    assert 'role="alert"' in page
    assert message in page.replace("&#x27;", "'")
