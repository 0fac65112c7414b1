"""Who may do what with the term base: everyone signed in reads; Gender Focal Points and
administrators edit (any office's focal point: the list is the whole organization's)."""

from __future__ import annotations

from typing import Any

from pat.core.models import Role


def can_read_terms(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_edit_terms(user: Any) -> bool:
    if not can_read_terms(user):
        return False
    return bool(user.is_administrator or user.offices_with(Role.Kind.GENDER_FOCAL_POINT))
