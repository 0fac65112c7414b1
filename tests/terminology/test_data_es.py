"""Structure of the Spanish rule data and corpus (docs/terminology-rules.md).

These tests read the JSON files directly so that they hold whatever the engine does; they check
the contract the engine relies on and the internal consistency of the Spanish data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

# The data format's vocabulary is the engine's own (one source of truth).
from pat.terminology.model import CATEGORIES, CONTEXT_TAGS, POS, SEVERITIES
from pat.terminology.model import ENTRY_MODES as MODES

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "pat" / "terminology" / "data"
CORPUS = ROOT / "tests" / "terminology" / "corpus"

REQUIRED = ("id", "lemma", "pos", "category", "severity", "suggestions", "explanation", "source")
KNOWN_FIELDS = set(REQUIRED) | {
    "forms",
    "suggestions_pl",
    "debatable",
    "guide",
    "mode",
    "context",
    "except",
}

_BOUND_L = r"(?<![\w@/])"
_BOUND_R = r"(?![\w@/(])"


def _load(name: str) -> dict:
    path = DATA / name
    raw = path.read_bytes()
    assert len(raw) < 1_000_000, f"{name} must stay under 1 MB"
    return json.loads(raw.decode("utf-8"))


@pytest.fixture(scope="module")
def es() -> dict:
    return _load("es.json")


@pytest.fixture(scope="module")
def vacancy() -> dict:
    return _load("vacancy_es.json")


def _forms(entry: dict) -> list[str]:
    forms = entry.get("forms", {})
    return list(forms.get("sg", [])) + list(forms.get("pl", [])) + list(forms.get("verb", []))


def _variants(form: str) -> set[str]:
    return {form, form[:1].upper() + form[1:]}


def _spans(text: str, phrase: str, ci: bool = False) -> list[tuple[int, int]]:
    pat = re.compile(_BOUND_L + re.escape(phrase) + _BOUND_R, re.I if ci else 0)
    return [(m.start(), m.end()) for m in pat.finditer(text)]


def _read_jsonl(name: str) -> list[dict]:
    path = CORPUS / name
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:  # pragma: no cover - message only
                pytest.fail(f"{name}:{n}: not JSON: {exc}")
    return rows


# --- es.json --------------------------------------------------------------------------------


def test_top_level(es: dict) -> None:
    assert es["lang"] == "es"
    assert isinstance(es["version"], int)
    assert isinstance(es["entries"], list) and len(es["entries"]) >= 170
    assert all(isinstance(p, str) and p.strip() for p in es["proper_names"])
    assert len(es["proper_names"]) >= 20
    assert all(isinstance(p, str) and p.strip() for p in es["accepted_pairs"])
    assert len(set(es["proper_names"])) == len(es["proper_names"])
    assert len(set(es["accepted_pairs"])) == len(es["accepted_pairs"])


def test_ids_unique_and_prefixed(es: dict) -> None:
    ids = [e["id"] for e in es["entries"]]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for i in ids:
        assert re.fullmatch(r"es\.[a-z0-9][a-z0-9-]*", i), i


def test_entry_fields(es: dict) -> None:
    for e in es["entries"]:
        where = e.get("id", e)
        for key in REQUIRED:
            assert key in e, f"{where}: missing {key}"
        for key in ("id", "lemma", "explanation", "source"):
            assert isinstance(e[key], str) and e[key].strip(), f"{where}: empty {key}"
        assert set(e) <= KNOWN_FIELDS, f"{where}: unknown fields {set(e) - KNOWN_FIELDS}"
        assert e["pos"] in POS, where
        assert e["category"] in CATEGORIES, where
        assert e["severity"] in SEVERITIES, where
        assert e.get("mode", "both") in MODES, where
        assert isinstance(e.get("debatable", False), bool), where
        assert set(e.get("context", [])) <= CONTEXT_TAGS, where
        for key in ("suggestions", "suggestions_pl", "except"):
            value = e.get(key, [])
            assert isinstance(value, list), f"{where}: {key}"
            assert all(isinstance(v, str) and v.strip() for v in value), f"{where}: {key}"


def test_forms_present(es: dict) -> None:
    for e in es["entries"]:
        forms = e.get("forms")
        assert isinstance(forms, dict), f"{e['id']}: Spanish entries need 'forms'"
        assert set(forms) <= {"sg", "pl", "verb"}, e["id"]
        if e["pos"] in {"noun", "adj"}:
            assert "sg" in forms and "pl" in forms, f"{e['id']}: nouns list sg and pl"
        all_forms = _forms(e)
        assert all_forms, f"{e['id']}: no forms"
        assert all(isinstance(f, str) and f.strip() == f and f for f in all_forms), e["id"]
        assert len(all_forms) == len(set(all_forms)), f"{e['id']}: duplicate forms"


def test_noun_suggestions_pl_aligned(es: dict) -> None:
    for e in es["entries"]:
        if e["pos"] == "noun":
            assert "suggestions_pl" in e, f"{e['id']}: nouns need suggestions_pl"
            assert len(e["suggestions_pl"]) == len(e["suggestions"]), (
                f"{e['id']}: suggestions_pl must align with suggestions"
            )


def test_empty_suggestions_are_explained(es: dict) -> None:
    for e in es["entries"]:
        if not e["suggestions"]:
            assert e["category"] in {"idiom", "stereotype", "courtesy-title"}, e["id"]


def test_generic_masculine_is_low_and_debatable(es: dict) -> None:
    gm = [e for e in es["entries"] if e["category"] == "generic-masculine"]
    assert len(gm) >= 40
    for e in gm:
        assert e["severity"] == "low", e["id"]
        assert e.get("debatable") is True, e["id"]


def test_inclusive_forms_are_low_and_debatable(es: dict) -> None:
    for e in es["entries"]:
        if e["category"] in {"inclusive-form", "generic-pronoun"}:
            assert e["severity"] == "low" and e.get("debatable") is True, e["id"]


def test_categories_covered(es: dict) -> None:
    present = {e["category"] for e in es["entries"]}
    for cat in (
        "humanity",
        "generic-masculine",
        "feminine-title",
        "role-noun",
        "idiom",
        "stereotype",
        "unnecessary-marking",
        "courtesy-title",
        "inclusive-form",
        "generic-pronoun",
        "vulnerable-lumping",
    ):
        assert cat in present, cat


def test_context_tags_where_needed(es: dict) -> None:
    by_cat: dict[str, list[dict]] = {}
    for e in es["entries"]:
        by_cat.setdefault(e["category"], []).append(e)
    for e in by_cat["vulnerable-lumping"]:
        assert "adult-lumping" in e["context"], e["id"]
    for e in by_cat["feminine-title"] + by_cat["courtesy-title"]:
        assert "title-before-name" in e["context"], e["id"]
    assert any("minors-ok" in e["context"] and "niñas" in _forms(e) for e in es["entries"])
    assert any("generic-referent" in e["context"] for e in by_cat["generic-pronoun"])


def _blocked(text: str, es: dict, entry: dict) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for p in es["accepted_pairs"]:
        spans += _spans(text, p, ci=True)
    for x in entry.get("except", []):
        spans += _spans(text, x, ci=True)
    for p in es["proper_names"]:
        spans += _spans(text, p)
    return spans


def test_suggestions_do_not_trip_their_own_rule(es: dict) -> None:
    """A suggestion that the same entry would flag again is a broken rule."""
    for e in es["entries"]:
        variants = {v for f in _forms(e) for v in _variants(f)}
        for s in set(e["suggestions"] + e.get("suggestions_pl", [])):
            hits = [(v, span) for v in variants if v.lower() in s.lower() for span in _spans(s, v)]
            if not hits:
                continue
            blocked = _blocked(s, es, e)
            for v, (a, b) in hits:
                assert any(x <= a and b <= y for x, y in blocked), (
                    f"{e['id']}: suggestion {s!r} contains form {v!r}"
                )


def test_accepted_pairs_and_proper_names_are_real_text(es: dict) -> None:
    for p in es["accepted_pairs"]:
        assert p == p.strip() and "  " not in p, p
    for p in es["proper_names"]:
        assert p[:1].isupper() or p[:1].isdigit(), f"proper name should be capitalised: {p}"


def test_official_titles_protected(es: dict) -> None:
    names = set(es["proper_names"])
    for title in (
        "Convención sobre los Derechos del Niño",
        "ONU Mujeres",
        "Isla de Man",
        "Declaración de los Derechos del Hombre y del Ciudadano",
        "Defensor del Pueblo",
        "Día del Niño",
        "Fondo de las Naciones Unidas para la Infancia",
    ):
        assert title in names, title
    pairs = set(es["accepted_pairs"])
    for p in ("mujeres y hombres", "niñas y niños", "las y los", "todas y todos", "él o ella"):
        assert p in pairs, p


# --- vacancy_es.json ------------------------------------------------------------------------


def test_vacancy_lists(vacancy: dict) -> None:
    assert vacancy["lang"] == "es"
    assert vacancy["validated"] is False
    assert isinstance(vacancy["source"], str) and "Gaucher" in vacancy["source"]
    for key in ("masculine", "feminine", "not_coded"):
        items = vacancy[key]
        assert isinstance(items, list) and all(isinstance(s, str) and s.strip() for s in items)
        assert len(items) == len(set(items)), f"duplicates in {key}"
    masc, fem = set(vacancy["masculine"]), set(vacancy["feminine"])
    assert len(masc) >= 25 and len(fem) >= 20
    assert not masc & fem, f"stems in both lists: {masc & fem}"
    for stem in masc | fem:
        assert stem == stem.lower().strip(), stem
    assert len(vacancy["not_coded"]) >= 40


def test_vacancy_stems_do_not_shadow_each_other(vacancy: dict) -> None:
    """A masculine stem that is a prefix of a feminine one (or the reverse) double-counts."""
    for m in vacancy["masculine"]:
        for f in vacancy["feminine"]:
            assert not (f.startswith(m) or m.startswith(f)), (m, f)


# --- corpus ---------------------------------------------------------------------------------


def _check_corpus(name: str, minimum: int, es: dict, vacancy: dict | None = None) -> None:
    rows = _read_jsonl(name)
    assert len(rows) >= minimum, f"{name}: {len(rows)} lines"
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), f"{name}: duplicate ids"
    kinds = [r["kind"] for r in rows]
    assert set(kinds) <= {"positive", "tricky-negative"}, name
    if vacancy is None:
        assert kinds.count("tricky-negative") * 2 >= len(rows), f"{name}: half must be tricky"
    forms: set[str] = set()
    for e in es["entries"]:
        for f in _forms(e):
            forms |= _variants(f)
    for r in rows:
        where = f"{name} {r['id']}"
        assert r["lang"] == "es", where
        assert r["mode"] in {"proposal", "vacancy"}, where
        assert isinstance(r["text"], str) and r["text"].strip(), where
        assert isinstance(r["expected"], list), where
        if r["kind"] == "tricky-negative" and vacancy is None:
            assert r["expected"] == [], f"{where}: tricky negatives expect nothing"
        if r["kind"] == "positive" and vacancy is None:
            assert r["expected"], f"{where}: positives expect something"
        pos = 0
        for span in r["expected"]:
            at = r["text"].find(span, pos)
            assert at >= 0, f"{where}: {span!r} not found in order"
            pos = at + len(span)
            assert span in forms, f"{where}: {span!r} is not a listed form of any entry"
        if vacancy is not None:
            coded = r["coded"]
            assert isinstance(coded, list), where
            low = r["text"].lower()
            for c in coded:
                assert c["coding"] in {"masculine", "feminine"}, where
                word = c["term"].lower()
                assert word in low, f"{where}: {c['term']!r} not in text"
                stems = vacancy[c["coding"]]
                assert any(word.startswith(s) for s in stems), f"{where}: no stem for {word}"


def test_corpus_es(es: dict) -> None:
    _check_corpus("es.jsonl", 120, es)


def test_corpus_vacancy_es(es: dict, vacancy: dict) -> None:
    _check_corpus("vacancy_es.jsonl", 25, es, vacancy)
