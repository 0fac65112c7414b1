"""The guide's page catalogue and how link keys resolve to pages (pure, no database).

Other apps link to guidance by key: the proposal builder by section key, the terminology
checker by each rule's `guide` key. Keys are stable; aliases keep older or looser keys
working, and an unknown key resolves to the nearest known one rather than failing.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

Module = Literal["proposal", "gender", "process"]


@dataclass(frozen=True, slots=True)
class PageSpec:
    key: str
    module: Module
    order: int


# Proposal sections in the order a proposal presents them (domain brief §7).
PROPOSAL_SECTIONS: tuple[str, ...] = (
    "cover-page",
    "summary",
    "rationale",
    "partnerships",
    "sustainability",
    "monitoring",
    "evaluation",
    "risk-management",
    "cross-cutting-themes",
    "results-matrix",
    "indicators",
    "work-plan",
    "budget",
    "beneficiaries",
)
GENDER_PAGES: tuple[str, ...] = (
    "gender-analysis",
    "gender-markers",
    "sex-and-age-disaggregation",
    "gender-sensitive-language",
    "migrant-men-and-boys",
)
PROCESS_PAGES: tuple[str, ...] = ("review-process",)

CATALOGUE: tuple[PageSpec, ...] = (
    *(PageSpec(k, "proposal", i) for i, k in enumerate(PROPOSAL_SECTIONS)),
    *(PageSpec(k, "gender", 100 + i) for i, k in enumerate(GENDER_PAGES)),
    *(PageSpec(k, "process", 200 + i) for i, k in enumerate(PROCESS_PAGES)),
)
KNOWN_KEYS: frozenset[str] = frozenset(spec.key for spec in CATALOGUE)

# Other spellings of the same pages, as other apps and people write them.
ALIASES: dict[str, str] = {
    "cover": "cover-page",
    "title-page": "cover-page",
    "project-summary": "summary",
    "executive-summary": "summary",
    "background": "rationale",
    "justification": "rationale",
    "needs-assessment": "rationale",
    "partnerships-and-coordination": "partnerships",
    "partners": "partnerships",
    "coordination": "partnerships",
    "risks": "risk-management",
    "risk": "risk-management",
    "risk-management-plan": "risk-management",
    "cross-cutting": "cross-cutting-themes",
    "cross-cutting-issues": "cross-cutting-themes",
    "results": "results-matrix",
    "results-framework": "results-matrix",
    "logframe": "results-matrix",
    "objective": "results-matrix",
    "outcomes": "results-matrix",
    "outputs": "results-matrix",
    "activities": "work-plan",
    "indicator": "indicators",
    "workplan": "work-plan",
    "timeline": "work-plan",
    "budget-lines": "budget",
    "beneficiary": "beneficiaries",
    "target-population": "beneficiaries",
    "gender": "gender-analysis",
    "analysis": "gender-analysis",
    "gender-marker": "gender-markers",
    "markers": "gender-markers",
    "iom-gender-marker": "gender-markers",
    "iasc-gam": "gender-markers",
    "gam": "gender-markers",
    "gender-with-age-marker": "gender-markers",
    "oecd-dac": "gender-markers",
    "oecd-dac-marker": "gender-markers",
    "dac-marker": "gender-markers",
    "sadd": "sex-and-age-disaggregation",
    "disaggregation": "sex-and-age-disaggregation",
    "sex-and-age": "sex-and-age-disaggregation",
    "terminology": "gender-sensitive-language",
    "language": "gender-sensitive-language",
    "inclusive-language": "gender-sensitive-language",
    "gender-sensitive-terminology": "gender-sensitive-language",
    "men-and-boys": "migrant-men-and-boys",
    "migrant-men": "migrant-men-and-boys",
    "working-with-men-and-boys": "migrant-men-and-boys",
    "review": "review-process",
    "reviews": "review-process",
    "endorsement": "review-process",
}

_NON_KEY = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where a requested key leads: the page key (or None for the index) and how it was found."""

    key: str | None
    how: Literal["exact", "alias", "nearest", "none"]


def normalise(raw: str) -> str:
    return _NON_KEY.sub("-", raw.strip().lower()).strip("-")


def resolve(raw: str, existing: frozenset[str] | set[str] = KNOWN_KEYS) -> Resolution:
    """The page a key means: itself, its alias, the closest key by spelling, or none."""
    key = normalise(raw)
    if key in existing:
        return Resolution(key, "exact" if key == raw else "alias")
    target = ALIASES.get(key)
    if target is not None and target in existing:
        return Resolution(target, "alias")
    candidates = sorted(set(existing) | {a for a, t in ALIASES.items() if t in existing})
    close = difflib.get_close_matches(key, candidates, n=1, cutoff=0.75)
    if not close:
        # "rationale-gender" or "budget-notes": a known key as one part of the request.
        parts = [p for p in sorted(existing, key=len, reverse=True) if p and p in key]
        close = parts[:1]
    if close:
        found = ALIASES.get(close[0], close[0])
        return Resolution(found, "nearest")
    return Resolution(None, "none")


def spec_for(key: str) -> PageSpec | None:
    for spec in CATALOGUE:
        if spec.key == key:
            return spec
    return None
