"""Structure of the English rule data, vacancy word lists and test corpora.

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

# Categories that only make sense for French and Spanish.
NOT_ENGLISH = {"feminine-title", "generic-masculine", "inclusive-form"}
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
CORPUS_KEYS = {"id", "lang", "mode", "text", "expected", "kind"}
KINDS = {"positive", "tricky-negative"}


def _load(name: str) -> dict:
    path = DATA / name
    raw = path.read_bytes()
    assert len(raw) < 1_000_000, f"{name} must stay under 1 MB"
    text = raw.decode("utf-8")
    assert text.count("\n") > 10, f"{name} must be pretty-printed"
    return json.loads(text)


def _lines(name: str) -> list[dict]:
    out = []
    for n, line in enumerate((CORPUS / name).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:  # pragma: no cover - message only
                pytest.fail(f"{name}:{n}: not JSON: {exc}")
    return out


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


@pytest.fixture(scope="module")
def en() -> dict:
    return _load("en.json")


@pytest.fixture(scope="module")
def vacancy() -> dict:
    return _load("vacancy_en.json")


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    return _lines("en.jsonl")


@pytest.fixture(scope="module")
def vacancy_corpus() -> list[dict]:
    return _lines("vacancy_en.jsonl")


# --- en.json -----------------------------------------------------------------------------


def test_top_level(en: dict) -> None:
    assert en["lang"] == "en"
    assert en["version"] == 1
    assert isinstance(en["entries"], list)
    assert len(en["entries"]) >= 320
    assert _strings(en["proper_names"]) and len(en["proper_names"]) >= 40
    assert _strings(en["accepted_pairs"])
    assert len(set(en["proper_names"])) == len(en["proper_names"])
    assert len(set(en["accepted_pairs"])) == len(en["accepted_pairs"])
    for pair in ("his or her", "he or she", "women and men", "ladies and gentlemen", "s/he"):
        assert pair in en["accepted_pairs"]
    for name in ("Isle of Man", "UN Women", "Ministry of Manpower", "Man Booker Prize"):
        assert name in en["proper_names"]


def test_ids_unique_and_prefixed(en: dict) -> None:
    ids = [e["id"] for e in en["entries"]]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    for i in ids:
        assert re.fullmatch(r"en\.[a-z0-9][a-z0-9-]*", i), i


def test_lemmas_unique(en: dict) -> None:
    seen: dict[tuple[str, str], str] = {}
    for e in en["entries"]:
        key = (e["lemma"], e["pos"])
        assert key not in seen, f"{e['id']} repeats the lemma of {seen[key]}"
        seen[key] = e["id"]


@pytest.mark.parametrize("field", REQUIRED)
def test_required_fields(en: dict, field: str) -> None:
    for e in en["entries"]:
        assert field in e, f"{e.get('id')}: missing {field}"
        if field == "suggestions":
            assert isinstance(e[field], list), e["id"]
            assert all(isinstance(s, str) and s.strip() for s in e[field]), e["id"]
        else:
            assert isinstance(e[field], str) and e[field].strip(), f"{e['id']}: empty {field}"


def test_fields_from_allowed_sets(en: dict) -> None:
    for e in en["entries"]:
        assert set(e) <= ENTRY_KEYS, f"{e['id']}: unknown keys {set(e) - ENTRY_KEYS}"
        assert e["category"] in CATEGORIES - NOT_ENGLISH, e["id"]
        assert e["severity"] in SEVERITIES, e["id"]
        assert e["pos"] in POS, e["id"]
        assert e.get("mode", "both") in MODES, e["id"]
        assert isinstance(e.get("debatable", False), bool), e["id"]
        assert set(e.get("context", [])) <= CONTEXT_TAGS, e["id"]
        assert isinstance(e.get("except", []), list), e["id"]
        assert all(isinstance(x, str) and x.strip() for x in e.get("except", [])), e["id"]
        forms = e.get("forms", {})
        assert set(forms) <= {"sg", "pl", "verb"}, e["id"]
        assert all(_strings(v) or v == [] for v in forms.values()), e["id"]


def test_lemma_written_as_in_text(en: dict) -> None:
    for e in en["entries"]:
        lemma = e["lemma"]
        assert lemma == lemma.strip() and "  " not in lemma, e["id"]
        if e["pos"] != "title" and lemma[:1].isupper():
            # always-capitalised words only ("Friday" inside an idiom is fine)
            assert lemma.split()[0] in {"Madam"}, f"{e['id']}: lemma should be lower case"


def test_explanations_short(en: dict) -> None:
    for e in en["entries"]:
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", e["explanation"].strip()) if s]
        assert 1 <= len(sentences) <= 3, f"{e['id']}: explanation should be one or two sentences"
        assert len(e["explanation"]) <= 400, e["id"]


def test_suggestions_pl_aligned(en: dict) -> None:
    for e in en["entries"]:
        if "suggestions_pl" in e:
            assert len(e["suggestions_pl"]) == len(e["suggestions"]), e["id"]


def test_sources_cite_public_guidance(en: dict) -> None:
    for e in en["entries"]:
        assert "UN" in e["source"] or "EIGE" in e["source"], e["id"]


def test_debatable_items_are_low_or_medium(en: dict) -> None:
    for e in en["entries"]:
        if e.get("debatable"):
            assert e["severity"] in {"low", "medium"}, e["id"]


def test_context_tags_match_categories(en: dict) -> None:
    for e in en["entries"]:
        tags = set(e.get("context", []))
        if e["category"] == "generic-pronoun":
            assert e["pos"] == "pronoun" and "generic-referent" in tags, e["id"]
        if (
            e["category"] == "courtesy-title"
            and e["pos"] == "title"
            and e["lemma"] in {"Mrs", "Miss"}
        ):
            assert "title-before-name" in tags, e["id"]
        if e["category"] == "vulnerable-lumping":
            assert "adult-lumping" in tags, e["id"]


def test_coverage_of_each_category(en: dict) -> None:
    counts: dict[str, int] = {}
    for e in en["entries"]:
        counts[e["category"]] = counts.get(e["category"], 0) + 1
    for cat in CATEGORIES - NOT_ENGLISH:
        assert counts.get(cat, 0) >= 1, cat
    lemmas = {e["lemma"] for e in en["entries"]}
    for lemma in (
        "chairman",
        "manpower",
        "mankind",
        "he",
        "his",
        "women and children",
        "girl",
        "Mrs",
        "female doctor",
        "fairer sex",
    ):
        assert lemma in lemmas, lemma


def test_female_headed_household_not_flagged(en: dict) -> None:
    lemmas = {e["lemma"].lower() for e in en["entries"]}
    assert not any("headed" in lemma for lemma in lemmas)


# --- vacancy_en.json ---------------------------------------------------------------------


def test_vacancy_lists(vacancy: dict) -> None:
    assert vacancy["lang"] == "en"
    assert vacancy["validated"] is True
    assert "Gaucher" in vacancy["source"]
    masc, fem = vacancy["masculine"], vacancy["feminine"]
    assert _strings(masc) and _strings(fem)
    # the study's stems (with spelling variants) are the base; Gender Decoder's extension is
    # kept apart so that the report can mark those words as added
    assert len(masc) >= 40 and len(fem) >= 40
    added_m, added_f = vacancy["added_masculine"], vacancy["added_feminine"]
    assert "driven" in added_m and "inclusive" in added_f and "driven" not in masc
    assert not (set(masc) | set(fem)) & (set(added_m) | set(added_f))
    assert "Gaucher" in vacancy["added_source"]
    for stem in masc + fem:
        assert stem == stem.lower().strip(), stem
    assert len(set(masc)) == len(masc) and len(set(fem)) == len(fem)
    assert not set(masc) & set(fem)
    nc = vacancy["not_coded"]
    assert _strings(nc) and len(nc) >= 60
    assert len({p.lower() for p in nc}) == len(nc)


def test_not_coded_phrases_contain_a_stem(vacancy: dict) -> None:
    stems = (
        vacancy["masculine"]
        + vacancy["feminine"]
        + vacancy["added_masculine"]
        + vacancy["added_feminine"]
    )
    for phrase in vacancy["not_coded"]:
        words = re.findall(r"[\w-]+", phrase.lower())
        parts = words + [p for w in words for p in w.split("-")]
        assert any(w.startswith(s) for w in parts for s in stems), phrase


# --- corpora -----------------------------------------------------------------------------


def _check_lines(rows: list[dict], mode: str, prefix: str) -> None:
    ids = [r.get("id") for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        assert set(r) >= CORPUS_KEYS, r.get("id")
        assert str(r["id"]).startswith(prefix), r["id"]
        assert r["lang"] == "en", r["id"]
        assert r["mode"] == mode, r["id"]
        assert r["kind"] in KINDS, r["id"]
        assert isinstance(r["text"], str) and r["text"].strip(), r["id"]
        assert isinstance(r["expected"], list), r["id"]
        pos = 0
        for span in r["expected"]:
            at = r["text"].find(span, pos)
            assert at >= 0, f"{r['id']}: {span!r} not found in order"
            pos = at + len(span)
        if r["kind"] == "tricky-negative":
            assert r["expected"] == [], r["id"]


def test_corpus(corpus: list[dict]) -> None:
    assert len(corpus) >= 180
    _check_lines(corpus, "proposal", "en-")
    kinds = [r["kind"] for r in corpus]
    assert kinds.count("tricky-negative") * 2 >= len(corpus)
    assert all(r["expected"] for r in corpus if r["kind"] == "positive")


def test_vacancy_corpus(vacancy_corpus: list[dict], vacancy: dict) -> None:
    assert len(vacancy_corpus) >= 40
    _check_lines(vacancy_corpus, "vacancy", "vac-en-")
    stems = {
        "masculine": vacancy["masculine"] + vacancy["added_masculine"],
        "feminine": vacancy["feminine"] + vacancy["added_feminine"],
    }
    for r in vacancy_corpus:
        assert isinstance(r["coded"], list), r["id"]
        pos = 0
        for c in r["coded"]:
            assert set(c) == {"term", "coding"}, r["id"]
            assert c["coding"] in stems, r["id"]
            assert any(c["term"].lower().startswith(s) for s in stems[c["coding"]]), (
                f"{r['id']}: {c['term']!r} does not start with a {c['coding']} stem"
            )
            at = r["text"].find(c["term"], pos)
            assert at >= 0, f"{r['id']}: {c['term']!r} not found in order"
            pos = at + len(c["term"])
