"""Seeding the term base from the shipped data files.

Written against model classes passed in, so the data migration can use its historical models
and the `termbase_sync` service the real ones. Idempotent: entries already present are left to
the sync service, which respects local edits.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from pat.termbase import shipped
from pat.terminology import LANGS


def _search_text(fields: dict[str, Any]) -> str:
    words = [fields["lemma"], *fields["suggestions"], *fields["suggestions_pl"]]
    for forms in fields["forms"].values():
        words.extend(forms)
    words.append(fields["explanation"])
    return "\n".join(words).lower()


def seed_shipped(
    *, entry_model: Any, change_model: Any, lists_model: Any, revision_model: Any
) -> int:
    """Create the shipped entries that are missing; returns how many were created."""
    now = timezone.now()
    existing = set(entry_model.objects.values_list("rule_id", flat=True))
    created = 0
    for lang in LANGS:
        data = shipped.read_shipped(lang)
        lists_model.objects.get_or_create(
            lang=lang,
            defaults={name: list(data.get(name) or []) for name in shipped.LANGUAGE_LISTS},
        )
        rows = [shipped.entry_to_fields(raw) for raw in data["entries"]]
        new = [
            entry_model(
                **row,
                shipped=True,
                enabled=True,
                search_text=_search_text(row),
                created_at=now,
                updated_at=now,
            )
            for row in rows
            if row["rule_id"] not in existing
        ]
        entry_model.objects.bulk_create(new, batch_size=500)
        created += len(new)
    ids = {e.rule_id: e.pk for e in entry_model.objects.filter(shipped=True)}
    with_history = set(change_model.objects.values_list("entry_id", flat=True).distinct())
    changes = []
    for entry in entry_model.objects.filter(pk__in=set(ids.values()) - with_history):
        snapshot = {name: getattr(entry, name) for name in (*shipped.ENTRY_FIELDS, "enabled")}
        changes.append(
            change_model(
                entry=entry,
                actor=None,
                at=now,
                action="created",
                version=entry.version,
                changes={},
                snapshot=snapshot,
            )
        )
    change_model.objects.bulk_create(changes, batch_size=500)
    if created:
        # core.Revision, named "termbase": every process rebuilds its compiled rules.
        revision, _ = revision_model.objects.get_or_create(name="termbase")
        revision_model.objects.filter(name="termbase").update(value=revision.value + 1)
    return created
