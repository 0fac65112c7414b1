"""The pilot fund on other apps' pages: a project's calls and grant, as links."""

from __future__ import annotations

from typing import Any

from django import template

from pat.pilotfund.models import FundProposal

register = template.Library()


@register.inclusion_tag("pilotfund/_project_fund.html")
def fund_of(project: Any) -> dict[str, Any]:
    entries = list(
        FundProposal.objects.filter(project=project).select_related("call__fund", "grant")
    )
    return {"entries": entries}
