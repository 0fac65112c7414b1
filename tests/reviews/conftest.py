"""Review personas: a regional office above the country office and its reviewer, legal."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories


@pytest.fixture
def regional_office(hq: Any, country_office: Any) -> Any:
    office = factories.OfficeFactory(
        code="ro-dakar",
        name="Regional Office Dakar",
        kind="regional",
        country="SN",
        region="WCA",
        parent=hq,
    )
    country_office.parent = office
    country_office.save()
    return office


@pytest.fixture
def regional_reviewer(regional_office: Any) -> Any:
    user = factories.UserFactory(username="regional")
    factories.RoleFactory(user=user, office=regional_office, kind="reviewer")
    return user


@pytest.fixture
def legal_unit(db: None) -> Any:
    return factories.DepartmentFactory(code="legal", name="Office of Legal Affairs")


@pytest.fixture
def reviewers(reviewer: Any, budget_reviewer: Any, focal_point: Any) -> dict[str, Any]:
    """The three reviewers of the default route when there is no regional office."""
    return {"programme-support": reviewer, "budget": budget_reviewer, "gfp": focal_point}


@pytest.fixture
def mail(monkeypatch: Any, settings: Any) -> Any:
    """Send emails at once: no worker, and the test's transaction never commits."""
    from django.core import mail as django_mail

    from pat.reviews import notify

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

    monkeypatch.setattr(notify, "_defer", lambda callback: callback())
    return django_mail.outbox


@pytest.fixture
def submission_rules(db: None) -> None:
    """The shipped submission rules (what each unit needs, readiness 60) stay in force."""


@pytest.fixture(autouse=True)
def _any_proposal_may_go_to_review(request: Any) -> None:
    """Workflow tests submit bare proposals; the rules are tested where asked for.

    A test that takes the `submission_rules` fixture keeps the shipped rules.
    """
    if "submission_rules" in request.fixturenames:
        return
    if request.node.get_closest_marker("django_db") is None and not {
        "db",
        "transactional_db",
        "live_server",
    } & set(request.fixturenames):
        return
    from pat.reviews.models import SubmissionNeed, SubmissionPolicy

    SubmissionNeed.objects.all().delete()
    SubmissionPolicy.objects.update_or_create(pk=1, defaults={"minimum_readiness": 0})
