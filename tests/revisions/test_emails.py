"""A revision's reviewers are told of a revision, not of a proposal, in their language."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail as django_mail
from django.utils import translation

from pat.reviews import notify
from pat.reviews import services as review_services
from pat.reviews.models import ReviewTask
from pat.revisions import services
from pat.revisions.models import Revision
from tests.revisions.conftest import decide_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail(monkeypatch: Any, settings: Any) -> Any:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    monkeypatch.setattr(notify, "_defer", lambda callback: callback())
    return django_mail.outbox


def test_a_revisions_reviewers_are_told_of_a_revision(
    mail: Any, extension: Revision, developer: Any, reviewer: Any, budget_reviewer: Any
) -> None:
    with translation.override("en"):
        services.revision_submit(
            revision=extension, actor=developer, expected_version=extension.version
        )
    assigned = [m for m in mail if "Budget Unit" in m.subject]
    assert len(assigned) == 1
    assert assigned[0].subject.startswith("[PAT] Review the revision of ")
    assert "A revision of this endorsed project (version" in assigned[0].body
    assert "proposal" not in assigned[0].body.lower()
    mail.clear()
    with translation.override("en"):
        decide_all(extension, reviewer, budget_reviewer)
    decided = [m for m in mail if "endorsed" in m.subject]
    assert decided and all("Revision, version" in m.subject for m in decided)


def test_the_writers_are_told_when_a_revision_is_returned_and_why(
    mail: Any, extension: Revision, developer: Any, reviewer: Any, budget_reviewer: Any
) -> None:
    with translation.override("en"):
        services.revision_submit(
            revision=extension, actor=developer, expected_version=extension.version
        )
        mail.clear()
        decide_all(extension, reviewer, budget_reviewer, decision="return")
    returned = [m for m in mail if "returned" in m.subject]
    assert len(returned) == 1
    assert "Revision, version" in returned[0].subject
    assert "Checked." in returned[0].body
    assert developer.email in returned[0].to


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", "Une révision de ce projet approuvé"),
        ("es", "Una revisión de este proyecto aprobado"),
    ],
)
def test_the_revision_wording_is_translated(
    mail: Any,
    extension: Revision,
    developer: Any,
    reviewer: Any,
    budget_reviewer: Any,
    language: str,
    words: str,
) -> None:
    services.revision_submit(
        revision=extension, actor=developer, expected_version=extension.version
    )
    task = ReviewTask.objects.filter(version=extension.proposal_version).first()
    assert task is not None
    mail.clear()
    with translation.override(language):
        notify.task_assigned(review_services._fresh_task(task))
    assert mail and words in mail[0].body
