"""Writes and figures of the training app: keyword-only, each write in one transaction."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pat.core.locking import claim
from pat.core.models import Office
from pat.staffing.models import Level, Sex, Snapshot, StaffRecord
from pat.training import figures
from pat.training.models import (
    Course,
    Evaluation,
    Participant,
    ParticipantQuerySet,
    Session,
    TrainingTarget,
)

DEFAULT_TARGET = 300  # the seed's "over 300 project developers", when no target is recorded


class TrainingError(Exception):
    """A refused training write; the message says why (nothing was changed)."""


@transaction.atomic
def session_save(
    *,
    session: Session | None,
    course: Course,
    starts_on: dt.date,
    ends_on: dt.date,
    place: str,
    office: Office,
    trainers: str,
    actor: Any,
    version: int | None = None,
) -> Session:
    """Create a session, or change one at the version the form was drawn from."""
    if ends_on < starts_on:
        raise TrainingError(_("A session cannot end before it starts."))
    fields = {
        "course": course,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "place": place.strip(),
        "office": office,
        "trainers": trainers.strip(),
    }
    if session is None:
        session = Session(created_by=actor, **fields)
        session.full_clean()
        session.save()
        return session
    claim(session, expected=version, label=str(session))
    for name, value in fields.items():
        setattr(session, name, value)
    session.full_clean()
    session.save()
    return session


def roster_record(staff_id: str) -> StaffRecord | None:
    """The staff member's row in the latest roster, found by the keyed hash of their HR id."""
    from pat.staffing.services import staff_key

    latest = Snapshot.objects.order_by("-as_of").first()
    if latest is None or not staff_id.strip():
        return None
    return (
        StaffRecord.objects.filter(snapshot=latest, key=staff_key(staff_id.strip()))
        .select_related("level", "office")
        .first()
    )


@transaction.atomic
def participant_add(
    *,
    session: Session,
    name: str,
    email: str = "",
    sex: str = "",
    office: Office | None = None,
    grade: Level | None = None,
    staff_id: str = "",
) -> Participant:
    """Register a participant; a staff member on the roster takes sex, grade and office from it.

    The HR identifier is never stored: only its keyed hash, which links the participant to
    the roster and counts the same person once across sessions.
    """
    record = None
    key = ""
    if staff_id.strip():
        from pat.staffing.services import staff_key

        key = staff_key(staff_id.strip())
        record = roster_record(staff_id)
    if record is not None:
        sex, grade, office = record.sex, record.level, record.office
    if sex not in Sex.values:
        raise TrainingError(_("Give the participant's sex (or a staff number on the roster)."))
    if office is None:
        raise TrainingError(_("Give the participant's office (or a staff number on the roster)."))
    if key and session.participants.filter(staff_key=key).exists():
        raise TrainingError(_("This staff member is already registered for the session."))
    participant = Participant(
        session=session,
        name=name.strip(),
        email=email.strip(),
        sex=sex,
        office=office,
        grade=grade,
        staff_record=record,
        staff_key=key,
    )
    participant.full_clean()
    participant.save()
    return participant


@transaction.atomic
def attendance_set(*, session: Session, attended: Iterable[int], version: int | None) -> int:
    """Record who attended (the rest did not); attendees get a certificate number."""
    claim(session, expected=version, label=str(session))
    present = set(attended)
    rows = list(session.participants.select_for_update().order_by("pk"))
    for row in rows:
        row.attended = row.pk in present
        if row.attended and not row.certificate_number:
            row.certificate_number = f"PAT-{session.starts_on.year}-{session.pk:04d}-{row.pk:05d}"
    Participant.objects.bulk_update(rows, ["attended", "certificate_number"])
    return sum(1 for row in rows if row.attended)


@transaction.atomic
def evaluation_submit(
    *, participant: Participant, relevance: int, quality: int, will_apply: bool, comment: str = ""
) -> Evaluation:
    """The participant's one evaluation; only someone who attended evaluates, and only once."""
    if not participant.attended:
        raise TrainingError(_("Only a participant who attended evaluates the session."))
    if Evaluation.objects.filter(participant=participant).exists():
        raise TrainingError(_("This participant has already evaluated the session."))
    evaluation = Evaluation(
        participant=participant,
        relevance=relevance,
        quality=quality,
        will_apply=will_apply,
        comment=comment.strip(),
    )
    try:
        evaluation.full_clean()
    except ValidationError as error:
        raise TrainingError("; ".join(error.messages)) from error
    evaluation.save()
    return evaluation


# --- figures ---------------------------------------------------------------------------------


@dataclass
class Summary:
    year: int | None
    sessions: int
    participants: int
    attended: int
    people: int
    by_sex: dict[str, int] = field(default_factory=dict)
    by_office: list[tuple[Office, dict[str, int]]] = field(default_factory=list)
    by_year: list[tuple[int, dict[str, int]]] = field(default_factory=list)
    by_course: list[tuple[Course, dict[str, int]]] = field(default_factory=list)
    evaluations: int = 0
    mean_relevance: float | None = None
    mean_quality: float | None = None


def _by_sex(rows: Iterable[tuple[Any, str]]) -> dict[Any, dict[str, int]]:
    out: dict[Any, dict[str, int]] = {}
    for key, sex in rows:
        cell = out.setdefault(key, {s: 0 for s in Sex.values} | {"total": 0})
        cell[sex] += 1
        cell["total"] += 1
    return out


def summary(*, year: int | None = None) -> Summary:
    """People trained (attended) by sex, office, year and course; in one year or over all years."""
    sessions = Session.objects.all()
    participants: ParticipantQuerySet = Participant.objects.all()
    if year is not None:
        sessions = sessions.filter(starts_on__year=year)
        participants = participants.filter(session__starts_on__year=year)
    attended = participants.attended()
    rows = list(
        attended.values_list(
            "pk", "staff_key", "sex", "office_id", "session__starts_on", "session__course_id"
        )
    )
    offices = Office.objects.in_bulk({r[3] for r in rows})
    courses = Course.objects.in_bulk({r[5] for r in rows})
    by_office = _by_sex((offices[r[3]], r[2]) for r in rows)
    by_course = _by_sex((courses[r[5]], r[2]) for r in rows)
    by_year = _by_sex((r[4].year, r[2]) for r in rows)
    sexes = Counter(r[2] for r in rows)
    evaluations = Evaluation.objects.filter(participant__in=attended)
    scores = list(evaluations.values_list("relevance", "quality"))
    return Summary(
        year=year,
        sessions=sessions.count(),
        participants=participants.count(),
        attended=len(rows),
        people=figures.distinct_people((r[1] or f"row:{r[0]}", 0) for r in rows),
        by_sex={s: sexes.get(s, 0) for s in Sex.values},
        by_office=sorted(by_office.items(), key=lambda kv: str(kv[0])),
        by_year=sorted(by_year.items()),
        by_course=sorted(by_course.items(), key=lambda kv: str(kv[0])),
        evaluations=len(scores),
        mean_relevance=sum(r for r, _q in scores) / len(scores) if scores else None,
        mean_quality=sum(q for _r, q in scores) / len(scores) if scores else None,
    )


def developers_trained() -> list[figures.YearCount]:
    """Project developers trained, new and cumulative per year (each person once)."""
    rows = Participant.objects.attended().project_developers()
    return figures.cumulative_by_year(
        (staff_key or f"row:{pk}", starts_on.year)
        for pk, staff_key, starts_on in rows.values_list("pk", "staff_key", "session__starts_on")
    )


def target() -> TrainingTarget:
    """The latest target for project developers trained (the seed's 300 when none is recorded)."""
    return TrainingTarget.objects.order_by("-year").first() or TrainingTarget(
        people=DEFAULT_TARGET, year=dt.date.today().year
    )


def years() -> list[int]:
    return sorted(
        {d.year for d in Session.objects.values_list("starts_on", flat=True)}, reverse=True
    )
