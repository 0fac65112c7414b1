from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pat.core.permissions import actor, can_create_project
from pat.projects.models import Project, ProjectChange


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    mine = Project.objects.filter(team=user).for_list()[:10]
    recent = ProjectChange.objects.select_related("project", "actor")[:15]
    return render(
        request,
        "core/home.html",
        {
            "mine": mine,
            "recent": recent,
            "roles": user.roles.select_related("office", "department"),
            "can_create": can_create_project(user),
        },
    )


@login_not_required
@require_GET
def health(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
