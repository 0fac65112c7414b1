"""The term base's rule sets, run by the engine (`check(..., rules=RuleSet)`).

The rule sets built from the database must be valid and complete: on the shipped entries they
find what the shipped files find, and an added or disabled entry takes effect.
"""

from __future__ import annotations

from typing import Any

import pytest

from pat import terminology
from pat.termbase import checker, services
from pat.termbase.models import TermEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rules() -> None:
    checker.forget()


def rules_in(text: str, lang: str = "en") -> list[str]:
    rules = checker.current_rules()
    assert rules.errors == []
    return [f.rule for f in checker.check(text, lang, "proposal", rules=rules)]


def test_the_term_base_as_built_finds_what_the_shipped_rules_find() -> None:
    for lang, text in [
        ("en", "The chairman asked for more manpower; each applicant brings his passport."),
        ("fr", "Le président a reçu les travailleurs migrants."),
        ("es", "El presidente recibió a los trabajadores migrantes."),
    ]:
        shipped = [f.rule for f in terminology.check(text, lang, "proposal")]
        assert rules_in(text, lang) == shipped
        assert shipped


def test_an_added_entry_and_a_disabled_one_take_effect(focal_point: Any) -> None:
    text = "Ask the chairman about the firemanship team."
    assert rules_in(text) == ["en.chairman"]
    services.entry_create(
        actor=focal_point,
        fields={
            "lang": "en",
            "rule_id": "en.firemanship",
            "lemma": "firemanship",
            "pos": "noun",
            "category": "role-noun",
            "severity": "medium",
            "suggestions": ["firefighting"],
            "explanation": "Gendered.",
            "source": "Ours",
        },
    )
    entry = TermEntry.objects.get(rule_id="en.chairman")
    services.entry_set_enabled(entry=entry, actor=focal_point, expected_version=1, enabled=False)
    assert rules_in(text) == ["en.firemanship"]


def test_the_term_base_rule_set_is_what_the_engine_runs() -> None:
    rules = checker.current_rules()
    ruleset = rules.rulesets["fr"]
    assert ruleset.lang == "fr"
    text = "Le président a reçu les travailleurs migrants."
    assert terminology.check(text, "auto", "proposal", rules=ruleset) == terminology.check(
        text, "fr", "proposal", rules=ruleset
    )
    with pytest.raises(ValueError):
        terminology.check(text, "en", "proposal", rules=ruleset)
