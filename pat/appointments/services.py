"""Writes of the appointments app: candidates, their import, board cases and meetings.

Keyword-only functions in a transaction; a refused step raises `AppointmentError` (its
message is for the user) and writes nothing; a stale edit raises `EditConflict`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, F, Q, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from pat.appointments import funnel, rules
from pat.appointments.models import (
    TEXT_MAX_CHARS,
    BoardMember,
    Candidate,
    Case,
    CaseEvent,
    Meeting,
    Outcome,
    Sex,
    Stage,
    StageChange,
)
from pat.core.locking import claim
from pat.recruitment.models import OutreachChannel, State, Vacancy

MAX_IMPORT_ROWS = 5000


class AppointmentError(Exception):
    """A step the rules refuse; the message says why. Nothing was written."""


def config() -> rules.Config:
    return rules.Config.from_settings(getattr(settings, "PAT_APB_RULES", None))


# ------------------------------------------------------------------ candidates


def _record_change(
    candidate: Candidate,
    *,
    actor: Any,
    from_stage: str,
    from_outcome: str,
    source: str,
) -> None:
    if from_stage == candidate.stage and from_outcome == candidate.outcome:
        return
    StageChange.objects.create(
        candidate=candidate,
        by=actor,
        from_stage=from_stage,
        to_stage=candidate.stage,
        from_outcome=from_outcome,
        to_outcome=candidate.outcome,
        source=source,
    )


def _check_candidate(candidate: Candidate) -> None:
    if candidate.sex != Sex.SELF_DESCRIBED:
        candidate.sex_description = ""
    if candidate.vacancy.state in (State.DRAFT, State.CANCELLED):
        raise AppointmentError(_("Candidates are recorded once the vacancy is published."))
    candidate.full_clean()


@transaction.atomic
def candidate_add(*, vacancy: Vacancy, actor: Any, **fields: Any) -> Candidate:
    candidate = Candidate(vacancy=vacancy, **fields)
    _check_candidate(candidate)
    candidate.save()
    _record_change(candidate, actor=actor, from_stage="", from_outcome="", source="page")
    return candidate


@transaction.atomic
def candidate_update(
    *, candidate: Candidate, actor: Any, version: int | None, **fields: Any
) -> Candidate:
    if candidate.anonymised_at is not None:
        raise AppointmentError(_("This candidate's record was anonymised; it cannot change."))
    from_stage, from_outcome = candidate.stage, candidate.outcome
    claim(candidate, expected=version, label=_("This candidate"))
    for name, value in fields.items():
        setattr(candidate, name, value)
    _check_candidate(candidate)
    candidate.save()
    _record_change(
        candidate, actor=actor, from_stage=from_stage, from_outcome=from_outcome, source="page"
    )
    return candidate


# ------------------------------------------------------------------ import

SEX_WORDS = {
    Sex.FEMALE: {"female", "f", "woman", "w", "femme", "femenino", "mujer", "féminin"},
    Sex.MALE: {"male", "m", "man", "homme", "masculin", "masculino", "hombre"},
    Sex.SELF_DESCRIBED: {"self-described", "self described", "self", "other", "x", "autre", "otro"},
    Sex.UNDISCLOSED: {
        "prefer not to say",
        "undisclosed",
        "not stated",
        "u",
        "préfère ne pas répondre",
        "prefiere no decirlo",
    },
}
HEADERS = {
    "name": "name",
    "full_name": "name",
    "candidate": "name",
    "nom": "name",
    "nombre": "name",
    "email": "email",
    "e_mail": "email",
    "courriel": "email",
    "correo": "email",
    "sex": "sex",
    "gender": "sex",
    "sexe": "sex",
    "sexo": "sex",
    "self_description": "sex_description",
    "sex_description": "sex_description",
    "channel": "channel",
    "source": "channel",
    "canal": "channel",
    "stage": "stage",
    "status": "stage",
    "étape": "stage",
    "etapa": "stage",
    "meets_requirements": "meets_requirements",
    "qualified": "meets_requirements",
    "outcome": "outcome",
}
YES = {"yes", "y", "true", "1", "oui", "sí", "si", "x"}
NO = {"no", "n", "false", "0", "non", ""}


@dataclass
class RowProblem:
    line: int
    column: str
    message: str


@dataclass
class ImportReport:
    rows: int = 0
    added: int = 0
    updated: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def _choice(raw: str, choices: Iterable[tuple[str, Any]]) -> str | None:
    low = raw.strip().lower()
    for value, label in choices:
        if low in (value.lower(), str(label).lower(), value.replace("_", "-").lower()):
            return value
    return None


def candidates_import(*, vacancy: Vacancy, actor: Any, data: bytes, filename: str) -> ImportReport:
    """Read an e-recruitment export (CSV or XLSX): every row or none.

    A row whose e-mail address matches a candidate of the vacancy updates that candidate's
    stage and details; any other row adds a candidate. The file must have passed
    `pat.uploads.validation.validate`.
    """
    from pat.staffing.roster import RosterFileError, normalize_header, read_table

    report = ImportReport()
    if vacancy.state in (State.DRAFT, State.CANCELLED):
        report.problems.append(
            RowProblem(0, "", _("Candidates are recorded once the vacancy is published."))
        )
        return report
    try:
        table = read_table(data, filename)
    except RosterFileError as error:
        report.problems.append(RowProblem(0, "", _(error.template) % error.params))
        return report
    columns = [HEADERS.get(normalize_header(h)) for h in table.headers]
    for needed in ("name", "sex"):
        if needed not in columns:
            report.problems.append(
                RowProblem(
                    1, needed, _("The file has no “%(column)s” column.") % {"column": needed}
                )
            )
    if report.problems:
        return report
    present = {c for c in columns if c}
    channels: dict[str, OutreachChannel] = {}
    for channel in OutreachChannel.objects.all():
        channels[channel.slug.lower()] = channel
        channels[channel.name.lower()] = channel
    existing = {c.email.lower(): c for c in vacancy.candidates.exclude(email="")}
    parsed: list[tuple[Candidate | None, dict[str, Any]]] = []
    seen: set[str] = set()
    for line, values in enumerate(table.rows, start=2):
        report.rows += 1
        if report.rows > MAX_IMPORT_ROWS:
            report.problems.append(
                RowProblem(
                    line,
                    "",
                    _("A file holds at most %(n)s candidates.") % {"n": MAX_IMPORT_ROWS},
                )
            )
            break
        cells = {
            col: ("" if v is None else str(v).strip())
            for col, v in zip(columns, values, strict=False)
            if col
        }

        def problem(column: str, message: str, line: int = line) -> None:
            report.problems.append(RowProblem(line, column, message))

        before = len(report.problems)
        row: dict[str, Any] = {"name": cells.get("name", "")[:200]}
        if not row["name"]:
            problem("name", _("The name is missing."))
        sex_raw = cells.get("sex", "").lower()
        sex = next((s for s, words in SEX_WORDS.items() if sex_raw in words), None)
        if sex is None:
            problem("sex", _("“%(value)s” is not a sex PAT knows.") % {"value": sex_raw})
        row["sex"] = sex
        row["sex_description"] = cells.get("sex_description", "")[:100]
        email = cells.get("email", "")
        row["email"] = email
        if email:
            if email.lower() in seen:
                problem("email", _("This e-mail address is on another row."))
            seen.add(email.lower())
        stage_raw = cells.get("stage", "") or Stage.APPLIED
        row["stage"] = _choice(stage_raw, Stage.choices)
        if row["stage"] is None:
            problem("stage", _("“%(value)s” is not a stage PAT knows.") % {"value": stage_raw})
        outcome_raw = cells.get("outcome", "") or Outcome.IN
        row["outcome"] = _choice(outcome_raw, Outcome.choices)
        if row["outcome"] is None:
            problem(
                "outcome", _("“%(value)s” is not an outcome PAT knows.") % {"value": outcome_raw}
            )
        channel_raw = cells.get("channel", "")
        row["channel"] = channels.get(channel_raw.lower()) if channel_raw else None
        if channel_raw and row["channel"] is None:
            problem(
                "channel", _("“%(value)s” is not an outreach channel.") % {"value": channel_raw}
            )
        meets = cells.get("meets_requirements", "").lower()
        if meets not in YES | NO:
            problem("meets_requirements", _("Write yes or no."))
        row["meets_requirements"] = meets in YES
        target = existing.get(email.lower()) if email else None
        if len(report.problems) == before:
            probe = Candidate(vacancy=vacancy, **row)
            try:
                probe.full_clean()
            except Exception as error:  # ValidationError: each field's message
                messages = getattr(error, "message_dict", {"": [str(error)]})
                for column, texts in messages.items():
                    problem(column, " ".join(texts))
        parsed.append((target, row))
    if report.problems or report.rows == 0:
        if report.rows == 0 and not report.problems:
            report.problems.append(RowProblem(0, "", _("The file has no candidates.")))
        return report
    with transaction.atomic():
        for target, row in parsed:
            if target is None:
                candidate = Candidate.objects.create(vacancy=vacancy, **row)
                _record_change(
                    candidate, actor=actor, from_stage="", from_outcome="", source="import"
                )
                report.added += 1
            else:
                was_stage, was_outcome = target.stage, target.outcome
                # Only what the file holds: a column it lacks keeps what PAT has.
                for name, value in row.items():
                    if name in present and name != "email":
                        setattr(target, name, value)
                target.version += 1
                target.save()
                _record_change(
                    target,
                    actor=actor,
                    from_stage=was_stage,
                    from_outcome=was_outcome,
                    source="import",
                )
                report.updated += 1
    report.written = True
    return report


# ------------------------------------------------------------------ funnel figures


def funnel_of(candidates: QuerySet[Candidate]) -> list[funnel.Step]:
    return funnel.steps(candidates.values_list("stage", "sex"))


def funnel_by_channel(
    candidates: QuerySet[Candidate],
) -> list[tuple[OutreachChannel | None, list[funnel.Step]]]:
    by: dict[int | None, list[tuple[str, str]]] = {}
    for stage, sex, channel_id in candidates.values_list("stage", "sex", "channel_id"):
        by.setdefault(channel_id, []).append((stage, sex))
    names = OutreachChannel.objects.in_bulk([k for k in by if k is not None])
    rows = [(names.get(k) if k is not None else None, funnel.steps(v)) for k, v in by.items()]
    return sorted(rows, key=lambda r: (r[0] is None, str(r[0] or "")))


def all_male_shortlists() -> list[Vacancy]:
    """Vacancies whose shortlist so far holds men only (the Gender Focal Points' list)."""
    shortlisted = [s for s in Stage.values if funnel.reached(s, Stage.SHORTLISTED)]
    with_men = Candidate.objects.filter(stage__in=shortlisted, sex=Sex.MALE)
    others = Candidate.objects.filter(stage__in=shortlisted).exclude(sex=Sex.MALE)
    return list(
        Vacancy.objects.filter(pk__in=with_men.values("vacancy_id"))
        .exclude(pk__in=others.values("vacancy_id"))
        .exclude(state=State.CANCELLED)
        .select_related("office", "grade")
        .order_by("closing_date")
    )


# ------------------------------------------------------------------ the board


def standing(
    *, level: str, office_code: str | None, on: dt.date, threshold: float | None
) -> rules.Standing:
    """Women's representation at a level (in an office and those under it) on a date."""
    from django.db.models import Sum

    from pat.staffing import figures
    from pat.staffing.models import StaffCount
    from pat.staffing.services import representation

    status = representation(level=level, office_code=office_code, on=on)
    share = None
    if threshold is not None:
        # The share is needed only against a configured threshold.
        snapshot = figures.latest_snapshot(on)
        if snapshot is not None:
            qs = StaffCount.objects.filter(snapshot=snapshot, level__code=level, long_term=True)
            offices = figures.scope_offices(office_code)
            if offices is not None:
                qs = qs.filter(office_id__in=offices)
            counts = dict(qs.values_list("sex").annotate(n=Sum("count")).values_list("sex", "n"))
            women, men = int(counts.get("F", 0)), int(counts.get("M", 0))
            share = women * 100 / (women + men) if women + men else None
    return rules.Standing(str(status) if status else None, share)


def _measure(case: Case) -> None:
    cfg = config()
    vacancy = case.vacancy
    level = vacancy.grade.code
    at_level = standing(level=level, office_code=None, on=case.opened_on, threshold=cfg.threshold)
    in_office = standing(
        level=level, office_code=vacancy.office.code, on=case.opened_on, threshold=cfg.threshold
    )
    case.level_status = at_level.status or ""
    case.office_status = in_office.status or ""
    case.special_measures = rules.special_measures(
        level=level, at_level=at_level, in_office=in_office, config=cfg
    )


def _event(case: Case, kind: str, actor: Any, *, code: str = "", text: str = "") -> None:
    CaseEvent.objects.create(case=case, kind=kind, by=actor, code=code, text=text)


def _require(case: Case, action: rules.Action) -> None:
    if action not in rules.allowed_actions(case.stage):
        messages = {
            rules.Action.RECOMMEND: _("A recommendation cannot be recorded on this case now."),
            rules.Action.JUSTIFY: _("No justification is needed or possible at this stage."),
            rules.Action.REVIEW: _(
                "The Gender Focal Point reviews once the written justification is in."
            ),
            rules.Action.DECIDE: _(
                "The board cannot decide yet: the written justification and the Gender Focal "
                "Point's review must come first."
            ),
        }
        raise AppointmentError(messages[action])


def _text(value: str, what: str) -> str:
    text = value.strip()
    if not text:
        raise AppointmentError(_("Write the %(what)s.") % {"what": what})
    if len(text) > TEXT_MAX_CHARS:
        raise AppointmentError(
            _("The text is longer than %(n)s characters.") % {"n": TEXT_MAX_CHARS}
        )
    return text


@transaction.atomic
def case_open(*, vacancy: Vacancy, actor: Any, on: dt.date | None = None) -> Case:
    if Case.objects.filter(vacancy=vacancy).exists():
        raise AppointmentError(_("This vacancy is already before the board."))
    if vacancy.state not in (State.PUBLISHED, State.CLOSED):
        raise AppointmentError(_("Only a published or closed vacancy goes to the board."))
    case = Case(vacancy=vacancy, opened_on=on or timezone.localdate())
    _measure(case)
    case.save()
    _event(
        case,
        CaseEvent.Kind.OPENED,
        actor,
        code="special_measures" if case.special_measures else "",
    )
    return case


@transaction.atomic
def case_recommend(
    *, case: Case, actor: Any, version: int | None, candidate: Candidate, text: str
) -> Case:
    if candidate.vacancy_id != case.vacancy_id:
        raise AppointmentError(_("That candidate did not apply to this vacancy."))
    if candidate.outcome != Outcome.IN:
        raise AppointmentError(_("That candidate is no longer in the running."))
    _require(case, rules.Action.RECOMMEND)
    claim(case, expected=version, label=_("This case"))
    previous = case.recommended
    case.recommended = candidate
    case.recommendation = _text(text, _("recommendation"))
    # A new recommendation starts the round again: the figures on the day, no justification,
    # no review, no decision.
    _measure(case)
    case.justification = case.review = case.verdict = case.decision = case.decision_note = ""
    case.justified_at = case.reviewed_at = case.decided_at = None
    case.justified_by = case.reviewed_by = None
    case.save()
    if previous is not None and previous.pk != candidate.pk and previous.stage == Stage.RECOMMENDED:
        before = previous.stage
        previous.stage = Stage.INTERVIEWED
        previous.save(update_fields=["stage"])
        _record_change(
            previous, actor=actor, from_stage=before, from_outcome=previous.outcome, source="board"
        )
    if not funnel.reached(candidate.stage, Stage.RECOMMENDED):
        before = candidate.stage
        candidate.stage = Stage.RECOMMENDED
        candidate.save(update_fields=["stage"])
        _record_change(
            candidate,
            actor=actor,
            from_stage=before,
            from_outcome=candidate.outcome,
            source="board",
        )
    _event(
        case, CaseEvent.Kind.RECOMMENDED, actor, code=str(candidate.pk), text=case.recommendation
    )
    return case


@transaction.atomic
def case_justify(*, case: Case, actor: Any, version: int | None, text: str) -> Case:
    _require(case, rules.Action.JUSTIFY)
    body = _text(text, _("justification"))
    claim(case, expected=version, label=_("This case"))
    case.justification = body
    case.justified_by = actor
    case.justified_at = timezone.now()
    # A changed justification needs a fresh review.
    case.verdict = case.review = ""
    case.reviewed_by = None
    case.reviewed_at = None
    case.save()
    _event(case, CaseEvent.Kind.JUSTIFIED, actor, text=body)
    return case


@transaction.atomic
def case_review(*, case: Case, actor: Any, version: int | None, verdict: str, text: str) -> Case:
    _require(case, rules.Action.REVIEW)
    try:
        chosen = rules.Verdict(verdict)
    except ValueError:
        raise AppointmentError(_("Choose concur, concur with comment or object.")) from None
    body = text.strip()
    if rules.review_needs_text(chosen):
        body = _text(body, _("comment or objection"))
    claim(case, expected=version, label=_("This case"))
    case.verdict = chosen
    case.review = body
    case.reviewed_by = actor
    case.reviewed_at = timezone.now()
    case.save()
    _event(case, CaseEvent.Kind.REVIEWED, actor, code=chosen, text=body)
    return case


@transaction.atomic
def case_decide(
    *, case: Case, actor: Any, version: int | None, decision: str, note: str = ""
) -> Case:
    _require(case, rules.Action.DECIDE)
    try:
        chosen = rules.Decision(decision)
    except ValueError:
        raise AppointmentError(_("Choose approve, return or defer.")) from None
    if chosen not in rules.allowed_decisions(case.stage):
        raise AppointmentError(_("This decision is not open to the board at this stage."))
    if len(note) > TEXT_MAX_CHARS:
        raise AppointmentError(
            _("The text is longer than %(n)s characters.") % {"n": TEXT_MAX_CHARS}
        )
    claim(case, expected=version, label=_("This case"))
    case.decision = chosen
    case.decision_note = note.strip()
    case.decided_at = timezone.now()
    case.save()
    if chosen == rules.Decision.APPROVE and case.recommended is not None:
        selected = case.recommended
        before = selected.stage
        selected.stage = Stage.SELECTED
        selected.save(update_fields=["stage"])
        _record_change(
            selected, actor=actor, from_stage=before, from_outcome=selected.outcome, source="board"
        )
    _event(case, CaseEvent.Kind.DECIDED, actor, code=chosen, text=case.decision_note)
    return case


@transaction.atomic
def case_schedule(*, case: Case, actor: Any, version: int | None, meeting: Meeting | None) -> Case:
    claim(case, expected=version, label=_("This case"))
    case.meeting = meeting
    case.save(update_fields=["meeting"])
    _event(case, CaseEvent.Kind.SCHEDULED, actor, code=str(meeting.pk) if meeting else "")
    return case


@transaction.atomic
def meeting_create(*, held_on: dt.date, title: str, members: Iterable[Any], actor: Any) -> Meeting:
    meeting = Meeting(held_on=held_on, title=title.strip())
    meeting.full_clean()
    meeting.save()
    meeting.members.set(list(members))
    return meeting


def current_members() -> QuerySet[BoardMember]:
    today = timezone.localdate()
    return BoardMember.objects.filter(Q(until__isnull=True) | Q(until__gte=today)).select_related(
        "user"
    )


def case_member_ids(case: Case | None) -> set[int]:
    """Who sits on the board for this case: its meeting's members, else the current board."""
    if case is not None and case.meeting_id is not None:
        return set(case.meeting.members.values_list("pk", flat=True))  # type: ignore[union-attr]
    return set(current_members().values_list("user_id", flat=True))


# ------------------------------------------------------------------ privacy


@transaction.atomic
def candidates_purge(*, now: dt.datetime | None = None, days: int | None = None) -> int:
    """Anonymise the candidates of vacancies filled or cancelled more than `days` ago.

    The stage, sex, channel and the requirements flag stay (the funnel and the reports
    count them); the name and e-mail go, and so does a self-description (it may identify).
    """
    from pat.recruitment.models import VacancyEvent

    now = now or timezone.now()
    keep_days = settings.PAT_CANDIDATE_RETENTION_DAYS if days is None else days
    cutoff = now - dt.timedelta(days=keep_days)
    ended = VacancyEvent.objects.filter(
        to_state__in=(State.FILLED, State.CANCELLED), at__lte=cutoff
    ).values("vacancy_id")
    due = Candidate.objects.filter(
        vacancy__state__in=(State.FILLED, State.CANCELLED),
        vacancy_id__in=ended,
        anonymised_at__isnull=True,
    )
    # One UPDATE; the name becomes "#<id>", the same in every language.
    return due.update(
        name=Concat(Value("#"), Cast("pk", CharField())),
        email="",
        sex_description="",
        anonymised_at=now,
        version=F("version") + 1,
    )
