"""Structure of the French rule data, vacancy word lists and test corpora.

These tests read the JSON files directly, so they check the data contract
(docs/terminology-rules.md) independently of the checker engine.
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
ENTRY_KEYS = set(REQUIRED) | {
    "forms",
    "suggestions_pl",
    "debatable",
    "guide",
    "mode",
    "context",
    "except",
}


def _load(name: str) -> dict:
    path = DATA / name
    raw = path.read_bytes()
    assert len(raw) < 1_000_000, f"{name} must stay under 1 MB"
    return json.loads(raw.decode("utf-8"))


def _lines(name: str) -> list[dict]:
    out = []
    for n, line in enumerate((CORPUS / name).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:  # pragma: no cover - message only
                pytest.fail(f"{name}:{n}: not JSON: {exc}")
    return out


@pytest.fixture(scope="module")
def fr() -> dict:
    return _load("fr.json")


@pytest.fixture(scope="module")
def vacancy() -> dict:
    return _load("vacancy_fr.json")


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


# --- fr.json -----------------------------------------------------------------------------


def test_top_level(fr: dict) -> None:
    assert fr["lang"] == "fr"
    assert fr["version"] == 1
    assert isinstance(fr["entries"], list)
    assert len(fr["entries"]) >= 170
    assert _strings(fr["proper_names"]) and len(fr["proper_names"]) >= 20
    assert _strings(fr["accepted_pairs"])
    assert len(set(fr["proper_names"])) == len(fr["proper_names"])
    assert len(set(fr["accepted_pairs"])) == len(fr["accepted_pairs"])


def test_ids_unique_and_prefixed(fr: dict) -> None:
    ids = [e["id"] for e in fr["entries"]]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for i in ids:
        assert re.fullmatch(r"fr\.[a-z0-9][a-z0-9-]*", i), i


def test_entries_fields(fr: dict) -> None:
    for e in fr["entries"]:
        where = e.get("id", e)
        for key in REQUIRED:
            assert key in e, f"{where}: missing {key}"
        assert not set(e) - ENTRY_KEYS, f"{where}: unknown keys {set(e) - ENTRY_KEYS}"
        for key in ("id", "lemma", "explanation", "source"):
            assert isinstance(e[key], str) and e[key].strip(), f"{where}: empty {key}"
        assert e["pos"] in POS, where
        assert e["category"] in CATEGORIES, where
        assert e["severity"] in SEVERITIES, where
        assert e.get("mode", "both") in MODES, where
        assert isinstance(e.get("debatable", False), bool), where
        assert set(e.get("context", [])) <= CONTEXT_TAGS, where
        assert isinstance(e["suggestions"], list), where
        assert all(isinstance(s, str) and s.strip() for s in e["suggestions"]), where
        assert isinstance(e.get("except", []), list), where


def test_forms_present(fr: dict) -> None:
    for e in fr["entries"]:
        forms = e.get("forms")
        assert isinstance(forms, dict), f"{e['id']}: French entries need explicit forms"
        assert set(forms) <= {"sg", "pl", "verb"}, e["id"]
        listed = [f for key in ("sg", "pl", "verb") for f in forms.get(key, [])]
        assert listed, f"{e['id']}: no form to match"
        assert all(isinstance(f, str) and f.strip() == f and f for f in listed), e["id"]
        if e["pos"] == "noun":
            assert "sg" in forms and "pl" in forms, f"{e['id']}: nouns list sg and pl"
            assert "suggestions_pl" in e, f"{e['id']}: nouns need suggestions_pl"


def test_suggestions_pl_aligned(fr: dict) -> None:
    for e in fr["entries"]:
        if e["pos"] == "noun" and e["suggestions"] and e["forms"].get("pl"):
            assert e["suggestions_pl"], f"{e['id']}: plural forms but no plural suggestion"
        if e["suggestions"] and e.get("suggestions_pl"):
            assert len(e["suggestions"]) == len(e["suggestions_pl"]), f"{e['id']}: not aligned"


def test_generic_masculine_is_low_and_debatable(fr: dict) -> None:
    for e in fr["entries"]:
        if e["category"] == "generic-masculine":
            assert e["severity"] == "low", e["id"]
            assert e.get("debatable") is True, e["id"]


def test_inclusive_forms_are_debatable(fr: dict) -> None:
    for e in fr["entries"]:
        if e["category"] == "inclusive-form":
            assert e.get("debatable") is True, e["id"]


def test_no_form_listed_twice(fr: dict) -> None:
    # A masculine title may also be listed by one feminine-title entry (a named woman holds
    # it): the engine tries that reading first and falls back to the other entry.
    seen: dict[str, str] = {}
    for e in fr["entries"]:
        if e["category"] == "feminine-title":
            continue
        for key in ("sg", "pl", "verb"):
            for f in e["forms"].get(key, []):
                assert f not in seen or seen[f] == e["id"], f"{f!r} in {seen.get(f)} and {e['id']}"
                seen[f] = e["id"]
    titles: dict[str, str] = {}
    for e in fr["entries"]:
        if e["category"] != "feminine-title":
            continue
        for f in e["forms"].get("sg", []) + e["forms"].get("pl", []):
            assert f not in titles, f"{f!r} in {titles.get(f)} and {e['id']}"
            titles[f] = e["id"]


def test_epicene_nouns_not_flagged(fr: dict) -> None:
    """Épicène nouns are the remedy, never a finding."""
    forms = {f.lower() for e in fr["entries"] for k in ("sg", "pl") for f in e["forms"].get(k, [])}
    for word in (
        "bénéficiaires",
        "partenaires",
        "membres",
        "fonctionnaires",
        "personnes migrantes",
        "les femmes et les hommes",
        "main-d'œuvre",
        "chef de mission",
    ):
        assert word not in forms, word


def test_categories_covered(fr: dict) -> None:
    cats = {e["category"] for e in fr["entries"]}
    for needed in (
        "humanity",
        "generic-masculine",
        "feminine-title",
        "inclusive-form",
        "generic-pronoun",
        "vulnerable-lumping",
        "stereotype",
        "courtesy-title",
    ):
        assert needed in cats, needed


# --- vacancy_fr.json ------------------------------------------------------------------------


def test_vacancy_lists(vacancy: dict) -> None:
    assert vacancy["lang"] == "fr"
    assert vacancy["validated"] is False
    assert isinstance(vacancy["source"], str) and vacancy["source"]
    for key in ("masculine", "feminine", "not_coded"):
        assert _strings(vacancy[key]), key
        assert len(set(vacancy[key])) == len(vacancy[key]), key
    assert len(vacancy["not_coded"]) >= 40
    assert not set(vacancy["masculine"]) & set(vacancy["feminine"])
    for stem in vacancy["masculine"] + vacancy["feminine"]:
        assert stem == stem.lower() and " " not in stem, stem


def test_not_coded_contains_a_stem(vacancy: dict) -> None:
    stems = vacancy["masculine"] + vacancy["feminine"]
    for phrase in vacancy["not_coded"]:
        words = re.findall(r"[\w-]+", phrase.lower())
        assert any(w.startswith(s) for w in words for s in stems), phrase


# --- corpora ------------------------------------------------------------------------------


def _check_corpus(rows: list[dict], prefix: str, mode: str) -> None:
    """Positive lines have something to find; tricky negatives have nothing (vacancy lines
    count their coded words as something to find)."""
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        assert set(r) >= {"id", "lang", "mode", "text", "expected", "kind"}, r
        assert r["id"].startswith(prefix), r["id"]
        assert r["lang"] == "fr"
        assert r["mode"] == mode
        assert r["kind"] in {"positive", "tricky-negative"}, r["id"]
        assert isinstance(r["expected"], list)
        found = bool(r["expected"]) or bool(r.get("coded"))
        assert (r["kind"] == "positive") == found, r["id"]
        pos = 0
        for span in r["expected"]:
            at = r["text"].find(span, pos)
            assert at >= 0, f"{r['id']}: {span!r} not found in order"
            pos = at + len(span)
    neg = sum(1 for r in rows if r["kind"] == "tricky-negative")
    assert neg * 2 >= len(rows) - 2, "about half of each corpus is tricky-negative"


def test_corpus_fr() -> None:
    rows = _lines("fr.jsonl")
    assert len(rows) >= 120
    _check_corpus(rows, "fr-", "proposal")


def test_corpus_spans_are_entry_forms(fr: dict) -> None:
    forms: set[str] = set()
    for e in fr["entries"]:
        for key in ("sg", "pl"):
            for f in e["forms"].get(key, []):
                forms.add(f.lower().replace("’", "'"))
    for r in _lines("fr.jsonl") + _lines("vacancy_fr.jsonl"):
        for span in r["expected"]:
            s = span.lower().replace("’", "'")
            elided = re.sub(r"^(l|d)'", lambda m: "le " if m.group(1) == "l" else "de ", s)
            assert s in forms or elided in forms or re.sub(r"^l'", "la ", s) in forms, (
                f"{r['id']}: {span!r} is not a listed form"
            )


def test_corpus_vacancy_fr(vacancy: dict) -> None:
    rows = _lines("vacancy_fr.jsonl")
    assert len(rows) >= 25
    _check_corpus(rows, "vfr-", "vacancy")
    stems = {"masculine": vacancy["masculine"], "feminine": vacancy["feminine"]}
    for r in rows:
        assert isinstance(r.get("coded"), list), r["id"]
        low = r["text"].lower()
        for c in r["coded"]:
            assert c["coding"] in stems, r["id"]
            assert c["term"].lower() in low, f"{r['id']}: {c['term']!r} not in text"
            assert any(c["term"].lower().startswith(s) for s in stems[c["coding"]]), (
                f"{r['id']}: {c['term']!r} has no {c['coding']} stem"
            )
