"""Term imports run in the background: batches, progress, a row cap, clear failures, and the
rule set rebuilt off the request path once it has grown big."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse

from pat.termbase import checker, services
from pat.termbase.models import TermEntry, TermImport
from tests.termbase.conftest import client_for
from tests.termbase.test_transfer import upload

pytestmark = pytest.mark.django_db


def bulk_document(count: int, prefix: str = "bulk") -> dict[str, Any]:
    """A JSON import of `count` new English entries, modelled on a shipped one."""
    base = TermEntry.objects.get(rule_id="en.chairman").as_data()
    entries = []
    for i in range(count):
        raw = dict(base)
        raw["id"] = f"en.{prefix}{i}"
        raw["lemma"] = f"{prefix}word{i}"
        raw["forms"] = {"sg": [f"{prefix}word{i}"], "pl": [f"{prefix}words{i}"]}
        entries.append(raw)
    return {"lang": "en", "version": 1, "entries": entries}


def test_a_big_import_is_applied_in_batches_with_its_progress(focal_point: Any, monkeypatch):
    monkeypatch.setattr(services, "IMPORT_BATCH", 40)
    calls: list[int] = []
    original = services.terms_import

    def counting(**kwargs: Any) -> Any:
        calls.append(len(kwargs["rows"]))
        return original(**kwargs)

    monkeypatch.setattr(services, "terms_import", counting)
    client = client_for(focal_point)
    response = upload(client, "en.json", json.dumps(bulk_document(100)))
    job = TermImport.objects.get()
    assert response["Location"] == reverse("termbase:import-status", args=[job.pk])
    assert calls == [40, 40, 20]
    assert (job.status, job.total, job.processed, job.created) == ("done", 100, 100, 100)
    assert TermEntry.objects.filter(rule_id__startswith="en.bulk").count() == 100
    page = client.get(response["Location"]).content.decode()
    assert "100 added" in page and "hx-trigger" not in page
    assert job.data == b""  # the file is not kept once imported


def test_a_running_import_s_page_polls_and_reloads_without_javascript(focal_point: Any):
    job = services.import_start(
        actor=focal_point, data=b"{}", kind="json", file_name="en.json", language="en"
    )  # queued: its task waits for the commit that never comes in this test
    client = client_for(focal_point)
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert '<meta http-equiv="refresh"' in page
    part = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert part.lstrip().startswith('<section id="import-progress"')


def test_an_import_over_the_row_cap_is_refused_whole(focal_point: Any, monkeypatch):
    monkeypatch.setattr(services, "MAX_IMPORT_ROWS", 10)
    upload(client_for(focal_point), "en.json", json.dumps(bulk_document(11)))
    job = TermImport.objects.get()
    assert job.status == "failed"
    assert "more than 10 rows" in job.problems[0]
    assert not TermEntry.objects.filter(rule_id__startswith="en.bulk").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"lang": "en", "entries": [' + "[" * 200_000 + "]" * 200_000 + "]}", "nested"),
        ('{"lang": "en", "entries": [{"id": "en.x", "n": ' + "9" * 5000 + "}]}", "digits"),
    ],
)
def test_hostile_json_in_an_import_is_a_clear_failure(focal_point: Any, content: str, message):
    response = upload(client_for(focal_point), "en.json", content)
    assert response.status_code == 302
    job = TermImport.objects.get()
    assert job.status == "failed" and message in job.problems[0]


def test_a_batch_that_fails_keeps_the_ones_before_and_says_where_it_stopped(
    focal_point: Any, monkeypatch
):
    monkeypatch.setattr(services, "IMPORT_BATCH", 30)
    original = services.terms_import
    calls = []

    def failing_second(**kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        return original(**kwargs)

    monkeypatch.setattr(services, "terms_import", failing_second)
    job = TermImport.objects.create(
        created_by=focal_point, data=json.dumps(bulk_document(60)).encode(), kind="json"
    )
    with pytest.raises(RuntimeError):
        services.import_run(import_id=job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and job.processed == 30
    assert "stopped at row 31" in job.problems[0]
    assert TermEntry.objects.filter(rule_id__startswith="en.bulk").count() == 30


def test_only_editors_see_an_import(focal_point: Any, developer: Any):
    job = TermImport.objects.create(created_by=focal_point, data=b"", kind="csv")
    assert client_for(developer).get(job.get_absolute_url()).status_code == 403


def test_an_import_runs_once_even_if_queued_twice(focal_point: Any):
    job = TermImport.objects.create(
        created_by=focal_point, data=json.dumps(bulk_document(3)).encode(), kind="json"
    )
    assert services.import_run(import_id=job.pk) == "done"
    assert services.import_run(import_id=job.pk) == "done"
    assert TermImport.objects.get().created == 3


def test_after_a_big_import_the_first_check_does_not_wait_for_the_rebuild(
    focal_point: Any, monkeypatch
):
    started: list[Any] = []
    monkeypatch.setattr(checker, "start_background", started.append)
    before = checker.rules_at(services.revision_current())  # a quick build: small term base
    monkeypatch.setattr(checker, "INLINE_BUILD_ENTRIES", TermEntry.objects.count() + 10)
    # Under the threshold an edit is built inline: seen on the very next check.
    job = TermImport.objects.create(
        created_by=focal_point, data=json.dumps(bulk_document(20)).encode(), kind="json"
    )
    services.import_run(import_id=job.pk)
    # Past it the first check goes on with the rules it has; one rebuild is queued, not one
    # per request.
    assert checker.rules_at(services.revision_current()) is before
    assert checker.rules_at(services.revision_current()) is before
    assert len(started) == 1
    started[0]()
    assert "en.bulk0" in checker.rules_at(services.revision_current()).entries


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="two workers at once need PostgreSQL's rows locks"
)
def test_two_imports_at_the_same_time_both_end_cleanly(focal_point: Any) -> None:
    from django.db import connections

    jobs = [
        TermImport.objects.create(
            created_by=focal_point,
            data=json.dumps(bulk_document(300, prefix=p)).encode(),
            kind="json",
        )
        for p in ("importone", "importtwo")
    ]
    results: list[Any] = [None, None]
    barrier = threading.Barrier(2)

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = services.import_run(import_id=jobs[i].pk)
        except Exception as error:
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert results == ["done", "done"]
    assert TermEntry.objects.filter(rule_id__startswith="en.importone").count() == 300
    assert TermEntry.objects.filter(rule_id__startswith="en.importtwo").count() == 300
