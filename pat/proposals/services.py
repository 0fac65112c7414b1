"""Proposal workflows: autosaved sections with their own locks, table editors, snapshots,
frozen versions.

Every write checks a lock (a `version` compared in a conditional UPDATE, as
project_update does), validates before saving, and leaves a ProjectChange, so
the project's history shows the proposal's edits beside everything else.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pat.core.locking import EditConflict, claim
from pat.core.models import User
from pat.markers import services as marker_services
from pat.markers.models import MarkerAssessment
from pat.projects import matrix
from pat.projects import services as project_services
from pat.projects.models import (
    IndicatorValue,
    Project,
    ProjectChange,
    ResultNode,
    ValueKind,
)
from pat.proposals import funds, readiness
from pat.proposals.models import (
    BudgetCategory,
    BudgetLine,
    FundRule,
    Proposal,
    ProposalSection,
    ProposalVersion,
    Risk,
    WorkPlanEntry,
)
from pat.proposals.sections import PROJECT_FIELDS, SECTIONS, STEP_BY_KEY, max_chars
from pat.termbase import checker
from pat.termbase.services import revision_current

MAX_PERIODS = 60


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def proposal_for(project: Project) -> Proposal:
    proposal, _created = Proposal.objects.get_or_create(project=project)
    return proposal


def section_row(project: Project, key: str) -> ProposalSection:
    try:
        with transaction.atomic():
            row, _created = ProposalSection.objects.get_or_create(project=project, key=key)
    except IntegrityError:
        # Two first saves at once: the other one made the row.
        row = ProposalSection.objects.get(project=project, key=key)
    return row


def section_text(project: Project, key: str, row: ProposalSection | None = None) -> str:
    if key in PROJECT_FIELDS:
        return str(getattr(project, key))
    if row is None:
        row = ProposalSection.objects.filter(project=project, key=key).first()
    return row.text if row else ""


def _findings(text: str) -> list[dict[str, Any]]:
    """The organization's current rule set (the term base) on a section's text."""
    if not text.strip():
        return []
    outcome = checker.run(text, "auto", "proposal", rules=checker.current_rules())
    return [
        {
            "term": f.term,
            "message": f.message,
            "debatable": f.debatable,
            "severity": f.severity,
            "start": f.start,
            "end": f.end,
        }
        for f in outcome.findings
    ]


def findings_digest(text: str, revision: int | None = None) -> str:
    """The key of a section's cached findings: its text under the term base's revision."""
    return digest(f"{revision_current() if revision is None else revision}\n{text}")


def _claim(
    *, project: Project, key: str, expected_version: int | None, actor: User | None
) -> ProposalSection:
    """Move a section's lock forward from `expected_version`, or raise EditConflict."""
    row = section_row(project, key)
    spec = SECTIONS.get(key) or STEP_BY_KEY.get(key)
    label = str(spec.label) if spec else key
    claim(row, expected=expected_version, label=label, updated_at=timezone.now(), updated_by=actor)
    return row


@transaction.atomic
def section_save(
    *,
    project: Project,
    key: str,
    text: str,
    expected_version: int | None,
    actor: User | None,
    base_digest: str | None = None,
) -> ProposalSection:
    """Save a narrative section's draft made on `expected_version`.

    For the summary, rationale and objective the text goes to the project's own
    field (through the projects services); `base_digest` (the digest of the text
    the writer started from) also catches an edit made meanwhile on the project's
    edit page.
    """
    if key not in SECTIONS:
        raise ValidationError({"key": _("There is no section %(key)s.") % {"key": key}})
    text = text.replace("\r\n", "\n")
    cap = max_chars(key)
    if len(text) > cap:
        raise ValidationError(
            {
                "text": _(
                    "This section has %(n)s characters; it may have at most %(cap)s. "
                    "Shorten it: nothing was saved."
                )
                % {"n": f"{len(text):,}", "cap": f"{cap:,}"}
            }
        )
    project = Project.objects.get(pk=project.pk)
    old = section_text(project, key)
    row = _claim(project=project, key=key, expected_version=expected_version, actor=actor)
    changed_elsewhere = base_digest is not None and digest(old) not in (base_digest, digest(text))
    if key in PROJECT_FIELDS and changed_elsewhere:
        # Changed on the project's edit page: refused like a stale version (rolled back).
        raise EditConflict(row, expected_version or -1, row.version, str(SECTIONS[key].label))
    if key not in PROJECT_FIELDS:
        row.text = text
    row.findings = _findings(text)
    row.findings_digest = findings_digest(text)
    row.full_clean(exclude=["project", "updated_by"])
    row.save(update_fields=["text", "findings", "findings_digest"])
    if old != text:
        project_services.project_touch(
            project=project,
            actor=actor,
            action=ProjectChange.Action.UPDATED,
            changes={key: [old, text]},
            fields={key: text} if key in PROJECT_FIELDS else None,
            bump=key in PROJECT_FIELDS,
            coalesce=True,
        )
    return row


# --- table steps -----------------------------------------------------------------------------


def _touch(project: Project, actor: User | None, name: str, old: Any, new: Any) -> None:
    project_services.project_touch(
        project=project,
        actor=actor,
        action=ProjectChange.Action.UPDATED,
        changes={name: [old, new]},
    )


@transaction.atomic
def risks_save(
    *,
    project: Project,
    actor: User | None,
    expected_version: int,
    rows: Sequence[Mapping[str, Any]],
) -> ProposalSection:
    """Replace the risk management plan with `rows`.

    Each row: risk, likelihood, impact, mitigation, owner; the level follows.
    """
    lock = _claim(project=project, key="risks", expected_version=expected_version, actor=actor)
    risks = [Risk(project=project, order=i, **row) for i, row in enumerate(rows, start=1)]
    errors: dict[str, list[str]] = {}
    for i, risk in enumerate(risks):
        try:
            risk.full_clean(exclude=["level"])
        except ValidationError as error:
            errors[f"risk-{i}"] = error.messages
    if errors:
        raise ValidationError(errors)
    before = Risk.objects.filter(project=project).count()
    Risk.objects.filter(project=project).delete()
    for risk in risks:
        risk.save()
    _touch(project, actor, "risks", before, len(risks))
    return lock


def _budget_record(lines: Iterable[BudgetLine]) -> list[dict[str, str]]:
    """Budget lines as the change history keeps them (codes; the page shows names)."""
    return [
        {"category": b.category, "description": b.description, "amount": str(b.amount)}
        for b in lines
    ]


def budget_lines_in_use(lines: Sequence[BudgetLine]) -> dict[int, BudgetLine]:
    """The lines among `lines` that another record points at (a progress report's spending).

    Found from the models rather than by importing them: reporting builds on proposals, not
    the other way round, and a later app that points at budget lines is covered too.
    """
    by_pk = {line.pk: line for line in lines}
    if not by_pk:
        return {}
    found: dict[int, BudgetLine] = {}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is BudgetLine:
                ids = model._default_manager.filter(**{f"{field.attname}__in": list(by_pk)})
                for pk in ids.values_list(field.attname, flat=True).distinct():
                    found[pk] = by_pk[pk]
    return found


@transaction.atomic
def budget_save(
    *,
    project: Project,
    actor: User | None,
    expected_version: int,
    lines: Sequence[Mapping[str, Any]],
) -> ProposalSection:
    """Set the budget lines (category, description, amount, and `id` for a kept line) in order.

    Lines keep their identity: a line given with the id of one of the project's lines is
    updated in place, one without (or with an id the project does not have) is created, and
    a line left out is deleted, unless something refers to it (spending reported against it
    in a progress report), which refuses the whole save and changes nothing.
    """
    lock = _claim(project=project, key="budget", expected_version=expected_version, actor=actor)
    existing = {line.pk: line for line in BudgetLine.objects.filter(project=project)}
    before = _budget_record(existing.values())
    kept: list[BudgetLine] = []
    seen: set[int] = set()
    errors: dict[str, list[str]] = {}
    for i, row in enumerate(lines):
        values = {k: v for k, v in row.items() if k != "id"}
        pk = row.get("id")
        line = existing.get(pk) if isinstance(pk, int) and pk not in seen else None
        if line is None:
            line = BudgetLine(project=project)
        else:
            seen.add(line.pk)
        for name, value in values.items():
            setattr(line, name, value)
        line.order = i + 1
        try:
            line.full_clean()
        except ValidationError as error:
            errors[f"line-{i}"] = error.messages
        kept.append(line)
    removed = [line for pk, line in existing.items() if pk not in seen]
    for line in budget_lines_in_use(removed).values():
        errors.setdefault("__all__", []).append(
            _(
                "The budget line “%(line)s” has spending reported against it in a progress "
                "report and cannot be removed; set its amount instead."
            )
            % {"line": line.description}
        )
    if errors:
        raise ValidationError(errors)
    BudgetLine.objects.filter(pk__in=[line.pk for line in removed]).delete()
    updated = [line for line in kept if line.pk is not None]
    BudgetLine.objects.bulk_update(updated, ["category", "description", "amount", "order"])
    BudgetLine.objects.bulk_create([line for line in kept if line.pk is None])
    # The lines themselves, not only the total: a change of category keeps the total.
    _touch(project, actor, "budget lines", before, _budget_record(kept))
    return lock


@transaction.atomic
def work_plan_save(
    *,
    project: Project,
    actor: User | None,
    expected_version: int,
    unit: str,
    entries: Mapping[int, tuple[list[int], str]],
) -> ProposalSection:
    """Set each activity's periods and party responsible; `unit` is month or quarter."""
    lock = _claim(project=project, key="work-plan", expected_version=expected_version, actor=actor)
    proposal = proposal_for(project)
    if unit not in Proposal.PeriodUnit.values:
        raise ValidationError({"unit": _("Choose months or quarters.")})
    proposal.period_unit = unit
    proposal.full_clean()
    proposal.save(update_fields=["period_unit"])
    activities = {n.pk: n for n in project.results.filter(level=ResultNode.Level.ACTIVITY)}
    existing = {e.activity_id: e for e in WorkPlanEntry.objects.filter(activity__in=activities)}
    limit = period_count(project, unit)
    errors: dict[str, list[str]] = {}
    for activity_id, (periods, responsible) in entries.items():
        activity = activities.get(activity_id)
        if activity is None:
            continue
        entry = existing.get(activity_id) or WorkPlanEntry(activity=activity)
        entry.periods = sorted(set(periods))
        entry.responsible = responsible
        if any(p > limit for p in entry.periods):
            errors[f"activity-{activity_id}"] = [_("The project has %(n)s periods.") % {"n": limit}]
            continue
        try:
            entry.full_clean()
        except ValidationError as error:
            errors[f"activity-{activity_id}"] = error.messages
            continue
        entry.save()
    if errors:
        raise ValidationError(errors)
    _touch(
        project,
        actor,
        "work plan",
        None,
        ngettext("%(n)s activity", "%(n)s activities", len(entries)) % {"n": len(entries)},
    )
    return lock


@transaction.atomic
def proposal_stage_set(*, project: Project, actor: User | None, stage: str) -> Proposal:
    proposal = proposal_for(project)
    old = proposal.stage
    proposal.stage = stage
    proposal.full_clean()
    proposal.save(update_fields=["stage"])
    if old != stage:
        _touch(project, actor, "proposal stage", old, stage)
    return proposal


def period_count(project: Project, unit: str) -> int:
    """Months (or quarters) from the start date to the end date; 12 months if unknown."""
    months = 12
    if project.start_date and project.end_date and project.end_date >= project.start_date:
        start, end = project.start_date, project.end_date
        months = (end.year - start.year) * 12 + end.month - start.month + 1
    months = max(1, min(months, MAX_PERIODS))
    return months if unit == Proposal.PeriodUnit.MONTH else -(-months // 3)


# --- fund rules ------------------------------------------------------------------------------


def rules_for(project: Project) -> list[funds.Rule]:
    """The rules of the project's donors; the default rules when none of them has any."""
    active = FundRule.objects.filter(active=True)
    donor_ids = list(project.donors.values_list("pk", flat=True))
    chosen = list(active.filter(donor__in=donor_ids)) if donor_ids else []
    if not chosen:
        chosen = list(active.filter(donor__isnull=True))
    return [funds.Rule(r.name, tuple(r.categories), r.bound, Decimal(r.percent)) for r in chosen]


def budget_totals(lines: Sequence[BudgetLine]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for line in lines:
        totals[line.category] = totals.get(line.category, Decimal(0)) + line.amount
    return totals


def fund_warnings(
    project: Project, lines: Sequence[BudgetLine] | None = None
) -> list[funds.Warning]:
    lines = list(BudgetLine.objects.filter(project=project)) if lines is None else lines
    return funds.evaluate(
        budget_totals(lines),
        rules_for(project),
        currency=project.currency,
        labels={k: str(v) for k, v in BudgetCategory.choices},
        translate=_,
    )


# --- markers ---------------------------------------------------------------------------------


def current_markers(project: Project) -> dict[str, MarkerAssessment]:
    return marker_services.current_assessments(project)


# --- snapshot, readiness ---------------------------------------------------------------------


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def build_snapshot(project: Project) -> dict[str, Any]:
    """Everything the proposal says, as plain JSON: what a version freezes and exports read."""
    project = (
        Project.objects.select_related("executing_office", "project_type")
        .prefetch_related("countries", "donors", "partners__organization")
        .get(pk=project.pk)
    )
    rows = {r.key: r for r in ProposalSection.objects.filter(project=project)}
    sections: dict[str, str] = {}
    findings: dict[str, list[dict[str, Any]]] = {}
    revision = revision_current()
    for key in SECTIONS:
        text = section_text(project, key, rows.get(key))
        sections[key] = text
        row = rows.get(key)
        # A summary edited on the project page has no cached findings: check it now.
        cached = row is not None and row.findings_digest == findings_digest(text, revision)
        findings[key] = list(row.findings) if cached and row is not None else _findings(text)
    bands = {}
    nodes = matrix.tree(project)
    # Baselines by sex and age, where an indicator has them (one query).
    baseline_cells: dict[int, list[IndicatorValue]] = {}
    for value in IndicatorValue.objects.filter(
        indicator__result__project=project, kind=ValueKind.BASELINE
    ).order_by("band__min_age", "sex"):
        baseline_cells.setdefault(value.indicator_id, []).append(value)
    codes = {n.pk: n.code for n in nodes}
    results = []
    for node in nodes:
        indicators = []
        for indicator in node.indicators.all():
            cells = []
            for value in indicator.targets:  # type: ignore[attr-defined]
                cells.append(
                    {"sex": value.sex, "band": value.band_id, "value": _money(value.value)}
                )
            baselines = [
                {"sex": v.sex, "band": v.band_id, "value": _money(v.value)}
                for v in baseline_cells.get(indicator.pk, [])
            ]
            indicators.append(
                {
                    "id": indicator.pk,
                    "statement": indicator.statement,
                    "means_of_verification": indicator.means_of_verification,
                    "measure": indicator.get_measure_display(),
                    "baseline": _money(indicator.baseline_value),
                    "target": _money(indicator.target_value),
                    "counts_people": indicator.counts_people,
                    "band_set": indicator.band_set.name if indicator.band_set else None,
                    "targets": cells,
                    "baselines": baselines,
                }
            )
            if indicator.band_set_id:
                bands[indicator.band_set_id] = True
        results.append(
            {
                "id": node.pk,
                "code": node.code,
                "level": node.level,
                "parent": codes.get(node.parent_id) if node.parent_id else None,
                "depth": node.depth,  # type: ignore[attr-defined]
                "statement": node.statement,
                "assumptions": node.assumptions,
                "indicators": indicators,
            }
        )
    from pat.projects.models import AgeBand

    band_labels = {str(b.pk): b.label for b in AgeBand.objects.filter(band_set__in=list(bands))}
    proposal = proposal_for(project)
    entries = {e.activity_id: e for e in WorkPlanEntry.objects.filter(activity__project=project)}
    work_plan = {
        "unit": proposal.period_unit,
        "periods": period_count(project, proposal.period_unit),
        "entries": [
            {
                "code": n.code,
                "statement": n.statement,
                "periods": entries[n.pk].periods if n.pk in entries else [],
                "responsible": entries[n.pk].responsible if n.pk in entries else "",
            }
            for n in nodes
            if n.level == ResultNode.Level.ACTIVITY
        ],
    }
    lines = list(BudgetLine.objects.filter(project=project))
    totals = budget_totals(lines)
    budget = {
        "currency": project.currency,
        "lines": [
            {
                "category": line.category,
                "category_label": str(line.get_category_display()),
                "description": line.description,
                "amount": str(line.amount),
            }
            for line in lines
        ],
        "totals": {k: str(v) for k, v in totals.items()},
        "total": str(sum(totals.values(), Decimal(0))),
        "warnings": [w.message for w in fund_warnings(project, lines)],
    }
    beneficiaries: dict[str, list[dict[str, Any]]] = {}
    for count in project.beneficiaries.select_related("band").order_by("band__min_age", "sex"):
        beneficiaries.setdefault(count.kind, []).append(
            {"sex": count.sex, "band": count.band.label, "count": count.count}
        )
    markers = {
        scheme: {
            "code": a.code,
            "answers": a.answers,
            "reasons": a.explained(),
            "answered_by": str(a.answered_by) if a.answered_by else None,
            "answered_at": a.answered_at.isoformat(),
        }
        for scheme, a in current_markers(project).items()
    }
    return {
        "format": 1,
        "project": {
            "code": project.code,
            "title": project.title,
            # English names: a version frozen in French must not differ from one frozen
            # in English by its reference data's language.
            "executing_office": project.executing_office.name,
            "region": project.get_region_display(),
            "countries": [c.name for c in project.countries.all()],
            "project_type": project.project_type.name,
            "donors": [d.name for d in project.donors.all()],
            "partners": [str(p) for p in project.partners.all()],
            "start_date": project.start_date.isoformat() if project.start_date else None,
            "end_date": project.end_date.isoformat() if project.end_date else None,
            "budget": _money(project.budget),
            "currency": project.currency,
            "status": project.status,
            "stage": proposal.stage,
        },
        "sections": sections,
        "findings": findings,
        "results": results,
        "band_labels": band_labels,
        "work_plan": work_plan,
        "budget": budget,
        "risks": [
            {
                "risk": r.risk,
                "likelihood": r.likelihood,
                "impact": r.impact,
                "level": r.level,
                "mitigation": r.mitigation,
                "owner": r.owner,
            }
            for r in Risk.objects.filter(project=project)
        ],
        "beneficiaries": beneficiaries,
        "markers": markers,
    }


def readiness_for(
    project: Project, snapshot: Mapping[str, Any] | None = None
) -> readiness.Readiness:
    snapshot = build_snapshot(project) if snapshot is None else snapshot
    labels = {key: str(section.label) for key, section in SECTIONS.items()}
    return readiness.check(readiness.facts_from_snapshot(snapshot, labels=labels), translate=_)


# --- versions --------------------------------------------------------------------------------


@transaction.atomic
def proposal_freeze(
    *, project: Project, actor: User, reason: str, record: bool = True
) -> ProposalVersion:
    """Freeze the proposal as it is now into a new, immutable version.

    `record` False leaves the project's history to the caller (a submission
    records the freeze with its status move).
    """
    # Lock the project row so two freezes never take the same number.
    locked = Project.objects.select_for_update().get(pk=project.pk)
    snapshot = build_snapshot(locked)
    snapshot["readiness"] = {
        "score": (result := readiness_for(locked, snapshot)).score,
        "items": [{"id": i.id, "ok": i.ok, "message": i.message} for i in result.items],
    }
    last = ProposalVersion.objects.filter(project=locked).order_by("-number").first()
    version = ProposalVersion(
        project=locked,
        number=(last.number + 1) if last else 1,
        reason=reason,
        snapshot=snapshot,
        created_by=actor,
    )
    version.full_clean()
    version.save()
    for assessment in current_markers(locked).values():
        if assessment.proposal_version is not None:
            continue
        # The markers record which proposal version an answer was given for; the
        # answer and its author stay as they were.
        marker_services.assessment_save(
            project=locked,
            scheme=assessment.scheme,
            answers=assessment.answers,
            evidence=assessment.evidence,
            actor=assessment.answered_by,
            proposal_version=version.number,
        )
    if record:
        project_services.project_touch(
            project=locked,
            actor=actor,
            action=ProjectChange.Action.UPDATED,
            changes={"proposal version": [None, f"{version.number}: {reason}"]},
        )
    return version


@transaction.atomic
def version_freeze(
    *, project: Project, actor: User, reason: str, snapshot: Mapping[str, Any]
) -> ProposalVersion:
    """Freeze a snapshot built elsewhere (a revision's draft of the project, from
    `build_snapshot` with its changes) as the next version, for its own review.

    The project is not touched: the draft changes it only once endorsed.
    """
    locked = Project.objects.select_for_update().get(pk=project.pk)
    last = ProposalVersion.objects.filter(project=locked).order_by("-number").first()
    version = ProposalVersion(
        project=locked,
        number=(last.number + 1) if last else 1,
        reason=reason[:200],
        snapshot=dict(snapshot),
        created_by=actor,
    )
    version.full_clean()
    version.save()
    return version


def proposal_submit(*, project: Project, actor: User) -> ProposalVersion:
    """Freeze the version a submission for review is about (the review workflow calls this)."""
    return proposal_freeze(
        project=project, actor=actor, reason=_("Submitted for review"), record=False
    )
