"""Who may do what. One place, used by pages and the API alike.

Sharing is the point of the project database: every signed-in user reads every
project. Writing is limited to the executing office's developers and Chief of
Mission, the people the project names as its team, and administrators.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from pat.core.models import Role

if TYPE_CHECKING:
    from pat.core.models import ApiToken, User

EDITING_ROLES = (Role.Kind.PROJECT_DEVELOPER, Role.Kind.CHIEF_OF_MISSION)


class Project(Protocol):
    """What these rules read of a project (core sits below the projects app: no import)."""

    executing_office_id: int
    team: Any


def can_read_projects(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_create_project(user: User) -> bool:
    return user.is_administrator or bool(user.offices_with(*EDITING_ROLES))


def offices_for_new_projects(user: User) -> set[int] | None:
    """Office ids where the user may open a project; None means any office."""
    if user.is_administrator:
        return None
    return user.offices_with(*EDITING_ROLES)


def can_move_project(user: User, project: Project) -> bool:
    """Whether the user may change the project's executing office.

    Moving a project takes it out of its office: that needs the right to
    write in the office it leaves (the choice list limits where it may go).
    A team member from another office keeps the office as it is.
    """
    allowed = offices_for_new_projects(user)
    return allowed is None or project.executing_office_id in allowed


def can_edit_project(user: Any, project: Project) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_administrator:
        return True
    if project.executing_office_id in user.offices_with(*EDITING_ROLES):
        return True
    return bool(project.team.filter(pk=user.pk).exists())


def is_author(user: Any, project: Project, submitted_by_id: int | None = None) -> bool:
    """Whether the user writes this proposal, and so may not review it.

    The one meaning of "author" (assignment, decision and notification use it):
    whoever submitted the version, the executing office's developers and Chief
    of Mission, and the project's team.
    """
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return False
    if submitted_by_id is not None and submitted_by_id == user.pk:
        return True
    if project.executing_office_id in user.offices_with(*EDITING_ROLES):
        return True
    return bool(project.team.filter(pk=user.pk).exists())


def actor(request: HttpRequest) -> User:
    """The signed-in user of a request (sign-in is enforced by middleware before any view)."""
    from pat.core.models import User

    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def can_manage_token(user: Any, token: ApiToken) -> bool:
    """People list and revoke their own API tokens only (administrators use the admin)."""
    return bool(user.is_authenticated and user.is_active and token.user_id == user.pk)


def can_download_export(user: Any, export: Any) -> bool:
    """A large project export (a spreadsheet built in the background) is its requester's only:
    the filters they chose may be their own business, and the file is not shared."""
    return bool(user.is_authenticated and user.is_active and export.created_by_id == user.pk)


# Staffing (staff gender balance): aggregates for every signed-in user, with small
# counts suppressed; every count, the imports and person-level rows for HR.
def can_read_staffing(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_see_staff_details(user: Any) -> bool:
    """HR officers (in any office) and administrators: unsuppressed counts and imports."""
    if not (user.is_authenticated and user.is_active):
        return False
    return bool(user.is_administrator or user.offices_with(Role.Kind.HR_OFFICER))


# --- the gender network (pat.network) ----------------------------------------------------------
# Everyone signed in reads approved plans and approved reports; focal points edit their
# office's plan and answers; Chiefs of Mission approve their office's plan; the gender
# coordinator (a role held at Headquarters) runs the register, campaigns and reports.


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_gender_coordinator(user: Any) -> bool:
    return _signed_in(user) and (
        user.is_administrator or bool(user.offices_with(Role.Kind.GENDER_COORDINATOR))
    )


def focal_point_offices(user: Any) -> set[int]:
    """Offices where the user acts as Gender Focal Point: a GFP role there, or a current
    appointment in the network's register, as focal point or alternate (kept per request)."""
    if not _signed_in(user):
        return set()
    cached: set[int] | None = getattr(user, "_focal_point_offices", None)
    if cached is not None:
        return cached
    from django.db.models import Q
    from django.utils import timezone

    offices = set(user.offices_with(Role.Kind.GENDER_FOCAL_POINT))
    # The register belongs to pat.network, above core: it is read through the user's
    # reverse relations, without importing the app.
    today = timezone.localdate()
    current = Q(appointed_on__lte=today) & (Q(term_end__isnull=True) | Q(term_end__gte=today))
    for relation in ("focal_point_terms", "alternate_terms"):
        terms = getattr(user, relation, None)
        if terms is not None:
            offices |= set(terms.filter(current).values_list("office_id", flat=True))
    user._focal_point_offices = offices
    return offices


def acts_as_focal_point(user: Any, office_id: int) -> bool:
    return office_id in focal_point_offices(user)


def can_edit_plan(user: Any, office_id: int) -> bool:
    return is_gender_coordinator(user) or acts_as_focal_point(user, office_id)


def can_approve_plan(user: Any, office_id: int) -> bool:
    return _signed_in(user) and (
        user.is_administrator or office_id in user.offices_with(Role.Kind.CHIEF_OF_MISSION)
    )


def can_read_plan(user: Any, office_id: int, *, published: bool) -> bool:
    if not _signed_in(user):
        return False
    return published or can_edit_plan(user, office_id) or can_approve_plan(user, office_id)


def can_answer_assessment(user: Any, office_id: int) -> bool:
    return _signed_in(user) and (user.is_administrator or acts_as_focal_point(user, office_id))


def can_read_assessment(user: Any, office_id: int) -> bool:
    return (
        is_gender_coordinator(user)
        or acts_as_focal_point(user, office_id)
        or can_approve_plan(user, office_id)
    )


def can_read_report(user: Any, *, published: bool) -> bool:
    return _signed_in(user) and (published or is_gender_coordinator(user))


def can_approve_report(user: Any) -> bool:
    return _signed_in(user) and user.is_administrator
