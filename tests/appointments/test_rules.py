"""The Appointments and Postings Board's rules as tables: no database."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pat.appointments import rules
from pat.appointments.rules import Action, Candidate, Config, Decision, Facts, Stage, Standing

UNDER = Standing("women_under", 30.0)
PARITY = Standing("parity", 50.0)
MEN_UNDER = Standing("men_under", 60.0)
NONE = Standing(None, None)

WOMAN = Candidate("female", True)
WOMAN_NOT_MEETING = Candidate("female", False)
WOMAN_WITHDRAWN = Candidate("female", True, withdrawn=True)
MAN = Candidate("male", True)
SELF = Candidate("self", True)


@pytest.mark.parametrize(
    ("level", "at_level", "in_office", "config", "expected"),
    [
        ("P-4", UNDER, PARITY, Config(), True),
        ("P-4", PARITY, PARITY, Config(), False),
        ("P-4", MEN_UNDER, None, Config(), False),
        ("P-4", None, None, Config(), False),  # no roster: no measures
        ("P-4", NONE, NONE, Config(), False),
        ("P-4", PARITY, UNDER, Config(), True),  # the office counts by default
        ("P-4", PARITY, UNDER, Config(count_offices=False), False),
        ("D-1", UNDER, None, Config(), True),
        ("USG", UNDER, None, Config(), True),
        ("GS-5", UNDER, UNDER, Config(), False),  # general service is not covered by default
        ("NO-B", UNDER, None, Config(), False),
        ("GS-5", UNDER, None, Config(levels=frozenset({"GS-5"})), True),
        ("P-2", UNDER, None, Config(levels=frozenset({"P-5", "D-1"})), False),
        # a threshold reads the share, not the zone
        ("P-4", Standing("parity", 48.0), None, Config(threshold=50), True),
        ("P-4", Standing("women_under", 45.0), None, Config(threshold=40), False),
        ("P-4", Standing("women_under", None), None, Config(threshold=40), False),
        ("P-4", PARITY, Standing("parity", 39.0), Config(threshold=40), True),
    ],
)
def test_when_special_measures_apply(
    level: str,
    at_level: Standing | None,
    in_office: Standing | None,
    config: Config,
    expected: bool,
) -> None:
    assert (
        rules.special_measures(level=level, at_level=at_level, in_office=in_office, config=config)
        is expected
    )


@pytest.mark.parametrize(
    ("measures", "recommended", "others", "expected"),
    [
        (True, MAN, [WOMAN], True),
        (True, MAN, [MAN, WOMAN_NOT_MEETING], False),
        (True, MAN, [WOMAN_WITHDRAWN], False),
        (True, MAN, [], False),
        (True, WOMAN, [MAN, WOMAN], False),
        (True, SELF, [WOMAN], False),  # only a man over a woman
        (True, None, [WOMAN], False),
        (False, MAN, [WOMAN], False),  # no measures, no justification
        (True, MAN, [SELF, WOMAN], True),
    ],
)
def test_when_a_justification_is_required(
    measures: bool, recommended: Candidate | None, others: list[Candidate], expected: bool
) -> None:
    assert (
        rules.justification_required(
            special_measures=measures, recommended=recommended, others=others
        )
        is expected
    )


def facts(**kw: object) -> Facts:
    base: dict[str, object] = {
        "special_measures": True,
        "recommended": MAN,
        "others": (WOMAN,),
    }
    base.update(kw)
    return Facts(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("case", "expected_stage", "decisions"),
    [
        (facts(recommended=None), Stage.NO_RECOMMENDATION, set()),
        (facts(), Stage.NEEDS_JUSTIFICATION, set()),
        (facts(justified=True), Stage.NEEDS_REVIEW, set()),
        (facts(justified=True, reviewed=True), Stage.READY, set(Decision)),
        (facts(special_measures=False), Stage.READY, set(Decision)),
        (facts(recommended=WOMAN, others=(MAN,)), Stage.READY, set(Decision)),
        (
            facts(justified=True, reviewed=True, decision=Decision.DEFER),
            Stage.DEFERRED,
            set(Decision),
        ),
        (facts(justified=True, reviewed=True, decision=Decision.APPROVE), Stage.APPROVED, set()),
        (facts(justified=True, reviewed=True, decision=Decision.RETURN), Stage.RETURNED, set()),
        # a deferral before the review was in (as data) does not skip the review
        (facts(justified=True, decision=Decision.DEFER), Stage.NEEDS_REVIEW, set()),
    ],
)
def test_which_decisions_are_allowed_in_which_stage(
    case: Facts, expected_stage: Stage, decisions: set[Decision]
) -> None:
    current = rules.stage(case)
    assert current == expected_stage
    assert rules.allowed_decisions(current) == decisions


@pytest.mark.parametrize(
    ("current", "actions"),
    [
        (Stage.NO_RECOMMENDATION, {Action.RECOMMEND}),
        (Stage.NEEDS_JUSTIFICATION, {Action.RECOMMEND, Action.JUSTIFY}),
        (Stage.NEEDS_REVIEW, {Action.RECOMMEND, Action.JUSTIFY, Action.REVIEW}),
        (Stage.READY, {Action.RECOMMEND, Action.DECIDE}),
        (Stage.DEFERRED, {Action.RECOMMEND, Action.DECIDE}),
        (Stage.APPROVED, set()),
        (Stage.RETURNED, {Action.RECOMMEND}),
    ],
)
def test_which_steps_each_stage_allows(current: Stage, actions: set[Action]) -> None:
    assert rules.allowed_actions(current) == actions


def test_every_stage_has_its_decisions_and_actions() -> None:
    assert set(rules.ALLOWED_DECISIONS) == set(Stage) == set(rules.ALLOWED_ACTIONS)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, Config()),
        ({}, Config()),
        ({"levels": ["P-5", "D-1"]}, Config(levels=frozenset({"P-5", "D-1"}))),
        ({"threshold": "40"}, Config(threshold=40.0)),
        ({"count_offices": False}, Config(count_offices=False)),
    ],
)
def test_the_rules_read_their_settings(raw: dict[str, object] | None, expected: Config) -> None:
    assert Config.from_settings(raw) == expected


def test_the_defaults_follow_the_domain_brief() -> None:
    config = Config()
    assert config.levels == {"P-1", "P-2", "P-3", "P-4", "P-5", "D-1", "D-2", "ASG", "USG"}
    assert config.threshold is None  # the parity zone: below 47 %
    assert config.count_offices is True


@pytest.mark.parametrize(
    ("verdict", "needs_text"),
    [
        (rules.Verdict.CONCUR, False),
        (rules.Verdict.CONCUR_WITH_COMMENT, True),
        (rules.Verdict.OBJECT, True),
    ],
)
def test_a_comment_or_objection_needs_its_text(verdict: rules.Verdict, needs_text: bool) -> None:
    assert rules.review_needs_text(verdict) is needs_text


def test_the_rules_import_no_django() -> None:
    code = (
        "import sys; import pat.appointments.rules, pat.appointments.funnel; "
        "assert 'django' not in sys.modules, 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
