"""Gender readiness of a proposal: structural checks that explain themselves, and a score.

Pure: no Django import. The service gathers the facts (texts, results matrix,
indicator cells, marker answers, terminology findings already computed per
section) into the dataclasses below; `check` computes. Messages are English
and pass through `translate` (gettext where they are shown).

Each check gives items; an item carries its weight and how much of it was
earned. The score is earned / total weight × 100. Advice items (debatable
wording) are listed but weigh nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

Translate = Callable[[str], str]


def _identity(message: str) -> str:
    return message


GENDER_ANALYSIS_MINIMUM = 60  # words; about a paragraph (our choice)

# The groups a gender analysis names, in the three interface languages. Singular
# and plural forms; matched as whole words, case-insensitive.
GROUP_WORDS: dict[str, tuple[str, ...]] = {
    "women": ("women", "woman", "femmes", "femme", "mujeres", "mujer"),
    "men": ("men", "man", "hommes", "homme", "hombres", "hombre"),
    "girls": ("girls", "girl", "filles", "fille", "fillettes", "niñas", "niña", "chicas"),
    "boys": ("boys", "boy", "garçons", "garçon", "niños", "niño", "chicos"),
}
GROUP_LABELS: dict[str, str] = {
    "women": "women",
    "men": "men",
    "girls": "girls",
    "boys": "boys",
}
_GROUP_PATTERNS: dict[str, re.Pattern[str]] = {
    group: re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)
    for group, words in GROUP_WORDS.items()
}
# "Gender equality" or an explicit group in an objective makes it a targeted one.
_EQUALITY = re.compile(
    r"\b(?:gender equality|equality between|women's empowerment|empowerment of women|"
    r"égalité (?:des sexes|entre les (?:femmes|sexes)|de genre)|autonomisation des femmes|"
    r"igualdad de género|igualdad entre|empoderamiento de las mujeres)\b",
    re.IGNORECASE,
)
# An indicator that counts people but is not marked so: "number of women trained".
_COUNTS_PEOPLE = re.compile(
    r"\b(?:number|no\.|#|nombre|número|cantidad)\b[^.;]{0,60}?\b(?:people|persons|individuals|"
    r"migrants|participants|beneficiaries|returnees|refugees|survivors|victims|children|"
    r"staff|officials|officers|women|men|girls|boys|personnes|migrants|participants|"
    r"bénéficiaires|enfants|femmes|hommes|personas|migrantes|participantes|beneficiarios|"
    r"niños|niñas|mujeres|hombres)\b",
    re.IGNORECASE,
)
GAM_KEY_MEASURES = ("A", "D", "G", "J")


@dataclass(frozen=True)
class IndicatorFacts:
    id: int
    statement: str
    counts_people: bool
    # Target cells filled, per sex ("female", "male", "other", "unknown").
    filled_by_sex: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ResultFacts:
    id: int
    code: str
    level: str  # outcome, output, activity
    statement: str
    indicators: tuple[IndicatorFacts, ...] = ()


@dataclass(frozen=True)
class MarkerFacts:
    scheme: str
    code: str
    answers: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class TermFinding:
    section: str
    term: str
    message: str
    debatable: bool


@dataclass(frozen=True)
class ProposalFacts:
    texts: Mapping[str, str]  # section key -> text (summary, rationale, gender-analysis, ...)
    results: tuple[ResultFacts, ...] = ()
    markers: Mapping[str, MarkerFacts] = field(default_factory=dict)
    findings: tuple[TermFinding, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)  # section key -> its name


@dataclass(frozen=True)
class Item:
    id: str
    ok: bool
    message: str
    anchor: str  # the field to go to: "<step>#<element id>"
    weight: int = 0
    earned: float = 0.0
    advice: bool = False


@dataclass(frozen=True)
class Readiness:
    score: int
    items: tuple[Item, ...]

    @property
    def to_fix(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if not i.ok and not i.advice)


def groups_named(text: str) -> list[str]:
    """The groups (women, men, girls, boys) a text names, in that order."""
    return [g for g, pattern in _GROUP_PATTERNS.items() if pattern.search(text)]


def words(text: str) -> int:
    return len(text.split())


def _anchor_section(key: str) -> str:
    step = {
        "summary": "summary",
        "rationale": "rationale",
        "gender-analysis": "rationale",
        "objective": "results",
        "partnerships": "partnerships",
        "sustainability": "sustainability",
        "monitoring": "monitoring",
        "evaluation": "evaluation",
    }.get(key, "cross-cutting" if key.startswith("cc-") else key)
    return f"{step}#section-{key}"


def _item(item_id: str, ok: bool, message: str, anchor: str, weight: int) -> Item:
    return Item(item_id, ok, message, anchor, weight, float(weight) if ok else 0.0)


# --- the checks ----------------------------------------------------------------------------


def check_gender_analysis(facts: ProposalFacts, _: Translate) -> list[Item]:
    text = facts.texts.get("gender-analysis", "")
    count = words(text)
    anchor = _anchor_section("gender-analysis")
    items = []
    if count >= GENDER_ANALYSIS_MINIMUM:
        items.append(
            _item(
                "gender-analysis",
                True,
                _("The rationale has a gender analysis (%(count)s words).") % {"count": count},
                anchor,
                20,
            )
        )
    else:
        items.append(
            _item(
                "gender-analysis",
                False,
                _(
                    "The gender analysis has %(count)s words: write at least %(minimum)s on how "
                    "the problem affects women, men, girls and boys differently."
                )
                % {"count": count, "minimum": GENDER_ANALYSIS_MINIMUM},
                anchor,
                20,
            )
        )
    named = groups_named(text)
    if named:
        items.append(
            _item(
                "gender-analysis-groups",
                True,
                _("The gender analysis names the groups concerned: %(groups)s.")
                % {"groups": ", ".join(_(GROUP_LABELS[g]) for g in named)},
                anchor,
                10,
            )
        )
    else:
        items.append(
            _item(
                "gender-analysis-groups",
                False,
                _(
                    "The gender analysis does not name the groups concerned (women, men, girls, "
                    "boys): the word gender alone does not say who needs what."
                ),
                anchor,
                10,
            )
        )
    return items


def _people_indicators(facts: ProposalFacts) -> list[tuple[ResultFacts, IndicatorFacts]]:
    return [(r, i) for r in facts.results for i in r.indicators if i.counts_people]


def _disaggregated(indicator: IndicatorFacts) -> bool:
    return (
        indicator.filled_by_sex.get("female", 0) > 0 and indicator.filled_by_sex.get("male", 0) > 0
    )


def check_indicators(facts: ProposalFacts, _: Translate) -> list[Item]:
    items: list[Item] = []
    people = _people_indicators(facts)
    if not people:
        items.append(
            _item(
                "indicators-disaggregated",
                False,
                _(
                    "No indicator counts people by sex and age: add one, or mark the indicators "
                    "that count people."
                ),
                "results#matrix",
                20,
            )
        )
    else:
        missing = [(r, i) for r, i in people if not _disaggregated(i)]
        share = 1 - len(missing) / len(people)
        if missing:
            first_result, first = missing[0]
            items.append(
                Item(
                    "indicators-disaggregated",
                    False,
                    _(
                        "%(missing)s of %(total)s indicators that count people lack targets for "
                        "both women and men (first: %(code)s “%(statement)s”)."
                    )
                    % {
                        "missing": len(missing),
                        "total": len(people),
                        "code": first_result.code,
                        "statement": first.statement[:60],
                    },
                    f"results#indicator-{first.id}",
                    20,
                    20 * share,
                )
            )
        else:
            items.append(
                _item(
                    "indicators-disaggregated",
                    True,
                    _("Every indicator that counts people has targets by sex and age (%(n)s).")
                    % {"n": len(people)},
                    "results#matrix",
                    20,
                )
            )
    unmarked = [
        (r, i)
        for r in facts.results
        for i in r.indicators
        if not i.counts_people and _COUNTS_PEOPLE.search(i.statement)
    ]
    if unmarked:
        result, indicator = unmarked[0]
        items.append(
            Item(
                "indicators-unmarked",
                False,
                _(
                    "%(code)s “%(statement)s” seems to count people but is not marked so: tick "
                    "“counts people” and give its targets by sex and age."
                )
                % {"code": result.code, "statement": indicator.statement[:60]},
                f"results#indicator-{indicator.id}",
                5,
                0.0,
            )
        )
    return items


def check_needs_addressed(facts: ProposalFacts, _: Translate) -> list[Item]:
    named = groups_named(facts.texts.get("gender-analysis", ""))
    delivering = [r for r in facts.results if r.level in ("output", "activity")]
    if not named:
        return [
            _item(
                "needs-addressed",
                False,
                _(
                    "Name in the gender analysis the groups whose needs the outputs and "
                    "activities answer."
                ),
                _anchor_section("gender-analysis"),
                15,
            )
        ]
    if not delivering:
        return [
            _item(
                "needs-addressed",
                False,
                _("Add outputs and activities that answer the needs of %(groups)s.")
                % {"groups": ", ".join(_(GROUP_LABELS[g]) for g in named)},
                "results#matrix",
                15,
            )
        ]
    text = (
        "\n".join(r.statement for r in delivering)
        + "\n"
        + "\n".join(i.statement for r in delivering for i in r.indicators)
    )
    reached = set(groups_named(text))
    missing = [g for g in named if g not in reached]
    if missing:
        return [
            Item(
                "needs-addressed",
                False,
                _(
                    "The gender analysis names %(missing)s, but no output or activity does: say "
                    "what the project does for them."
                )
                % {"missing": ", ".join(_(GROUP_LABELS[g]) for g in missing)},
                "results#matrix",
                15,
                15 * (1 - len(missing) / len(named)),
            )
        ]
    return [
        _item(
            "needs-addressed",
            True,
            _("Outputs or activities answer the needs of every group the analysis names."),
            "results#matrix",
            15,
        )
    ]


def _yes(answers: Mapping[str, object], key: str) -> bool:
    value = answers.get(key)
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


def check_markers(facts: ProposalFacts, _: Translate) -> list[Item]:
    items: list[Item] = []
    iom = facts.markers.get("iom")
    people = _people_indicators(facts)
    disaggregated = any(_disaggregated(i) for _r, i in people)
    if iom is None:
        items.append(
            _item(
                "marker-iom",
                False,
                _(
                    "Assign the IOM Gender Marker: the developer's first code is part of the "
                    "proposal."
                ),
                "markers#iom",
                10,
            )
        )
    else:
        problems: list[str] = []
        if iom.code in ("2a", "2b") and not disaggregated:
            problems.append(
                _("the marker claims %(code)s but no indicator is disaggregated by sex")
                % {"code": iom.code}
            )
        if iom.code == "2b":
            objective = facts.texts.get("objective", "")
            outcomes = " ".join(r.statement for r in facts.results if r.level == "outcome")
            if not (_EQUALITY.search(objective + " " + outcomes) or groups_named(objective)):
                problems.append(
                    _(
                        "2b needs a targeted objective: the objective names no group and no gender "
                        "equality aim"
                    )
                )
        if _yes(iom.answers, "needs_assessment") and (
            words(facts.texts.get("gender-analysis", "")) < GENDER_ANALYSIS_MINIMUM
        ):
            problems.append(
                _(
                    "the marker says the rationale addresses gender, but the gender analysis is "
                    "short"
                )
            )
        if _yes(iom.answers, "activities") and not any(
            groups_named(r.statement) for r in facts.results if r.level == "activity"
        ):
            problems.append(
                _("the marker says the activities address gender, but none names a group")
            )
        if problems:
            items.append(
                _item(
                    "marker-iom",
                    False,
                    _("IOM Gender Marker %(code)s: %(problems)s.")
                    % {"code": iom.code, "problems": "; ".join(problems)},
                    "markers#iom",
                    10,
                )
            )
        else:
            items.append(
                _item(
                    "marker-iom",
                    True,
                    _("IOM Gender Marker %(code)s agrees with the proposal.") % {"code": iom.code},
                    "markers#iom",
                    10,
                )
            )
    gam = facts.markers.get("gam_design")
    unanswered = (
        list(GAM_KEY_MEASURES)
        if gam is None
        else [
            m
            for m in GAM_KEY_MEASURES
            if gam.answers.get(m) in (None, "") and not _yes(gam.answers, "not_applicable")
        ]
    )
    if unanswered:
        items.append(
            _item(
                "marker-gam",
                False,
                _("Answer the Gender with Age Marker's key measures: %(measures)s.")
                % {"measures": ", ".join(unanswered)},
                "markers#gam_design",
                10,
            )
        )
    else:
        assert gam is not None
        items.append(
            _item(
                "marker-gam",
                True,
                _("The Gender with Age Marker's key measures are answered (%(code)s).")
                % {"code": gam.code},
                "markers#gam_design",
                10,
            )
        )
    return items


TERMINOLOGY_WEIGHT = 15
# Each wording finding costs a fifth of the weight: five or more take it all.
TERMINOLOGY_STEP = 5


def check_terminology(facts: ProposalFacts, _: Translate) -> list[Item]:
    firm = [f for f in facts.findings if not f.debatable]
    items: list[Item] = []
    if not firm:
        items.append(
            _item(
                "terminology",
                True,
                _("No gender-insensitive wording found in the narrative."),
                _anchor_section("summary"),
                TERMINOLOGY_WEIGHT,
            )
        )
    by_section: dict[str, list[TermFinding]] = {}
    for finding in firm:
        by_section.setdefault(finding.section, []).append(finding)
    earned_total = TERMINOLOGY_WEIGHT * max(0.0, 1 - len(firm) / TERMINOLOGY_STEP)
    first = True
    for section, found in by_section.items():
        shown = "; ".join(f.message for f in found[:3])
        more = len(found) - 3
        message = _("Wording in %(section)s: %(findings)s") % {
            "section": facts.labels.get(section, section),
            "findings": shown,
        }
        if more > 0:
            message += " " + _("(and %(more)s more)") % {"more": more}
        # The whole terminology weight sits on the first item so the score adds up.
        items.append(
            Item(
                f"terminology-{section}",
                False,
                message,
                _anchor_section(section),
                TERMINOLOGY_WEIGHT if first else 0,
                earned_total if first else 0.0,
            )
        )
        first = False
    for finding in facts.findings:
        if finding.debatable:
            items.append(
                Item(
                    f"terminology-advice-{finding.section}-{finding.term.lower()}",
                    True,
                    _("Worth a look in %(section)s (debatable): %(message)s")
                    % {
                        "section": facts.labels.get(finding.section, finding.section),
                        "message": finding.message,
                    },
                    _anchor_section(finding.section),
                    advice=True,
                )
            )
    return items


CHECKS: tuple[Callable[[ProposalFacts, Translate], list[Item]], ...] = (
    check_gender_analysis,
    check_indicators,
    check_needs_addressed,
    check_markers,
    check_terminology,
)


def check(facts: ProposalFacts, translate: Translate = _identity) -> Readiness:
    items: list[Item] = []
    for run in CHECKS:
        items.extend(run(facts, translate))
    return Readiness(score=score(items), items=tuple(items))


def score(items: Sequence[Item]) -> int:
    total = sum(i.weight for i in items if not i.advice)
    if total == 0:
        return 0
    earned = sum(i.earned for i in items if not i.advice)
    return round(100 * earned / total)


def facts_from_snapshot(
    snapshot: Mapping[str, object], labels: Mapping[str, str] | None = None
) -> ProposalFacts:
    """The facts of a proposal snapshot (services.build_snapshot, or a frozen version's)."""
    texts = snapshot.get("sections") or {}
    assert isinstance(texts, Mapping)
    raw_results = snapshot.get("results") or []
    assert isinstance(raw_results, Sequence)
    results = []
    for row in raw_results:
        indicators = []
        for ind in row["indicators"]:
            filled: dict[str, int] = {}
            for cell in ind["targets"]:
                if cell["value"] is not None:
                    filled[cell["sex"]] = filled.get(cell["sex"], 0) + 1
            indicators.append(
                IndicatorFacts(ind["id"], ind["statement"], bool(ind["counts_people"]), filled)
            )
        results.append(
            ResultFacts(row["id"], row["code"], row["level"], row["statement"], tuple(indicators))
        )
    raw_markers = snapshot.get("markers") or {}
    assert isinstance(raw_markers, Mapping)
    markers = {
        scheme: MarkerFacts(scheme, str(m["code"]), m.get("answers") or {})
        for scheme, m in raw_markers.items()
    }
    raw_findings = snapshot.get("findings") or {}
    assert isinstance(raw_findings, Mapping)
    findings = tuple(
        TermFinding(section, f["term"], f["message"], bool(f["debatable"]))
        for section, found in raw_findings.items()
        for f in found
    )
    return ProposalFacts(
        texts={str(k): str(v) for k, v in texts.items()},
        results=tuple(results),
        markers=markers,
        findings=findings,
        labels=labels or {},
    )
