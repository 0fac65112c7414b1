from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from pat.termbase import checker


@pytest.fixture(autouse=True)
def _seeded(db: None) -> None:
    # The data migration seeds the term base; under --nomigrations the same function does.
    from pat.core.models import Revision
    from pat.termbase.models import LanguageLists, TermChange, TermEntry
    from pat.termbase.seeding import seed_shipped

    if not TermEntry.objects.exists():
        seed_shipped(
            entry_model=TermEntry,
            change_model=TermChange,
            lists_model=LanguageLists,
            revision_model=Revision,
        )


@pytest.fixture(autouse=True)
def _fresh_rules() -> Iterator[None]:
    # Each test's transaction is rolled back, revision counter included; a process cache
    # built inside one test must not serve the next.
    checker.forget()
    yield
    checker.forget()


def client_for(user: Any | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
