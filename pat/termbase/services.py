"""Writes to the term base. Every one is recorded, bumps the revision and checks versions.

The revision bump is what makes a change reach the checker of every app server on its next
request (see pat.termbase.checker), so no write may bypass these functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from pat.core.locking import claim
from pat.core.models import Revision, User
from pat.termbase import shipped
from pat.termbase.models import (
    TRACKED_FIELDS,
    LanguageLists,
    TermChange,
    TermEntry,
    TermImport,
)
from pat.terminology import LANGS

TERMBASE_REVISION = "termbase"


def revision_bump() -> None:
    """Tell every process that its compiled rules are stale (inside the caller's transaction)."""
    Revision.bump(TERMBASE_REVISION)


def revision_current() -> int:
    return Revision.current(TERMBASE_REVISION)


def _record(
    *, entry: TermEntry, actor: User | None, action: str, changes: Mapping[str, Any]
) -> TermChange:
    return TermChange.objects.create(
        entry=entry,
        actor=actor,
        action=action,
        version=entry.version,
        changes=dict(changes),
        snapshot=entry.field_values(),
    )


def _claim(entry: TermEntry, expected_version: int | None) -> TermEntry:
    """The optimistic lock: a conditional UPDATE that only one of two racing edits wins."""
    claim(entry, expected=expected_version, label=f"“{entry.lemma}”", updated_at=timezone.now())
    return TermEntry.objects.get(pk=entry.pk)


def _diff(current: TermEntry, fields: Mapping[str, Any]) -> dict[str, list[Any]]:
    changes: dict[str, list[Any]] = {}
    for name, value in fields.items():
        if name not in TRACKED_FIELDS:
            raise ValueError(f"{name} is not a term base field")
        old = getattr(current, name)
        if old != value:
            changes[name] = [old, value]
        setattr(current, name, value)
    return changes


@transaction.atomic
def entry_create(
    *,
    actor: User | None,
    fields: Mapping[str, Any],
    translation_of: TermEntry | None = None,
    action: str = TermChange.Action.CREATED,
) -> TermEntry:
    entry = TermEntry(**fields)
    entry.full_clean()
    entry.save()
    changes = {name: [None, value] for name, value in entry.field_values().items()}
    _record(entry=entry, actor=actor, action=action, changes=changes)
    if translation_of is not None:
        entry_link(entry=entry, other=translation_of, actor=actor)
    revision_bump()
    return entry


@transaction.atomic
def entry_update(
    *,
    entry: TermEntry,
    actor: User | None,
    expected_version: int | None,
    fields: Mapping[str, Any],
    action: str = TermChange.Action.UPDATED,
) -> TermEntry:
    """Save an edit made on expected_version, or raise EditConflict and write nothing."""
    current = _claim(entry, expected_version)
    changes = _diff(current, fields)
    current.full_clean(exclude=["rule_id", "lang"])
    current.save()
    _record(entry=current, actor=actor, action=action, changes=changes)
    revision_bump()
    return current


def entry_set_enabled(
    *, entry: TermEntry, actor: User | None, expected_version: int | None, enabled: bool
) -> TermEntry:
    action = TermChange.Action.ENABLED if enabled else TermChange.Action.DISABLED
    return entry_update(
        entry=entry,
        actor=actor,
        expected_version=expected_version,
        fields={"enabled": enabled},
        action=action,
    )


def entry_restore(
    *, entry: TermEntry, actor: User | None, expected_version: int | None, change: TermChange
) -> TermEntry:
    """Bring back the state an entry had after `change` (recorded as a new change)."""
    if change.entry_id != entry.pk:
        raise ValueError("that change belongs to another entry")
    fields = {
        name: value
        for name, value in change.snapshot.items()
        if name in TRACKED_FIELDS and name not in ("rule_id",)
    }
    return entry_update(
        entry=entry,
        actor=actor,
        expected_version=expected_version,
        fields=fields,
        action=TermChange.Action.RESTORED,
    )


@transaction.atomic
def entry_link(*, entry: TermEntry, other: TermEntry, actor: User | None) -> None:
    """Mark two entries of different languages as translations of each other."""
    if other.lang == entry.lang:
        raise ValueError(_("A translation must be in another language."))
    if entry.counterparts.filter(pk=other.pk).exists():
        return
    entry.counterparts.add(other)
    for one, two in ((entry, other), (other, entry)):
        TermChange.objects.create(
            entry=one,
            actor=actor,
            action=TermChange.Action.LINKED,
            version=one.version,
            changes={"translations": [None, two.rule_id]},
            snapshot=one.field_values(),
        )


@transaction.atomic
def entry_unlink(*, entry: TermEntry, other: TermEntry, actor: User | None) -> None:
    if not entry.counterparts.filter(pk=other.pk).exists():
        return
    entry.counterparts.remove(other)
    for one, two in ((entry, other), (other, entry)):
        TermChange.objects.create(
            entry=one,
            actor=actor,
            action=TermChange.Action.LINKED,
            version=one.version,
            changes={"translations": [two.rule_id, None]},
            snapshot=one.field_values(),
        )


# --- import -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportRow:
    """One validated row of an import: model field values, links and the row's number."""

    number: int
    fields: dict[str, Any]
    translations: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


@transaction.atomic
def terms_import(
    *,
    actor: User | None,
    rows: Sequence[ImportRow],
    language_lists: Mapping[str, Mapping[str, list[str]]] | None = None,
) -> ImportResult:
    """Apply validated rows in one transaction: all of them, or (on any error) none."""
    existing = {
        e.rule_id: e
        for e in TermEntry.objects.filter(rule_id__in=[r.fields["rule_id"] for r in rows])
    }
    created = updated = unchanged = 0
    by_id: dict[str, TermEntry] = {}
    for row in rows:
        current = existing.get(row.fields["rule_id"])
        if current is None:
            entry = TermEntry(**row.fields)
            entry.full_clean()
            entry.save()
            _record(
                entry=entry,
                actor=actor,
                action=TermChange.Action.IMPORTED,
                changes={name: [None, value] for name, value in entry.field_values().items()},
            )
            created += 1
        else:
            values = {k: v for k, v in row.fields.items() if k not in ("rule_id", "lang")}
            if all(getattr(current, k) == v for k, v in values.items()):
                unchanged += 1
                entry = current
            else:
                entry = entry_update(
                    entry=current,
                    actor=actor,
                    expected_version=current.version,
                    fields=values,
                    action=TermChange.Action.IMPORTED,
                )
                updated += 1
        by_id[entry.rule_id] = entry
    for row in rows:
        for other_id in row.translations:
            other = by_id.get(other_id) or TermEntry.objects.filter(rule_id=other_id).first()
            if other is not None and other.lang != by_id[row.fields["rule_id"]].lang:
                entry_link(entry=by_id[row.fields["rule_id"]], other=other, actor=actor)
    for lang, lists in (language_lists or {}).items():
        LanguageLists.objects.update_or_create(
            lang=lang,
            defaults={**{k: list(v) for k, v in lists.items()}, "updated_at": timezone.now()},
        )
    revision_bump()
    return ImportResult(created=created, updated=updated, unchanged=unchanged)


# --- imports in the background ----------------------------------------------------------

# An import holds at most this many rows (the shipped term base has a few hundred entries per
# language); each batch is its own short transaction, so other writers wait seconds at most.
MAX_IMPORT_ROWS = 20_000
IMPORT_BATCH = 250


def import_start(
    *, actor: User | None, data: bytes, kind: str, file_name: str, language: str
) -> TermImport:
    """Store an uploaded import and queue it for the worker (once the upload is committed)."""
    from pat.termbase.tasks import run_import

    with transaction.atomic():
        job = TermImport.objects.create(
            created_by=actor,
            data=data,
            kind=kind,
            file_name=file_name[:200],
            language=language or "en",
        )
        transaction.on_commit(lambda: run_import.enqueue(job.pk))
    return job


def import_run(*, import_id: int) -> str:
    """Validate every row of a stored import, then apply the rows in batches.

    Any invalid row fails the whole import before anything is written (the status page lists
    the problems by row). The batches commit one by one, with the progress recorded after
    each; should one fail (the database went away), the rows before it stay imported and the
    status page says where it stopped: importing the file again finishes the job, since rows
    already imported are unchanged.
    """
    from django.utils import translation

    from pat.termbase import transfer

    claimed = TermImport.objects.filter(pk=import_id, status=TermImport.Status.QUEUED).update(
        status=TermImport.Status.RUNNING
    )
    job = TermImport.objects.get(pk=import_id)
    if not claimed:
        return job.status  # another worker has it, or it already ran
    with translation.override(job.language):
        data = bytes(job.data)
        parsed = (
            transfer.parse_json(data, max_rows=MAX_IMPORT_ROWS)
            if job.kind == "json"
            else transfer.parse_csv(data, max_rows=MAX_IMPORT_ROWS)
        )
        if parsed.errors:
            return _import_end(job, TermImport.Status.FAILED, parsed.errors)
        rows = parsed.rows
        TermImport.objects.filter(pk=job.pk).update(total=len(rows))
        done = 0
        try:
            for start in range(0, len(rows), IMPORT_BATCH):
                batch = [
                    ImportRow(number=r.number, fields=r.fields)
                    for r in rows[start : start + IMPORT_BATCH]
                ]
                last = start + IMPORT_BATCH >= len(rows)
                result = terms_import(
                    actor=job.created_by,
                    rows=batch,
                    language_lists=parsed.language_lists if last else None,
                )
                done = start + len(batch)
                TermImport.objects.filter(pk=job.pk).update(
                    processed=done,
                    created=F("created") + result.created,
                    updated=F("updated") + result.updated,
                    unchanged=F("unchanged") + result.unchanged,
                )
            _link_rows(actor=job.created_by, rows=rows)
        except Exception as error:  # recorded for the person who imported, then re-raised
            row = rows[done].number if done < len(rows) else rows[-1].number
            _import_end(
                job,
                TermImport.Status.FAILED,
                [
                    _(
                        "The import stopped at row %(row)s (%(error)s). The rows before it "
                        "were imported; import the file again to finish."
                    )
                    % {"row": row, "error": error}
                ],
            )
            raise
    return _import_end(job, TermImport.Status.DONE, [])


def _link_rows(*, actor: User | None, rows: Sequence[ImportRow]) -> None:
    """The translations named by the rows, once every row's entry exists, in batches."""
    linked = [r for r in rows if r.translations]
    for start in range(0, len(linked), IMPORT_BATCH):
        with transaction.atomic():
            batch = linked[start : start + IMPORT_BATCH]
            ids = {r.fields["rule_id"] for r in batch} | {t for r in batch for t in r.translations}
            entries = {e.rule_id: e for e in TermEntry.objects.filter(rule_id__in=ids)}
            for row in batch:
                entry = entries.get(row.fields["rule_id"])
                for other_id in row.translations:
                    other = entries.get(other_id)
                    if entry is not None and other is not None and other.lang != entry.lang:
                        entry_link(entry=entry, other=other, actor=actor)


def _import_end(job: TermImport, status: str, problems: list[str]) -> str:
    TermImport.objects.filter(pk=job.pk).update(
        status=status, problems=problems, finished_at=timezone.now(), data=b""
    )
    return status


# --- shipped data ---------------------------------------------------------------------------


@transaction.atomic
def termbase_sync(*, actor: User | None = None, langs: Iterable[str] = LANGS) -> ImportResult:
    """Bring in new and changed shipped entries; entries edited here stay as they are.

    Run after upgrading PAT (`manage.py termbase_sync`); running it twice changes nothing.
    """
    created = updated = unchanged = 0
    edited_here = set(
        TermChange.objects.exclude(action__in=[TermChange.Action.CREATED, TermChange.Action.SYNCED])
        .values_list("entry_id", flat=True)
        .distinct()
    )
    for lang in langs:
        data = shipped.read_shipped(lang)
        LanguageLists.objects.get_or_create(
            lang=lang,
            defaults={name: list(data.get(name) or []) for name in shipped.LANGUAGE_LISTS},
        )
        current = {e.rule_id: e for e in TermEntry.objects.filter(lang=lang)}
        for raw in data["entries"]:
            fields = shipped.entry_to_fields(raw)
            entry = current.get(fields["rule_id"])
            if entry is None:
                made = TermEntry(**fields, shipped=True)
                made.full_clean()
                made.save()
                _record(entry=made, actor=actor, action=TermChange.Action.CREATED, changes={})
                created += 1
                continue
            values = {k: v for k, v in fields.items() if k not in ("rule_id", "lang")}
            if entry.pk in edited_here or all(getattr(entry, k) == v for k, v in values.items()):
                unchanged += 1
                continue
            entry_update(
                entry=entry,
                actor=actor,
                expected_version=entry.version,
                fields=values,
                action=TermChange.Action.SYNCED,
            )
            updated += 1
    if created or updated:
        revision_bump()
    return ImportResult(created=created, updated=updated, unchanged=unchanged)
