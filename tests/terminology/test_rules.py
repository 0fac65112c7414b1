"""Rule data loading, validation messages and generated forms."""

import json
from pathlib import Path

import pytest

from pat.terminology import RuleDataError, export_rules
from pat.terminology.rules import (
    clear_caches,
    load_rules,
    parse_ruleset,
    plural_word,
    surface_forms,
    verb_forms,
)

FIXTURES = Path(__file__).parent / "fixtures" / "data"
GOOD = {
    "id": "en.x",
    "lemma": "x",
    "pos": "noun",
    "category": "role-noun",
    "severity": "low",
    "suggestions": [],
    "explanation": "e",
    "source": "s",
}


def ruleset(*entries, lang="en"):
    return parse_ruleset({"lang": lang, "entries": list(entries)}, lang, "f.json")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({**GOOD, "severity": "huge"}, "f.json: entry #0 (en.x): 'severity' must be one of"),
        ({**GOOD, "category": "nope"}, "'category' must be one of"),
        ({k: v for k, v in GOOD.items() if k != "lemma"}, "'lemma' is required"),
        ({**GOOD, "id": "fr.x"}, "'id' must start with 'en.'"),
        ({**GOOD, "context": ["psychic"]}, "unknown context tag(s) ['psychic']"),
        ({**GOOD, "forms": {"sg": "x"}}, "'forms.sg' must be a list of strings"),
        ({**GOOD, "forms": {"dual": ["x"]}}, "'forms' has unknown key(s) ['dual']"),
        ({**GOOD, "debatable": "yes"}, "'debatable' must be true or false"),
        ({k: v for k, v in GOOD.items() if k != "suggestions"}, "'suggestions' is required"),
        ("chairman", "entry #0: must be a JSON object"),
    ],
)
def test_it_names_the_file_and_entry_of_a_bad_rule(entry, message):
    with pytest.raises(RuleDataError) as exc:
        ruleset(entry)
    assert message in str(exc.value)


def test_duplicate_ids_are_rejected():
    with pytest.raises(RuleDataError, match="duplicate 'id'"):
        ruleset(GOOD, GOOD)


def test_french_entries_need_forms():
    with pytest.raises(RuleDataError, match="need explicit 'forms'"):
        ruleset({**GOOD, "id": "fr.x"}, lang="fr")


def test_bad_json_names_line_and_column(tmp_path, monkeypatch):
    (tmp_path / "en.json").write_text('{"lang": "en",\n "entries": [,]}', encoding="utf-8")
    monkeypatch.setenv("PAT_TERMINOLOGY_DATA", str(tmp_path))
    clear_caches()
    with pytest.raises(RuleDataError, match=r"en\.json: not valid JSON at line 2 column"):
        load_rules("en")
    clear_caches()


def test_a_missing_file_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("PAT_TERMINOLOGY_DATA", str(tmp_path))
    clear_caches()
    with pytest.raises(RuleDataError, match=r"es\.json: rule data file is missing"):
        load_rules("es")
    clear_caches()


@pytest.mark.parametrize(
    ("word", "plural"),
    [
        ("chairman", "chairmen"),
        ("woman", "women"),
        ("housewife", "housewives"),
        ("lady", "ladies"),
        ("boy", "boys"),
        ("actress", "actresses"),
        ("man-day", "man-days"),
        ("Chairman", "Chairmen"),
        ("CHAIRMAN", "CHAIRMEN"),
    ],
)
def test_english_plurals(word, plural):
    assert plural_word(word) == plural


def test_english_verb_forms_double_the_final_consonant():
    assert verb_forms("man") == {"v": "man", "v3s": "mans", "ved": "manned", "ving": "manning"}
    assert verb_forms("staff") == {
        "v": "staff",
        "v3s": "staffs",
        "ved": "staffed",
        "ving": "staffing",
    }
    assert verb_forms("operate")["ving"] == "operating"


def test_it_loads_once_and_generates_compound_variants(monkeypatch):
    monkeypatch.setenv("PAT_TERMINOLOGY_DATA", str(FIXTURES))
    clear_caches()
    rules = load_rules("en")
    assert load_rules("en") is rules
    forms = surface_forms(rules.by_id["en.man-hour"], "en")
    assert {"man-hour", "manhour", "man hour", "man-hours", "manhours", "man hours"} <= set(forms)
    fr = surface_forms(load_rules("fr").by_id["fr.droits-de-l-homme"], "fr")
    assert "droits de l\u2019homme" in fr
    clear_caches()


def test_export_is_json_serialisable_with_generated_forms(monkeypatch):
    monkeypatch.setenv("PAT_TERMINOLOGY_DATA", str(FIXTURES))
    clear_caches()
    data = export_rules("en")
    json.dumps(data)
    chairman = next(e for e in data["entries"] if e["id"] == "en.chairman")
    assert {"form": "chairmen", "tag": "pl", "possessive": True} in chairman["forms"]
    assert data["vacancy"]["masculine"][:2] == ["active", "ambitio"]
    assert "Isle of Man" in data["proper_names"]
    clear_caches()


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_the_shipped_data_files_load(lang):
    clear_caches()
    path = Path(__file__).parents[2] / "pat" / "terminology" / "data" / f"{lang}.json"
    assert path.exists()
    rules = load_rules(lang)
    assert rules.entries
    export_rules(lang)
