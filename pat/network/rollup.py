"""The global analysis of a self-assessment exercise, as pure functions (no database).

The caller turns answers into `AnswerRow`s; these functions count, average and group them.
Ratings are the UN-SWAP scale's codes; "not applicable" and unrated answers count as
answered but never enter a mean, which is over the scored ratings only (missing 1 …
exceeds 4).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

SCALE = ("na", "missing", "approaches", "meets", "exceeds")
SCORES = {"missing": 1, "approaches": 2, "meets": 3, "exceeds": 4}
MEETS_OR_BETTER = frozenset({"meets", "exceeds"})


@dataclass(frozen=True)
class AnswerRow:
    office: str
    region: str
    question: str
    rating: str
    comment: str = ""


@dataclass(frozen=True)
class QuestionFigures:
    question: str
    counts: dict[str, int]
    mean: float | None
    meets_share: float | None


def mean_score(counts: Mapping[str, int]) -> float | None:
    """The mean score of the scored ratings, None when none is scored."""
    total = weighted = 0
    for rating, n in counts.items():
        score = SCORES.get(rating)
        if score is not None:
            total += n
            weighted += score * n
    return weighted / total if total else None


def meets_share(counts: Mapping[str, int]) -> float | None:
    """Share of scored ratings at "meets" or above (UN-SWAP's usual headline)."""
    total = sum(n for r, n in counts.items() if r in SCORES)
    if not total:
        return None
    return sum(n for r, n in counts.items() if r in MEETS_OR_BETTER) / total


def ratings_by_question(
    rows: Iterable[AnswerRow], questions: Iterable[str]
) -> list[QuestionFigures]:
    """Counts per rating, mean and share meeting, for each question in the given order."""
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        if row.rating in SCALE:
            per = counts[row.question]
            per[row.rating] = per.get(row.rating, 0) + 1
    out = []
    for question in questions:
        per = {rating: counts[question].get(rating, 0) for rating in SCALE}
        out.append(QuestionFigures(question, per, mean_score(per), meets_share(per)))
    return out


def grid(rows: Iterable[AnswerRow], *, by: str) -> dict[tuple[str, str], float | None]:
    """Mean score per (office or region, question): the heat map's cells."""
    if by not in {"office", "region"}:
        raise ValueError("by must be 'office' or 'region'")
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for row in rows:
        key = (getattr(row, by), row.question)
        per = counts[key]
        per[row.rating] = per.get(row.rating, 0) + 1
    return {key: mean_score(per) for key, per in counts.items()}


def response_rate(*, invited: int, answered: int) -> float | None:
    if invited <= 0:
        return None
    return min(answered, invited) / invited


def comments_by_question(rows: Iterable[AnswerRow]) -> dict[str, list[tuple[str, str]]]:
    """Non-empty comments as (office, text) per question, offices in alphabetical order."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in rows:
        text = row.comment.strip()
        if text:
            out[row.question].append((row.office, text))
    return {q: sorted(items) for q, items in out.items()}


def change_since(
    previous: Mapping[str, float | None], current: Mapping[str, float | None]
) -> dict[str, float | None]:
    """Change of the mean score per question; None where either exercise has no score."""
    out: dict[str, float | None] = {}
    for question, now in current.items():
        before = previous.get(question)
        out[question] = None if now is None or before is None else round(now - before, 2)
    return out
