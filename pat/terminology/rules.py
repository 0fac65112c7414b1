"""Loading, validation and form generation of the rule data files.

The data files are the contract with the people who write the rules (docs/terminology-rules.md).
Every error names the file and the entry, because the files are edited by hand and a vague
"KeyError" would send the editor hunting.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .model import (
    CATEGORIES,
    CONTEXT_TAGS,
    ENTRY_MODES,
    LANGS,
    POS,
    SEVERITIES,
    Entry,
    Lang,
)

DATA_DIR = Path(__file__).resolve().parent / "data"


def data_dir() -> Path:
    """Where the data files are; PAT_TERMINOLOGY_DATA points tests and rule editors elsewhere."""
    override = os.environ.get("PAT_TERMINOLOGY_DATA")
    return Path(override) if override else DATA_DIR


# Form tags tell the inflector how to bend a suggestion to the span it replaces.
SG, PL = "sg", "pl"
V_BASE, V_3S, V_ED, V_ING = "v", "v3s", "ved", "ving"


class RuleDataError(ValueError):
    """A data file is missing, is not JSON, or breaks the format contract."""


@dataclass(frozen=True, slots=True)
class Surface:
    """A written form of an entry, with what the inflector needs to know about it."""

    entry: Entry
    tag: str
    possessive_ok: bool


@dataclass(frozen=True, slots=True, eq=False)
class RuleSet:
    lang: Lang
    entries: tuple[Entry, ...]
    proper_names: tuple[str, ...]
    accepted_pairs: tuple[str, ...]
    generic_referents: tuple[str, ...] = ()
    path: str = ""
    by_id: Mapping[str, Entry] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, eq=False)
class VacancyLists:
    lang: Lang
    masculine: tuple[str, ...]
    feminine: tuple[str, ...]
    not_coded: tuple[str, ...]
    validated: bool
    source: str
    path: str = ""
    # Stems added beyond the published base list (reported as such, never silently mixed in).
    added_masculine: tuple[str, ...] = ()
    added_feminine: tuple[str, ...] = ()
    added_source: str = ""


def _err(path: str, where: str, msg: str) -> RuleDataError:
    return RuleDataError(f"{path}: {where}: {msg}" if where else f"{path}: {msg}")


def _read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuleDataError(f"{path}: rule data file is missing") from None
    except OSError as exc:
        raise RuleDataError(f"{path}: cannot read rule data: {exc.strerror}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise RuleDataError(
            f"{path}: not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None


def _str_list(value: Any, path: str, where: str, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _err(path, where, f"'{name}' must be a list of strings")
    return tuple(v for v in value if v.strip())


def parse_entry(raw: Any, lang: str, path: str, index: int) -> Entry:
    where = f"entry #{index}"
    if not isinstance(raw, dict):
        raise _err(path, where, "must be a JSON object")
    ident = raw.get("id")
    if isinstance(ident, str):
        where = f"entry #{index} ({ident})"
    for key in ("id", "lemma", "pos", "category", "severity", "explanation", "source"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise _err(path, where, f"'{key}' is required and must be a non-empty string")
    if not raw["id"].startswith(f"{lang}."):
        raise _err(path, where, f"'id' must start with '{lang}.'")
    if raw["pos"] not in POS:
        raise _err(path, where, f"'pos' must be one of {sorted(POS)}, not {raw['pos']!r}")
    if raw["category"] not in CATEGORIES:
        raise _err(
            path, where, f"'category' must be one of {sorted(CATEGORIES)}, not {raw['category']!r}"
        )
    if raw["severity"] not in SEVERITIES:
        raise _err(path, where, f"'severity' must be one of {list(SEVERITIES)}")
    if "suggestions" not in raw:
        raise _err(path, where, "'suggestions' is required (it may be an empty list)")
    suggestions = _str_list(raw["suggestions"], path, where, "suggestions")
    suggestions_pl = _str_list(raw.get("suggestions_pl"), path, where, "suggestions_pl")
    mode = raw.get("mode", "both")
    if mode not in ENTRY_MODES:
        raise _err(path, where, f"'mode' must be one of {sorted(ENTRY_MODES)}")
    context = _str_list(raw.get("context"), path, where, "context")
    unknown = set(context) - CONTEXT_TAGS
    if unknown:
        raise _err(path, where, f"unknown context tag(s) {sorted(unknown)}")
    debatable = raw.get("debatable", False)
    if not isinstance(debatable, bool):
        raise _err(path, where, "'debatable' must be true or false")
    guide = raw.get("guide") or "gender-sensitive-language"
    if not isinstance(guide, str):
        raise _err(path, where, "'guide' must be a string")
    forms = raw.get("forms") or {}
    if not isinstance(forms, dict):
        raise _err(path, where, "'forms' must be an object with 'sg', 'pl' and/or 'verb' lists")
    bad_keys = set(forms) - {"sg", "pl", "verb"}
    if bad_keys:
        raise _err(path, where, f"'forms' has unknown key(s) {sorted(bad_keys)}")
    sg = _str_list(forms.get("sg"), path, where, "forms.sg")
    pl = _str_list(forms.get("pl"), path, where, "forms.pl")
    verb = _str_list(forms.get("verb"), path, where, "forms.verb")
    if lang != "en" and not (sg or pl or verb):
        raise _err(path, where, "French and Spanish entries need explicit 'forms'")
    return Entry(
        id=raw["id"],
        lemma=raw["lemma"],
        pos=raw["pos"],
        category=raw["category"],
        severity=raw["severity"],
        suggestions=suggestions,
        suggestions_pl=suggestions_pl,
        explanation=raw["explanation"].strip(),
        source=raw["source"],
        debatable=debatable,
        guide=guide,
        mode=mode,
        context=frozenset(context),
        except_=_str_list(raw.get("except"), path, where, "except"),
        forms_sg=sg,
        forms_pl=pl,
        forms_verb=verb,
    )


def parse_ruleset(data: Any, lang: Lang, path: str) -> RuleSet:
    if not isinstance(data, dict):
        raise _err(path, "", "top level must be a JSON object")
    if data.get("lang") != lang:
        raise _err(path, "", f"'lang' must be {lang!r}, not {data.get('lang')!r}")
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list):
        raise _err(path, "", "'entries' must be a list")
    entries = tuple(parse_entry(raw, lang, path, i) for i, raw in enumerate(raw_entries))
    by_id: dict[str, Entry] = {}
    for e in entries:
        if e.id in by_id:
            raise _err(path, f"entry {e.id}", "duplicate 'id'")
        by_id[e.id] = e
    return RuleSet(
        lang=lang,
        entries=entries,
        proper_names=_str_list(data.get("proper_names"), path, "", "proper_names"),
        accepted_pairs=_str_list(data.get("accepted_pairs"), path, "", "accepted_pairs"),
        generic_referents=_str_list(data.get("generic_referents"), path, "", "generic_referents"),
        path=path,
        by_id=by_id,
    )


def _check_lang(lang: str) -> Lang:
    for known in LANGS:
        if lang == known:
            return known
    raise ValueError(f"unsupported language {lang!r}; use one of {', '.join(LANGS)}")


def load_rules(lang: str) -> RuleSet:
    """The validated rules of one language, read once per process (and data folder)."""
    return _load_rules(_check_lang(lang), str(data_dir()))


@cache
def _load_rules(code: Lang, folder: str) -> RuleSet:
    path = Path(folder) / f"{code}.json"
    return parse_ruleset(_read_json(path), code, str(path))


def parse_vacancy(data: Any, lang: Lang, path: str) -> VacancyLists:
    if not isinstance(data, dict):
        raise _err(path, "", "top level must be a JSON object")
    if data.get("lang", lang) != lang:
        raise _err(path, "", f"'lang' must be {lang!r}")
    masc = _str_list(data.get("masculine"), path, "", "masculine")
    fem = _str_list(data.get("feminine"), path, "", "feminine")
    if not masc or not fem:
        raise _err(path, "", "'masculine' and 'feminine' must be non-empty lists of stems")
    source = data.get("source", "")
    return VacancyLists(
        lang=lang,
        masculine=tuple(s.lower() for s in masc),
        feminine=tuple(s.lower() for s in fem),
        not_coded=_str_list(data.get("not_coded"), path, "", "not_coded"),
        validated=bool(data.get("validated", False)),
        source=source if isinstance(source, str) else "",
        path=path,
        added_masculine=tuple(
            s.lower() for s in _str_list(data.get("added_masculine"), path, "", "added_masculine")
        ),
        added_feminine=tuple(
            s.lower() for s in _str_list(data.get("added_feminine"), path, "", "added_feminine")
        ),
        added_source=str(data.get("added_source", "")),
    )


def load_vacancy(lang: str) -> VacancyLists:
    return _load_vacancy(_check_lang(lang), str(data_dir()))


@cache
def _load_vacancy(code: Lang, folder: str) -> VacancyLists:
    path = Path(folder) / f"vacancy_{code}.json"
    return parse_vacancy(_read_json(path), code, str(path))


def clear_caches() -> None:
    """Forget loaded data (tests and the dev server call this after editing a file)."""
    _load_rules.cache_clear()
    _load_vacancy.cache_clear()
    from . import matcher, vacancy

    matcher.clear_caches()
    vacancy.clear_caches()


# --- English morphology -------------------------------------------------------------------

_VOWELS = "aeiou"
_IRREGULAR_PL = {
    "man": "men",
    "woman": "women",
    "wife": "wives",
    "housewife": "housewives",
    "child": "children",
    "person": "people",
    "lady": "ladies",
    "sex": "sexes",
}


def plural_word(word: str) -> str:
    low = word.lower()
    if low.endswith(("men", "children", "people")):
        return word
    for sg, pl in _IRREGULAR_PL.items():
        if low == sg:
            return _match_case(pl, word)
    if low.endswith("man") and low not in {"human", "german", "roman", "shaman"}:
        return word[:-2] + _match_case("en", word[-2:])
    if low.endswith("wife"):
        return word[:-2] + _match_case("ves", word[-2:])
    if low.endswith("y") and len(low) > 1 and low[-2] not in _VOWELS:
        return word[:-1] + _match_case("ies", word[-1:])
    if low.endswith(("s", "x", "z", "ch", "sh")):
        return word + _match_case("es", word[-1:])
    return word + _match_case("s", word[-1:])


def plural_phrase(phrase: str) -> str:
    """Pluralise the head of a phrase: 'head of household' -> 'heads of household'."""
    words = phrase.split(" ")
    for i, w in enumerate(words):
        if i > 0 and w.lower() in {"of", "in", "for", "de"}:
            words[i - 1] = plural_word(words[i - 1])
            return " ".join(words)
    words[-1] = plural_word(words[-1])
    return " ".join(words)


def _match_case(suffix: str, model: str) -> str:
    return suffix.upper() if model.isupper() else suffix


def _double_final(verb: str) -> bool:
    low = verb.lower()
    if len(low) < 3 or low[-1] in "wxy" + _VOWELS:
        return False
    syllables = len(re.findall(r"[aeiouy]+", low))
    return syllables == 1 and low[-2] in _VOWELS and low[-3] not in _VOWELS


def verb_forms(verb: str) -> dict[str, str]:
    """Regular English verb forms of the first word (phrasal verbs keep their particle)."""
    head, sep, rest = verb.partition(" ")
    low = head.lower()
    if low.endswith("e"):
        ed, ing = head + "d", head[:-1] + "ing"
    elif low.endswith("y") and len(low) > 1 and low[-2] not in _VOWELS:
        ed, ing = head[:-1] + "ied", head + "ing"
    elif _double_final(head):
        ed, ing = head + head[-1] + "ed", head + head[-1] + "ing"
    else:
        ed, ing = head + "ed", head + "ing"
    if low.endswith(("s", "x", "z", "ch", "sh")):
        s3 = head + "es"
    elif low.endswith("y") and len(low) > 1 and low[-2] not in _VOWELS:
        s3 = head[:-1] + "ies"
    else:
        s3 = head + "s"
    return {V_BASE: verb, V_3S: s3 + sep + rest, V_ED: ed + sep + rest, V_ING: ing + sep + rest}


def _compound_variants(form: str) -> list[str]:
    """man-hours / manhours / man hours: writers use all three."""
    out = [form]
    if "-" in form:
        out += [form.replace("-", ""), form.replace("-", " ")]
    elif " " in form and len(form.split(" ")) == 2:
        out += [form.replace(" ", "-"), form.replace(" ", "")]
    else:
        low = form.lower()
        for part in ("man", "men"):
            if low.startswith(part) and len(low) >= len(part) + 3 and "-" not in low:
                out += [form[:3] + "-" + form[3:], form[:3] + " " + form[3:]]
                break
    return out


_ELIDABLE = re.compile(r"^(le|la|de|que|ce|je|ne|se|me|te) (?=[aeiouyhàâéèêëîïôûùœæ])", re.I)


def surface_forms(entry: Entry, lang: str) -> dict[str, tuple[str, bool]]:
    """Every written form of an entry (before case variants) -> (tag, takes a possessive)."""
    forms: dict[str, tuple[str, bool]] = {}

    def add(form: str, tag: str, poss: bool) -> None:
        if form and form not in forms:
            forms[form] = (tag, poss)

    if lang == "en":
        poss = entry.pos in {"noun", "phrase", "title"}
        if entry.pos == "verb":
            given = entry.forms_verb
            if given:
                for f in given:
                    add(f, _verb_tag(f, entry.lemma), False)
            else:
                for tag, f in verb_forms(entry.lemma).items():
                    add(f, tag, False)
            for f in entry.forms_sg:
                add(f, V_BASE, False)
        else:
            sgs = list(entry.forms_sg) or [entry.lemma]
            pls = list(entry.forms_pl)
            if not pls and entry.pos in {"noun", "phrase"}:
                pls = [plural_phrase(f) if entry.pos == "noun" else _plural_last(f) for f in sgs]
            compound = entry.category == "man-compound" or entry.pos in {"noun", "adj"}
            for f in sgs:
                for v in _compound_variants(f) if compound else [f]:
                    add(v, SG, poss)
            for f in pls:
                for v in _compound_variants(f) if compound else [f]:
                    add(v, PL, poss)
            for f in entry.forms_verb:
                add(f, _verb_tag(f, entry.lemma), False)
    else:
        sgs = list(entry.forms_sg) or ([] if entry.forms_pl else [entry.lemma])
        for f in sgs:
            add(f, SG, False)
        for f in entry.forms_pl:
            add(f, PL, False)
        for f in entry.forms_verb:
            add(f, V_BASE, False)
        if lang == "fr":
            for f, (tag, p) in list(forms.items()):
                m = _ELIDABLE.match(f)
                if m:
                    add(f[0] + "'" + f[m.end() :], tag, p)
    # Typed text mixes straight and curly apostrophes; match both whichever the data uses.
    for f, info in list(forms.items()):
        if "'" in f:
            add(f.replace("'", "\u2019"), *info)
        elif "\u2019" in f:
            add(f.replace("\u2019", "'"), *info)
    return forms


def _plural_last(phrase: str) -> str:
    words = phrase.split(" ")
    if words[-1].lower().endswith(("s", "men", "children", "people")):
        return phrase
    words[-1] = plural_word(words[-1])
    return " ".join(words)


def _verb_tag(form: str, lemma: str) -> str:
    head = form.split(" ")[0].lower()
    if head.endswith("ing"):
        return V_ING
    if head.endswith("ed"):
        return V_ED
    if head.endswith("s") and head != lemma.split(" ")[0].lower():
        return V_3S
    return V_BASE


def case_variants(form: str) -> set[str]:
    """Lower, Capitalised, Title and UPPER writings; mixed case is left alone on purpose."""
    out = {form, form.upper(), form[:1].upper() + form[1:]}
    if form == form.lower():
        out.add(re.sub(r"(^|[ \-])(\w)", lambda m: m.group(1) + m.group(2).upper(), form))
    return out


# --- Export for the offline kit -----------------------------------------------------------


def export_rules(lang: str, rules: RuleSet | None = None) -> dict[str, Any]:
    """The rule data of one language (the shipped rules unless given), ready for json.dumps.

    The offline kit's JavaScript checker runs on this, so it carries every generated form and
    the context tags; the JS side then needs no English morphology of its own.
    """
    rules = load_rules(lang) if rules is None else rules
    entries: list[dict[str, Any]] = []
    for e in rules.entries:
        forms = surface_forms(e, rules.lang)
        entries.append(
            {
                "id": e.id,
                "lemma": e.lemma,
                "pos": e.pos,
                "category": e.category,
                "severity": e.severity,
                "suggestions": list(e.suggestions),
                "suggestions_pl": list(suggestions_for(e, PL)),
                "explanation": e.explanation,
                "source": e.source,
                "debatable": e.debatable,
                "guide": e.guide,
                "mode": e.mode,
                "context": sorted(e.context),
                "except": list(e.except_),
                "forms": [
                    {"form": f, "tag": tag, "possessive": poss} for f, (tag, poss) in forms.items()
                ],
            }
        )
    out: dict[str, Any] = {
        "lang": rules.lang,
        "version": 1,
        # How the Python engine matches these forms, so that the JS checker can do the same.
        "matching": {
            "case_variants": [
                "as written",
                "Capitalised",
                "Title Case (lower-case forms only)",
                "UPPER CASE",
            ],
            "apostrophes": "straight and curly apostrophes are interchangeable",
            "possessive": "forms with possessive=true also match +'s, +’s, and +' after s",
            "boundaries": "a form is not preceded or followed by a letter, digit, _ or @",
            "longest_first": True,
        },
        "entries": entries,
        "proper_names": list(rules.proper_names),
        "accepted_pairs": list(rules.accepted_pairs),
        "generic_referents": list(rules.generic_referents),
    }
    try:
        vac = load_vacancy(lang)
    except RuleDataError:
        vac = None
    if vac is not None:
        out["vacancy"] = {
            "masculine": list(vac.masculine),
            "feminine": list(vac.feminine),
            "not_coded": list(vac.not_coded),
            "validated": vac.validated,
            "source": vac.source,
        }
    return out


def suggestions_for(entry: Entry, tag: str) -> tuple[str, ...]:
    """Suggestions in the number of the span; English plurals are generated when not given."""
    if tag != PL:
        return entry.suggestions
    if entry.suggestions_pl:
        return entry.suggestions_pl
    if entry.id.startswith("en."):
        return tuple(plural_phrase(s) for s in entry.suggestions)
    return entry.suggestions


def iter_all_languages() -> Iterable[Lang]:
    return LANGS
