"""Value types shared by the terminology checker.

They are plain frozen dataclasses so that findings can be cached, compared in tests and
serialised for the web app, the batch command and the offline kit without any framework.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Lang = Literal["en", "fr", "es"]
Mode = Literal["proposal", "vacancy"]
Coding = Literal["masculine", "feminine"]

LANGS: tuple[Lang, ...] = ("en", "fr", "es")
MODES: tuple[Mode, ...] = ("proposal", "vacancy")
CATEGORIES = frozenset(
    {
        "role-noun",
        "man-compound",
        "idiom",
        "unnecessary-marking",
        "stereotype",
        "humanity",
        "courtesy-title",
        "feminine-title",
        "generic-masculine",
        "inclusive-form",
        "generic-pronoun",
        "vulnerable-lumping",
    }
)
SEVERITIES = ("high", "medium", "low")
POS = frozenset({"noun", "adj", "verb", "phrase", "pronoun", "title"})
ENTRY_MODES = frozenset({"both", "proposal", "vacancy"})
CONTEXT_TAGS = frozenset(
    {
        "minors-ok",
        "not-proper-name",
        "generic-referent",
        "adult-lumping",
        "title-before-name",
        "feminine-form",
        "facility-ok",
    }
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One rule of a language file, validated and normalised."""

    id: str
    lemma: str
    pos: str
    category: str
    severity: str
    suggestions: tuple[str, ...]
    suggestions_pl: tuple[str, ...]
    explanation: str
    source: str
    debatable: bool = False
    guide: str = "gender-sensitive-language"
    mode: str = "both"
    context: frozenset[str] = frozenset()
    except_: tuple[str, ...] = ()
    forms_sg: tuple[str, ...] = ()
    forms_pl: tuple[str, ...] = ()
    forms_verb: tuple[str, ...] = ()

    def applies_to(self, mode: str) -> bool:
        return self.mode == "both" or self.mode == mode

    def has(self, tag: str) -> bool:
        return tag in self.context


@dataclass(frozen=True, slots=True)
class Finding:
    """One flagged span of the checked text."""

    start: int
    end: int
    line: int
    column: int
    term: str
    rule: str
    category: str
    severity: str
    suggestions: tuple[str, ...]
    message: str
    explanation: str
    debatable: bool
    guide: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "term": self.term,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "suggestions": list(self.suggestions),
            "message": self.message,
            "explanation": self.explanation,
            "debatable": self.debatable,
            "guide": self.guide,
        }


@dataclass(frozen=True, slots=True)
class CodedWord:
    """A gender-coded word of a job advertisement (Gaucher, Friesen & Kay 2011)."""

    start: int
    end: int
    term: str
    coding: Coding
    # The words around it that say why it counts ("a driven, competitive leader").
    phrase: str = ""
    # True for a stem added beyond the study's published list (Gender Decoder's extension).
    added: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "term": self.term,
            "coding": self.coding,
            "phrase": self.phrase,
            "added": self.added,
        }


@dataclass(frozen=True, slots=True)
class VacancyReport:
    """Coded wording of a vacancy text plus the terminology findings of vacancy mode."""

    lang: Lang
    coded: tuple[CodedWord, ...]
    findings: tuple[Finding, ...] = field(default=())

    @property
    def masculine(self) -> int:
        return sum(1 for c in self.coded if c.coding == "masculine")

    @property
    def feminine(self) -> int:
        return sum(1 for c in self.coded if c.coding == "feminine")

    @property
    def score(self) -> int:
        return self.feminine - self.masculine

    @property
    def verdict(self) -> str:
        return verdict_for(self.score)

    def to_dict(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "coded": [c.to_dict() for c in self.coded],
            "masculine": self.masculine,
            "feminine": self.feminine,
            "score": self.score,
            "verdict": self.verdict,
            "findings": [f.to_dict() for f in self.findings],
        }


def verdict_for(score: int) -> str:
    """Gender Decoder's verdict bands, on feminine minus masculine counts."""
    if score > 3:
        return "strongly feminine-coded"
    if score > 0:
        return "feminine-coded"
    if score == 0:
        return "neutral"
    if score >= -3:
        return "masculine-coded"
    return "strongly masculine-coded"
