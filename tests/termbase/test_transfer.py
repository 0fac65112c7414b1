"""Import and export: CSV and JSON round trips, all-or-nothing import, CSV injection."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from pat.termbase import services
from pat.termbase.models import TermEntry, TermImport
from pat.terminology.rules import parse_ruleset
from tests.termbase.conftest import client_for

pytestmark = pytest.mark.django_db


def export_csv(client: Any, **params: str) -> str:
    response = client.get(reverse("termbase:export", args=["csv"]), params)
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8-sig")


def upload(client: Any, name: str, content: str | bytes) -> Any:
    """Upload an import; the queued task runs (immediate backend) when the upload commits."""
    data = content.encode() if isinstance(content, str) else content
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("termbase:import"), {"file": SimpleUploadedFile(name, data)})


def last_import() -> TermImport:
    return TermImport.objects.latest("created_at")


def test_a_json_export_of_one_language_is_a_valid_data_file(developer: Any) -> None:
    response = client_for(developer).get(reverse("termbase:export", args=["json"]), {"lang": "fr"})
    document = json.loads(response.content)
    rules = parse_ruleset(document, "fr", "export")
    assert len(rules.entries) == TermEntry.objects.filter(lang="fr", enabled=True).count()
    assert document["proper_names"]


def test_a_csv_export_imports_back_unchanged(focal_point: Any) -> None:
    client = client_for(focal_point)
    text = export_csv(client, lang="es")
    response = upload(client, "es.csv", text)
    assert response.status_code == 302
    assert TermEntry.objects.filter(version__gt=1).count() == 0


def test_an_edited_csv_row_updates_that_entry_with_history(focal_point: Any) -> None:
    client = client_for(focal_point)
    rows = list(csv.DictReader(io.StringIO(export_csv(client, lang="en"))))
    for row in rows:
        if row["rule_id"] == "en.chairman":
            row["explanation"] = "Edited in a spreadsheet."
            row["enabled"] = "false"
    rows.append(
        {
            **rows[0],
            "rule_id": "en.firemanship",
            "lemma": "firemanship",
            "forms_sg": "",
            "forms_pl": "",
            "translations": "",
        }
    )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    response = upload(client, "en.csv", out.getvalue())
    assert response.status_code == 302
    chairman = TermEntry.objects.get(rule_id="en.chairman")
    assert chairman.explanation == "Edited in a spreadsheet."
    assert not chairman.enabled
    assert chairman.changes.first().action == "imported"  # type: ignore[union-attr]
    assert TermEntry.objects.filter(rule_id="en.firemanship").exists()
    assert TermEntry.objects.filter(version__gt=1).count() == 1


def test_an_import_with_one_bad_row_applies_nothing_and_names_the_row(focal_point: Any) -> None:
    client = client_for(focal_point)
    rows = list(csv.DictReader(io.StringIO(export_csv(client, lang="en"))))
    rows[0]["explanation"] = "Changed, but must not be saved."
    rows[5]["severity"] = "catastrophic"
    rows[7]["rule_id"] = "de.mann"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    response = upload(client, "en.csv", out.getvalue())
    assert response.status_code == 302
    assert last_import().status == "failed"
    problems = last_import().problems
    assert len(problems) == 2
    assert problems[0].startswith(f"Row 7 ({rows[5]['rule_id']}): 'severity'")
    assert problems[1].startswith("Row 9 (de.mann)")
    assert TermEntry.objects.filter(version__gt=1).count() == 0
    assert not TermEntry.objects.filter(explanation="Changed, but must not be saved.").exists()


def test_a_json_file_imports_with_its_lists_and_translations(focal_point: Any) -> None:
    client = client_for(focal_point)
    entry = TermEntry.objects.get(rule_id="en.chairman")
    document = client.get(reverse("termbase:export", args=["json"]), {"lang": "en"}).json()
    for raw in document["entries"]:
        if raw["id"] == "en.chairman":
            raw["severity"] = "high"
            raw["translations"] = (
                ["fr.president"]
                if TermEntry.objects.filter(rule_id="fr.president").exists()
                else []
            )
    document["proper_names"].append("Chairman Lake")
    response = upload(client, "en.json", json.dumps(document))
    assert response.status_code == 302
    assert last_import().status == "done", last_import().problems
    entry.refresh_from_db()
    assert entry.severity == "high"
    again = client.get(reverse("termbase:export", args=["json"]), {"lang": "en"}).json()
    assert "Chairman Lake" in again["proper_names"]


def test_an_invalid_json_file_gets_a_clear_message(focal_point: Any) -> None:
    client = client_for(focal_point)
    response = upload(client, "en.json", '{"lang": "en", "entries": [')
    assert response.status_code == 302
    assert "Not valid JSON" in last_import().problems[0]
    page = client.get(response["Location"]).content.decode()
    assert "Nothing was imported" in page and "Not valid JSON" in page


def test_uploads_over_the_size_limit_are_refused(focal_point: Any, settings: Any) -> None:
    settings.PAT_TERMBASE_MAX_IMPORT_BYTES = 1024
    response = upload(client_for(focal_point), "big.csv", "rule_id\n" + "x" * 2000)
    assert response.status_code == 400
    assert "larger than" in str(response.context["form"].errors["file"])


def test_csv_export_neutralises_formulas_and_import_restores_them(focal_point: Any) -> None:
    entry = TermEntry.objects.get(rule_id="en.chairman")
    services.entry_update(
        entry=entry,
        actor=focal_point,
        expected_version=1,
        fields={"explanation": '=HYPERLINK("http://evil.example","click")'},
    )
    client = client_for(focal_point)
    text = export_csv(client, lang="en")
    assert "'=HYPERLINK" in text
    assert ",=HYPERLINK" not in text
    assert upload(client, "en.csv", text).status_code == 302
    entry.refresh_from_db()
    assert entry.explanation.startswith("=HYPERLINK")
    assert entry.version == 2  # the round trip changed nothing


def test_sync_with_the_shipped_data_is_idempotent_and_keeps_local_edits(
    focal_point: Any,
) -> None:
    entry = TermEntry.objects.get(rule_id="en.chairman")
    services.entry_update(
        entry=entry, actor=focal_point, expected_version=1, fields={"severity": "high"}
    )
    result = services.termbase_sync()
    assert (result.created, result.updated) == (0, 0)
    entry.refresh_from_db()
    assert entry.severity == "high"
