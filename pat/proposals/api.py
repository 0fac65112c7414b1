from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from pat.projects.models import Project
from pat.proposals import services

router = Router(tags=["proposals"])


class ReadinessItem(Schema):
    id: str
    ok: bool
    advice: bool
    message: str
    anchor: str  # "<step>#<element id>", as the builder's page numbers its fields
    url: str


class ReadinessOut(Schema):
    code: str
    score: int
    to_fix: int
    items: list[ReadinessItem]


@router.get(
    "/projects/{code}/readiness",
    response=ReadinessOut,
    summary="The proposal's gender readiness score and what to fix",
)
def readiness(request: HttpRequest, code: str) -> dict[str, object]:
    project = get_object_or_404(Project.objects.visible_to(request.user), code=code)
    result = services.readiness_for(project)
    base = f"/proposals/{project.code}/"
    items = []
    for item in result.items:
        step, _sep, anchor = item.anchor.partition("#")
        items.append(
            {
                "id": item.id,
                "ok": item.ok,
                "advice": item.advice,
                "message": item.message,
                "anchor": item.anchor,
                "url": f"{base}{step}/#{anchor}",
            }
        )
    return {
        "code": project.code,
        "score": result.score,
        "to_fix": len(result.to_fix),
        "items": items,
    }
