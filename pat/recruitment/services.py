"""Writing vacancy notices: keyword-only, in a transaction, each write with its history entry.

Every save runs the vacancy-mode wording check (the organization's current term base and
the Gaucher et al. coded-word lists) and stores its score, verdict and counts on the notice.
Publishing a notice with masculine-coded words left in it needs a written reason, kept on the
notice and in its history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from pat.core.locking import claim
from pat.core.models import Revision
from pat.recruitment.models import (
    ChannelVisit,
    OutreachChannel,
    State,
    Vacancy,
    VacancyEvent,
    can_move,
)
from pat.termbase import checker

# The fields a form or the API writes; everything else is the service's own.
EDITABLE = (
    "reference",
    "title",
    "grade",
    "office",
    "duty_station",
    "closing_date",
    "language",
    "text",
    "apply_url",
)


# The public board and its feeds are cached under this revision; every write to a notice
# records an event and bumps it in the same transaction, so every app server serves the
# change on its next request.
REVISION = "vacancies"


class Refused(ValueError):
    """A move or an edit the rules do not allow; the message says why, nothing was written."""


@dataclass(frozen=True, slots=True)
class Wording:
    """The stored part of the vacancy-mode check."""

    score: int
    verdict: str
    masculine: int
    feminine: int
    findings: int


def wording_outcome(text: str, lang: str) -> checker.Outcome:
    """The full vacancy-mode check of a notice's text (findings and coded words)."""
    return checker.run(text, lang, "vacancy", rules=checker.current_rules())


def wording(text: str, lang: str) -> Wording:
    outcome = wording_outcome(text, lang)
    report = outcome.report
    assert report is not None  # vacancy mode always reports coded words
    return Wording(
        score=report.score,
        verdict=report.verdict,
        masculine=report.masculine,
        feminine=report.feminine,
        findings=len(outcome.findings),
    )


def _store_wording(vacancy: Vacancy) -> Wording:
    result = wording(vacancy.text, vacancy.language)
    vacancy.wording_score = result.score
    vacancy.wording_verdict = result.verdict
    vacancy.wording_masculine = result.masculine
    vacancy.wording_feminine = result.feminine
    vacancy.wording_findings = result.findings
    return result


def _wording_fields(vacancy: Vacancy) -> dict[str, Any]:
    return {
        "wording_score": vacancy.wording_score,
        "wording_verdict": vacancy.wording_verdict,
        "wording_masculine": vacancy.wording_masculine,
        "wording_feminine": vacancy.wording_feminine,
        "wording_findings": vacancy.wording_findings,
    }


def _event(vacancy: Vacancy, by: Any, action: str, **extra: Any) -> VacancyEvent:
    Revision.bump(REVISION)
    return VacancyEvent.objects.create(
        vacancy=vacancy,
        by=by,
        action=action,
        wording_score=vacancy.wording_score,
        wording_masculine=vacancy.wording_masculine,
        **extra,
    )


@transaction.atomic
def vacancy_create(*, by: Any, fields: dict[str, Any]) -> Vacancy:
    """A new draft notice from the editable fields."""
    vacancy = Vacancy(created_by=by, state=State.DRAFT, **_editable(fields))
    vacancy.category = vacancy.grade.category
    _store_wording(vacancy)
    vacancy.full_clean(exclude=["slug", "created_by"])
    vacancy.save()
    _event(vacancy, by, VacancyEvent.Action.CREATED, to_state=State.DRAFT)
    return vacancy


@transaction.atomic
def vacancy_update(
    *,
    vacancy: Vacancy,
    by: Any,
    expected_version: int | None,
    fields: dict[str, Any],
    reason: str = "",
) -> Vacancy:
    """Edit a notice at the version the editor started from (a stale edit writes nothing).

    A published notice stays published only with its wording accounted for: an edit that
    leaves masculine-coded words in it needs the reason on record (kept or given now).
    """
    if vacancy.state in (State.FILLED, State.CANCELLED):
        raise Refused(_("A filled or cancelled notice can no longer be edited."))
    changes = _editable(fields)
    draft = Vacancy(**{**{f: getattr(vacancy, f) for f in EDITABLE}, **changes})
    draft.category = draft.grade.category
    _store_wording(draft)
    reason = reason.strip()
    publish_reason = vacancy.publish_reason
    if vacancy.state == State.PUBLISHED and draft.wording_masculine:
        publish_reason = reason or publish_reason
        if not publish_reason:
            raise Refused(
                _(
                    "The notice is published and still has masculine-coded words: "
                    "reword them or give the reason to keep them."
                )
            )
    changed = [f for f in EDITABLE if _raw(draft, f) != _raw(vacancy, f)]
    claim(
        vacancy,
        expected=expected_version,
        label=vacancy.reference,
        category=draft.category,
        publish_reason=publish_reason,
        updated_at=timezone.now(),
        **_wording_fields(draft),
        **{_column(f): _raw(draft, f) for f in EDITABLE},
    )
    if "reference" in changed:
        vacancy.save(update_fields=["slug"])  # the slug follows the reference
    _event(vacancy, by, VacancyEvent.Action.EDITED, fields=changed, note=reason)
    return vacancy


def _column(field: str) -> str:
    return f"{field}_id" if field in ("grade", "office") else field


def _raw(vacancy: Vacancy, field: str) -> Any:
    return getattr(vacancy, _column(field))


def _editable(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if k in EDITABLE}


@transaction.atomic
def vacancy_move(
    *,
    vacancy: Vacancy,
    by: Any,
    to: str,
    expected_version: int | None,
    reason: str = "",
    now: dt.datetime | None = None,
) -> Vacancy:
    """Move a notice along `TRANSITIONS`; publishing with masculine-coded words needs `reason`."""
    if not can_move(vacancy.state, to):
        raise Refused(
            _("A notice that is %(state)s cannot be %(target)s.")
            % {"state": State(vacancy.state).label.lower(), "target": State(to).label.lower()}
        )
    reason = reason.strip()
    changes: dict[str, Any] = {"state": to}
    if to == State.PUBLISHED:
        # Checked again now: the term base may have changed since the last save.
        _store_wording(vacancy)
        if vacancy.wording_masculine and not reason:
            raise Refused(
                _(
                    "The notice has %(n)s masculine-coded word(s) left: reword them, or give "
                    "the reason to publish it as it is."
                )
                % {"n": vacancy.wording_masculine}
            )
        changes.update(
            published_at=now or timezone.now(),
            publish_reason=reason if vacancy.wording_masculine else "",
            **_wording_fields(vacancy),
        )
    source = vacancy.state
    claim(vacancy, expected=expected_version, label=vacancy.reference, **changes)
    _event(vacancy, by, VacancyEvent.Action.MOVED, from_state=source, to_state=to, note=reason)
    return vacancy


def record_visit(*, vacancy: Vacancy, channel_slug: str) -> bool:
    """Count one visit of a public notice through a channel's tracked link (nothing else kept).

    An unknown or inactive channel counts nothing; the visitor still sees the notice.
    """
    channel = OutreachChannel.objects.filter(slug=channel_slug, active=True).first()
    if channel is None or not vacancy.is_public:
        return False
    now = timezone.now()
    counter = ChannelVisit.objects.filter(vacancy=vacancy, channel=channel)
    # The counter goes up in the database (F), so simultaneous visits all count; the first
    # visit creates the row, and a racing first visit that loses the insert counts as a visit.
    if counter.update(count=F("count") + 1, last_at=now):
        return True
    try:
        with transaction.atomic():
            ChannelVisit.objects.create(vacancy=vacancy, channel=channel, count=1, last_at=now)
    except IntegrityError:
        counter.update(count=F("count") + 1, last_at=now)
    return True
