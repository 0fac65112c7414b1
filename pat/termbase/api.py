"""The checker and the term base over the JSON API (session or bearer token, from pat/api.py)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.params import functions as param

from pat.core.http import MAX_OFFSET
from pat.termbase import checker, services
from pat.termbase.forms import MAX_TEXT_CHARS
from pat.termbase.models import EXPLANATION_MAX_CHARS, TermEntry
from pat.termbase.permissions import can_edit_terms

router = Router(tags=["termbase"])

MAX_LIMIT = 500


class CheckIn(Schema):
    text: str
    lang: Literal["auto", "en", "fr", "es"] = "auto"
    mode: Literal["proposal", "vacancy"] = "proposal"
    allow: list[str] = Field(default_factory=list, max_length=200)
    disabled_rules: list[str] = Field(default_factory=list, max_length=200)


@router.post("/check", summary="Check a text against the organization's terminology")
def check(request: HttpRequest, payload: CheckIn) -> dict[str, Any]:
    """Findings (offsets into the text), and in vacancy mode the coded words, score and verdict.

    The text may be up to 1,000,000 characters; a longer one is refused with 413.
    """
    if len(payload.text) > MAX_TEXT_CHARS:
        raise HttpError(
            413,
            f"The text is {len(payload.text):,} characters long; the limit is "
            f"{MAX_TEXT_CHARS:,}. Check it in parts.",
        )
    outcome = checker.run(
        payload.text,
        payload.lang,
        payload.mode,
        rules=checker.current_rules(request),
        allow=payload.allow,
        disabled_rules=payload.disabled_rules,
    )
    return outcome.to_dict()


class TermOut(Schema):
    id: str
    lang: str
    lemma: str
    pos: str
    category: str
    severity: str
    suggestions: list[str]
    suggestions_pl: list[str]
    explanation: str
    source: str
    debatable: bool
    guide: str
    mode: str
    forms: dict[str, list[str]]
    context: list[str]
    exceptions: list[str] = Field(alias="except")
    enabled: bool
    version: int
    translations: list[str]


class TermList(Schema):
    count: int
    items: list[TermOut]


def _out(entry: TermEntry) -> dict[str, Any]:
    return {
        **entry.as_data(),
        "lang": entry.lang,
        "enabled": entry.enabled,
        "version": entry.version,
        "translations": sorted(c.rule_id for c in entry.counterparts.all()),
    }


def _query() -> Any:
    # Only the ids of the translations are listed; the stubs do not type a self-referencing
    # Prefetch well, hence the ignore.
    only_ids = TermEntry.objects.only("id", "rule_id")
    return TermEntry.objects.prefetch_related(Prefetch("counterparts", queryset=only_ids))  # type: ignore[arg-type]


@router.get("/terms", response=TermList, by_alias=True, summary="The term base")
def terms(
    request: HttpRequest,
    lang: Literal["", "en", "fr", "es"] = "",
    q: str = "",
    category: str = "",
    enabled: bool | None = None,
    limit: Annotated[int, param.Query(ge=1, le=MAX_LIMIT)] = 100,
    offset: Annotated[int, param.Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    qs = _query().search(q[:100])
    if lang:
        qs = qs.filter(lang=lang)
    if category:
        qs = qs.filter(category=category)
    if enabled is not None:
        qs = qs.filter(enabled=enabled)
    return {"count": qs.count(), "items": [_out(e) for e in qs[offset : offset + limit]]}


@router.get("/terms/{rule_id}", response=TermOut, by_alias=True, summary="One entry")
def term(request: HttpRequest, rule_id: str) -> dict[str, Any]:
    return _out(get_object_or_404(_query(), rule_id=rule_id))


class TermPatch(Schema):
    version: int
    enabled: bool | None = None
    suggestions: list[str] | None = None
    suggestions_pl: list[str] | None = None
    explanation: str | None = Field(None, max_length=EXPLANATION_MAX_CHARS)
    severity: Literal["high", "medium", "low"] | None = None
    debatable: bool | None = None


@router.patch(
    "/terms/{rule_id}",
    response={200: TermOut, 409: dict, 422: dict},
    by_alias=True,
    summary="Change an entry (Gender Focal Points and administrators)",
)
def term_patch(request: HttpRequest, rule_id: str, payload: TermPatch) -> Any:
    if not can_edit_terms(request.user):
        raise HttpError(403, "Only Gender Focal Points and administrators edit the terminology.")
    entry = get_object_or_404(TermEntry, rule_id=rule_id)
    fields = payload.dict(exclude_unset=True, exclude={"version"})
    fields = {k: v for k, v in fields.items() if v is not None}
    try:
        entry = services.entry_update(
            entry=entry,
            actor=request.user,  # type: ignore[arg-type]
            expected_version=payload.version,
            fields=fields,
        )
    except ValidationError as error:
        return Status(422, {"detail": error.messages})
    return Status(200, _out(get_object_or_404(_query(), pk=entry.pk)))
