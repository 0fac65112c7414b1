"""Paging long lists without counting every match.

`CappedPaginator` counts at most `cap` + 1 rows: past the cap the page says
"more than 1,000" and numbers its pages up to the cap, so a broad search over
100,000 projects costs a bounded count. `keyset_page` pages a list ordered by
(time, id) newest first by the last row seen instead of an offset, so a deep page
costs what the first does and a row added meanwhile never shifts the next page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils.functional import cached_property

COUNT_CAP = 1000


class CappedPaginator(Paginator):  # type: ignore[type-arg]
    cap = COUNT_CAP

    @cached_property
    def count(self) -> int:
        # A sliced queryset counts in a subquery with LIMIT: at most cap + 1 rows read.
        first = self.object_list[: self.cap + 1]
        return int(first.count()) if isinstance(first, QuerySet) else len(first)

    @property
    def capped(self) -> bool:
        """Whether there are more matches than the count says (it stopped at the cap)."""
        return self.count > self.cap


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: after the row with this time and id."""

    at: dt.datetime
    id: int

    def token(self) -> str:
        return f"{self.at.isoformat()}_{self.id}"

    @classmethod
    def parse(cls, token: str | None) -> Cursor | None:
        """The cursor in a `?after=` value; None for a missing or malformed one (the first page)."""
        if not token or "_" not in token:
            return None
        stamp, _sep, ident = token.rpartition("_")
        try:
            at = dt.datetime.fromisoformat(stamp)
            number = int(ident)
        except ValueError:
            return None
        if at.tzinfo is None or number < 1:
            return None
        return cls(at=at, id=number)


@dataclass
class KeysetPage:
    rows: list[Any]
    next_cursor: Cursor | None
    first: bool


def keyset_page(
    queryset: QuerySet[Any], *, after: Cursor | None, size: int, field: str = "at"
) -> KeysetPage:
    """Rows newest first by (`field`, id), starting after `after`.

    One row more than the page is read to tell whether a next page exists.
    """
    ordered = queryset.order_by(f"-{field}", "-id")
    if after is not None:
        ordered = ordered.filter(
            Q(**{f"{field}__lt": after.at}) | Q(**{field: after.at, "id__lt": after.id})
        )
    rows = list(ordered[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    last = rows[-1] if rows and more else None
    return KeysetPage(
        rows=rows,
        next_cursor=Cursor(at=getattr(last, field), id=last.pk) if last is not None else None,
        first=after is None,
    )
