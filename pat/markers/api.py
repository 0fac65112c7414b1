"""GET /api/v1/projects/{code}/gender-marker: current codes, reasons and the IATI suggestion."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from pat.markers import scoring
from pat.markers.models import Scheme
from pat.markers.services import current_assessments
from pat.projects.models import Project

router = Router(tags=["markers"])


class AssessmentOut(Schema):
    scheme: str
    code: str
    reasons: list[str]
    answered_by: str | None
    answered_at: dt.datetime
    proposal_version: int | None


class PolicyMarker(Schema):
    vocabulary: str
    code: str
    significance: str | None = None
    vocabulary_uri: str | None = None


class IatiSuggestion(Schema):
    # "dac" when a person coded the DAC marker, "crosswalk" when it is derived
    # from the IOM code, None when neither exists: a suggestion, never a fact.
    source: str | None
    policy_markers: list[PolicyMarker]


class GenderMarkerOut(Schema):
    project: str
    assessments: dict[str, AssessmentOut]
    iati: IatiSuggestion


@router.get(
    "/projects/{code}/gender-marker",
    response=GenderMarkerOut,
    summary="The current gender marker codes of a project, with reasons and IATI markers",
)
def gender_marker(request: HttpRequest, code: str) -> dict[str, object]:
    project = get_object_or_404(Project.objects.visible_to(request.user), code=code)
    current = current_assessments(project)
    assessments = {
        scheme: {
            "scheme": scheme,
            "code": a.code,
            "reasons": list(a.reasons),
            "answered_by": a.answered_by.get_username() if a.answered_by else None,
            "answered_at": a.answered_at,
            "proposal_version": a.proposal_version,
        }
        for scheme, a in current.items()
    }
    iom = current.get(Scheme.IOM)
    dac = current.get(Scheme.DAC)
    source: str | None = None
    dac_code: str | None = None
    if dac is not None:
        source, dac_code = "dac", dac.code
    elif iom is not None:
        source, dac_code = "crosswalk", scoring.dac_suggestion_from_iom(iom.code)
    markers = scoring.iati_policy_markers(dac_code=dac_code, own_code=iom.code if iom else None)
    return {
        "project": project.code,
        "assessments": assessments,
        "iati": {"source": source, "policy_markers": markers},
    }
