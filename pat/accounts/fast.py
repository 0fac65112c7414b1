"""The two reads every signed-in request makes, the session and the user, made cheap.

Django builds the same ORM query for them on every request, and building it costs more than
running it (about a tenth of a cached page's time at 100,000 projects). `Model.objects.raw`
runs fixed SQL and still returns Django's own model instances, so everything else (decoding,
expiry, `user_can_authenticate`, saving) stays Django's code.

The user is then kept in each process under the people revision, which every save or delete
of a user moves (pat.core.apps) except the sign-in time alone: a request reads the revisions
anyway, so a signed-in user costs no query of its own, and a renamed, deactivated or deleted
user, or a changed password, is read afresh by every process on its next request. The
session is still read every time: signing out must end it everywhere at once.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.utils import timezone

from pat.core.models import PEOPLE_REVISION, Revision

USER_SECONDS = 3600

# The session and every revision (pat.core.models.Revision) in one round trip: the first row,
# with no name, is the session when it exists and has not expired; the others are the
# revisions, which the page reads next whatever the session holds.
_SESSION_SQL = (
    "SELECT NULL, session_data FROM django_session WHERE session_key = %s AND expire_date > %s "
    "UNION ALL SELECT name, CAST(value AS TEXT) FROM core_revision"
)


class SessionStore(db.SessionStore):
    """Database sessions (SESSION_ENGINE = "pat.accounts.fast"), read by primary key."""

    def _get_session_from_db(self) -> Session | None:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_SESSION_SQL, [self.session_key, now])
            rows = cursor.fetchall()
        Revision.primed(row for row in rows if row[0] is not None)
        data = [row[1] for row in rows if row[0] is None]
        if not data:
            # As Django does: an unknown or expired key is forgotten, a new one will be made.
            self._session_key = None
            return None
        # `load` reads the data alone; the expiry was checked by the query.
        return Session(session_key=self.session_key or "", session_data=data[0])


class UserBackend(ModelBackend):
    """Django's ModelBackend, with the user of a session read by one raw query."""

    def get_user(self, user_id: Any) -> Any:
        model = get_user_model()
        try:
            pk = model._meta.pk.to_python(user_id)
        except Exception:
            return None
        key = f"accounts:user:{pk}:{Revision.current(PEOPLE_REVISION)}"
        local = caches["local"]
        # Each read from the local cache unpickles a fresh instance: no request sees what
        # another cached on its user.
        user = local.get(key)
        if user is None:
            table = model._meta.db_table
            sql = f"SELECT * FROM {table} WHERE id = %s"  # noqa: S608
            found = list(model._default_manager.raw(sql, [pk]))
            if not found:
                return None
            user = found[0]
            local.set(key, user, USER_SECONDS)
        return user if self.user_can_authenticate(user) else None
