"""Every builder page renders for readers and writers."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from pat.proposals.sections import STEPS

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("step", [s.key for s in STEPS])
def test_every_step_renders_for_the_developer(developer: Any, project: Any, step: str) -> None:
    response = client_for(developer).get(f"/proposals/{project.code}/{step}/")
    assert response.status_code == 200
    assert b'id="readiness"' in response.content


def test_the_overview_renders(developer: Any, project: Any) -> None:
    response = client_for(developer).get(f"/proposals/{project.code}/")
    assert response.status_code == 200


def test_the_builder_speaks_french_and_spanish(developer: Any, project: Any) -> None:
    client = client_for(developer)
    client.cookies["django_language"] = "fr"
    page = client.get(f"/proposals/{project.code}/rationale/").content.decode()
    assert "Analyse de genre" in page
    assert "Prise en compte du genre" in page
    assert "Non enregistré — hors ligne, nouvel essai bientôt" in page
    client.cookies["django_language"] = "es"
    page = client.get(f"/proposals/{project.code}/results/").content.decode()
    assert "Marco de resultados" in page and "Guardar todo" in page


def test_the_results_step_works_without_javascript_links(developer: Any, project: Any) -> None:
    page = client_for(developer).get(f"/proposals/{project.code}/results/").content.decode()
    # Every action is a real form button; the guide links are real links.
    assert 'name="action" value="add-outcome"' in page
    assert 'href="/guide/results-matrix/"' in page
    assert 'href="/guide/indicators/"' in page


def test_the_overview_says_what_each_step_holds(developer: Any, project: Any) -> None:
    from tests import factories as results

    results.result_add(project=project, actor=developer, parent=None, statement="Safer")
    page = client_for(developer).get(f"/proposals/{project.code}/").content.decode()
    assert "1 outcome, 0 outputs, 0 activities, 0 indicators" in page
    assert "Summary: 12/350" in page
