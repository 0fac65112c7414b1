"""Rendered fragments kept under keys that name the data they show.

A key such as ``projects:page:<pk>:<version>:<revision>:<language>`` never names two different
contents: when the data changes, the version or revision in the key moves and the old entry is
simply never asked for again. Such an entry can therefore be copied into each process's own
memory (the ``local`` cache) without any risk of serving it stale, and a page read again by
the same process costs no query for it. The shared cache (the database, or files) remains the
place where one process finds what another has rendered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache, caches

T = TypeVar("T")


def remembered(key: str, build: Callable[[], T], timeout: int, *, shared: bool = True) -> T:
    """The value under `key`: from this process's memory, the shared cache, or `build()`.

    Only for keys that change whenever what they show changes (see the module's docstring).
    `shared=False` keeps it in this process only: for what costs less to build again than to
    write to and read from the shared cache (a fragment drawn from data that is shared).
    """
    local = caches["local"]
    value: T | None = local.get(key)
    if value is None:
        value = cache.get(key) if shared else None
        if value is None:
            value = build()
            if shared:
                cache.set(key, value, timeout)
        local.set(key, value, timeout)
    return value
