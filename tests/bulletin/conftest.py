"""Bulletin personas and data: the gender coordinator (reviews and publishes), a Gender Focal
Point who writes, an issue with an English and a French edition, and subscribers."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from pat.bulletin import services
from pat.bulletin.models import Issue, Subscriber, SubscriberState
from tests import factories


@pytest.fixture
def coordinator(hq: Any) -> Any:
    user = factories.UserFactory(username="coordinator", email="coordinator@example.org")
    factories.RoleFactory(user=user, office=hq, kind="coord")
    return user


@pytest.fixture
def draft(focal_point: Any) -> Issue:
    issue = services.issue_create(
        year=2026, quarter=1, title="Women on the move", actor=focal_point
    )
    english = issue.editions.get(language="en")
    services.edition_save(
        issue=issue,
        language="en",
        title="Women on the move",
        summary="News from the **field**.",
        actor=focal_point,
        version=english.version,
    )
    services.article_save(
        edition=english,
        article=None,
        title="Counter-trafficking in West Africa",
        body="Shelters opened in *three* countries.",
        position=1,
        image=None,
    )
    french = services.edition_save(
        issue=issue, language="fr", title="Les femmes en mouvement", summary="", actor=focal_point
    )
    services.article_save(
        edition=french,
        article=None,
        title="La lutte contre la traite en Afrique de l'Ouest",
        body="Des foyers ouverts dans *trois* pays.",
        position=1,
        image=None,
    )
    issue.refresh_from_db()
    return issue


@pytest.fixture
def published(draft: Issue, focal_point: Any, coordinator: Any) -> Issue:
    services.issue_submit(issue=draft, actor=focal_point, version=draft.version)
    services.issue_publish(issue=draft, actor=coordinator, version=draft.version)
    return draft


def subscriber(email: str, language: str = "en", state: str = SubscriberState.CONFIRMED) -> Any:
    return Subscriber.objects.create(
        email=email, language=language, state=state, confirmed_at=timezone.now()
    )


@pytest.fixture
def subscribers(db: None) -> dict[str, Any]:
    return {
        "en": subscriber("ana@example.org"),
        "fr": subscriber("claire@example.org", "fr"),
        "es": subscriber("lucia@example.org", "es"),  # no Spanish edition: English
        "pending": subscriber("pending@example.org", state=SubscriberState.PENDING),
        "gone": subscriber("gone@example.org", state=SubscriberState.UNSUBSCRIBED),
    }
