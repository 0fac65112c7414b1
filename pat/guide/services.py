"""Writing the guide and the library: every change is recorded and reindexed.

Pages are edited under optimistic locking (the `version` compared on save, as projects
are), every save and restore adds a revision, and the search index is kept in step here
rather than by signals so that a bulk load can batch it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pat.core.locking import claim
from pat.core.models import Office, User
from pat.guide.keys import CATALOGUE, spec_for
from pat.guide.markdown import plain_text, render_markdown
from pat.guide.models import (
    GuidePage,
    GuidePageRevision,
    LibraryDocument,
    SearchEntry,
    Tag,
)

CONTENT_DIR = Path(__file__).resolve().parent / "content"


# --- search index -------------------------------------------------------------------------


def page_search_entry(page: GuidePage) -> SearchEntry:
    return SearchEntry(
        kind=SearchEntry.Kind.PAGE,
        ref_id=page.pk,
        language=page.language,
        topic=page.topic,
        title=page.title,
        body="\n".join(filter(None, [page.summary, plain_text(page.body)])),
        url=f"{page.get_absolute_url()}?lang={page.language}",
    )


def document_search_entry(document: LibraryDocument, tags: Iterable[str] = ()) -> SearchEntry:
    return SearchEntry(
        kind=SearchEntry.Kind.DOCUMENT,
        ref_id=document.pk,
        language=document.language,
        topic=document.topic,
        title=document.title,
        body="\n".join(filter(None, [document.summary, " ".join(tags), document.original_name])),
        url=document.get_absolute_url(),
    )


def _index(entries: Iterable[SearchEntry]) -> None:
    # Delete and insert (not update) so the SQLite FTS triggers see plain inserts.
    entries = list(entries)
    for kind in {e.kind for e in entries}:
        ids = [e.ref_id for e in entries if e.kind == kind]
        SearchEntry.objects.filter(kind=kind, ref_id__in=ids).delete()
    SearchEntry.objects.bulk_create(entries, batch_size=500)


# --- pages ----------------------------------------------------------------------------------


def _record(page: GuidePage, actor: User | None, note: str = "") -> GuidePageRevision:
    return GuidePageRevision.objects.create(
        page=page,
        version=page.version,
        title=page.title,
        summary=page.summary,
        body=page.body,
        actor=actor,
        at=page.updated_at,
        note=note[:200],
    )


@transaction.atomic
def page_create(
    *,
    actor: User | None,
    key: str,
    language: str,
    title: str,
    body: str,
    summary: str = "",
    note: str = "",
) -> GuidePage:
    """A new page, or a new translation of an existing key."""
    spec = spec_for(key)
    sibling = GuidePage.objects.filter(key=key).first()
    page = GuidePage(
        key=key,
        language=language,
        title=title,
        summary=summary,
        body=body,
        body_html=render_markdown(body),
        module=spec.module if spec else (sibling.module if sibling else "proposal"),
        order=spec.order if spec else (sibling.order if sibling else 500),
        updated_by=actor,
        updated_at=timezone.now(),
    )
    page.full_clean()
    page.save()
    _record(page, actor, note or _("created"))
    _index([page_search_entry(page)])
    return page


@transaction.atomic
def page_update(
    *,
    page: GuidePage,
    actor: User | None,
    expected_version: int | None,
    title: str,
    body: str,
    summary: str = "",
    note: str = "",
) -> GuidePage:
    """Save an edit made on `expected_version`, or raise EditConflict and write nothing."""
    claim(page, expected=expected_version, label=f"“{page.title}”", updated_at=timezone.now())
    current = GuidePage.objects.get(pk=page.pk)
    current.title = title
    current.summary = summary
    current.body = body
    current.body_html = render_markdown(body)
    current.updated_by = actor
    current.full_clean()
    current.save()
    _record(current, actor, note)
    _index([page_search_entry(current)])
    return current


@transaction.atomic
def page_restore(
    *,
    page: GuidePage,
    revision: GuidePageRevision,
    actor: User | None,
    expected_version: int | None,
) -> GuidePage:
    """Make an earlier revision current again, as a new revision (history is never cut)."""
    if revision.page_id != page.pk:
        raise ValueError("revision of another page")
    return page_update(
        page=page,
        actor=actor,
        expected_version=expected_version,
        title=revision.title,
        summary=revision.summary,
        body=revision.body,
        note=_("restored version %(v)s") % {"v": revision.version},
    )


# --- starter content --------------------------------------------------------------------------

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


@dataclass(frozen=True, slots=True)
class ContentFile:
    key: str
    language: str
    title: str
    summary: str
    body: str


def read_content_file(path: Path, language: str) -> ContentFile:
    """A starter page: `title:` and `summary:` between `---` lines, then Markdown."""
    text = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    m = _FRONT.match(text)
    if m:
        for line in m.group(1).splitlines():
            name, _sep, value = line.partition(":")
            meta[name.strip()] = value.strip()
        text = text[m.end() :]
    return ContentFile(
        key=path.stem,
        language=language,
        title=meta.get("title") or path.stem.replace("-", " ").capitalize(),
        summary=meta.get("summary", ""),
        body=text.strip() + "\n",
    )


def starter_content(directory: Path = CONTENT_DIR) -> list[ContentFile]:
    files: list[ContentFile] = []
    order = {spec.key: spec.order for spec in CATALOGUE}
    for language in ("en", "fr", "es"):
        for path in sorted((directory / language).glob("*.md")):
            files.append(read_content_file(path, language))
    return sorted(files, key=lambda f: (f.language != "en", order.get(f.key, 999), f.key))


@transaction.atomic
def content_load(*, actor: User | None = None, directory: Path = CONTENT_DIR) -> int:
    """Add the starter pages that are not there yet; pages people have written are kept.

    Idempotent: a second run adds nothing. Returns how many pages were added.
    """
    existing = set(GuidePage.objects.values_list("key", "language"))
    added = 0
    for item in starter_content(directory):
        if (item.key, item.language) in existing:
            continue
        page_create(
            actor=actor,
            key=item.key,
            language=item.language,
            title=item.title,
            summary=item.summary,
            body=item.body,
            note=_("starter content"),
        )
        added += 1
    return added


# --- library ------------------------------------------------------------------------------------


def _tags(names: Iterable[str]) -> list[Tag]:
    tags = []
    for name in dict.fromkeys(n.strip().lower() for n in names if n.strip()):
        tag, _created = Tag.objects.get_or_create(name=name[:50])
        tags.append(tag)
    return tags


@transaction.atomic
def document_add(
    *,
    actor: User | None,
    title: str,
    summary: str = "",
    language: str,
    topic: str,
    tags: Iterable[str] = (),
    office: Office | None = None,
    published_on: Any = None,
    upload: Any = None,
    content_type: str = "",
    url: str = "",
) -> LibraryDocument:
    """A library entry from a checked upload (or a link). Nothing is stored if it is invalid."""
    document = LibraryDocument(
        title=title,
        summary=summary,
        language=language,
        topic=topic,
        office=office,
        url=url if upload is None else "",
        added_by=actor,
    )
    if published_on is not None:
        document.published_on = published_on
    if upload is not None:
        document.original_name = upload.name[:255]
        document.content_type = content_type
        document.size = upload.size
        # A placeholder name lets full_clean see "a file is given" before anything is written.
        document.file.name = "pending"
    document.full_clean()
    if upload is not None:
        document.file.save(upload.name, upload, save=False)
    document.save()
    tag_objs = _tags(tags)
    document.tags.set(tag_objs)
    _index([document_search_entry(document, [t.name for t in tag_objs])])
    return document


@transaction.atomic
def document_remove(*, document: LibraryDocument, actor: User | None) -> None:
    SearchEntry.objects.filter(kind=SearchEntry.Kind.DOCUMENT, ref_id=document.pk).delete()
    stored = document.file.name if document.file else ""
    storage = document.file.storage if document.file else None
    document.delete()
    if storage is not None and stored:
        # Only after the row is gone, and only once the transaction commits.
        transaction.on_commit(lambda: storage.delete(stored))


def reindex_all() -> int:
    """Rebuild the whole search index (after a bulk import or a restore from backup)."""
    SearchEntry.objects.all().delete()
    entries = [page_search_entry(p) for p in GuidePage.objects.all()]
    for document in LibraryDocument.objects.prefetch_related("tags"):
        entries.append(document_search_entry(document, document.tag_names()))
    SearchEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)
