"""Every error the JSON API answers is JSON: ``{"detail": "..."}``.

django-ninja answers its own errors in JSON, but some come from elsewhere: Django's 404 for an
unknown /api/ path, ninja's plain-text 405, CSRF's 403 page, the 413 of an oversized body, a
500 page. This middleware (last in MIDDLEWARE, so it wraps the view and every middleware's
answer) rewrites any non-JSON error under /api/ into JSON with the same status.
"""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus

from django.http import HttpRequest, HttpResponseBase, JsonResponse


class ApiErrorsAsJson:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            return as_json(response)
        return response


def as_json(response: HttpResponseBase) -> JsonResponse:
    try:
        reason = HTTPStatus(response.status_code).phrase
    except ValueError:
        reason = response.reason_phrase
    out = JsonResponse({"detail": reason}, status=response.status_code)
    if response.has_header("Allow"):
        out["Allow"] = response["Allow"]
    return out
