"""The term base's rule sets, run by an engine that takes them (simulated here).

pat.terminology does not yet accept a rule set; these tests stand in the entry point the term
base needs (`check(..., rules=RuleSet)`) so that the rule sets built from the database are
proven valid and complete before the engine offers it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from pat import terminology
from pat.termbase import checker, services
from pat.termbase.models import TermEntry
from pat.terminology import matcher

pytestmark = pytest.mark.django_db


@pytest.fixture
def engine_taking_rules(monkeypatch: Any) -> None:
    shipped_check = terminology.check
    shipped_compile = matcher.compile_rules

    def check(
        text: str,
        lang: str = "en",
        mode: str = "proposal",
        *,
        allow: Iterable[str] = (),
        disabled_rules: Iterable[str] = (),
        rules: Any = None,
    ) -> list[Any]:
        if rules is None:
            return shipped_check(text, lang, mode, allow=allow, disabled_rules=disabled_rules)
        compiled = matcher.Compiled(rules, mode)
        monkeypatch.setattr(matcher, "compile_rules", lambda _lang, _mode: compiled)
        try:
            return matcher.find(text, lang, mode, allow=allow, disabled_rules=disabled_rules)
        finally:
            monkeypatch.setattr(matcher, "compile_rules", shipped_compile)

    monkeypatch.setattr(terminology, "check", check)
    monkeypatch.setattr(checker, "ENGINE_TAKES_RULES", True)
    checker.forget()


def rules_in(text: str, lang: str = "en") -> list[str]:
    rules = checker.current_rules()
    assert rules.errors == []
    return [f.rule for f in checker.check(text, lang, "proposal", rules=rules)]


@pytest.mark.usefixtures("engine_taking_rules")
def test_the_term_base_as_built_finds_what_the_shipped_rules_find() -> None:
    for lang, text in [
        ("en", "The chairman asked for more manpower; each applicant brings his passport."),
        ("fr", "Le président a reçu les travailleurs migrants."),
        ("es", "El presidente recibió a los trabajadores migrantes."),
    ]:
        shipped = [f.rule for f in terminology.check(text, lang, "proposal")]
        assert rules_in(text, lang) == shipped
        assert shipped


@pytest.mark.usefixtures("engine_taking_rules")
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
