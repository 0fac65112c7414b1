"""Review pages: inbox, dashboard, a project's reviews (preview, submit, history), a task."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from pat.core.fragments import remembered
from pat.core.http import is_htmx
from pat.core.models import PEOPLE_REVISION, ROLES_REVISION, Office, Revision, Role, User
from pat.core.permissions import actor, can_edit_project
from pat.core.regions import Region
from pat.projects.models import Project
from pat.projects.services import PROJECTS_REVISION
from pat.proposals import diffing, export, reading
from pat.proposals.models import ProposalVersion
from pat.reviews import checklist, permissions, routing, services, workflow
from pat.reviews.apps import REVIEWS_REVISION
from pat.reviews.forms import (
    ACTION_LABELS,
    ChecklistForm,
    CommentForm,
    DecisionForm,
    ReplyForm,
    TransitionForm,
)
from pat.reviews.models import (
    ChecklistAnswer,
    ChecklistItem,
    Part,
    Purpose,
    ReviewComment,
    ReviewEvent,
    ReviewTask,
)

PAGE_SIZE = 50


class CountedPaginator(Paginator):  # type: ignore[type-arg]
    """A paginator told its count, which the inbox's one aggregate query already has."""

    def __init__(self, object_list: Any, per_page: int, *, total: int) -> None:
        super().__init__(object_list, per_page)
        self.total = total

    @property
    def count(self) -> int:
        return self.total


def _project(code: str) -> Project:
    return get_object_or_404(
        Project.objects.select_related("executing_office", "project_type"), code=code
    )


def _task(pk: int) -> ReviewTask:
    return get_object_or_404(
        ReviewTask.objects.select_related(
            "project",
            "project__executing_office",
            "version",
            "version__created_by",
            "report__period",
            "department",
            "office",
            "assignee",
            "decided_by",
        ),
        pk=pk,
    )


def _refusal(error: services.ReviewError) -> str:
    """The message to show for a refused action; one the user may not do at all is a 403."""
    if isinstance(error, services.ReviewDenied):
        raise PermissionDenied(error.message) from None
    return error.message


def _refused(request: HttpRequest, error: services.ReviewError) -> None:
    messages.error(request, _refusal(error))


# --- inbox and dashboard ---------------------------------------------------------------------


@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """Every open review the user may take: proposals, revisions and progress reports alike,
    with a tab per purpose (`?what=report`) counted in the same aggregate query.

    The page is the user's own, and the same until a review task, a project, a role or a
    person's name changes, or the day turns (overdue): it is kept per user, tab, page and
    language under those revisions (`pat.reviews.apps`, `pat.core.apps`)."""
    user = actor(request)
    what = request.GET.get("what", "")
    if what not in Purpose.values:
        what = ""
    number = request.GET.get("page", "")
    revisions = Revision.several(*INBOX_REVISIONS)
    stamp = ".".join(str(revisions[name]) for name in INBOX_REVISIONS)
    digest = hashlib.sha256(repr((what, number)).encode()).hexdigest()[:16]
    key = f"reviews:inbox:{user.pk}:{digest}:{services.today()}:{get_language()}:{stamp}"

    def build() -> str:
        return render_to_string(
            "reviews/inbox.html#content", _inbox_context(request, what), request=request
        )

    content = remembered(key, build, INBOX_CACHE_SECONDS)
    # Rendered from our own template (autoescaped), here or in the cache.
    return render(request, "reviews/inbox.html", {"content": mark_safe(content)})  # noqa: S308


INBOX_REVISIONS = (REVIEWS_REVISION, PROJECTS_REVISION, ROLES_REVISION, PEOPLE_REVISION)
INBOX_CACHE_SECONDS = 3600


def _inbox_context(request: HttpRequest, what: str) -> dict[str, Any]:
    user = actor(request)
    on = services.today()
    every = ReviewTask.objects.open().for_reviewer(user)
    shown = Q(purpose=what) if what else Q()
    counts = every.aggregate(
        all=Count("pk"),
        total=Count("pk", filter=shown),
        overdue=Count("pk", filter=shown & Q(due_on__lt=on)),
        unassigned=Count("pk", filter=shown & Q(assignee__isnull=True)),
        **{p: Count("pk", filter=Q(purpose=p)) for p in Purpose.values},
    )
    mine = every.filter(shown)
    tabs = [("", _("All"), counts["all"])] + [
        (value, label, counts[value]) for value, label in Purpose.choices
    ]
    rows = (
        mine.select_related(
            "project", "version", "report__period", "assignee", "department", "office"
        )
        .only(
            "id",
            "label",
            "kind",
            "purpose",
            "report__period__start",
            "report__period__end",
            "department__name",
            "department__name_fr",
            "department__name_es",
            "office__name",
            "office__name_fr",
            "office__name_es",
            "due_on",
            "stage",
            "state",
            "opened_at",
            "assignee__username",
            "assignee__first_name",
            "assignee__last_name",
            "project__code",
            "project__title",
            "project__region",
            "version__number",
        )
        .order_by("due_on", "id")
    )
    page = CountedPaginator(rows, PAGE_SIZE, total=counts["total"]).get_page(
        request.GET.get("page")
    )
    # Projects under review (few) first, then whether this user wrote or is on them: an OR
    # across the team and version joins would read every project's team (100,000 rows).
    # A developer may be on the team of 50,000 projects: ask the team table only about them.
    reviewed = ReviewTask.objects.values("project_id")
    team = Project.team.through.objects.filter(user=user, project_id__in=reviewed)
    theirs = Q(pk__in=ProposalVersion.objects.filter(created_by=user).values("project_id")) | Q(
        pk__in=team.values("project_id")
    )
    submissions = (
        Project.objects.filter(theirs, pk__in=reviewed)
        .annotate(
            pending=Count("review_tasks", filter=Q(review_tasks__state="pending"), distinct=True)
        )
        .only("code", "title", "status", "updated_at")
        .order_by("-updated_at")[:20]
    )
    return {
        "page": page,
        "counts": counts,
        "today": on,
        "submissions": submissions,
        "tabs": tabs,
        "what": what,
    }


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    region = request.GET.get("region")
    if region is None:
        # A regional office's staff see their region's overdue reviews first.
        regional = Office.objects.filter(
            pk__in=user.offices_with(*Role.Kind.values), kind=Office.Kind.REGIONAL
        ).first()
        region = regional.region if regional else ""
    if region not in Region.values:
        region = ""
    return render(
        request,
        "reviews/dashboard.html",
        {
            "turnaround": services.turnaround(),
            "overdue": services.overdue_by_region(region=region),
            "regions": Region.choices,
            "region": region,
            "today": services.today(),
        },
    )


# --- a project's reviews ---------------------------------------------------------------------


def _project_context(request: HttpRequest, project: Project) -> dict[str, Any]:
    user = actor(request)
    version = services.current_version(project)
    tasks = services.version_tasks(version) if version else []
    can_edit = can_edit_project(user, project)
    submittable = workflow.target("submit", project.status) is not None
    preview = services.route_preview(project=project) if submittable else None
    check = (
        services.submission_check(project=project, preview=preview)
        if preview is not None and not preview.problems
        else None
    )
    parts = dict(Part.choices)
    builder = reverse("proposals:builder", kwargs={"code": project.code})
    events = (
        ReviewEvent.objects.filter(project=project)
        .select_related("actor", "task", "task__department", "task__office", "version")
        .prefetch_related("version__review_tasks__department", "version__review_tasks__office")
        .order_by("-at", "-id")
    )
    return {
        "project": project,
        "version": version,
        "tasks": tasks,
        "can_edit": can_edit,
        "submittable": submittable,
        "preview": preview,
        "returned": services.returned_feedback(project) is not None,
        "check": check,
        "missing": [
            {"label": parts[g.part], "url": f"{builder}{g.anchor}", "units": g.units}
            for g in (check.gaps if check else [])
        ],
        "builder_url": builder,
        "may_let_through": user.is_administrator,
        "events": events[:200],
        "threads": _version_threads(version.pk) if version else [],
        "actions": [(a, ACTION_LABELS[a]) for a in workflow.allowed(project.status)]
        if can_edit
        else [],
        "transition_form": TransitionForm(),
    }


@require_GET
def project_reviews(request: HttpRequest, code: str) -> HttpResponse:
    project = _project(code)
    return render(request, "reviews/project.html", _project_context(request, project))


@require_POST
def submit(request: HttpRequest, code: str) -> HttpResponse:
    project = _project(code)
    try:
        version = services.review_submit(
            project=project,
            actor=actor(request),
            let_through=request.POST.get("let_through", "")[:1000],
        )
    except services.ReviewError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("Version %(n)s is submitted: the reviewers are told.") % {"n": version.number},
        )
    return redirect("reviews:project", code=project.code)


@require_POST
def transition(request: HttpRequest, code: str) -> HttpResponse:
    project = _project(code)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an action."))
        return redirect("reviews:project", code=project.code)
    try:
        services.project_transition(
            project=project,
            actor=actor(request),
            action=form.cleaned_data["action"],
            note=form.cleaned_data["note"],
        )
    except services.ReviewError as error:
        _refused(request, error)
    else:
        messages.success(
            request, _("Done: %(action)s.") % {"action": ACTION_LABELS[form.cleaned_data["action"]]}
        )
    return redirect("reviews:project", code=project.code)


# --- one task --------------------------------------------------------------------------------


def _threads(task: ReviewTask) -> list[dict[str, Any]]:
    return _version_threads(task.reviewed_version.pk)


def _version_threads(version_id: int) -> list[dict[str, Any]]:
    """Every comment on a version, each with its replies: reviewers see each other's."""
    comments = list(
        ReviewComment.objects.filter(task__version_id=version_id)
        .select_related("author", "task", "task__department", "task__office")
        .order_by("created_at", "id")
    )
    labels = export.labels()
    roots: dict[int, dict[str, Any]] = {}
    for c in comments:
        c.section_label = labels.get(c.section, c.section)  # type: ignore[attr-defined]
        if c.parent_id is None:
            roots[c.pk] = {"comment": c, "replies": []}
    for c in comments:
        if c.parent_id is not None and c.parent_id in roots:
            roots[c.parent_id]["replies"].append(c)
    return list(roots.values())


def _checklist_rows(task: ReviewTask) -> list[dict[str, Any]]:
    history: dict[str, list[ChecklistAnswer]] = {}
    for answer in (
        ChecklistAnswer.objects.filter(task=task).select_related("by").order_by("at", "id")
    ):
        history.setdefault(answer.item, []).append(answer)
    labels = dict(ChecklistItem.choices)
    rows = []
    for item in checklist.ITEMS:
        suggestion = task.checklist_prefill.get(item, {})
        answers = history.get(item, [])
        rows.append(
            {
                "item": item,
                "label": labels[item],
                "suggested": bool(suggestion.get("ok", False)),
                "evidence": suggestion.get("evidence", []),
                "latest": answers[-1] if answers else None,
                "history": answers,
            }
        )
    return rows


def _task_context(request: HttpRequest, task: ReviewTask, **extra: Any) -> dict[str, Any]:
    user = actor(request)
    snapshot = task.reviewed_version.snapshot
    labels = reading.diff_labels()
    base, base_is_mine = services.base_version_for(task, user)
    changes = []
    if base is not None:
        changes = [d for d in diffing.compare(base.snapshot, snapshot, labels=labels) if d.changed]
    may_take = permissions.may_take(user, task)
    author = permissions.is_author(user, task.project, task.author_id)
    reviewer = may_take and not author
    sections = [
        {"key": k, "label": labels.get(k, k), "text": v}
        for k, v in (snapshot.get("sections") or {}).items()
    ]
    findings = [
        {"key": k, "label": labels.get(k, k), "items": v}
        for k, v in (snapshot.get("findings") or {}).items()
        if v
    ]
    context = {
        "task": task,
        "project": task.project,
        "version": task.version,
        "snapshot": snapshot,
        "sections": sections,
        "findings": findings,
        "markers": snapshot.get("markers") or {},
        "reading": reading.for_reading(snapshot),
        "results": snapshot.get("results") or [],
        "base": base,
        "base_is_mine": base_is_mine,
        "changes": changes,
        "threads": _threads(task),
        "reviewer": reviewer,
        "can_reply": services.can_comment(user, task),
        "can_decide": reviewer
        and task.is_open
        and task.assignee_id in (None, user.pk)
        # A revision is reviewed while the project stays endorsed or active.
        and (task.purpose != routing.PROPOSAL or task.project.status == workflow.IN_REVIEW),
        "can_claim": reviewer and task.is_open and task.assignee_id != user.pk,
        "assignable": list(permissions.eligible_users(task))
        if user.is_administrator and task.is_open
        else [],
        "decision_form": DecisionForm(initial={"lock": task.lock}),
        "comment_form": CommentForm(snapshot=snapshot, labels=labels),
        "reply_form": ReplyForm(),
        "checklist": _checklist_rows(task) if task.kind == routing.GFP else [],
        "checklist_form": ChecklistForm(),
        "others": services.version_tasks(task.reviewed_version),
    }
    context.update(extra)
    return context


@require_GET
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(pk)
    if task.report_id is not None:
        # A report's review is read and decided on the report's own page.
        return redirect(task.get_absolute_url())
    return render(request, "reviews/task.html", _task_context(request, task))


@require_POST
def task_claim(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(pk)
    try:
        services.task_claim(task=task, actor=actor(request))
    except services.ReviewError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The review is yours."))
    return redirect("reviews:task", pk=task.pk)


@require_POST
def task_assign(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(pk)
    assignee = User.objects.filter(pk=request.POST.get("assignee") or 0).first()
    if assignee is None:
        messages.error(request, _("Choose a reviewer."))
        return redirect("reviews:task", pk=task.pk)
    try:
        services.task_assign(task=task, actor=actor(request), assignee=assignee)
    except services.ReviewError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The review is assigned to %(who)s.") % {"who": assignee})
    return redirect("reviews:task", pk=task.pk)


@require_POST
def task_decide(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(pk)
    form = DecisionForm(request.POST)
    if task.report_id is not None:
        # The same decision on a report's review, which its own page shows.
        if form.is_valid():
            try:
                services.task_decide(
                    task=task,
                    actor=actor(request),
                    decision=form.cleaned_data["decision"],
                    note=form.cleaned_data["note"],
                    expected_lock=form.cleaned_data["lock"],
                )
            except services.ReviewError as error:
                _refused(request, error)
            else:
                messages.success(request, _("Your decision is recorded."))
        else:
            messages.error(request, " ".join(str(m) for e in form.errors.values() for m in e))
        return redirect(task.get_absolute_url())
    if not form.is_valid():
        context = _task_context(request, task, decision_form=form)
        return render(request, "reviews/task.html", context, status=422)
    try:
        services.task_decide(
            task=task,
            actor=actor(request),
            decision=form.cleaned_data["decision"],
            note=form.cleaned_data["note"],
            expected_lock=form.cleaned_data["lock"],
        )
    except services.ReviewError as error:
        form.add_error(None, _refusal(error))
        context = _task_context(request, task, decision_form=form)
        return render(request, "reviews/task.html", context, status=422)
    messages.success(request, _("Your decision is recorded."))
    return redirect("reviews:task", pk=task.pk)


@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(pk)
    if task.version is None:
        raise Http404  # a report's review has its history on the report, no section comments
    labels = export.labels()
    is_reply = bool(request.POST.get("parent"))
    form: CommentForm | ReplyForm = (
        ReplyForm(request.POST)
        if is_reply
        else CommentForm(request.POST, snapshot=task.version.snapshot, labels=labels)
    )
    error = ""
    if form.is_valid():
        parent = None
        if is_reply:
            parent = ReviewComment.objects.filter(pk=form.cleaned_data["parent"]).first()
            if parent is None:
                error = _("That comment no longer exists.")
        if not error:
            try:
                services.comment_add(
                    task=task,
                    actor=actor(request),
                    text=form.cleaned_data["text"],
                    section=form.cleaned_data.get("section", ""),
                    result_code=form.cleaned_data.get("result_code", ""),
                    parent=parent,
                )
            except services.ReviewError as failure:
                error = _refusal(failure)
    else:
        error = " ".join(str(m) for errors in form.errors.values() for m in errors)
    if is_htmx(request):
        context = _task_context(request, task, comment_error=error)
        return render(request, "reviews/task.html#comments", context, status=422 if error else 200)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Comment added."))
    return redirect(f"{task_url_path(task)}#comments")


def task_url_path(task: ReviewTask) -> str:
    return task.get_absolute_url()


@require_POST
def checklist_answer(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(pk)
    if task.version is None:
        raise Http404  # the Gender Focal Point's checklist reads a proposal
    form = ChecklistForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.checklist_answer(
                task=task,
                actor=actor(request),
                item=form.cleaned_data["item"],
                ok=form.cleaned_data["ok"],
                note=form.cleaned_data["note"],
            )
        except services.ReviewError as failure:
            error = _refusal(failure)
    else:
        error = _("Answer yes or no.")
    if is_htmx(request):
        context = _task_context(request, task, checklist_error=error)
        return render(request, "reviews/task.html#checklist", context, status=422 if error else 200)
    if error:
        messages.error(request, error)
    return redirect(f"{task_url_path(task)}#checklist")
