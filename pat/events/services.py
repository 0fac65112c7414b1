"""Writing events: keyword-only, one transaction each, history recorded, stale edits refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pat.core import permissions as can
from pat.core.locking import claim
from pat.core.models import Country, Office, User
from pat.events import participation
from pat.events.models import Event, EventChange, Participation

FIELDS = (
    "kind",
    "title",
    "starts_on",
    "ends_on",
    "place",
    "country",
    "organizers",
    "office",
    "summary",
)


def _value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Office | Country):
        return value.pk if isinstance(value, Country) else value.code
    return value


def _check_states(invited: Iterable[Country], participated: Iterable[Country]) -> None:
    stray = participation.states_problem([c.code for c in invited], [c.code for c in participated])
    if stray:
        raise ValidationError(
            _("States that participated must be among those invited: %(codes)s.")
            % {"codes": ", ".join(stray)}
        )


def _check_cells(cells: Mapping[tuple[str, str], int]) -> None:
    if participation.cells_problem(cells):
        raise ValidationError(_("Participants are counted in whole numbers, zero or more."))


def _set_cells(event: Event, cells: Mapping[tuple[str, str], int]) -> None:
    Participation.objects.filter(event=event).delete()
    Participation.objects.bulk_create(
        Participation(event=event, participant_type=kind, sex=sex, count=count)
        for (kind, sex), count in sorted(cells.items())
        if count
    )


@transaction.atomic
def event_save(
    *,
    actor: User,
    event: Event | None = None,
    expected_version: int | None = None,
    data: Mapping[str, Any],
    invited: Iterable[Country] = (),
    participated: Iterable[Country] = (),
    cells: Mapping[tuple[str, str], int] | None = None,
) -> Event:
    """Create an event, or update one at the version the editor saw (else EditConflict)."""
    if not can.can_record_events(actor):
        raise PermissionDenied(_("Only the gender coordinator records events."))
    invited = list(invited)
    participated = list(participated)
    _check_states(invited, participated)
    cells = dict(cells or {})
    _check_cells(cells)
    creating = event is None
    if event is None:
        event = Event(created_by=actor)
        before: dict[str, Any] = {}
    else:
        claim(event, expected=expected_version, label=event.title)
        before = {name: _value(getattr(event, name)) for name in FIELDS}
        before["invited"] = sorted(event.invited_states.values_list("code", flat=True))
        before["participated"] = sorted(event.participating_states.values_list("code", flat=True))
        before["participants"] = {f"{k}/{s}": n for (k, s), n in sorted(event.cells().items())}
    for name in FIELDS:
        if name in data:
            setattr(event, name, data[name])
    event.full_clean()
    event.save()
    event.invited_states.set(invited)
    event.participating_states.set(participated)
    _set_cells(event, cells)
    after = {name: _value(getattr(event, name)) for name in FIELDS}
    after["invited"] = sorted(c.code for c in invited)
    after["participated"] = sorted(c.code for c in participated)
    after["participants"] = {f"{k}/{s}": n for (k, s), n in sorted(cells.items()) if n}
    changes = {
        key: [before.get(key), value] for key, value in after.items() if before.get(key) != value
    }
    if creating or changes:
        EventChange.objects.create(
            event=event, actor=actor, action="created" if creating else "updated", changes=changes
        )
    return event


@transaction.atomic
def document_attach(
    *, actor: User, event: Event, expected_version: int | None, **document: Any
) -> Event:
    """Shelve an outcome document in the reference library and attach it to the event.

    `document` holds `pat.guide.services.document_add`'s arguments; the upload has been
    checked by `pat.uploads.validation.validate` (the library's form does it).
    """
    from pat.guide import services as guide

    if not can.can_record_events(actor):
        raise PermissionDenied(_("Only the gender coordinator records events."))
    claim(event, expected=expected_version, label=event.title)
    shelved = guide.document_add(actor=actor, **document)
    event.documents.add(shelved)
    EventChange.objects.create(
        event=event, actor=actor, action="document", changes={"document": [None, shelved.title]}
    )
    return event
