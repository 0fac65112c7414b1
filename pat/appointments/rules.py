"""The Appointments and Postings Board's rules, pure: no Django, no database (domain.md §5).

Special measures apply to a case while women are under-represented at its level (and, where
configured, in its office) on the date of the case. Under special measures, recommending a
man over a woman who meets the requirements needs a written justification, which the Gender
Focal Point reviews (concur, concur with a comment, object) before the board may decide.
The caller reads the staffing figures and the candidates; these functions decide.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

# The professional and higher levels counted at personal grade (domain.md §5).
DEFAULT_LEVELS: frozenset[str] = frozenset(
    {"P-1", "P-2", "P-3", "P-4", "P-5", "D-1", "D-2", "ASG", "USG"}
)
WOMEN_UNDER = "women_under"  # pat.staffing.parity.Status.WOMEN_UNDER, by value


class Stage(StrEnum):
    """Where a case stands; derived from what has been recorded on it."""

    NO_RECOMMENDATION = "no_recommendation"
    NEEDS_JUSTIFICATION = "needs_justification"
    NEEDS_REVIEW = "needs_review"
    READY = "ready"
    APPROVED = "approved"
    RETURNED = "returned"
    DEFERRED = "deferred"


class Decision(StrEnum):
    APPROVE = "approve"
    RETURN = "return"
    DEFER = "defer"


class Verdict(StrEnum):
    CONCUR = "concur"
    CONCUR_WITH_COMMENT = "concur_comment"
    OBJECT = "object"


class Action(StrEnum):
    RECOMMEND = "recommend"
    JUSTIFY = "justify"
    REVIEW = "review"
    DECIDE = "decide"


FINAL_STAGES = frozenset({Stage.APPROVED, Stage.RETURNED})
DECISION_STAGE = {
    Decision.APPROVE: Stage.APPROVED,
    Decision.RETURN: Stage.RETURNED,
    Decision.DEFER: Stage.DEFERRED,
}


@dataclass(frozen=True)
class Config:
    """What an organization may set (PAT_APB_RULES); the defaults follow domain.md §5.

    `threshold` None reads the parity zone (women under-represented below 47 %, wider
    under ten people); a number is a share of women below which special measures apply.
    """

    levels: frozenset[str] = DEFAULT_LEVELS
    threshold: float | None = None
    count_offices: bool = True

    @classmethod
    def from_settings(cls, raw: dict[str, object] | None) -> Config:
        raw = raw or {}
        levels = raw.get("levels")
        threshold = raw.get("threshold")
        return cls(
            levels=frozenset(str(x) for x in levels)  # type: ignore[attr-defined]
            if levels is not None
            else DEFAULT_LEVELS,
            threshold=None if threshold is None else float(threshold),  # type: ignore[arg-type]
            count_offices=bool(raw.get("count_offices", True)),
        )


@dataclass(frozen=True)
class Standing:
    """Women's representation in a population on a date: the parity status and share."""

    status: str | None  # "parity", "women_under", "men_under", or None (no figures)
    share: float | None = None  # per cent women among women and men


@dataclass(frozen=True)
class Candidate:
    sex: str  # "female", "male", "self", "undisclosed"
    meets_requirements: bool
    withdrawn: bool = False


@dataclass(frozen=True)
class Facts:
    """What a case holds that the rules read."""

    special_measures: bool
    recommended: Candidate | None
    others: Sequence[Candidate] = field(default_factory=tuple)
    justified: bool = False
    reviewed: bool = False
    decision: Decision | None = None


def women_under_represented(standing: Standing | None, config: Config) -> bool:
    if standing is None:
        return False
    if config.threshold is None:
        return standing.status == WOMEN_UNDER
    return standing.share is not None and standing.share < config.threshold


def special_measures(
    *,
    level: str,
    at_level: Standing | None,
    in_office: Standing | None,
    config: Config = Config(),
) -> bool:
    """Whether special measures apply to a case at `level` given the staffing figures."""
    if level not in config.levels:
        return False
    if women_under_represented(at_level, config):
        return True
    return config.count_offices and women_under_represented(in_office, config)


def justification_required(
    *, special_measures: bool, recommended: Candidate | None, others: Iterable[Candidate]
) -> bool:
    """A man recommended over a woman who meets the requirements, under special measures."""
    if not special_measures or recommended is None or recommended.sex != "male":
        return False
    return any(c.sex == "female" and c.meets_requirements and not c.withdrawn for c in others)


def stage(facts: Facts) -> Stage:
    if facts.decision is not None and facts.decision != Decision.DEFER:
        return DECISION_STAGE[facts.decision]
    if facts.recommended is None:
        return Stage.NO_RECOMMENDATION
    if justification_required(
        special_measures=facts.special_measures,
        recommended=facts.recommended,
        others=facts.others,
    ):
        if not facts.justified:
            return Stage.NEEDS_JUSTIFICATION
        if not facts.reviewed:
            return Stage.NEEDS_REVIEW
    if facts.decision == Decision.DEFER:
        return Stage.DEFERRED
    return Stage.READY


# Which decisions the board may record at each stage: none until the justification and
# the Gender Focal Point's review are in; a deferred case comes back for any decision.
ALLOWED_DECISIONS: dict[Stage, frozenset[Decision]] = {
    Stage.NO_RECOMMENDATION: frozenset(),
    Stage.NEEDS_JUSTIFICATION: frozenset(),
    Stage.NEEDS_REVIEW: frozenset(),
    Stage.READY: frozenset(Decision),
    Stage.DEFERRED: frozenset(Decision),
    Stage.APPROVED: frozenset(),
    Stage.RETURNED: frozenset(),
}

ALLOWED_ACTIONS: dict[Stage, frozenset[Action]] = {
    Stage.NO_RECOMMENDATION: frozenset({Action.RECOMMEND}),
    Stage.NEEDS_JUSTIFICATION: frozenset({Action.RECOMMEND, Action.JUSTIFY}),
    Stage.NEEDS_REVIEW: frozenset({Action.RECOMMEND, Action.JUSTIFY, Action.REVIEW}),
    Stage.READY: frozenset({Action.RECOMMEND, Action.DECIDE}),
    Stage.DEFERRED: frozenset({Action.RECOMMEND, Action.DECIDE}),
    Stage.APPROVED: frozenset(),
    # Returned to the hiring office: it comes back with a new recommendation.
    Stage.RETURNED: frozenset({Action.RECOMMEND}),
}


def allowed_decisions(current: Stage) -> frozenset[Decision]:
    return ALLOWED_DECISIONS[current]


def allowed_actions(current: Stage) -> frozenset[Action]:
    return ALLOWED_ACTIONS[current]


def review_needs_text(verdict: Verdict) -> bool:
    """A plain concurrence may stand alone; a comment or an objection says what it is."""
    return verdict != Verdict.CONCUR
