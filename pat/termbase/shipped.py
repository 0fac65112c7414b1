"""Between the data-file format (docs/terminology-rules.md) and the term base's fields.

Pure functions, no database: the seeding migration, the sync service, import and export all
go through them, so a JSON export of one language is a valid replacement for the shipped file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pat.terminology import LANGS
from pat.terminology.rules import RuleDataError, data_dir, parse_entry

# Model field name -> data-file key, for the fields that differ.
FIELD_TO_KEY = {"rule_id": "id", "exceptions": "except"}
KEY_TO_FIELD = {v: k for k, v in FIELD_TO_KEY.items()}

# The entry fields in data-file order (also the CSV columns, with "enabled" and "translations").
ENTRY_FIELDS = (
    "rule_id",
    "lemma",
    "pos",
    "forms",
    "category",
    "severity",
    "suggestions",
    "suggestions_pl",
    "explanation",
    "source",
    "debatable",
    "guide",
    "mode",
    "context",
    "exceptions",
)
LIST_FIELDS = ("suggestions", "suggestions_pl", "context", "exceptions")
DEFAULT_GUIDE = "gender-sensitive-language"
LANGUAGE_LISTS = ("proper_names", "accepted_pairs", "generic_referents")


def read_shipped(lang: str) -> dict[str, Any]:
    """The shipped data file of one language, as written (not the engine's parsed form)."""
    path = data_dir() / f"{lang}.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def lang_of(rule_id: str) -> str:
    return rule_id.split(".", 1)[0]


def entry_to_fields(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Model field values of one data-file entry (assumed valid: see validate_entry)."""
    forms = raw.get("forms") or {}
    return {
        "rule_id": raw["id"],
        "lang": lang_of(raw["id"]),
        "lemma": raw["lemma"],
        "pos": raw["pos"],
        "forms": {k: list(v) for k, v in forms.items() if v},
        "category": raw["category"],
        "severity": raw["severity"],
        "suggestions": list(raw.get("suggestions") or []),
        "suggestions_pl": list(raw.get("suggestions_pl") or []),
        "explanation": raw["explanation"].strip(),
        "source": raw["source"],
        "debatable": bool(raw.get("debatable", False)),
        "guide": raw.get("guide") or DEFAULT_GUIDE,
        "mode": raw.get("mode", "both"),
        "context": list(raw.get("context") or []),
        "exceptions": list(raw.get("except") or []),
    }


def fields_to_entry(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The data-file entry of a term base row (a dict of model field values)."""
    out: dict[str, Any] = {}
    for name in ENTRY_FIELDS:
        value = fields[name]
        if name == "forms":
            value = {k: list(value.get(k, [])) for k in ("sg", "pl", "verb") if value.get(k)}
        elif name in LIST_FIELDS:
            value = list(value)
        out[FIELD_TO_KEY.get(name, name)] = value
    return out


def validate_entry(raw: Any, lang: str, where: str) -> str | None:
    """None when the engine accepts the entry, else its message (the engine's own words)."""
    if lang not in LANGS:
        return f"unsupported language {lang!r}; use one of {', '.join(LANGS)}"
    try:
        parse_entry(raw, lang, where, 0)
    except RuleDataError as exc:
        # The engine prefixes "<path>: entry #0 (...)": the caller says which row it is.
        message = str(exc)
        return message.split(": ", 2)[-1] if message.startswith(where) else message
    return None
