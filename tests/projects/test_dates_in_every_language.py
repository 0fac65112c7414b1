"""Saving a form with dates unchanged keeps the dates, in every language.

A browser drops any value of an <input type="date"> that is not yyyy-mm-dd;
a form rendered with 31/01/2022 (French, Spanish) came back empty and the save
erased the project's dates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from tests.forms import form_values, input_value

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "es"]
START, END = dt.date(2022, 1, 31), dt.date(2024, 12, 15)
PROJECT_FORM = "//form[contains(@class, 'project-form')]"


def client_in(user: Any, language: str) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


@pytest.fixture
def dated(project: Any) -> Any:
    project.start_date, project.end_date = START, END
    project.save()
    return project


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_project_form_saved_unchanged_keeps_its_dates(
    developer: Any, dated: Any, language: str
) -> None:
    client = client_in(developer, language)
    url = f"/projects/{dated.code}/edit/"
    page = client.get(url).content.decode()
    assert input_value(page, "start_date") == "2022-01-31"
    assert input_value(page, "end_date") == "2024-12-15"
    response = client.post(url, form_values(page, xpath=PROJECT_FORM))
    assert response.status_code == 302, response.content.decode()[:2000]
    dated.refresh_from_db()
    assert (dated.start_date, dated.end_date) == (START, END)
    assert not any("start_date" in c.changes for c in dated.changes.all())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_builder_cover_page_saved_unchanged_keeps_its_dates(
    developer: Any, dated: Any, language: str
) -> None:
    client = client_in(developer, language)
    url = f"/proposals/{dated.code}/cover/"
    page = client.get(url).content.decode()
    assert input_value(page, "start_date") == "2022-01-31"
    response = client.post(url, form_values(page, xpath=PROJECT_FORM))
    assert response.status_code == 302, response.content.decode()[:2000]
    dated.refresh_from_db()
    assert (dated.start_date, dated.end_date) == (START, END)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_new_library_document_offers_today_in_iso(administrator: Any, language: str) -> None:
    page = client_in(administrator, language).get("/guide/library/new/").content.decode()
    value = input_value(page, "published_on")
    assert value is not None
    assert dt.date.fromisoformat(value)
