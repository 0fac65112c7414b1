"""The project list's rows: read a block at a time as plain values, drawn in the reader's language.

At 100,000 projects a list page that is not cached yet costs what its rows cost to read, keep
and draw, so each step is kept small:

- **Read** a block of `BLOCK_PAGES` pages in one query, as tuples (no model instances), with
  one row more than the block: that row says whether there are more, so no query counts the
  matches. A broad word ("return", 68,000 matches) then costs the rows of the block, never a
  count of a thousand matches in the order of the sort.
- **Keep** the block in the shared cache: plain tuples pickle in a fraction of the time model
  instances take, and every page of the block, in every language, is drawn from it. Offices
  and project types are kept by id: their names are read once per process and language.
- **Draw** the rows in Python, every value escaped by the stdlib's `html.escape` (what Django's
  `escape` calls), in about ten microseconds a row where the template language takes hundreds.

The count a page shows is exact when the block ends the list ("87 projects"), and a lower
bound otherwise ("more than 250 projects"); the pager goes on page by page up to
`MAX_PAGES`, beyond which a search is better narrowed than paged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from typing import Any, NamedTuple
from urllib.parse import quote

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from pat.core.fragments import remembered
from pat.core.models import Office, Revision
from pat.core.paging import COUNT_CAP
from pat.projects.models import ProjectType, Status
from pat.projects.services import PROJECTS_REVISION

PAGE_SIZE = 50
# Pages read from the database at once: the next pages of a query cost no query.
BLOCK_PAGES = 5
# Pages a list can be walked to (the first thousand rows); past them, narrow the search.
MAX_PAGES = COUNT_CAP // PAGE_SIZE


class ListRow(NamedTuple):
    """What one row of the list shows; the office and type by id, named when drawn."""

    code: str
    title: str
    status: str
    start_date: dt.date | None
    budget: Decimal | None
    currency: str
    office_id: int
    project_type_id: int


# No join: a block is a third of the size with ids for names (less to read, keep and share),
# and the names of the hundred offices and dozen types are read once per process.
_COLUMNS = (
    "code",
    "title",
    "status",
    "start_date",
    "budget",
    "currency",
    "executing_office_id",
    "project_type_id",
)


@dataclass(frozen=True)
class Block:
    """Up to `size` rows of a list from `start`, and whether any row follows them."""

    start: int
    rows: tuple[ListRow, ...]
    more: bool


def read_block(queryset: QuerySet[Any], index: int) -> Block:
    """Block `index` (from 0) of `queryset`, in one query of plain values."""
    size = BLOCK_PAGES * PAGE_SIZE
    start = index * size
    values = list(queryset.values_list(*_COLUMNS)[start : start + size + 1])
    rows = tuple(ListRow(*v) for v in values[:size])
    return Block(start=start, rows=rows, more=len(values) > size)


class ListPaginator(Paginator):  # type: ignore[type-arg]
    """Numbers the pages known from the blocks read, and one more when more rows follow.

    `capped`: more rows follow than the `cap` known ("more than 250 projects", "page 3"
    without "of"); `offer_next`: the page after the known ones may be asked for.
    """

    def __init__(self, known: int, *, capped: bool, offer_next: bool, per_page: int) -> None:
        super().__init__((), per_page)
        self.cap = known
        self.capped = capped
        self.count = known + per_page if offer_next else known


def list_page(
    number: int, block_of: Callable[[int], Block], *, last_known: Callable[[int], int]
) -> Page:  # type: ignore[type-arg]
    """Page `number` of a list whose blocks `block_of(index)` gives (from the cache or read).

    A page past the end shows the last page: `last_known(limit)` counts the rows up to `limit`
    (the start of the empty block), once, for a stale link or a hand-typed number.
    """
    number = max(1, min(number, MAX_PAGES))
    block_size = BLOCK_PAGES * PAGE_SIZE
    index = (number - 1) // BLOCK_PAGES
    block = block_of(index)
    if not block.rows and index > 0:
        total = last_known(block.start)
        number = max(1, -(-total // PAGE_SIZE))
        index = (number - 1) // BLOCK_PAGES
        block = block_of(index)
    known = block.start + len(block.rows)
    if not block.more:
        # The list ends in this block: a page past its end is its last page.
        number = min(number, max(1, -(-known // PAGE_SIZE)))
    # Past the last page that may be walked to, the count says "more than" and no next page
    # is offered (a block may reach beyond that page).
    limit = MAX_PAGES * PAGE_SIZE
    paginator = ListPaginator(
        min(known, limit),
        capped=block.more or known > limit,
        offer_next=block.more and known < limit,
        per_page=PAGE_SIZE,
    )
    offset = (number - 1) * PAGE_SIZE - index * block_size
    return Page(block.rows[offset : offset + PAGE_SIZE], number, paginator)


_ROW = (
    '<tr><td><a href="{url}">{code}</a></td><td>{title}</td><td>{office}</td><td>{type}</td>'
    '<td><span class="badge s-{status}">{status_label}</span></td><td>{start}</td>'
    '<td class="num">{budget}</td></tr>'
)


def names(language: str) -> tuple[dict[int, str], dict[int, str]]:
    """The offices' and project types' names in `language`, by id. Kept in each process under
    the projects revision, which a saved office or type moves (pat.projects.signals)."""
    revision = Revision.current(PROJECTS_REVISION)

    def read() -> tuple[dict[int, str], dict[int, str]]:
        offices = Office.objects.only("name", "name_fr", "name_es")
        types = ProjectType.objects.only("name", "name_fr", "name_es")
        return (
            {o.pk: o.localized_name(language) for o in offices},
            {t.pk: t.localized_name(language) for t in types},
        )

    return remembered(f"projects:list-names:{language}:{revision}", read, 3600, shared=False)


def rows_html(rows: Sequence[ListRow], language: str) -> SafeString:
    """The table rows of a page in `language` (the active one: numbers follow its format)."""
    offices, types = names(language)
    statuses = {value: str(label) for value, label in Status.choices}
    # One reverse for the page, each code quoted into it as reverse() would.
    detail = reverse("projects:detail", kwargs={"code": "CODE"})
    # Every value is escaped (quotes included) straight into one format string: the template
    # language spends ten times as long on the same fifty rows.
    html = [
        _ROW.format(
            url=escape(detail.replace("CODE", quote(row.code, safe=""))),
            code=escape(row.code),
            title=escape(row.title),
            office=escape(offices.get(row.office_id, "")),
            type=escape(types.get(row.project_type_id, "")),
            status=escape(row.status),
            status_label=escape(statuses.get(row.status, row.status)),
            start=row.start_date.isoformat() if row.start_date else "–",
            # The template filter itself: rounded and grouped as the language writes numbers.
            budget=(
                escape(f"{floatformat(row.budget, '0g')} {row.currency}")
                if row.budget is not None
                else "–"
            ),
        )
        for row in rows
    ]
    # Our own markup around values that all went through escape() above.
    return mark_safe("\n".join(html))  # noqa: S308
