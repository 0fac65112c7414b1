"""Gender marker scoring: IOM Gender Marker, IASC Gender with Age Marker, OECD-DAC marker.

Pure: no Django import, plain functions over frozen dataclasses, so the rules are
tested table by table and the proposals readiness check can call them in a loop.
The caller queries, these functions compute. Every result carries its reasons
as sentences; a sentence is kept as an English message with parameters so the
page can show it in the reader's language (pass `translate`, e.g. gettext)
while the stored record stays in English.

The rules are those of docs/design/domain.md §3; where a rule is our own choice
the function says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

Translate = Callable[[str], str]


def _(message: str) -> str:
    """Mark a message for extraction (makemessages); it is translated where it is shown."""
    return message


def _identity(message: str) -> str:
    return message


# --- results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    """One sentence: an English message, plain parameters, and terms that are translated too."""

    message: str
    params: tuple[tuple[str, str], ...] = ()
    terms: tuple[tuple[str, str], ...] = ()

    def text(self, translate: Translate = _identity) -> str:
        values = dict(self.params)
        values.update({key: translate(term) for key, term in self.terms})
        message = translate(self.message)
        return message % values if values else message


def reason(message: str, terms: Mapping[str, str] | None = None, **params: object) -> Reason:
    return Reason(
        message,
        tuple(sorted((k, str(v)) for k, v in params.items())),
        tuple(sorted((terms or {}).items())),
    )


@dataclass(frozen=True)
class MarkerResult:
    scheme: str
    code: str
    reasons: tuple[Reason, ...]

    def sentences(self, translate: Translate = _identity) -> list[str]:
        return [r.text(translate) for r in self.reasons]


class AnswerError(ValueError):
    """Answers that cannot be scored; `errors` maps a question key (or "__all__") to a message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))


# --- schemes and their questions -----------------------------------------------------------


class Scheme(StrEnum):
    IOM = "iom"
    GAM_DESIGN = "gam_design"
    GAM_MONITORING = "gam_monitoring"
    DAC = "dac"


class Kind(StrEnum):
    YES_NO = "yes_no"
    GAM_CODE = "gam_code"  # 0 to 4
    TEXT = "text"


@dataclass(frozen=True)
class Question:
    key: str
    kind: Kind
    label: str  # built-in English wording, used when no edited wording exists


NOT_APPLICABLE = "not_applicable"
NOT_APPLICABLE_REASON = "not_applicable_reason"

IOM_STANDARDS: tuple[tuple[str, str], ...] = (
    ("needs_assessment", _("the needs assessment and rationale")),
    ("results_matrix", _("the outputs and indicators of the results matrix")),
    ("activities", _("the activities")),
)
IOM_PRINCIPAL = "principal_purpose"

GAM_MEASURES: dict[str, str] = {
    "A": _("gender analysis"),
    "B": _("targeting"),
    "C": _("sex- and age-disaggregated data"),
    "D": _("tailored activities"),
    "E": _("protection from gender-based violence"),
    "F": _("coordination"),
    "G": _("influence on the project (participation)"),
    "H": _("feedback and complaints"),
    "I": _("transparency"),
    "J": _("benefits"),
    "K": _("satisfaction"),
    "L": _("project problems"),
}
GAM_KEY_MEASURES = ("A", "D", "G", "J")
GAM_MONITORING_ONLY = tuple(m for m in GAM_MEASURES if m not in GAM_KEY_MEASURES)
GAM_CODE_MEANINGS: dict[int, str] = {
    4: _("gender and age both addressed"),
    3: _("gender addressed, age not"),
    2: _("age addressed, gender not"),
    1: _("neither gender nor age addressed"),
    0: _("missing or not linked"),
}
GAM_TARGETED = "targeted"
# A suffix says how gender is addressed, so it is added only where something is
# addressed (codes 2 to 4); 0 and 1 stand alone. Our choice.
GAM_SUFFIXED_CODES = (2, 3, 4)

DAC_MINIMUM: tuple[tuple[str, str], ...] = (
    ("gender_analysis", _("a gender analysis informed the design")),
    ("do_no_harm", _("the project does no harm and does not reinforce gender inequalities")),
    ("gender_objective", _("at least one explicit gender equality objective")),
    ("gender_indicator", _("a gender-specific indicator backs that objective")),
    ("sex_disaggregated_data", _("data are disaggregated by sex")),
    ("commitment_to_report", _("a commitment to report on gender equality results")),
)
DAC_PRINCIPAL: tuple[tuple[str, str], ...] = (
    ("principal_objective", _("gender equality is the top-level objective")),
    ("would_not_exist_without", _("the project would not exist without that objective")),
)
DAC_SCREENED = "screened"
DAC_NOT_SCREENED = "not_screened"
NA_CODE = "N/A"


def questions(scheme: str) -> tuple[Question, ...]:
    """The answers a scheme needs, in order."""
    if scheme == Scheme.IOM:
        return (
            *(
                Question(k, Kind.YES_NO, _("Gender is addressed in %s") % v)
                for k, v in IOM_STANDARDS
            ),
            Question(
                IOM_PRINCIPAL,
                Kind.YES_NO,
                _(
                    "Advancing gender equality is the main purpose, or the project targets a "
                    "group because the gender analysis showed the need"
                ),
            ),
            Question(NOT_APPLICABLE, Kind.YES_NO, _("The project has no affected population")),
            Question(NOT_APPLICABLE_REASON, Kind.TEXT, _("Why there is no affected population")),
        )
    if scheme in (Scheme.GAM_DESIGN, Scheme.GAM_MONITORING):
        letters = GAM_KEY_MEASURES if scheme == Scheme.GAM_DESIGN else tuple(GAM_MEASURES)
        return (
            *(Question(m, Kind.GAM_CODE, f"{m}. {GAM_MEASURES[m]}") for m in letters),
            Question(
                GAM_TARGETED,
                Kind.YES_NO,
                _("The project targets a group because the gender analysis showed the need"),
            ),
            Question(
                NOT_APPLICABLE,
                Kind.YES_NO,
                _("No contact with affected people and no influence on what is delivered"),
            ),
            Question(NOT_APPLICABLE_REASON, Kind.TEXT, _("Why the marker does not apply")),
        )
    if scheme == Scheme.DAC:
        return (
            Question(DAC_SCREENED, Kind.YES_NO, _("The project has been screened")),
            *(Question(k, Kind.YES_NO, v) for k, v in DAC_MINIMUM + DAC_PRINCIPAL),
        )
    raise AnswerError({"__all__": _("Unknown marker scheme.")})


# --- answers -------------------------------------------------------------------------------


@dataclass(frozen=True)
class IomAnswers:
    needs_assessment: bool = False
    results_matrix: bool = False
    activities: bool = False
    principal_purpose: bool = False
    not_applicable: bool = False
    not_applicable_reason: str = ""


@dataclass(frozen=True)
class GamAnswers:
    codes: Mapping[str, int]
    targeted: bool = False
    not_applicable: bool = False
    not_applicable_reason: str = ""
    monitoring: bool = False


@dataclass(frozen=True)
class DacAnswers:
    screened: bool = False
    gender_analysis: bool = False
    do_no_harm: bool = False
    gender_objective: bool = False
    gender_indicator: bool = False
    sex_disaggregated_data: bool = False
    commitment_to_report: bool = False
    principal_objective: bool = False
    would_not_exist_without: bool = False


Answers = IomAnswers | GamAnswers | DacAnswers

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _as_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    return None


def _as_gam_code(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and value.strip().isdigit():
        number = int(value.strip())
    else:
        return None
    return number if 0 <= number <= 4 else None


def parse_answers(scheme: str, raw: Mapping[str, Any]) -> Answers:
    """Typed answers from a JSON-like mapping, or AnswerError naming every bad question.

    Yes/no questions left out count as "no" (an unticked box); GAM measures must
    each be coded, since 0 is itself a code ("missing") a person must choose.
    """
    wanted = questions(scheme)
    known = {q.key for q in wanted}
    errors: dict[str, str] = {}
    for key in raw:
        if key not in known:
            errors[key] = _("This question does not belong to this marker.")
    values: dict[str, Any] = {}
    for q in wanted:
        value = raw.get(q.key)
        if q.kind == Kind.YES_NO:
            parsed_bool = False if value is None else _as_bool(value)
            if parsed_bool is None:
                errors[q.key] = _("Answer yes or no.")
            values[q.key] = bool(parsed_bool)
        elif q.kind == Kind.GAM_CODE:
            code = None if value is None else _as_gam_code(value)
            if code is None:
                errors[q.key] = _("Choose a code from 0 to 4.")
            values[q.key] = code
        else:
            if value is not None and not isinstance(value, str):
                errors[q.key] = _("Write the reason as text.")
                value = ""
            values[q.key] = (value or "").strip()
    if values.get(NOT_APPLICABLE) and not values.get(NOT_APPLICABLE_REASON):
        # N/A is easy to pick and hides a project from the gender portfolio: it needs a reason.
        errors[NOT_APPLICABLE_REASON] = _("Give the reason why the marker does not apply.")
    if values.get(NOT_APPLICABLE):
        # Under N/A the codes are not scored, so missing ones are no error.
        errors = {k: v for k, v in errors.items() if k not in GAM_MEASURES}
    if errors:
        raise AnswerError(errors)
    if scheme == Scheme.IOM:
        return IomAnswers(**values)
    if scheme == Scheme.DAC:
        return DacAnswers(**values)
    codes = {m: values.pop(m) for m in list(values) if m in GAM_MEASURES}
    return GamAnswers(
        codes={m: c if c is not None else 0 for m, c in codes.items()},
        monitoring=scheme == Scheme.GAM_MONITORING,
        **values,
    )


def score(scheme: str, raw: Mapping[str, Any]) -> MarkerResult:
    """Parse and score one scheme's answers (raises AnswerError)."""
    answers = parse_answers(scheme, raw)
    if isinstance(answers, IomAnswers):
        return score_iom(answers)
    if isinstance(answers, DacAnswers):
        return score_dac(answers)
    return score_gam(answers)


# --- IOM Gender Marker ---------------------------------------------------------------------


def score_iom(answers: IomAnswers) -> MarkerResult:
    if answers.not_applicable:
        if not answers.not_applicable_reason.strip():
            raise AnswerError(
                {NOT_APPLICABLE_REASON: _("Give the reason why the marker does not apply.")}
            )
        return MarkerResult(
            Scheme.IOM,
            NA_CODE,
            (
                reason(
                    _("N/A: the project has no affected population (%(why)s)."),
                    why=answers.not_applicable_reason.strip(),
                ),
            ),
        )
    met = [(key, label) for key, label in IOM_STANDARDS if getattr(answers, key)]
    missing = [(key, label) for key, label in IOM_STANDARDS if not getattr(answers, key)]
    reasons = [reason(_("Met: gender is addressed in %(part)s."), {"part": lbl}) for _k, lbl in met]
    reasons += [
        reason(_("Not met: gender is not addressed in %(part)s."), {"part": lbl})
        for _k, lbl in missing
    ]
    if not missing:
        if answers.principal_purpose:
            code = "2b"
            reasons.append(
                reason(
                    _(
                        "All three minimum standards are met and gender equality is the main "
                        "purpose or the reason for targeting the group: 2b."
                    )
                )
            )
        else:
            code = "2a"
            reasons.append(
                reason(_("All three minimum standards are met: 2a (gender mainstreamed)."))
            )
            reasons.append(
                reason(
                    _(
                        "For 2b, advancing gender equality would have to be the main purpose, "
                        "or the group targeted because the gender analysis showed the need."
                    )
                )
            )
        return MarkerResult(Scheme.IOM, code, tuple(reasons))
    code = "1" if met else "0"
    if met:
        reasons.append(reason(_("Some but not all minimum standards are met: 1.")))
    else:
        reasons.append(reason(_("No minimum standard is met: 0.")))
    reasons.append(
        reason(
            _("For 2a, address gender in every part still missing (%(count)s of 3)."),
            count=len(missing),
        )
    )
    if answers.principal_purpose:
        reasons.append(
            reason(
                _(
                    "The main purpose counts towards 2b only once all three minimum standards "
                    "are met."
                )
            )
        )
    return MarkerResult(Scheme.IOM, code, tuple(reasons))


# --- IASC Gender with Age Marker -----------------------------------------------------------


def gam_project_code(key_codes: Sequence[int]) -> tuple[int, Reason]:
    """The project code from the four key measure codes, with the rule that decided it.

    Rules in this order (the order matters: 0, 0, 0, 4 is decided by the first):
    1. three or four key measures share a code: that code;
    2. two or more are 0: 0;
    3. otherwise the second-lowest of the four (our choice; conservative).
    """
    if len(key_codes) != len(GAM_KEY_MEASURES):
        raise ValueError("the GAM project code needs exactly four key measure codes")
    shared, times = Counter(key_codes).most_common(1)[0]
    if times >= 3:
        return shared, reason(
            _("%(times)s of the 4 key measures share code %(code)s, so the project code is it."),
            times=times,
            code=shared,
        )
    if key_codes.count(0) >= 2:
        return 0, reason(
            _("%(zeros)s key measures are missing (0), so the project code is 0."),
            zeros=key_codes.count(0),
        )
    second_lowest = sorted(key_codes)[1]
    return second_lowest, reason(
        _(
            "No three key measures share a code and fewer than two are missing: the project "
            "takes the second-lowest key code, %(code)s."
        ),
        code=second_lowest,
    )


def _measure_reason(letter: str, code: int) -> Reason:
    return reason(
        _("Measure %(letter)s (%(name)s): %(code)s, %(meaning)s."),
        {"name": GAM_MEASURES[letter], "meaning": GAM_CODE_MEANINGS[code]},
        letter=letter,
        code=code,
    )


def score_gam(answers: GamAnswers) -> MarkerResult:
    """Design phase: the key measures A, D, G, J. Monitoring phase: all twelve.

    In monitoring the project code follows the same rule over the key measures
    (so design and monitoring codes compare); the other eight are reported with
    their own codes and a summary line, and do not move the project code. Our choice.
    """
    scheme = Scheme.GAM_MONITORING if answers.monitoring else Scheme.GAM_DESIGN
    if answers.not_applicable:
        if not answers.not_applicable_reason.strip():
            raise AnswerError(
                {NOT_APPLICABLE_REASON: _("Give the reason why the marker does not apply.")}
            )
        return MarkerResult(
            scheme,
            NA_CODE,
            (
                reason(
                    _(
                        "N/A: the project has no contact with affected people and no influence "
                        "on what is delivered or how (%(why)s)."
                    ),
                    why=answers.not_applicable_reason.strip(),
                ),
            ),
        )
    missing = [m for m in GAM_KEY_MEASURES if m not in answers.codes]
    if missing:
        raise AnswerError({m: _("Choose a code from 0 to 4.") for m in missing})
    key_codes = [answers.codes[m] for m in GAM_KEY_MEASURES]
    reasons = [_measure_reason(m, answers.codes[m]) for m in GAM_KEY_MEASURES]
    number, rule = gam_project_code(key_codes)
    reasons.append(rule)
    code = str(number)
    if number in GAM_SUFFIXED_CODES:
        if answers.targeted:
            code += "T"
            reasons.append(
                reason(_("T (targeted): the group is targeted because the analysis showed it."))
            )
        else:
            code += "M"
            reasons.append(reason(_("M (mainstreamed): gender and age run through the project.")))
    if answers.monitoring:
        others = [m for m in GAM_MONITORING_ONLY if m in answers.codes]
        absent = [m for m in GAM_MONITORING_ONLY if m not in answers.codes]
        if absent:
            raise AnswerError({m: _("Choose a code from 0 to 4.") for m in absent})
        reasons.extend(_measure_reason(m, answers.codes[m]) for m in others)
        strong = sum(1 for m in others if answers.codes[m] >= 3)
        zeros = sum(1 for m in others if answers.codes[m] == 0)
        reasons.append(
            reason(
                _(
                    "Monitoring measures: %(strong)s of 8 address gender (3 or 4), %(zeros)s are "
                    "missing (0). They are reported beside the project code, which comes from "
                    "the key measures."
                ),
                strong=strong,
                zeros=zeros,
            )
        )
    return MarkerResult(scheme, code, tuple(reasons))


# --- OECD-DAC gender equality policy marker ------------------------------------------------


def score_dac(answers: DacAnswers) -> MarkerResult:
    """0 not targeted, 1 significant, 2 principal; "not screened" is kept apart from 0."""
    if not answers.screened:
        return MarkerResult(
            Scheme.DAC,
            DAC_NOT_SCREENED,
            (
                reason(
                    _(
                        "Not screened: nobody has checked the project against the marker yet. "
                        "This is not the same as 0."
                    )
                ),
            ),
        )
    missing_minimum = [label for key, label in DAC_MINIMUM if not getattr(answers, key)]
    missing_principal = [label for key, label in DAC_PRINCIPAL if not getattr(answers, key)]
    if missing_minimum:
        reasons = [reason(_("0 (not targeted): the minimum for 1 is not reached."))]
        reasons += [
            reason(_("Missing for 1 (significant): %(item)s."), {"item": m})
            for m in missing_minimum
        ]
        if not missing_principal:
            reasons.append(
                reason(_("Gender equality as the top objective counts only with the minimum met."))
            )
        return MarkerResult(Scheme.DAC, "0", tuple(reasons))
    if missing_principal:
        reasons = [reason(_("1 (significant): every minimum criterion is met."))]
        reasons += [
            reason(_("Missing for 2 (principal): %(item)s."), {"item": m})
            for m in missing_principal
        ]
        return MarkerResult(Scheme.DAC, "1", tuple(reasons))
    return MarkerResult(
        Scheme.DAC,
        "2",
        (
            reason(
                _(
                    "2 (principal): every minimum criterion is met, gender equality is the "
                    "top-level objective and the project would not exist without it."
                )
            ),
        ),
    )


# --- crosswalk and IATI --------------------------------------------------------------------

IOM_TO_DAC = {"2b": "2", "2a": "1", "1": "0", "0": "0", NA_CODE: DAC_NOT_SCREENED}


def dac_suggestion_from_iom(iom_code: str) -> str:
    """The DAC code the IOM code suggests; only a suggestion a person confirms."""
    return IOM_TO_DAC.get(iom_code, DAC_NOT_SCREENED)


def iati_policy_markers(
    *, dac_code: str | None, own_code: str | None, own_vocabulary_uri: str | None = None
) -> list[dict[str, str]]:
    """IATI `policy-marker` attributes: gender equality (vocabulary 1, code 1) and our own code.

    A project not screened gets no vocabulary 1 marker: publishing significance 0
    would claim it was screened and found not targeted.
    """
    markers: list[dict[str, str]] = []
    if dac_code in ("0", "1", "2"):
        markers.append({"vocabulary": "1", "code": "1", "significance": dac_code})
    if own_code:
        own = {"vocabulary": "99", "code": own_code}
        if own_vocabulary_uri:
            own["vocabulary_uri"] = own_vocabulary_uri
        markers.append(own)
    return markers


# Codes each scheme can produce, in the order reports show them.
CODES: dict[str, tuple[str, ...]] = {
    Scheme.IOM: ("2b", "2a", "1", "0", NA_CODE),
    Scheme.GAM_DESIGN: ("4T", "4M", "3T", "3M", "2T", "2M", "1", "0", NA_CODE),
    Scheme.GAM_MONITORING: ("4T", "4M", "3T", "3M", "2T", "2M", "1", "0", NA_CODE),
    Scheme.DAC: ("2", "1", "0", DAC_NOT_SCREENED),
}
