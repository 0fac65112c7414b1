from __future__ import annotations

from typing import Any

import pytest
from django.test import Client


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


def client_for(user: Any | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client
