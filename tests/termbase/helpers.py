"""Builders shared by the term base tests."""

from __future__ import annotations

import io
from typing import Any

from pat.termbase.models import TermEntry


def entry_form_data(entry: TermEntry | None = None, **changes: Any) -> dict[str, Any]:
    if entry is None:
        data: dict[str, Any] = {
            "lang": "en",
            "lemma": "firemanship",
            "rule_id": "",
            "pos": "noun",
            "category": "role-noun",
            "severity": "medium",
            "suggestions": "firefighting",
            "suggestions_pl": "",
            "explanation": "A gendered word for a job done by everyone.",
            "source": "UN Guidelines for gender-inclusive language (English)",
            "forms_sg": "",
            "forms_pl": "",
            "forms_verb": "",
            "exceptions": "",
            "guide": "gender-sensitive-language",
            "mode": "both",
        }
    else:
        forms = entry.forms or {}
        data = {
            "lang": entry.lang,
            "lemma": entry.lemma,
            "pos": entry.pos,
            "category": entry.category,
            "severity": entry.severity,
            "suggestions": "\n".join(entry.suggestions),
            "suggestions_pl": "\n".join(entry.suggestions_pl),
            "explanation": entry.explanation,
            "source": entry.source,
            "forms_sg": "\n".join(forms.get("sg", [])),
            "forms_pl": "\n".join(forms.get("pl", [])),
            "forms_verb": "\n".join(forms.get("verb", [])),
            "exceptions": "\n".join(entry.exceptions),
            "context": list(entry.context),
            "guide": entry.guide,
            "mode": entry.mode,
            "version": entry.version,
        }
        if entry.debatable:
            data["debatable"] = "on"
    data.update(changes)
    return data


def docx_bytes(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
