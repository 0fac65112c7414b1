"""Queries over many projects: filters and full-text search on both databases."""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING, Any

from django.db import connection, models
from django.db.models.expressions import RawSQL

if TYPE_CHECKING:
    from pat.projects.models import Project  # noqa: F401

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_SEARCH_WORDS = 12
# Up to this many matches a search on SQLite is driven by its matches (see `search`).
FEW_MATCHES = 2000
_MATCHES = "IN (SELECT rowid FROM projects_project_fts WHERE projects_project_fts MATCH %s)"
MATCHES_DRIVE = "projects_project.id " + _MATCHES
SORT_DRIVES = "+projects_project.id " + _MATCHES


def search_words(query: str) -> list[str]:
    """The words of a search box entry; operators and quotes are dropped, never interpreted."""
    return [w.lower() for w in _WORD.findall(query)][:MAX_SEARCH_WORDS]


def _few_matches(fts: str) -> bool:
    """Whether an FTS5 query has at most FEW_MATCHES matches, counted in the index up to that
    bound; kept in this process under the projects revision (every reindex moves it), as the
    same words are asked for with every region, sort and page."""
    from pat.core.fragments import remembered
    from pat.core.models import Revision
    from pat.projects.services import PROJECTS_REVISION

    def count() -> bool:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM (SELECT rowid FROM projects_project_fts "
                "WHERE projects_project_fts MATCH %s LIMIT %s)",
                [fts, FEW_MATCHES + 1],
            )
            return bool(cursor.fetchone()[0] <= FEW_MATCHES)

    words = hashlib.sha256(fts.encode()).hexdigest()  # a key without spaces or quotes
    key = f"projects:few-matches:{FEW_MATCHES}:{Revision.current(PROJECTS_REVISION)}:{words}"
    # A tuple: the local cache cannot tell a stored False from a missing entry.
    return remembered(key, lambda: (count(),), 3600, shared=False)[0]


class ProjectQuerySet(models.QuerySet["Project"]):
    def visible_to(self, user: Any) -> ProjectQuerySet:
        # Every signed-in user reads every project (sharing is the point);
        # anonymous users read none.
        if user.is_authenticated and user.is_active:
            return self
        return self.none()

    def search(self, query: str) -> ProjectQuerySet:
        """Projects whose text has every word of the query (as a word prefix)."""
        words = search_words(query)
        if not words:
            return self
        if connection.vendor == "postgresql":
            # Each word is \w+ only, so it cannot carry tsquery syntax.
            tsquery = " & ".join(f"{w}:*" for w in words)
            return self.annotate(
                _match=RawSQL(
                    "projects_project.search_vector @@ to_tsquery('simple', %s)",
                    [tsquery],
                    output_field=models.BooleanField(),
                )
            ).filter(_match=True)
        fts = " ".join(f'"{w}"*' for w in words)
        # Which side drives the query is chosen from the number of matches, counted in the
        # index up to a bound (a millisecond or two). Few matches: SQLite reads them by row
        # id and sorts them. Many (a common word, 50,000 matches): the unary plus keeps it
        # from doing so, and it walks the index of the chosen sort instead, stopping after
        # the page, so no sort of every match is needed. Either way round, the other case
        # would read the whole table.
        sql = MATCHES_DRIVE if _few_matches(fts) else SORT_DRIVES
        # Both are constant strings; the words go in as a parameter.
        return self.filter(RawSQL(sql, [fts], output_field=models.BooleanField()))  # noqa: S611

    def in_region(self, region: str) -> ProjectQuerySet:
        return self.filter(region=region)

    def for_list(self) -> ProjectQuerySet:
        """What a list row shows, fetched without a query per row."""
        return self.select_related("executing_office", "project_type").only(
            "code",
            "title",
            "status",
            "region",
            "start_date",
            "end_date",
            "budget",
            "currency",
            "updated_at",
            # Every field a row reads, names in the three languages: a deferred one would
            # cost a query per row.
            "executing_office__name",
            "executing_office__name_fr",
            "executing_office__name_es",
            "executing_office__code",
            "project_type__code",
            "project_type__name",
            "project_type__name_fr",
            "project_type__name_es",
        )
