"""Import and export of the term base as CSV and as JSON in the data-file format.

Import is two steps: `parse_*` reads and validates every row and returns either the rows or
every problem found (with its row number); only a clean file reaches services.terms_import.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from pat.termbase import shipped
from pat.termbase.models import LanguageLists, TermEntry
from pat.termbase.services import ImportRow
from pat.terminology import LANGS

CSV_COLUMNS = (
    "rule_id",
    "lang",
    "lemma",
    "pos",
    "category",
    "severity",
    "suggestions",
    "suggestions_pl",
    "forms_sg",
    "forms_pl",
    "forms_verb",
    "explanation",
    "source",
    "debatable",
    "guide",
    "mode",
    "context",
    "except",
    "enabled",
    "translations",
)
REQUIRED_COLUMNS = ("rule_id", "lemma", "pos", "category", "severity", "explanation", "source")
SEPARATOR = " | "
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TRUE = {"true", "1", "yes", "y"}
_FALSE = {"false", "0", "no", "n", ""}


def safe_cell(value: str) -> str:
    # A cell starting with = + - @ is run as a formula by spreadsheet programs (CSV
    # injection); a leading apostrophe keeps it text, and import takes it off again.
    if value[:1] in _FORMULA_START:
        return "'" + value
    return value


def unsafe_cell(value: str) -> str:
    if value[:1] == "'" and value[1:2] in _FORMULA_START and value[1:2]:
        return value[1:]
    return value


def _joined(values: Iterable[str]) -> str:
    return SEPARATOR.join(values)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _entries(lang: str | None) -> Iterator[TermEntry]:
    qs = TermEntry.objects.prefetch_related("counterparts").order_by("lang", "rule_id")
    if lang:
        qs = qs.filter(lang=lang)
    return qs.iterator(chunk_size=500)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(lang: str | None = None) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so Excel opens UTF-8 with the right accents
    yield writer.writerow(CSV_COLUMNS)
    for e in _entries(lang):
        forms = e.forms or {}
        row = [
            e.rule_id,
            e.lang,
            e.lemma,
            e.pos,
            e.category,
            e.severity,
            _joined(e.suggestions),
            _joined(e.suggestions_pl),
            _joined(forms.get("sg", [])),
            _joined(forms.get("pl", [])),
            _joined(forms.get("verb", [])),
            e.explanation,
            e.source,
            "true" if e.debatable else "false",
            e.guide,
            e.mode,
            _joined(e.context),
            _joined(e.exceptions),
            "true" if e.enabled else "false",
            _joined(sorted(c.rule_id for c in e.counterparts.all())),
        ]
        yield writer.writerow([safe_cell(v) for v in row])


def json_document(lang: str, *, include_disabled: bool = False) -> dict[str, Any]:
    """One language in the data-file format; without disabled entries it can replace the file."""
    entries: list[dict[str, Any]] = []
    for e in _entries(lang):
        if not e.enabled and not include_disabled:
            continue
        data = e.as_data()
        if not e.enabled:
            data["enabled"] = False
        links = sorted(c.rule_id for c in e.counterparts.all())
        if links:
            # Not part of the engine's format; the engine ignores keys it does not know.
            data["translations"] = links
        entries.append(data)
    lists = LanguageLists.objects.filter(lang=lang).first()
    out: dict[str, Any] = {"lang": lang, "version": 1, "entries": entries}
    for name in shipped.LANGUAGE_LISTS:
        values = list(getattr(lists, name)) if lists else []
        if values or name != "generic_referents":
            out[name] = values
    return out


# --- import -------------------------------------------------------------------------------


@dataclass(slots=True)
class Parsed:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    language_lists: dict[str, dict[str, list[str]]] = field(default_factory=dict)


def _row_error(number: int, rule_id: str, message: str) -> str:
    if rule_id:
        return _("Row %(n)s (%(id)s): %(msg)s") % {"n": number, "id": rule_id, "msg": message}
    return _("Row %(n)s: %(msg)s") % {"n": number, "msg": message}


def _validated(
    number: int, raw: dict[str, Any], extra: dict[str, Any], parsed: Parsed, seen: set[str]
) -> None:
    rule_id = raw.get("id") if isinstance(raw.get("id"), str) else ""
    lang = shipped.lang_of(rule_id) if rule_id else ""
    if not rule_id:
        parsed.errors.append(_row_error(number, "", _("'id' is required")))
        return
    if lang not in LANGS:
        parsed.errors.append(
            _row_error(number, rule_id, _("the id must start with en., fr. or es."))
        )
        return
    if rule_id in seen:
        parsed.errors.append(_row_error(number, rule_id, _("this id appears twice in the file")))
        return
    seen.add(rule_id)
    problem = shipped.validate_entry(raw, lang, "row")
    if problem:
        parsed.errors.append(_row_error(number, rule_id, problem))
        return
    fields = shipped.entry_to_fields(raw)
    fields.pop("lang")
    fields["lang"] = lang
    candidate = TermEntry(**fields, **{k: v for k, v in extra.items() if k != "translations"})
    try:
        candidate.full_clean(exclude=["rule_id"])
        candidate.rule_id = rule_id
        from pat.termbase.models import rule_id_validator

        rule_id_validator(rule_id)
    except Exception as exc:  # ValidationError, with its messages per field
        messages = getattr(exc, "messages", [str(exc)])
        parsed.errors.append(_row_error(number, rule_id, "; ".join(str(m) for m in messages)))
        return
    parsed.rows.append(
        ImportRow(
            number=number,
            fields={**fields, "enabled": extra.get("enabled", True)},
            translations=tuple(extra.get("translations", ())),
        )
    )


def _bool(cell: str) -> bool | None:
    low = cell.strip().lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    return None


def _too_many_rows(max_rows: int) -> str:
    return _("The file has more than %(n)s rows; split it into files of at most %(n)s rows.") % {
        "n": f"{max_rows:,}"
    }


def parse_csv(data: bytes, *, max_rows: int | None = None) -> Parsed:
    parsed = Parsed()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        parsed.errors.append(_("The file is not UTF-8 text; save it as CSV UTF-8."))
        return parsed
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        parsed.errors.append(
            _("The file lacks the column(s): %(cols)s.") % {"cols": ", ".join(missing)}
        )
        return parsed
    seen: set[str] = set()
    try:
        for count, row in enumerate(reader, start=1):
            if max_rows is not None and count > max_rows:
                return Parsed(errors=[_too_many_rows(max_rows)])
            number = reader.line_num
            cells = {
                (k or "").strip(): unsafe_cell((v or "").strip()) if isinstance(v, str) else ""
                for k, v in row.items()
            }
            if not any(cells.values()):
                continue
            problems: list[str] = []
            debatable = _bool(cells.get("debatable", ""))
            enabled = _bool(cells.get("enabled", "") or "true")
            if debatable is None:
                problems.append(_("'debatable' must be true or false"))
            if enabled is None:
                problems.append(_("'enabled' must be true or false"))
            if cells.get("lang") and not cells.get("rule_id", "").startswith(cells["lang"] + "."):
                problems.append(_("'lang' does not match the id"))
            if problems:
                parsed.errors.append(
                    _row_error(number, cells.get("rule_id", ""), "; ".join(problems))
                )
                continue
            forms = {
                key: _split(cells.get(f"forms_{key}", ""))
                for key in ("sg", "pl", "verb")
                if _split(cells.get(f"forms_{key}", ""))
            }
            raw: dict[str, Any] = {
                "id": cells.get("rule_id", ""),
                "lemma": cells.get("lemma", ""),
                "pos": cells.get("pos", ""),
                "forms": forms,
                "category": cells.get("category", ""),
                "severity": cells.get("severity", ""),
                "suggestions": _split(cells.get("suggestions", "")),
                "suggestions_pl": _split(cells.get("suggestions_pl", "")),
                "explanation": cells.get("explanation", ""),
                "source": cells.get("source", ""),
                "debatable": bool(debatable),
                "guide": cells.get("guide", "") or shipped.DEFAULT_GUIDE,
                "mode": cells.get("mode", "") or "both",
                "context": _split(cells.get("context", "")),
                "except": _split(cells.get("except", "")),
            }
            extra = {
                "enabled": bool(enabled),
                "translations": _split(cells.get("translations", "")),
            }
            _validated(number, raw, extra, parsed, seen)
    except csv.Error as exc:
        parsed.errors.append(_("The CSV file is malformed: %(err)s") % {"err": exc})
    if not parsed.rows and not parsed.errors:
        parsed.errors.append(_("The file has no rows."))
    return parsed


def parse_json(data: bytes, *, max_rows: int | None = None) -> Parsed:
    parsed = Parsed()
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        parsed.errors.append(_("The file is not UTF-8 text."))
        return parsed
    except RecursionError:
        parsed.errors.append(_("The JSON is nested too deeply to be a term list."))
        return parsed
    except json.JSONDecodeError as exc:
        parsed.errors.append(
            _("Not valid JSON at line %(line)s column %(col)s: %(msg)s")
            % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg}
        )
        return parsed
    except ValueError as exc:
        # Python refuses integers of more than 4,300 digits (a denial-of-service guard).
        parsed.errors.append(_("Not valid JSON: %(msg)s") % {"msg": str(exc)[:200]})
        return parsed
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        parsed.errors.append(_("The file must be a JSON object with an 'entries' list."))
        return parsed
    lang = document.get("lang")
    if lang not in LANGS:
        parsed.errors.append(_("'lang' must be en, fr or es."))
        return parsed
    lists: dict[str, list[str]] = {}
    for name in shipped.LANGUAGE_LISTS:
        if name not in document:
            continue
        value = document[name]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            parsed.errors.append(_("'%(name)s' must be a list of strings.") % {"name": name})
        else:
            lists[name] = value
    if lists:
        parsed.language_lists[lang] = lists
    if max_rows is not None and len(document["entries"]) > max_rows:
        return Parsed(errors=[_too_many_rows(max_rows)])
    seen: set[str] = set()
    for index, raw in enumerate(document["entries"], start=1):
        if not isinstance(raw, dict):
            parsed.errors.append(_row_error(index, "", _("must be a JSON object")))
            continue
        rule_id = str(raw["id"]) if isinstance(raw.get("id"), str) else ""
        if rule_id and not rule_id.startswith(f"{lang}."):
            parsed.errors.append(
                _row_error(index, rule_id, _("the id must start with “%(lang)s.”") % {"lang": lang})
            )
            continue
        enabled = raw.get("enabled", True)
        translations = raw.get("translations", [])
        if not isinstance(enabled, bool):
            parsed.errors.append(_row_error(index, rule_id, _("'enabled' must be true or false")))
            continue
        if not isinstance(translations, list) or not all(isinstance(t, str) for t in translations):
            parsed.errors.append(
                _row_error(index, rule_id, _("'translations' must be a list of rule ids"))
            )
            continue
        _validated(index, raw, {"enabled": enabled, "translations": translations}, parsed, seen)
    if not parsed.rows and not parsed.errors:
        parsed.errors.append(_("The file has no entries."))
    return parsed
