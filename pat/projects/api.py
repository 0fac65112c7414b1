from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Annotated

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.params import functions as param
from ninja.renderers import JSONRenderer

from pat.core.fragments import remembered
from pat.core.http import MAX_OFFSET
from pat.core.models import Revision
from pat.core.paging import COUNT_CAP
from pat.projects import matrix
from pat.projects.filters import ProjectFilter
from pat.projects.models import Project, Sex
from pat.projects.services import PROJECTS_REVISION

router = Router(tags=["projects"])

MAX_LIMIT = 200


class ProjectRow(Schema):
    code: str
    title: str
    status: str
    executing_office: str
    region: str
    project_type: str
    start_date: dt.date | None
    end_date: dt.date | None
    budget: Decimal | None
    currency: str
    url: str


class ProjectList(Schema):
    count: int = Field(
        description=f"matches, counted up to {COUNT_CAP + 1}: past {COUNT_CAP} see count_capped"
    )
    count_capped: bool = Field(
        description=f"true when more than {COUNT_CAP} projects match (count stopped there)"
    )
    items: list[ProjectRow]


class Cell(Schema):
    sex: str
    age_band: str
    value: Decimal | None


class IndicatorOut(Schema):
    statement: str
    means_of_verification: str
    measure: str
    baseline: Decimal | None
    target: Decimal | None
    counts_people: bool
    targets: list[Cell]


class ResultOut(Schema):
    code: str
    level: str
    parent: str | None
    statement: str
    assumptions: str
    indicators: list[IndicatorOut]


class ProjectDetail(ProjectRow):
    summary: str
    rationale: str
    objective: str
    countries: list[str]
    themes: list[str]
    donors: list[str]
    version: int
    updated_at: dt.datetime
    results: list[ResultOut]
    beneficiaries: dict[str, list[Cell]]


def _row(project: Project) -> dict[str, object]:
    return {
        "code": project.code,
        "title": project.title,
        "status": project.status,
        "executing_office": project.executing_office.code,
        "region": project.region,
        "project_type": project.project_type.code,
        "start_date": project.start_date,
        "end_date": project.end_date,
        "budget": project.budget,
        "currency": project.currency,
        "url": project.get_absolute_url(),
    }


@router.get("/projects", response=ProjectList, summary="List projects with the page's filters")
def list_projects(
    request: HttpRequest,
    offset: Annotated[int, param.Query(ge=0, le=MAX_OFFSET)] = 0,
    limit: Annotated[int, param.Query(ge=1, le=MAX_LIMIT)] = 50,
) -> HttpResponse:
    """Filters as on the project list page: q, region, country, office, status, type, theme,
    donor, start_after, start_before, sort."""
    if offset < 0 or not 1 <= limit <= MAX_LIMIT:
        raise HttpError(422, f"offset must be ≥ 0 and limit between 1 and {MAX_LIMIT}")
    queryset = Project.objects.visible_to(request.user).for_list()
    project_filter = ProjectFilter(request.GET, queryset=queryset)
    if not project_filter.is_valid():
        raise HttpError(422, project_filter.errors.as_json())
    # The same for every reader (every signed-in user reads every project): the JSON is kept
    # per query under the projects revision, as the list page's results are.
    known = set(ProjectFilter.base_filters)
    params = sorted((k, v) for k in request.GET if k in known for v in request.GET.getlist(k))
    digest = hashlib.sha256(repr((params, offset, limit)).encode()).hexdigest()
    key = f"api:projects:{Revision.current(PROJECTS_REVISION)}:{digest}"

    def build() -> str:
        qs = project_filter.qs
        # A broad query over 100,000 projects is not counted to the end (pat.core.paging).
        count = qs[: COUNT_CAP + 1].count()
        page = ProjectList.model_validate(
            {
                "count": count,
                "count_capped": count > COUNT_CAP,
                "items": [_row(p) for p in qs[offset : offset + limit]],
            }
        )
        text: str = JSONRenderer().render(
            request, page.model_dump(by_alias=True), response_status=200
        )
        return text

    return HttpResponse(remembered(key, build, LIST_CACHE_SECONDS), content_type=JSON_TYPE)


LIST_CACHE_SECONDS = 300
JSON_TYPE = "application/json; charset=utf-8"


@router.get("/projects/{code}", response=ProjectDetail, summary="One project with its results")
def get_project(request: HttpRequest, code: str) -> dict[str, object]:
    project = get_object_or_404(
        Project.objects.visible_to(request.user).select_related("executing_office", "project_type"),
        code=code,
    )
    nodes = matrix.tree(project)
    codes = {n.pk: n.code for n in nodes}
    results = [
        {
            "code": n.code,
            "level": n.level,
            "parent": codes.get(n.parent_id) if n.parent_id else None,
            "statement": n.statement,
            "assumptions": n.assumptions,
            "indicators": [
                {
                    "statement": i.statement,
                    "means_of_verification": i.means_of_verification,
                    "measure": i.get_measure_display(),
                    "baseline": i.baseline_value,
                    "target": i.target_value,
                    "counts_people": i.counts_people,
                    "targets": [
                        {"sex": v.sex, "age_band": v.band.label, "value": v.value}
                        for v in i.targets  # type: ignore[attr-defined]
                    ],
                }
                for i in n.indicators.all()
            ],
        }
        for n in nodes
    ]
    beneficiaries: dict[str, list[dict[str, object]]] = {}
    for b in project.beneficiaries.select_related("band").order_by("kind", "band__min_age"):
        beneficiaries.setdefault(b.kind, []).append(
            {"sex": Sex(b.sex).value, "age_band": b.band.label, "value": b.count}
        )
    return {
        **_row(project),
        "summary": project.summary,
        "rationale": project.rationale,
        "objective": project.objective,
        "countries": sorted(c.code for c in project.countries.all()),
        "themes": sorted(t.code for t in project.themes.all()),
        "donors": sorted(d.code for d in project.donors.all()),
        "version": project.version,
        "updated_at": project.updated_at,
        "results": results,
        "beneficiaries": beneficiaries,
    }
