"""The cached project page, guide index and API list show every change at once.

Pages are cached under revisions and versions (`pat.core.fragments.remembered`), and each
process keeps its own copy of what it read; these tests read a page, change what it shows by
the way users do, and read it again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pat.core.locking import claim
from pat.core.models import Revision
from pat.guide import services as guide
from pat.network.models import FocalPoint
from pat.network.services import focal_point_save
from pat.pilotfund.models import Fund
from pat.projects import services
from pat.projects.models import Donor, Project
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _page(client: Client, project: Project) -> str:
    response = client.get(project.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_focal_point_of_the_office_shows_on_the_cached_page(
    client: Client, developer: Any, focal_point: Any, project: Project
) -> None:
    client.force_login(developer)
    assert "none in the register" in _page(client, project)
    person = UserFactory(username="fatima", first_name="Fatima", last_name="Bello")
    appointment = FocalPoint(
        person=person,
        office=project.executing_office,
        time_share=20,
        appointed_on=timezone.localdate() - dt.timedelta(days=3),
    )
    focal_point_save(focal_point=appointment, before={}, actor=focal_point)
    page = _page(client, project)
    assert "Fatima Bello" in page and "none in the register" not in page

    # A renamed person is shown by the new name; signing in (which saves the user) is no change.
    person.last_name = "Bello-Okafor"
    person.save()
    assert "Fatima Bello-Okafor" in _page(client, project)
    before = Revision.current("people")
    person.save(update_fields=["last_login"])
    assert Revision.current("people") == before


def test_a_focal_point_whose_term_ended_yesterday_is_gone_today(
    client: Client, developer: Any, project: Project
) -> None:
    person = UserFactory(first_name="Ngozi", last_name="Eze")
    FocalPoint.objects.create(
        person=person,
        office=project.executing_office,
        time_share=10,
        appointed_on=timezone.localdate() - dt.timedelta(days=30),
        term_end=timezone.localdate() - dt.timedelta(days=1),
    )
    client.force_login(developer)
    assert "Ngozi Eze" not in _page(client, project)


def test_an_edit_of_the_facts_shows_on_the_cached_page(
    client: Client, developer: Any, project: Project
) -> None:
    client.force_login(developer)
    _page(client, project)
    services.project_touch(
        project=project,
        actor=developer,
        action="updated",
        changes={"budget": [str(project.budget), "123456.00"]},
        fields={"budget": "123456.00"},
    )
    assert "123,456.00" in _page(client, project)


def test_a_claim_moves_the_revision_that_follows_its_model() -> None:
    # The pilot fund's records are written by claims (UPDATE), which post_save never sees.
    donor = Donor.objects.create(code="sida", name="Sida")
    fund = Fund.objects.create(code="gef", name="Gender Equality Fund", donor=donor)
    before = Revision.current("pilotfund")
    claim(fund, expected=fund.version, name="Gender Equality Fund (renamed)")
    assert Revision.current("pilotfund") == before + 1


def test_the_guide_index_shows_a_new_page_and_a_removed_document_at_once(
    client: Client, focal_point: Any
) -> None:
    client.force_login(focal_point)
    index = client.get(reverse("guide:index")).content.decode()
    assert "Working with refugee women's committees" not in index
    page = guide.page_create(
        actor=focal_point,
        key="refugee-committees",
        language="en",
        title="Working with refugee women's committees",
        body="Text.",
    )
    assert page.title in client.get(reverse("guide:index")).content.decode().replace("&#x27;", "'")
    document = guide.document_add(
        actor=focal_point,
        title="A field note on committees",
        language="en",
        topic="gender-analysis",
        url="https://example.org/note",
    )
    assert document.title in client.get(reverse("guide:index")).content.decode()
    guide.document_remove(document=document, actor=focal_point)
    assert document.title not in client.get(reverse("guide:index")).content.decode()


def test_the_api_list_shows_a_renamed_project_at_once(
    client: Client, developer: Any, project: Project
) -> None:
    client.force_login(developer)
    url = reverse("api:list_projects")
    before = client.get(url, {"q": project.title.split()[0]}).json()
    assert project.code in [row["code"] for row in before["items"]]
    services.project_touch(
        project=project,
        actor=developer,
        action="updated",
        changes={"title": [project.title, "Safe migration corridors"]},
        fields={"title": "Safe migration corridors"},
    )
    after = client.get(url, {"q": "corridors"}).json()
    assert [row["title"] for row in after["items"]] == ["Safe migration corridors"]
    # The same query is answered from the cache with the same JSON.
    assert client.get(url, {"q": "corridors"}).json() == after


@pytest.mark.django_db(transaction=True)
def test_a_request_reads_the_revisions_once_and_again_after_its_own_bump(
    django_assert_num_queries: Any,
) -> None:
    from django.core.signals import request_finished, request_started

    Revision.bump("guide")
    request_started.send(sender=None)
    try:
        with django_assert_num_queries(1):
            projects = Revision.current("projects")
            guide = Revision.current("guide")
            assert Revision.several("roles", "people", "guide")["guide"] == guide
        Revision.bump("guide")  # the request's own write: read again
        assert Revision.current("guide") == guide + 1
        assert Revision.current("projects") == projects
    finally:
        request_finished.send(sender=None)
    # Outside a request every ask reads the table.
    with django_assert_num_queries(2):
        Revision.current("projects")
        Revision.current("guide")


def test_the_heading_reads_the_version_and_office_of_the_project(
    client: Client, developer: Any, project: Project
) -> None:
    # The heading is read by one SQL query into Project.from_db, which takes its columns in
    # the model's order: a version read as the office (or back) would key the cached page by
    # the wrong number and give the edit buttons to the wrong office.
    Project.objects.filter(pk=project.pk).update(version=project.executing_office_id + 40)
    project.refresh_from_db()
    client.force_login(developer)
    response = client.get(project.get_absolute_url())
    shown = response.context["project"]
    assert (shown.version, shown.executing_office_id) == (
        project.version,
        project.executing_office_id,
    )
    assert (shown.code, shown.title) == (project.code, project.title)
    assert response.context["can_edit"]
