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


# Staffing (staff gender balance): aggregates for every signed-in user, with small
# counts suppressed; every count, the imports and person-level rows for HR.
def can_read_staffing(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_see_staff_details(user: Any) -> bool:
    """HR officers (in any office) and administrators: unsuppressed counts and imports."""
    if not (user.is_authenticated and user.is_active):
        return False
    return bool(user.is_administrator or user.offices_with(Role.Kind.HR_OFFICER))
