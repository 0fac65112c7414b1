"""PAT's gender-sensitive terminology checker (English, French, Spanish).

Pure Python on the standard library: the web app, the command line and the offline kit's
exporter all use it, and none of them should need Django to check a text.

    >>> from pat.terminology import check
    >>> [f.message for f in check("The chairman's report.", "en")]
    ['"chairman\\'s": prefer "chair\\'s"']
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import LANGS, MODES, CodedWord, Finding, VacancyReport, verdict_for
from .rules import RuleDataError, RuleSet, export_rules, load_rules, load_vacancy, parse_ruleset

__all__ = [
    "LANGS",
    "MODES",
    "CodedWord",
    "Finding",
    "RuleDataError",
    "RuleSet",
    "VacancyReport",
    "check",
    "detect_language",
    "export_rules",
    "load_rules",
    "load_vacancy",
    "parse_ruleset",
    "vacancy_report",
    "verdict_for",
]


def check(
    text: str,
    lang: str = "en",
    mode: str = "proposal",
    *,
    allow: Iterable[str] = (),
    disabled_rules: Iterable[str] = (),
    rules: RuleSet | None = None,
) -> list[Finding]:
    """Gender-insensitive wording in text, best findings first.

    lang is "en", "fr", "es" or "auto"; mode is "proposal" or "vacancy" (vacancy mode uses the
    rules meant for job advertisements; see vacancy_report for coded wording). allow lists
    words that this document may use; disabled_rules lists rule ids to switch off. rules is a
    rule set built from data (rules.parse_ruleset) to check against instead of the shipped
    files: with lang="auto" its language is used, and another language is a ValueError.
    """
    from .matcher import find

    if not isinstance(text, str):
        raise TypeError("text must be a str")
    if mode not in MODES:
        raise ValueError(f"unsupported mode {mode!r}; use one of {', '.join(MODES)}")
    if rules is not None:
        if lang == "auto":
            lang = rules.lang
        elif lang != rules.lang:
            raise ValueError(f"the rule set is for {rules.lang!r}, not {lang!r}")
    if lang == "auto":
        lang = detect_language(text)
    elif lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; use one of {', '.join(LANGS)}, auto")
    if isinstance(allow, str) or isinstance(disabled_rules, str):
        raise TypeError("allow and disabled_rules take a list of strings, not one string")
    return find(text, lang, mode, allow=allow, disabled_rules=disabled_rules, rules=rules)


def vacancy_report(text: str, lang: str = "en") -> VacancyReport:
    """Masculine/feminine-coded words, score, verdict and vacancy-mode findings."""
    from .vacancy import vacancy_report as report

    return report(text, lang)


def detect_language(text: str) -> str:
    from .lang import detect_language as detect

    return detect(text)
