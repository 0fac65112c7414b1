"""Optimistic locking: the one helper every app uses, and the one conflict it raises.

A record that may be edited by two people at once carries a counter (`version` or
`lock`). An edit says which value it was based on; `claim` moves the counter on
with a conditional UPDATE, which only one of two racing edits can win on SQLite
and PostgreSQL alike. The loser gets `EditConflict` and nothing of it is written.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F
from django.dispatch import Signal
from django.utils.translation import gettext as _

# Sent (sender: the model) after a claim moved a record on. A claim is an UPDATE, which
# Django's post_save never sees; caches keyed by a revision that follows the model
# (`pat.core.models.Revision.follow`) hear of the write through this.
claimed = Signal()


class EditConflict(Exception):
    """Someone saved the record after this edit began; nothing was written."""

    def __init__(self, record: models.Model, expected: int, current: int, label: str) -> None:
        self.record = record
        self.expected_version = expected
        self.current_version = current
        super().__init__(
            _(
                "%(code)s was changed by someone else since you opened it (your version "
                "%(mine)s, now %(theirs)s). Nothing was saved: reload to see their changes."
            )
            % {"code": label, "mine": expected, "theirs": current}
        )


def try_claim(
    queryset: models.QuerySet[Any], *, expected: int, field: str = "version", **changes: Any
) -> bool:
    """Move `field` on from `expected` (writing `changes` too) where the rows still hold it."""
    won = bool(queryset.filter(**{field: expected}).update(**{field: F(field) + 1}, **changes))
    if won:
        claimed.send(sender=queryset.model)
    return won


def claim(
    record: models.Model,
    *,
    expected: int | None,
    field: str = "version",
    label: str | None = None,
    **changes: Any,
) -> None:
    """Claim `record` at version `expected` or raise EditConflict; refreshes the record either way.

    `expected` None (a form that sent no version) is refused like a stale one.
    """
    manager = type(record)._default_manager
    won = expected is not None and try_claim(
        manager.filter(pk=record.pk), expected=expected, field=field, **changes
    )
    record.refresh_from_db()
    if not won:
        raise EditConflict(
            record,
            -1 if expected is None else expected,
            getattr(record, field),
            label or str(record),
        )


def posted_version(raw: object) -> int | None:
    """The version a form sent back (a hidden field), or None when missing or not a number."""
    text = str(raw or "").strip()
    return int(text) if text.isdigit() else None
