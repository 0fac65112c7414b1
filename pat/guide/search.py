"""Full-text search over guide pages and library documents, on both databases.

PostgreSQL: a stored tsvector column built with the configuration of each entry's language
(english, french, spanish; simple otherwise), GIN-indexed; a query is tried in every
configuration at once so an English word finds French pages stemmed the French way.
SQLite: an FTS5 table over the same rows. Snippets come from ts_headline / snippet(), with
the highlight marks as control characters so that everything else can be HTML-escaped.
The text of a query is never search syntax: it is cut into words and each word is quoted.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 12
PER_PAGE = 20
# Counting and ranking stop at this many matches: a word found in half the library is not a
# search yet, and ranking every match of it would cost more than the whole page is worth.
CAP = 1000
_OPEN, _CLOSE = "\x02", "\x03"
CONFIG = {"en": "english", "fr": "french", "es": "spanish"}


def search_words(query: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(query or "")][:MAX_WORDS]


def marked(text: str) -> SafeString:
    """Escape everything, then turn only our control-character marks into <mark>."""
    escaped = str(escape(text))
    return mark_safe(escaped.replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>"))  # noqa: S308 - escaped above; only <mark> is added


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str
    ref_id: int
    title: SafeString
    url: str
    language: str
    topic: str
    snippet: SafeString


@dataclass(slots=True)
class Results:
    query: str
    words: list[str]
    total: int = 0
    page: int = 1
    per_page: int = PER_PAGE
    hits: list[Hit] = field(default_factory=list)

    @property
    def capped(self) -> bool:
        """More matches than were counted: the reader should add words or filters."""
        return self.total > CAP

    @property
    def pages(self) -> int:
        return max(1, math.ceil(min(self.total, CAP) / self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def _filters(language: str | None, topic: str | None, kind: str | None) -> tuple[str, list[str]]:
    clauses: list[str] = []
    params: list[str] = []
    for column, value in (("e.language", language), ("e.topic", topic), ("e.kind", kind)):
        if value:
            clauses.append(f"{column} = %s")
            params.append(value)
    return "".join(f" AND {c}" for c in clauses), params


def search(
    query: str,
    *,
    language: str | None = None,
    topic: str | None = None,
    kind: str | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Results:
    """Entries with every word of the query (each as a word prefix), best first."""
    words = search_words(query)
    results = Results(query=query, words=words, page=max(1, page), per_page=per_page)
    if not words:
        return results
    if connection.vendor == "postgresql":
        _search_postgres(results, words, language, topic, kind)
    else:
        _search_sqlite(results, words, language, topic, kind)
    return results


def _tsquery_sql(language: str | None) -> tuple[str, int]:
    configs = (
        [CONFIG[language]]
        if language in CONFIG
        else (["simple"] if language else ["english", "french", "spanish", "simple"])
    )
    return "(" + " || ".join(f"to_tsquery('{c}', %s)" for c in configs) + ")", len(configs)


def _search_postgres(
    results: Results, words: list[str], language: str | None, topic: str | None, kind: str | None
) -> None:
    # Each word is \w+ and is quoted, so it can carry no tsquery operator.
    tsquery = " & ".join(f"'{w}':*" for w in words)
    q_sql, n = _tsquery_sql(language)
    where, params = _filters(language, topic, kind)
    q_params = [tsquery] * n
    with transaction.atomic(), connection.cursor() as cursor:
        # The planner misjudges prefix tsqueries and scans the whole table (detoasting every
        # vector) where the GIN index answers in a fraction of the time; steer it, for these
        # statements only.
        cursor.execute("SET LOCAL enable_seqscan = off")
        try:
            _postgres_statements(cursor, results, tsquery, q_sql, q_params, where, params)
        finally:
            cursor.execute("SET LOCAL enable_seqscan = on")


def _postgres_statements(
    cursor: Any,
    results: Results,
    tsquery: str,
    q_sql: str,
    q_params: list[str],
    where: str,
    params: list[str],
) -> None:
    cursor.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM guide_searchentry e "  # noqa: S608 - fixed
        f"WHERE e.search_vector @@ {q_sql}{where} LIMIT %s) found",
        [*q_params, *params, CAP + 1],
    )
    results.total = cursor.fetchone()[0]
    if not results.total:
        return
    results.page = min(results.page, results.pages)
    offset = (results.page - 1) * results.per_page
    # Ranked among the first CAP matches (all of them when there are fewer).
    cursor.execute(
        f"SELECT c.id FROM (SELECT e.id, e.search_vector FROM guide_searchentry e "  # noqa: S608
        f"WHERE e.search_vector @@ {q_sql}{where} LIMIT %s) c "
        f"ORDER BY ts_rank(c.search_vector, {q_sql}) DESC, c.id "
        f"LIMIT %s OFFSET %s",
        [*q_params, *params, CAP, *q_params, results.per_page, offset],
    )
    ids = [row[0] for row in cursor.fetchall()]
    cursor.execute(
        """
        SELECT e.id, e.kind, e.ref_id, e.url, e.language, e.topic,
          ts_headline(c.cfg, e.title, to_tsquery(c.cfg, %s),
            'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', HighlightAll=true'),
          ts_headline(c.cfg, e.body, to_tsquery(c.cfg, %s),
            'StartSel=' || chr(2) || ', StopSel=' || chr(3) ||
            ', MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "')
        FROM guide_searchentry e
        CROSS JOIN LATERAL (SELECT (CASE e.language WHEN 'en' THEN 'english'
          WHEN 'fr' THEN 'french' WHEN 'es' THEN 'spanish' ELSE 'simple' END)::regconfig
          AS cfg) c
        WHERE e.id = ANY(%s)
        """,
        [tsquery, tsquery, ids],
    )
    rows = {row[0]: row for row in cursor.fetchall()}
    results.hits = [_hit(rows[i][1:]) for i in ids if i in rows]


def _fts_query(words: list[str]) -> str:
    # Quoted words: FTS5 reads "..." as a string, never as AND/OR/NEAR or a column filter.
    return " ".join(f'"{w}"*' for w in words)


def _search_sqlite(
    results: Results, words: list[str], language: str | None, topic: str | None, kind: str | None
) -> None:
    match = _fts_query(words)
    where, params = _filters(language, topic, kind)
    base = (
        "FROM guide_searchentry_fts f JOIN guide_searchentry e ON e.id = f.rowid "
        "WHERE guide_searchentry_fts MATCH %s" + where
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 " + base + " LIMIT %s)",  # noqa: S608
            [match, *params, CAP + 1],
        )
        results.total = cursor.fetchone()[0]
        if not results.total:
            return
        results.page = min(results.page, results.pages)
        offset = (results.page - 1) * results.per_page
        cursor.execute(
            "SELECT e.id, e.kind, e.ref_id, e.url, e.language, e.topic, "
            "highlight(guide_searchentry_fts, 0, char(2), char(3)), "
            "snippet(guide_searchentry_fts, 1, char(2), char(3), ' … ', 30) "
            + base
            + " ORDER BY bm25(guide_searchentry_fts, 5.0, 1.0), e.id LIMIT %s OFFSET %s",
            [match, *params, results.per_page, offset],
        )
        rows = cursor.fetchall()
    results.hits = [_hit(row[1:]) for row in rows]


def _hit(row: tuple[object, ...]) -> Hit:
    kind, ref_id, url, language, topic, title, snippet = row
    return Hit(
        kind=str(kind),
        ref_id=int(ref_id),  # type: ignore[call-overload]
        url=str(url),
        language=str(language),
        topic=str(topic),
        title=marked(str(title or "")),
        snippet=marked(str(snippet or "")),
    )
