"""Who may write the guide and the library. Everyone signed in reads both.

Gender Focal Points (at any office), programme support (a reviewer for the programme-support
department, or anyone holding a role with that department at headquarters) and
administrators write; nobody else does.
"""

from __future__ import annotations

from typing import Any

from pat.core.models import Office, Role

PROGRAMME_SUPPORT = "programme-support"


def can_read_guide(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


def is_programme_support(user: Any) -> bool:
    if not user.pk:
        return False
    # From the roles the user already holds in memory (read once per request).
    return any(
        role.department is not None
        and role.department.code == PROGRAMME_SUPPORT
        and (role.kind == Role.Kind.REVIEWER or role.office.kind == Office.Kind.HEADQUARTERS)
        for role in user.held_roles()
    )


def can_edit_guide(user: Any) -> bool:
    if not can_read_guide(user):
        return False
    if user.is_administrator or user.has_role(Role.Kind.GENDER_FOCAL_POINT):
        return True
    return is_programme_support(user)


# Publishing to the library takes the same people as editing the guide.
can_publish_library = can_edit_guide
