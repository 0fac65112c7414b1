"""Guide search speed and guide page weight.

    .venv/bin/python bench/guide_search.py            # SQLite scratch file under a temp dir
    PAT_BENCH_DATABASE_URL=postgres://pat:pat@127.0.0.1:5432/pat \
        .venv/bin/python bench/guide_search.py

Generates 5,000 guide pages and 20,000 library entries into a scratch database (for PostgreSQL a
throw-away database pat_bench_<pid> is created on that server and dropped afterwards), then times
search (count + one page of ranked hits + highlighted snippets, as the search page does) for a
mix of queries, against two baselines measured in the same run: a primary-key lookup and a LIKE
scan for the same words. Also prints the transferred size of a guide page (gzip on, as served).
Targets: search median and p95 under 50 ms; a guide page under 30 KB.
"""

from __future__ import annotations

import gzip
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = int(os.environ.get("PAT_BENCH_PAGES", "5000"))
DOCUMENTS = int(os.environ.get("PAT_BENCH_DOCUMENTS", "20000"))
ROUNDS = int(os.environ.get("PAT_BENCH_ROUNDS", "5"))
QUERIES = [
    ("gender", {}),
    ("women", {}),
    ("gender analysis", {}),
    ("indicator sex age", {}),
    ("trafficking survivors", {}),
    ("migrant men boys", {}),
    ("budget childcare", {}),
    ("remit", {}),
    ("reintegration", {"language": "en"}),
    ("analyse genre", {"language": "fr"}),
    ("análisis género", {"language": "es"}),
    ("markers", {"topic": "markers"}),
    ("labour recruitment", {"kind": "document"}),
    ("evaluation", {"kind": "page"}),
    ("quokkaxyz", {}),
    ("gender", {"language": "en", "topic": "gender-analysis"}),
]


def scratch_database() -> tuple[str, Any]:
    """A database URL to fill, and a clean-up function."""
    url = os.environ.get("PAT_BENCH_DATABASE_URL")
    if not url:
        tmp = tempfile.TemporaryDirectory(prefix="pat-bench-")
        return f"sqlite:///{tmp.name}/bench.sqlite3", tmp.cleanup
    import psycopg

    name = f"pat_bench_{os.getpid()}"
    parts = urlparse(url)
    admin = urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')

    return urlunparse(parts._replace(path=f"/{name}")), drop


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(fn: Any, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def vocabulary() -> dict[str, list[str]]:
    import re

    words: dict[str, list[str]] = {}
    for lang in ("en", "fr", "es"):
        text = " ".join(
            p.read_text(encoding="utf-8") for p in (ROOT / "pat/guide/content" / lang).glob("*.md")
        )
        words[lang] = re.findall(r"[^\W\d_]{3,}", text)
    return words


def generate(words: dict[str, list[str]]) -> None:
    from django.db import transaction

    from pat.guide.markdown import render_markdown
    from pat.guide.models import GuidePage, LibraryDocument, SearchEntry, Topic

    rng = random.Random(20260301)
    langs = ["en"] * 6 + ["fr"] * 2 + ["es"] * 2
    topics = list(Topic.values)

    def prose(lang: str, n: int) -> str:
        pool = words[lang]
        return " ".join(rng.choice(pool) for _ in range(n))

    with transaction.atomic():
        pages = []
        for i in range(PAGES):
            lang = langs[i % len(langs)]
            body = "\n\n".join(f"## {prose(lang, 3)}\n\n{prose(lang, 80)}" for _ in range(4))
            pages.append(
                GuidePage(
                    key=f"bench-{i // 3}",
                    language=("en", "fr", "es")[i % 3],
                    module="proposal",
                    order=1000 + i,
                    title=prose(lang, 5),
                    summary=prose(lang, 15),
                    body=body,
                    body_html=render_markdown(body),
                )
            )
        GuidePage.objects.bulk_create(pages, batch_size=500)
        documents = [
            LibraryDocument(
                title=prose(lang, 7),
                summary=prose(lang, 50),
                language=lang,
                topic=rng.choice(topics),
                url=f"https://example.org/{i}",
            )
            for i, lang in ((i, langs[i % len(langs)]) for i in range(DOCUMENTS))
        ]
        LibraryDocument.objects.bulk_create(documents, batch_size=1000)
    with transaction.atomic():
        from pat.guide import services

        entries = [services.page_search_entry(p) for p in GuidePage.objects.all()]
        entries += [services.document_search_entry(d) for d in LibraryDocument.objects.all()]
        SearchEntry.objects.all().delete()
        SearchEntry.objects.bulk_create(entries, batch_size=1000)


def main() -> int:
    url, cleanup = scratch_database()
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    os.environ["PAT_DB_CONN_MAX_AGE"] = "600"
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client

        from pat.guide.models import GuidePage, SearchEntry
        from pat.guide.search import search

        t0 = time.perf_counter()
        call_command("migrate", verbosity=0)
        generate(vocabulary())
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        else:
            with connection.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO guide_searchentry_fts(guide_searchentry_fts) VALUES ('optimize')"
                )
                cursor.execute("ANALYZE")
        print(
            f"database: {connection.vendor}; {GuidePage.objects.count():,} guide pages, "
            f"{SearchEntry.objects.filter(kind='document').count():,} library entries "
            f"(generated in {time.perf_counter() - t0:.1f} s)"
        )

        for query, filters in QUERIES:  # warm caches and check each query works
            search(query, **filters)
        search_ms: list[float] = []
        like_ms: list[float] = []
        per_query: list[tuple[str, float, int]] = []
        for query, filters in QUERIES:
            samples = timed(lambda q=query, f=filters: search(q, **f), ROUNDS)
            search_ms += samples
            per_query.append((query, statistics.median(samples), search(query, **filters).total))
            first = query.split()[0]
            like_ms += timed(
                lambda w=first: SearchEntry.objects.filter(body__icontains=w).count(), 1
            )
        ids = list(GuidePage.objects.values_list("pk", flat=True)[:500])
        pk_ms = timed(lambda: GuidePage.objects.get(pk=random.choice(ids)), 200)

        med, p95 = statistics.median(search_ms), percentile(search_ms, 0.95)
        pk_med = statistics.median(pk_ms)
        like_med = statistics.median(like_ms)
        print(
            f"search   median {med:7.2f} ms   p95 {p95:7.2f} ms   ({len(search_ms)} runs)"
            f"   target < 50 ms: {'OK' if p95 < 50 else 'OVER'}"
        )
        print(f"baseline primary-key lookup median {pk_med:6.3f} ms", end="")
        print(f"  -> search is {med / pk_med:6.1f}x")
        print(f"baseline LIKE scan (count)  median {like_med:6.2f} ms", end="")
        print(f"  -> search is {med / like_med:6.2f}x")
        for query, ms, total in per_query:
            print(f"   {ms:7.2f} ms  {total:6d} hits  {query!r}")

        from tests import factories

        user = factories.UserFactory(username="bench-reader")
        client = Client()
        client.force_login(user)
        for key in ("gender-markers", "rationale", "results-matrix"):
            response = client.get(f"/guide/{key}/", HTTP_ACCEPT_ENCODING="gzip", secure=True)
            raw = response.content
            encoded = response.get("Content-Encoding") == "gzip"
            html_size = len(gzip.decompress(raw)) if encoded else len(raw)
            sent = len(raw)
            assert response.status_code == 200, response.status_code
            verdict = "OK" if sent < 30_000 else "OVER"
            print(
                f"guide page /guide/{key}/: {sent / 1024:5.1f} KB sent "
                f"(gzip {'on' if encoded else 'off'}), {html_size / 1024:5.1f} KB HTML; "
                f"target < 30 KB: {verdict}"
            )
        return 0
    finally:
        cleanup()


if __name__ == "__main__":
    sys.exit(main())
