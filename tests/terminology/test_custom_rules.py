"""check(..., rules=RuleSet): a rule set built from data instead of the shipped files."""

import json

import pytest

from pat.terminology import check, matcher
from pat.terminology.rules import DATA_DIR, parse_ruleset

ENTRY = {
    "id": "en.firemanship",
    "lemma": "firemanship",
    "pos": "noun",
    "category": "role-noun",
    "severity": "medium",
    "suggestions": ["firefighting"],
    "explanation": "Gendered.",
    "source": "Ours",
}


def ruleset(lang="en", entries=(ENTRY,)):
    return parse_ruleset({"lang": lang, "entries": list(entries)}, lang, "test")


def test_a_custom_rule_set_is_used_instead_of_the_shipped_rules():
    rules = ruleset()
    text = "The chairman praised the firemanship team."
    assert [f.rule for f in check(text, "en", rules=rules)] == ["en.firemanship"]
    assert [f.rule for f in check(text, "en")] == ["en.chairman"]
    found = check(text, "en", rules=rules)[0]
    assert found.suggestions == ("firefighting",)


def test_auto_takes_the_language_of_the_rule_set_and_a_mismatch_is_an_error():
    rules = ruleset()
    assert [f.rule for f in check("Le firemanship.", "auto", rules=rules)] == ["en.firemanship"]
    with pytest.raises(ValueError):
        check("The firemanship team.", "fr", rules=rules)
    with pytest.raises(ValueError):
        matcher.find("The firemanship team.", "fr", "proposal", rules=rules)


def test_the_shipped_data_as_a_custom_rule_set_finds_the_same():
    data = json.loads((DATA_DIR / "en.json").read_text(encoding="utf-8"))
    rules = parse_ruleset(data, "en", "copy")
    text = "Each applicant brings his passport; the chairman checks the manpower plan."
    assert check(text, "en", rules=rules) == check(text, "en")


def test_compiled_rule_sets_are_cached_by_identity_and_bounded():
    matcher.clear_caches()
    first = ruleset()
    a = matcher.compile_ruleset(first, "proposal")
    assert matcher.compile_ruleset(first, "proposal") is a
    assert matcher.compile_ruleset(first, "vacancy") is not a
    # An equal but distinct rule set is compiled on its own (a new term base revision).
    assert matcher.compile_ruleset(ruleset(), "proposal") is not a
    keep = [ruleset() for _ in range(matcher.CUSTOM_CACHE_SIZE + 3)]
    for r in keep:
        matcher.compile_ruleset(r, "proposal")
    assert len(matcher._custom) <= matcher.CUSTOM_CACHE_SIZE
    assert matcher.compile_ruleset(first, "proposal") is not a  # evicted, rebuilt
