"""Sending a bulletin issue to N subscribers, as the task worker does.

Builds a fresh database (SQLite under var/bench/, or PAT_BENCH_DATABASE_URL, which is
emptied) with N confirmed subscribers in three languages and one published issue with an
English, a French and a Spanish edition of three Markdown articles each, then measures:

* `issue_send` (one delivery row per subscriber) and `deliveries_send` (claim each row with
  its conditional UPDATE, render the message in the subscriber's language, send it through
  Django's in-memory mail backend in batches of 50, mark it sent);
* a baseline: the same number of ready-made messages sent through the same backend in
  batches of 50, with no database and no rendering;

and prints both, the messages per second, and the ratio send/baseline.

    .venv/bin/python bench/bulletin_send.py [--subscribers 2000]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_FILE = ROOT / "var" / "bench" / "bulletin-send.sqlite3"

os.environ.setdefault("PAT_SECRET_KEY", "bench-only-secret-not-for-any-real-deployment")
os.environ["DATABASE_URL"] = os.environ.get("PAT_BENCH_DATABASE_URL", f"sqlite:///{DB_FILE}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ["PAT_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"

BODY = (
    "Three country offices opened **shelters** with partners this quarter.\n\n"
    "- counselling in four languages\n- legal aid\n- safe return when chosen\n\n"
    "Read the [full report](https://example.org/report) for the figures by sex and age.\n"
)


def build(subscribers: int) -> int:
    from django.core.management import call_command
    from django.utils import timezone

    from pat.bulletin import services
    from pat.bulletin.models import Subscriber

    call_command("migrate", "--noinput", verbosity=0)
    call_command("flush", "--noinput", verbosity=0)  # a PostgreSQL bench database is reused
    issue = services.issue_create(year=2026, quarter=1, title="Women on the move", actor=None)
    for language in ("en", "fr", "es"):
        edition = services.edition_save(
            issue=issue,
            language=language,
            title=f"Women on the move ({language})",
            summary="News from the field.",
            actor=None,
            version=issue.editions.filter(language=language)
            .values_list("version", flat=True)
            .first(),
        )
        for n in range(1, 4):
            services.article_save(
                edition=edition,
                article=None,
                title=f"Article {n}",
                body=BODY,
                position=n,
                image=None,
            )
    issue.refresh_from_db()
    services.issue_submit(issue=issue, actor=None, version=issue.version)
    services.issue_publish(issue=issue, actor=None, version=issue.version)
    now = timezone.now()
    Subscriber.objects.bulk_create(
        (
            Subscriber(
                email=f"reader{i}@example.org",
                language=("en", "fr", "es")[i % 3],
                state="confirmed",
                confirmed_at=now,
            )
            for i in range(subscribers)
        ),
        batch_size=1000,
    )
    return issue.pk


def baseline(count: int) -> float:
    from django.core import mail
    from django.core.mail import EmailMultiAlternatives, get_connection

    messages = [
        EmailMultiAlternatives("Bulletin", BODY, None, [f"reader{i}@example.org"])
        for i in range(count)
    ]
    mail.outbox = []
    started = time.perf_counter()
    for start in range(0, count, 50):
        with get_connection() as connection:
            connection.send_messages(messages[start : start + 50])
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=2000)
    args = parser.parse_args()
    DB_FILE.parent.mkdir(parents=True, exist_ok=True)

    import django

    django.setup()
    from django.core import mail
    from django.db import connection
    from django.test.utils import setup_test_environment

    from pat.bulletin import services
    from pat.bulletin.models import Delivery, Issue

    setup_test_environment()  # mail.outbox for the in-memory backend
    settings_tasks = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django.test import override_settings

    issue_id = build(args.subscribers)
    issue = Issue.objects.get(pk=issue_id)
    with override_settings(TASKS=settings_tasks):
        started = time.perf_counter()
        queued = services.issue_send(issue=issue, actor=None)
        queue_seconds = time.perf_counter() - started
    mail.outbox = []
    started = time.perf_counter()
    sent = services.deliveries_send(issue_id=issue_id)
    send_seconds = time.perf_counter() - started
    assert sent == queued == args.subscribers == len(mail.outbox), (sent, queued)
    assert Delivery.objects.filter(state="sent").count() == args.subscribers
    base_seconds = baseline(args.subscribers)
    print(f"database: {connection.vendor}; subscribers: {args.subscribers}")
    print(f"issue_send (delivery rows): {queue_seconds * 1000:.0f} ms")
    print(
        f"deliveries_send: {send_seconds:.2f} s, {sent / send_seconds:.0f} messages/s, "
        f"{send_seconds / sent * 1000:.2f} ms per message"
    )
    print(
        f"baseline (ready messages, same backend): {base_seconds:.3f} s, "
        f"{args.subscribers / base_seconds:.0f} messages/s"
    )
    print(f"ratio send/baseline: {send_seconds / base_seconds:.1f}")


if __name__ == "__main__":
    main()
