"""The gender readiness check, table by table (pure: no database)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pat.proposals.readiness import (
    IndicatorFacts,
    MarkerFacts,
    ProposalFacts,
    ResultFacts,
    TermFinding,
    check,
    groups_named,
)

ANALYSIS = (
    "Women and girls who migrate for domestic work face debt bondage and abuse behind closed "
    "doors, while men are recruited into construction with confiscated passports. Girls under "
    "eighteen are recruited with forged papers. Women have less access to information about "
    "regular channels, own fewer phones, and are less often members of workers' associations. "
    "Boys travel alone more often. The project answers these differences with separate "
    "sessions, women trainers and outreach where women gather."
)
assert len(ANALYSIS.split()) >= 60


def disaggregated(id: int = 10) -> IndicatorFacts:
    return IndicatorFacts(id, "Number of people trained", True, {"female": 2, "male": 2})


def good() -> ProposalFacts:
    return ProposalFacts(
        texts={
            "gender-analysis": ANALYSIS,
            "objective": "Advance gender equality in labour migration for women and men.",
        },
        results=(
            ResultFacts(1, "OC1", "outcome", "Safer migration", ()),
            ResultFacts(2, "OP1.1", "output", "Women and men are trained", (disaggregated(),)),
            ResultFacts(3, "A1.1.1", "activity", "Sessions for girls and boys", ()),
        ),
        markers={
            "iom": MarkerFacts("iom", "2a", {"needs_assessment": True, "activities": True}),
            "gam_design": MarkerFacts("gam_design", "4M", {"A": 4, "D": 4, "G": 3, "J": 4}),
        },
    )


def ids_to_fix(facts: ProposalFacts) -> set[str]:
    return {i.id for i in check(facts).to_fix}


def test_a_complete_proposal_scores_100_with_nothing_to_fix() -> None:
    result = check(good())
    assert result.score == 100
    assert result.to_fix == ()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        # The word "gender" alone is no analysis.
        (
            {"texts": {"gender-analysis": "Gender will be mainstreamed. " * 3}},
            {"gender-analysis", "gender-analysis-groups", "needs-addressed", "marker-iom"},
        ),
        # Long enough but names nobody.
        (
            {"texts": {"gender-analysis": "Gender considerations matter here a lot. " * 12}},
            {"gender-analysis-groups", "needs-addressed"},
        ),
        # A counting indicator with only women's cells.
        (
            {
                "results": (
                    ResultFacts(
                        2,
                        "OP1.1",
                        "output",
                        "Women and men, girls and boys",
                        (IndicatorFacts(10, "Number trained", True, {"female": 2}),),
                    ),
                    ResultFacts(3, "A1.1.1", "activity", "For women", ()),
                )
            },
            {"indicators-disaggregated", "marker-iom"},
        ),
        # No indicator counts people at all.
        (
            {
                "results": (
                    ResultFacts(2, "OP1.1", "output", "Women, men, girls and boys", ()),
                    ResultFacts(3, "A1.1.1", "activity", "For women", ()),
                )
            },
            {"indicators-disaggregated", "marker-iom"},
        ),
        # The analysis names boys; no output or activity does.
        (
            {
                "results": (
                    ResultFacts(2, "OP1.1", "output", "Women and men trained", (disaggregated(),)),
                    ResultFacts(3, "A1.1.1", "activity", "Sessions for girls", ()),
                )
            },
            {"needs-addressed"},
        ),
        # No marker answered at all.
        ({"markers": {}}, {"marker-iom", "marker-gam"}),
        # GAM key measure D left out.
        (
            {
                "markers": {
                    "iom": MarkerFacts("iom", "2a", {}),
                    "gam_design": MarkerFacts("gam_design", "3M", {"A": 4, "G": 3, "J": 4}),
                }
            },
            {"marker-gam"},
        ),
        # 2b needs a targeted objective.
        (
            {
                "texts": {"gender-analysis": ANALYSIS, "objective": "Better migration governance."},
                "markers": {
                    "iom": MarkerFacts("iom", "2b", {}),
                    "gam_design": MarkerFacts("gam_design", "4T", {"A": 4, "D": 4, "G": 4, "J": 4}),
                },
            },
            {"marker-iom"},
        ),
        # Non-debatable wording lowers the score.
        (
            {
                "findings": (
                    TermFinding("summary", "chairman", '"chairman": prefer "chair"', False),
                )
            },
            {"terminology-summary"},
        ),
        # Debatable wording is listed but fixes nothing.
        (
            {"findings": (TermFinding("summary", "mankind", "consider humankind", True),)},
            set(),
        ),
    ],
)
def test_each_gap_is_named(change: dict[str, object], expected: set[str]) -> None:
    facts = replace(good(), **change)  # type: ignore[arg-type]
    assert ids_to_fix(facts) == expected
    if expected:
        assert check(facts).score < 100
    else:
        assert check(facts).score == 100


def test_french_and_spanish_group_names_count() -> None:
    assert groups_named("Les femmes et les filles migrantes") == ["women", "girls"]
    assert groups_named("Las mujeres, los hombres y los niños") == ["women", "men", "boys"]
    # "men" is not found inside "women".
    assert groups_named("women only") == ["women"]


def test_an_indicator_that_seems_to_count_people_is_pointed_out() -> None:
    facts = replace(
        good(),
        results=(
            *good().results,
            ResultFacts(
                4,
                "OP1.2",
                "output",
                "x",
                (IndicatorFacts(11, "Number of migrants assisted", False),),
            ),
        ),
    )
    items = {i.id: i for i in check(facts).items}
    assert not items["indicators-unmarked"].ok
    assert items["indicators-unmarked"].anchor == "results#indicator-11"


def test_every_item_points_at_a_field() -> None:
    facts = ProposalFacts(texts={})
    for item in check(facts).items:
        step, _sep, anchor = item.anchor.partition("#")
        assert step and anchor


def test_an_empty_proposal_scores_low_and_lists_what_to_do() -> None:
    result = check(ProposalFacts(texts={}))
    assert result.score <= 20
    assert {"gender-analysis", "indicators-disaggregated", "marker-iom"} <= {
        i.id for i in result.to_fix
    }


def test_five_wording_findings_take_the_whole_terminology_weight() -> None:
    findings = tuple(TermFinding("summary", f"t{i}", "m", False) for i in range(7))
    score_many = check(replace(good(), findings=findings)).score
    score_one = check(replace(good(), findings=findings[:1])).score
    assert score_many < score_one < 100
    assert score_many == 85
