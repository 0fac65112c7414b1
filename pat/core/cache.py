"""The shared cache in the database: Django's, with a write in one statement.

Django's `DatabaseCache.set` counts the whole table before every write (to cull it past
MAX_ENTRIES), then reads the key and inserts or updates it in a transaction: five statements
and a commit. The project list writes an entry for every new query, so on PostgreSQL those
statements cost the database server more than the list's own query. Here a write is one
upsert (`INSERT … ON CONFLICT`, on PostgreSQL and SQLite alike), and every `CULL_EVERY`th
write of a process (OPTIONS, 100 by default; 0: never, as the tests' settings say, so that a
page's queries do not depend on how many writes came before) goes through Django's own path,
which counts and culls.
"""

from __future__ import annotations

import base64
import itertools
import pickle
from datetime import UTC, datetime
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router

CULL_EVERY = 100


class DatabaseCache(DjangoDatabaseCache):
    def __init__(self, table: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS", {}))
        self._cull_every = int(options.pop("CULL_EVERY", CULL_EVERY))
        super().__init__(table, {**params, "OPTIONS": options})
        self._writes = itertools.count(1)

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        if self._cull_every and next(self._writes) % self._cull_every == 0:
            super().set(key, value, timeout, version)
            return
        key = self.make_and_validate_key(key, version=version)
        seconds = self.get_backend_timeout(timeout)
        expires = datetime.max if seconds is None else datetime.fromtimestamp(seconds, tz=UTC)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        pickled = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        # Names from the settings and Django's quoting; the values go in as parameters.
        table = quote(self._table)  # type: ignore[attr-defined]
        sql = (
            f"INSERT INTO {table} ({quote('cache_key')}, {quote('value')}, "  # noqa: S608
            f"{quote('expires')}) VALUES (%s, %s, %s) ON CONFLICT ({quote('cache_key')}) "
            f"DO UPDATE SET {quote('value')} = excluded.{quote('value')}, "
            f"{quote('expires')} = excluded.{quote('expires')}"
        )
        stamp = connection.ops.adapt_datetimefield_value(expires.replace(microsecond=0))
        with connection.cursor() as cursor:
            cursor.execute(sql, [key, pickled, stamp])
