"""The project page's list of revisions (the projects app knows nothing of revisions)."""

from __future__ import annotations

from typing import Any

from django import template

from pat.core import permissions as can
from pat.revisions.models import Revision

register = template.Library()


@register.inclusion_tag("revisions/_project.html")
def project_revisions(project: Any) -> dict[str, Any]:
    """The project's revisions with what each changed: the same for every reader (the project
    page caches it under the projects revision, which every move of a revision bumps through
    the project's history)."""
    from pat.revisions import services

    revisions = list(
        Revision.objects.filter(project=project).select_related("proposal_version", "created_by")
    )
    return {
        "project": project,
        "rows": [(r, services.diff(r) if r.proposal_version_id else []) for r in revisions],
    }


@register.inclusion_tag("revisions/_request.html", takes_context=True)
def revision_request(context: Any, project: Any, allowed: bool | None = None) -> dict[str, Any]:
    """The button to request a revision, for those who may: `allowed` when the page already
    knows (`can.can_request_revision`), else asked here."""
    if allowed is None:
        allowed = can.can_request_revision(context["request"].user, project)
    return {"project": project, "may_request": allowed}
