"""Demo reference library: short guidance notes we wrote, in English, French and Spanish.

The notes live as Markdown in pat/guide/library/<language>/ and are shelved as PDFs made by
pat.core.pdf, the way an office would upload its own notes. Added once: a note whose title
is already in the library is left alone.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction

from pat.core.models import Office
from pat.core.pdf import render_pdf
from pat.guide.kit import markdown_blocks
from pat.guide.models import LibraryDocument, Topic
from pat.guide.services import document_add, read_content_file

LIBRARY_DIR = Path(__file__).resolve().parent / "library"
# Each note's topic, tags and date (the same in every language).
NOTES: dict[str, tuple[str, tuple[str, ...], dt.date]] = {
    "gender-analysis-checklist": (
        Topic.GENDER_ANALYSIS,
        ("checklist", "rationale"),
        dt.date(2025, 11, 4),
    ),
    "counting-people-by-sex-and-age": (Topic.SADD, ("indicators", "targets"), dt.date(2026, 2, 17)),
}


@transaction.atomic
def build_library() -> int:
    """Shelve the notes not yet in the library; returns how many were added."""
    have = set(LibraryDocument.objects.values_list("title", flat=True))
    office = Office.objects.filter(kind="hq").first()
    added = 0
    for language in ("en", "fr", "es"):
        for path in sorted((LIBRARY_DIR / language).glob("*.md")):
            note = read_content_file(path, language)
            if note.title in have or note.key not in NOTES:
                continue
            topic, tags, published = NOTES[note.key]
            pdf = render_pdf(note.title, markdown_blocks(note.body))
            document_add(
                actor=None,
                title=note.title,
                summary=note.summary,
                language=language,
                topic=topic,
                tags=tags,
                office=office,
                published_on=published,
                upload=ContentFile(pdf, name=f"{note.key}-{language}.pdf"),
                content_type="application/pdf",
            )
            added += 1
    return added
