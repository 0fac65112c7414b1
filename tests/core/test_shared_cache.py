"""The shared cache's one-statement write: it replaces, expires and still culls."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache
from django.db import connection

from pat.core import cache as shared


@pytest.mark.django_db
def test_a_write_replaces_what_the_key_held() -> None:
    cache.set("pat-test:one", {"rows": [1, 2]}, 60)
    cache.set("pat-test:one", {"rows": [3]}, 60)
    assert cache.get("pat-test:one") == {"rows": [3]}
    cache.set("pat-test:forever", "kept", None)
    assert cache.get("pat-test:forever") == "kept"


@pytest.mark.django_db
def test_an_entry_expires() -> None:
    cache.set("pat-test:brief", "soon gone", 1)
    assert cache.get("pat-test:brief") == "soon gone"
    time.sleep(2.1)
    assert cache.get("pat-test:brief") is None


@pytest.mark.django_db
def test_past_max_entries_the_table_is_still_culled() -> None:
    # A backend of its own over the same table: the shared one is left as it is.
    small = shared.DatabaseCache("pat_cache", {"OPTIONS": {"MAX_ENTRIES": 10, "CULL_EVERY": 5}})
    for n in range(60):
        small.set(f"pat-test:many-{n}", n, 60)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM pat_cache")
        left = cursor.fetchone()[0]
    # Django culls a share of the entries whenever a counted write finds too many.
    assert left < 60
    assert small.get("pat-test:many-59") == 59
