"""The project page's list of revisions (the projects app knows nothing of revisions)."""

from __future__ import annotations

from typing import Any

from django import template

from pat.core import permissions as can
from pat.revisions.models import Revision

register = template.Library()


@register.inclusion_tag("revisions/_project.html", takes_context=True)
def project_revisions(context: Any, project: Any) -> dict[str, Any]:
    from pat.revisions import services

    revisions = list(
        Revision.objects.filter(project=project).select_related("proposal_version", "created_by")
    )
    return {
        "project": project,
        "rows": [(r, services.diff(r) if r.proposal_version_id else []) for r in revisions],
        "may_request": can.can_request_revision(context["request"].user, project),
    }
