"""Who may take and decide which review (one place, for the pages and the API alike).

A unit's review may be taken by a reviewer of that unit or of one of its units
(a budget unit reviewer takes the finance department's review); the regional
step by the reviewers of the regional office above the executing office; the
Gender Focal Point step by the focal point of the office it was routed to (the
executing office's, else the nearest office above it with one, up to HQ). Nobody decides on a
proposal they write: the executing office's developers and Chief of Mission,
its team, and the person who submitted the version.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from pat.core.models import Department, Role, User
from pat.core.permissions import is_author
from pat.reviews import routing

if TYPE_CHECKING:
    from pat.reviews.models import ReviewTask


def _reviewer_roles(user: User) -> list[Role]:
    return [r for r in user._cached_roles() if r.kind == Role.Kind.REVIEWER]


def units_of(user: User) -> set[int]:
    """Departments whose reviews the user may take: their own, and the parents of their units."""
    cached: set[int] | None = getattr(user, "_review_units_cache", None)
    if cached is not None:
        return cached
    own = {r.department_id for r in _reviewer_roles(user) if r.department_id is not None}
    parents = (
        set(
            Department.objects.filter(pk__in=own, parent__isnull=False).values_list(
                "parent_id", flat=True
            )
        )
        if own
        else set()
    )
    units = {int(pk) for pk in own | parents if pk is not None}
    user._review_units_cache = units  # type: ignore[attr-defined]
    return units


def reviewer_scope(user: Any) -> Q:
    """The tasks a user may see in their inbox and take, as a filter."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return Q(pk__in=[])
    scope = Q(assignee=user)
    units = units_of(user)
    if units:
        scope |= Q(kind=routing.UNIT, department_id__in=units)
    offices = {r.office_id for r in _reviewer_roles(user)}
    if offices:
        scope |= Q(kind=routing.REGIONAL, office_id__in=offices)
    gfp_offices = user.offices_with(Role.Kind.GENDER_FOCAL_POINT)
    if gfp_offices:
        # The focal point of the office the task was routed to (older tasks name none).
        scope |= Q(kind=routing.GFP, office_id__in=gfp_offices) | Q(
            kind=routing.GFP, office__isnull=True
        )
    return scope


def may_take(user: Any, task: ReviewTask) -> bool:
    """Whether the user belongs to the unit, office or role the task is for."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return False
    if task.kind == routing.UNIT:
        return task.department_id in units_of(user)
    if task.kind == routing.REGIONAL:
        return task.office_id in {r.office_id for r in _reviewer_roles(user)}
    gfp_offices = user.offices_with(Role.Kind.GENDER_FOCAL_POINT)
    return bool(gfp_offices) and (task.office_id is None or task.office_id in gfp_offices)


__all__ = ["eligible_users", "is_author", "may_take", "reviewer_scope", "reviewers", "units_of"]


def reviewers(task: ReviewTask) -> list[User]:
    """Everyone who may take the task and does not write what it reviews: whom it goes to."""
    return [u for u in eligible_users(task) if not is_author(u, task.project, task.author_id)]


def eligible_users(task: ReviewTask) -> QuerySet[User]:
    """Everyone who may take the task (active users only)."""
    if task.kind == routing.UNIT:
        roles = Q(
            roles__kind=Role.Kind.REVIEWER,
            roles__department_id=task.department_id,
        ) | Q(roles__kind=Role.Kind.REVIEWER, roles__department__parent_id=task.department_id)
    elif task.kind == routing.REGIONAL:
        roles = Q(roles__kind=Role.Kind.REVIEWER, roles__office_id=task.office_id)
    elif task.office_id is not None:
        roles = Q(roles__kind=Role.Kind.GENDER_FOCAL_POINT, roles__office_id=task.office_id)
    else:
        roles = Q(roles__kind=Role.Kind.GENDER_FOCAL_POINT)
    return User.objects.filter(roles, is_active=True).distinct().order_by("username")
