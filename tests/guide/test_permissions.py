from __future__ import annotations

from typing import Any

import pytest

from pat.guide.permissions import can_edit_guide, can_publish_library
from tests import factories

pytestmark = pytest.mark.django_db

READ_URLS = [
    "/guide/",
    "/guide/rationale/",
    "/guide/library/",
    "/guide/search/?q=gender",
    "/guide/rationale/history/",
    "/guide/rationale/guidance/",
]


@pytest.mark.parametrize(
    "url",
    [
        *READ_URLS,
        "/guide/kit/",
        "/guide/kit/guide.pdf",
        "/guide/rationale/edit/",
        "/guide/library/new/",
    ],
)
def test_the_outsider_sees_nothing(client: Any, guide_content: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_outsider_gets_nothing_from_the_api(client: Any, guide_content: Any) -> None:
    assert client.get("/api/v1/guide/pages").status_code == 401


@pytest.mark.parametrize(
    "persona",
    [
        "developer",
        "reviewer",
        "budget_reviewer",
        "focal_point",
        "hr_officer",
        "administrator",
        "colleague",
    ],
)
def test_everyone_signed_in_reads_the_guide_and_library(
    request: Any, signed_in: Any, guide_content: Any, persona: str
) -> None:
    client = signed_in(request.getfixturevalue(persona))
    for url in READ_URLS:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("developer", False),
        ("budget_reviewer", False),
        ("hr_officer", False),
        ("colleague", False),
        ("reviewer", True),  # programme support
        ("focal_point", True),
        ("administrator", True),
    ],
)
def test_who_edits_the_guide_and_publishes_to_the_library(
    request: Any, signed_in: Any, guide_content: Any, persona: str, allowed: bool
) -> None:
    user = request.getfixturevalue(persona)
    assert can_edit_guide(user) is allowed
    assert can_publish_library(user) is allowed
    client = signed_in(user)
    expected = 200 if allowed else 403
    assert client.get("/guide/rationale/edit/").status_code == expected
    assert client.get("/guide/library/new/").status_code == expected
    assert client.get("/guide/new/").status_code == expected


def test_a_refused_edit_changes_nothing(signed_in: Any, guide_content: Any, developer: Any) -> None:
    from pat.guide.models import GuidePage

    before = GuidePage.objects.get(key="budget", language="en")
    response = signed_in(developer).post(
        "/guide/budget/edit/", {"title": "Hacked", "body": "x", "version": before.version}
    )
    assert response.status_code == 403
    after = GuidePage.objects.get(pk=before.pk)
    assert (after.title, after.version) == (before.title, before.version)


def test_anyone_at_hq_in_programme_support_publishes(hq: Any, programme_support: Any) -> None:
    user = factories.UserFactory(username="ps-developer")
    factories.RoleFactory(user=user, office=hq, kind="developer", department=programme_support)
    assert can_edit_guide(user)


def test_programme_support_role_at_a_country_office_is_not_enough(
    country_office: Any, programme_support: Any
) -> None:
    user = factories.UserFactory(username="co-ps")
    factories.RoleFactory(
        user=user, office=country_office, kind="developer", department=programme_support
    )
    assert not can_edit_guide(user)


def test_a_focal_point_in_a_country_office_edits(country_office: Any) -> None:
    user = factories.UserFactory(username="co-gfp")
    factories.RoleFactory(user=user, office=country_office, kind="gfp")
    assert can_edit_guide(user)
