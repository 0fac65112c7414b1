"""A team member from another office edits the project without moving it."""

from __future__ import annotations

from typing import Any

import lxml.html
import pytest
from django.test import Client

from tests import factories
from tests.forms import form_values

pytestmark = pytest.mark.django_db

PROJECT_FORM = "//form[contains(@class, 'project-form')]"


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def office_select(html: str) -> Any:
    return lxml.html.fromstring(html).xpath("//select[@name='executing_office']")[0]


def test_the_unchanged_form_saves_and_the_project_stays_in_its_office(
    colleague: Any, project: Any, country_office: Any
) -> None:
    project.team.add(colleague)
    client = client_for(colleague)
    url = f"/projects/{project.code}/edit/"
    page = client.get(url).content.decode()
    select = office_select(page)
    # Read-only, showing the office the project is in.
    assert select.get("disabled") is not None
    assert [o.text_content() for o in select.iter("option") if o.get("selected") is not None] == [
        "Country Office Nigeria"
    ]
    data = form_values(page, xpath=PROJECT_FORM)
    data["title"] = ["A better title"]
    response = client.post(url, data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "A better title"
    assert project.executing_office == country_office


def test_a_forged_office_is_ignored_for_a_team_member(
    colleague: Any, project: Any, country_office: Any, other_office: Any
) -> None:
    project.team.add(colleague)
    client = client_for(colleague)
    url = f"/projects/{project.code}/edit/"
    data = form_values(client.get(url).content.decode(), xpath=PROJECT_FORM)
    data["executing_office"] = [str(other_office.pk)]
    assert client.post(url, data).status_code == 302
    project.refresh_from_db()
    assert project.executing_office == country_office


def test_someone_who_writes_in_both_offices_may_move_the_project(
    colleague: Any, project: Any, country_office: Any, other_office: Any
) -> None:
    factories.RoleFactory(user=colleague, office=country_office, kind="developer")
    client = client_for(colleague)
    url = f"/projects/{project.code}/edit/"
    page = client.get(url).content.decode()
    select = office_select(page)
    assert select.get("disabled") is None
    offered = {o.text_content() for o in select.iter("option")}
    assert {"Country Office Nigeria", "Country Office Peru"} <= offered
    data = form_values(page, xpath=PROJECT_FORM)
    data["executing_office"] = [str(other_office.pk)]
    assert client.post(url, data).status_code == 302
    project.refresh_from_db()
    assert project.executing_office == other_office


def test_the_executing_office_developer_still_edits(developer: Any, project: Any) -> None:
    client = client_for(developer)
    url = f"/projects/{project.code}/edit/"
    page = client.get(url).content.decode()
    assert office_select(page).get("disabled") is None
    assert client.post(url, form_values(page, xpath=PROJECT_FORM)).status_code == 302
