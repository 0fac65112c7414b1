"""Requesting, drafting, submitting and applying revisions of endorsed projects.

Keyword-only functions in one transaction each. The draft never writes the project: on
the endorsement of its last review (`on_review_concluded`, inside the reviewer's
transaction) the changes go through `pat.projects.matrix.save`,
`pat.projects.services.project_touch` and `pat.proposals.services.budget_save`, under the
project's optimistic lock at the version the draft was made from.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from pat.core import permissions as can
from pat.core.locking import EditConflict, claim
from pat.core.models import User
from pat.projects import matrix
from pat.projects import services as project_services
from pat.projects.models import Project, ProjectChange
from pat.proposals import diffing, reading
from pat.proposals import services as proposal_services
from pat.proposals.models import BudgetLine, ProposalVersion
from pat.reviews import routing
from pat.reviews import services as review_services
from pat.revisions import rules
from pat.revisions.models import Kind, Revision, RevisionEvent, State


class RevisionRefused(Exception):
    """A refused request or step; the message is for the user, in their language."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def today() -> dt.date:
    return timezone.localdate()


def refusal_message(code: str, project: Project) -> str:
    end = project.end_date.isoformat() if project.end_date else ""
    messages = {
        "status": _(
            "Only an endorsed, submitted or active project is revised; %(code)s is %(status)s."
        )
        % {"code": project.code, "status": project.get_status_display().lower()},
        "open-revision": _(
            "%(code)s already has a revision in progress: finish or withdraw it first."
        )
        % {"code": project.code},
        "no-end-date": _("%(code)s has no end date: give it one before a revision.")
        % {"code": project.code},
        "too-late": _(
            "A revision is requested at least a month before the end date (%(end)s, so by "
            "%(limit)s). An administrator may still allow it, with a reason."
        )
        % {
            "end": end,
            "limit": rules.month_before(project.end_date).isoformat() if project.end_date else "",
        },
    }
    return messages[code]


def stale_message(revision: Revision, project: Project) -> str:
    return _(
        "%(code)s changed since revision %(n)s was drafted (project version %(then)s, now "
        "%(now)s). Nothing was applied: return the revision and request it again on the "
        "current project."
    ) % {
        "code": project.code,
        "n": revision.number,
        "then": revision.base_version,
        "now": project.version,
    }


def _event(revision: Revision, action: str, actor: User | None, note: str = "") -> None:
    RevisionEvent.objects.create(revision=revision, actor=actor, action=action, note=note[:2000])


def _record(project: Project, actor: User | None, revision: Revision, what: str) -> None:
    """A line in the project's history; the version is not moved (the draft stays current)."""
    project_services.project_touch(
        project=project,
        actor=actor,
        action=ProjectChange.Action.UPDATED,
        changes={"revision": [None, f"{revision.number} ({revision.kind}): {what}"]},
        bump=False,
    )


def _current_lines(project: Project) -> list[dict[str, Any]]:
    # The id goes with each line so that applying the revision updates the lines in place:
    # a progress report's spending points at them.
    return [
        {
            "id": line.pk,
            "category": line.category,
            "description": line.description,
            "amount": str(line.amount),
        }
        for line in BudgetLine.objects.filter(project=project)
    ]


@transaction.atomic
def revision_request(
    *,
    project: Project,
    actor: User,
    kind: str,
    justification: str,
    late_reason: str = "",
    on: dt.date | None = None,
) -> Revision:
    """Open a revision's draft from the project as it is now, or refuse with the reason.

    Less than a month before the end date only an administrator opens one, giving the
    reason it is allowed, which the revision's history keeps with their name.
    """
    if not can.can_request_revision(actor, project):
        raise PermissionDenied(_("Only the project's writers request a revision."))
    justification = justification.strip()
    late_reason = late_reason.strip()
    if kind not in rules.KINDS:
        raise RevisionRefused(
            _("Choose a budget revision, a no-cost extension or a change of results.")
        )
    if not justification:
        raise RevisionRefused(_("Give the justification of the revision."))
    project = Project.objects.select_for_update().get(pk=project.pk)
    open_revision = Revision.objects.filter(project=project, state__in=rules.OPEN).exists()
    allowed_late = bool(late_reason) and can.can_allow_late_revision(actor)
    if late_reason and not allowed_late:
        raise PermissionDenied(_("Only an administrator allows a revision after the limit."))
    code = rules.refusal(
        status=project.status,
        end_date=project.end_date,
        today=on or today(),
        late_allowed=allowed_late,
        open_revision=open_revision,
    )
    if code is not None:
        raise RevisionRefused(refusal_message(code, project))
    late = allowed_late and (
        rules.refusal(status=project.status, end_date=project.end_date, today=on or today())
        == "too-late"
    )
    number = (Revision.objects.filter(project=project).aggregate(n=Max("number"))["n"] or 0) + 1
    revision = Revision(
        project=project,
        number=number,
        kind=kind,
        justification=justification,
        base_version=project.version,
        end_date=project.end_date,
        budget_lines=_current_lines(project),
        created_by=actor,
        late_allowed_by=actor if late else None,
        late_reason=late_reason if late else "",
    )
    revision.full_clean()
    revision.save()
    _event(revision, RevisionEvent.Action.REQUESTED, actor, justification)
    if late:
        _event(revision, RevisionEvent.Action.ALLOWED_LATE, actor, late_reason)
    _record(project, actor, revision, "requested")
    return revision


def _editable(revision: Revision, actor: User) -> None:
    if not can.can_request_revision(actor, revision.project):
        raise PermissionDenied(_("Only the project's writers edit a revision."))
    if not revision.editable:
        raise RevisionRefused(
            _("Revision %(n)s is %(state)s: it is no longer edited.")
            % {"n": revision.number, "state": revision.get_state_display().lower()}
        )


def clean_lines(project: Project, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Budget lines as the builder's budget form gives them, checked as budget lines.

    A row keeps the id of the project's line it edits (None for a new line); a draft that
    leaves out a line with spending reported against it is refused now, not when endorsed.
    """
    current = {line.pk: line for line in BudgetLine.objects.filter(project=project)}
    out: list[dict[str, Any]] = []
    for row in rows:
        try:
            amount = Decimal(str(row["amount"]))
        except (InvalidOperation, KeyError):
            raise ValidationError(_("Each budget line needs an amount.")) from None
        line = BudgetLine(
            category=row.get("category", ""), description=row.get("description", ""), amount=amount
        )
        line.full_clean(exclude=["project"])
        pk = row.get("id")
        out.append(
            {
                "id": pk if isinstance(pk, int) and pk in current else None,
                "category": line.category,
                "description": line.description,
                "amount": str(amount),
            }
        )
    kept = {row["id"] for row in out}
    removed = [line for pk, line in current.items() if pk not in kept]
    in_use = proposal_services.budget_lines_in_use(removed)
    if in_use:
        raise ValidationError(
            [
                _(
                    "The budget line “%(line)s” has spending reported against it in a progress "
                    "report and cannot be removed; set its amount instead."
                )
                % {"line": line.description}
                for line in in_use.values()
            ]
        )
    return out


_UNSET: Any = object()


@transaction.atomic
def revision_save(
    *,
    revision: Revision,
    actor: User,
    expected_version: int | None,
    justification: str | None = None,
    end_date: dt.date | None = _UNSET,
    budget_lines: list[dict[str, Any]] | None = None,
    results: dict[str, str] | None = None,
) -> Revision:
    """Change the draft (not the project) at the revision's version, else EditConflict."""
    _editable(revision, actor)
    claim(revision, expected=expected_version, label=str(revision))
    if justification is not None:
        revision.justification = justification.strip()
    if end_date is not _UNSET:
        revision.end_date = end_date
    if budget_lines is not None:
        revision.budget_lines = clean_lines(revision.project, budget_lines)
    if results is not None:
        form = matrix_form(revision, data=results)
        if not form.is_valid():
            raise ValidationError(_("The results matrix has errors: see the rows marked."))
        revision.results = {k: v for k, v in results.items() if k not in ("action", "version")}
    revision.full_clean()
    revision.save()
    _event(revision, RevisionEvent.Action.EDITED, actor)
    return revision


def matrix_form(revision: Revision, data: dict[str, Any] | None = None) -> matrix.MatrixForm:
    """The one matrix form over the project, holding the draft's typed values (if any)."""
    typed = revision.results if data is None else data
    return matrix.MatrixForm(dict(typed) if typed else None, project=revision.project)


def draft_snapshot(revision: Revision) -> dict[str, Any]:
    """The project as the revision would leave it, in the proposal versions' snapshot form."""
    snapshot = proposal_services.build_snapshot(revision.project)
    cover = snapshot["project"]
    cover["end_date"] = revision.end_date.isoformat() if revision.end_date else None
    if revision.kind == Kind.BUDGET:
        lines = revision.budget_lines
        totals: dict[str, Decimal] = {}
        for line in lines:
            totals[line["category"]] = totals.get(line["category"], Decimal(0)) + Decimal(
                line["amount"]
            )
        total = sum(totals.values(), Decimal(0))
        # The snapshot's lines, as build_snapshot writes them: without the id.
        snapshot["budget"]["lines"] = [
            {k: v for k, v in line.items() if k != "id"} for line in lines
        ]
        snapshot["budget"]["totals"] = {k: str(v) for k, v in totals.items()}
        snapshot["budget"]["total"] = str(total)
        cover["budget"] = f"{total:.2f}"
    if revision.kind == Kind.RESULTS and revision.results:
        form = matrix_form(revision)
        if form.is_valid():
            edit = form.edit
            for row in snapshot["results"]:
                if row["id"] in edit.rows:
                    row["statement"], row["assumptions"] = edit.rows[row["id"]]
                for indicator in row["indicators"]:
                    typed = edit.indicators.get(indicator["id"])
                    if typed is None:
                        continue
                    indicator["statement"] = typed.fields["statement"]
                    target = typed.fields["target_value"]
                    indicator["target"] = None if target is None else f"{target:.2f}"
    snapshot["revision"] = {"number": revision.number, "kind": revision.kind}
    return snapshot


def diff(revision: Revision) -> list[diffing.SectionDiff]:
    """What the revision changes: against the project when submitted, or as it is now."""
    if revision.proposal_version is not None and revision.base_snapshot:
        old, new = revision.base_snapshot, revision.proposal_version.snapshot
    else:
        old, new = proposal_services.build_snapshot(revision.project), draft_snapshot(revision)
    return [d for d in diffing.compare(old, new, labels=reading.diff_labels()) if d.changed]


def problem_messages(revision: Revision) -> list[str]:
    project = revision.project
    codes = rules.change_problems(
        kind=revision.kind,
        current_end=project.end_date,
        new_end=revision.end_date,
        start=project.start_date,
        lines=len(revision.budget_lines),
        changed=bool(diff(revision)),
    )
    texts = {
        "end-not-later": _("A no-cost extension moves the end date later than %(end)s.")
        % {"end": project.end_date.isoformat() if project.end_date else "–"},
        "end-before-start": _("The end date is before the start date."),
        "no-lines": _("A budget revision keeps at least one budget line."),
        "no-change": _("The draft changes nothing yet."),
    }
    return [texts[c] for c in codes]


@transaction.atomic
def revision_submit(
    *, revision: Revision, actor: User, expected_version: int | None, on: dt.date | None = None
) -> Revision:
    """Freeze the draft as a version and open its reviews along the revision routes."""
    _editable(revision, actor)
    project = Project.objects.select_for_update().get(pk=revision.project_id)
    claim(revision, expected=expected_version, label=str(revision))
    code = rules.refusal(
        status=project.status,
        end_date=project.end_date,
        today=on or today(),
        late_allowed=revision.late_allowed_by_id is not None,
    )
    if code is not None:
        raise RevisionRefused(refusal_message(code, project))
    if rules.stale(revision.base_version, project.version):
        raise RevisionRefused(stale_message(revision, project))
    problems = problem_messages(revision)
    if problems:
        raise RevisionRefused(" ".join(problems))
    what = _("Revision %(n)s: %(kind)s") % {
        "n": revision.number,
        "kind": revision.get_kind_display(),
    }
    revision.base_snapshot = proposal_services.build_snapshot(project)
    version = proposal_services.version_freeze(
        project=project, actor=actor, reason=what, snapshot=draft_snapshot(revision)
    )
    try:
        review_services.revision_submit(project=project, actor=actor, version=version, note=what)
    except review_services.ReviewError as error:
        raise RevisionRefused(error.message) from None
    revision.state = State.IN_REVIEW
    revision.proposal_version = version
    revision.save(update_fields=["state", "proposal_version", "base_snapshot"])
    _event(revision, RevisionEvent.Action.SUBMITTED, actor, what)
    _record(project, actor, revision, "submitted for review")
    return revision


@transaction.atomic
def revision_withdraw(*, revision: Revision, actor: User, expected_version: int | None) -> Revision:
    _editable(revision, actor)
    claim(revision, expected=expected_version, label=str(revision), state=State.WITHDRAWN)
    _event(revision, RevisionEvent.Action.WITHDRAWN, actor)
    _record(revision.project, actor, revision, "withdrawn")
    return revision


def on_review_concluded(
    sender: Any,
    *,
    purpose: str,
    version: ProposalVersion,
    actor: User | None,
    endorsed: bool,
    note: str = "",
    **_kwargs: Any,
) -> None:
    """The last review of a revision endorsed it (apply it) or one returned it."""
    if purpose != routing.REVISION:
        return
    revision = (
        Revision.objects.select_for_update().select_related("project").get(proposal_version=version)
    )
    if revision.state != State.IN_REVIEW:
        return
    if not endorsed:
        Revision.objects.filter(pk=revision.pk).update(
            state=State.RETURNED, version=revision.version + 1
        )
        _event(revision, RevisionEvent.Action.RETURNED, actor, note)
        _record(revision.project, actor, revision, "returned")
        return
    revision_apply(revision=revision, actor=actor)


@transaction.atomic
def revision_apply(*, revision: Revision, actor: User | None) -> Project:
    """Write the endorsed draft into the project, under its lock at the draft's version.

    A project changed since the draft is refused (ReviewError, so the endorsement that
    called this is not recorded either) and nothing is written.
    """
    project = Project.objects.select_for_update().get(pk=revision.project_id)
    if rules.stale(revision.base_version, project.version):
        raise review_services.ReviewError(stale_message(revision, project))
    try:
        if revision.kind == Kind.RESULTS and revision.results:
            form = matrix_form(revision)
            if not form.is_valid():
                raise review_services.ReviewError(
                    _("The revision's results matrix no longer fits the project.")
                )
            matrix.save(
                project=project,
                actor=actor,
                expected_version=revision.base_version,
                edit=form.edit,
            )
        else:
            claim(project, expected=revision.base_version, label=project.code)
    except EditConflict:
        raise review_services.ReviewError(stale_message(revision, project)) from None
    fields: dict[str, Any] = {}
    changes: dict[str, list[Any]] = {}
    if revision.end_date != project.end_date:
        fields["end_date"] = revision.end_date
        changes["end_date"] = [
            project.end_date.isoformat() if project.end_date else None,
            revision.end_date.isoformat() if revision.end_date else None,
        ]
    if revision.kind == Kind.BUDGET:
        total = sum((Decimal(line["amount"]) for line in revision.budget_lines), Decimal(0))
        if total != project.budget:
            fields["budget"] = total
            changes["budget"] = [
                None if project.budget is None else f"{project.budget:.2f}",
                f"{total:.2f}",
            ]
    changes["revision"] = [
        None,
        f"{revision.number} ({revision.kind}): endorsed and applied",
    ]
    project_services.project_touch(
        project=project,
        actor=actor,
        action=ProjectChange.Action.UPDATED,
        changes=changes,
        fields=fields,
        claimed=True,
    )
    if revision.kind == Kind.BUDGET:
        lock = proposal_services.section_row(project, "budget")
        try:
            proposal_services.budget_save(
                project=project,
                actor=actor,
                expected_version=lock.version,
                lines=[
                    {
                        "id": line.get("id"),
                        "category": line["category"],
                        "description": line["description"],
                        "amount": Decimal(line["amount"]),
                    }
                    for line in revision.budget_lines
                ],
            )
        except ValidationError as error:
            # A line the draft drops has had spending reported since: the reviewer returns
            # the revision, and neither the endorsement nor anything of the draft is written.
            raise review_services.ReviewError(
                _("The revision's budget no longer fits the project: %(reason)s")
                % {"reason": " ".join(error.messages)}
            ) from None
    Revision.objects.filter(pk=revision.pk).update(
        state=State.ENDORSED, decided_at=timezone.now(), version=revision.version + 1
    )
    _event(revision, RevisionEvent.Action.ENDORSED, actor)
    return project
