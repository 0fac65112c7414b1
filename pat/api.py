"""The JSON API under /api/v1/, assembled from each app's router (OpenAPI: /api/v1/openapi.json)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from pat.appointments.api import router as appointments_router
from pat.core.api_auth import API_AUTH, docs_access
from pat.core.locking import EditConflict
from pat.events.api import router as events_router
from pat.guide.api import router as guide_router
from pat.markers.api import router as markers_router
from pat.network.api import router as network_router
from pat.projects.api import router as projects_router
from pat.proposals.api import router as proposals_router
from pat.recruitment.api import router as recruitment_router
from pat.reporting.api import router as reporting_router
from pat.reviews.api import router as reviews_router
from pat.staffing.api import router as staffing_router
from pat.termbase.api import router as termbase_router
from pat.training.api import router as training_router

_ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {
        "detail": {
            "title": "Detail",
            "description": "What was wrong: a message, or the list of invalid fields.",
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "object"}}],
        }
    },
    "required": ["detail"],
}
_REASONS = {
    400: "Malformed request (a body not JSON or nested too deeply, or a NUL character)",
    401: "Not signed in: send a session cookie or `Authorization: Bearer <token>`",
    403: "Signed in, but not allowed to do this",
    404: "No such object",
    409: "Someone changed it since the version you sent; nothing was saved",
    413: "Too large",
    422: "Invalid parameters or body (out of range, wrong type, unknown value)",
}
# Client errors an operation answers beyond the ones every operation can (401, 422, and 404
# with a path parameter, 400 with a body), by the operation's function name.
_OWN_ERRORS: dict[str, tuple[int, ...]] = {
    "check": (413,),
    "term_patch": (403, 409),
    "decide": (403, 409),
    "file_report": (403, 409),
}


def with_client_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """List in the schema the 4xx answers of each operation, all as ``{"detail": ...}``."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = _ERROR_SCHEMA
    for path, operations in schema.get("paths", {}).items():
        for operation in operations.values():
            # 400: a NUL character in query or body (core.middleware.NulCharacterMiddleware).
            codes = {400, 401, 422}
            if "{" in path:
                codes.add(404)
            name = operation.get("operationId", "").rsplit("_api_", 1)[-1]
            codes.update(_OWN_ERRORS.get(name, ()))
            # ninja keys an operation's own responses by int; JSON needs one key per code
            # (Swagger's YAML parser refuses a schema with both 409 and "409").
            responses = {str(k): v for k, v in operation.get("responses", {}).items()}
            operation["responses"] = responses
            for code in sorted(codes):
                responses.setdefault(
                    str(code),
                    {
                        "description": _REASONS[code],
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                        },
                    },
                )
    return schema


class PatAPI(NinjaAPI):
    """The API; its OpenAPI schema lists the client errors of every operation."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        return with_client_errors(super().get_openapi_schema(*args, **kwargs))


api = PatAPI(
    title="PAT API",
    version="1",
    urls_namespace="api",
    auth=API_AUTH,
    docs_decorator=docs_access,
    description="The Project Assistance Toolkit. Authenticate with the browser session or "
    "`Authorization: Bearer <token>` (tokens are made with `pat token USERNAME`).",
)
api.add_router("/", projects_router)
api.add_router("/", termbase_router)
api.add_router("/", guide_router)
api.add_router("/", markers_router)
api.add_router("/", proposals_router)
api.add_router("/", reviews_router)


@api.exception_handler(EditConflict)
def edit_conflict(request: HttpRequest, error: EditConflict) -> HttpResponse:
    """The one 409 of the API: a write based on a version that moved on wrote nothing."""
    return api.create_response(
        request, {"detail": str(error), "version": error.current_version}, status=409
    )


api.add_router("/", staffing_router)
api.add_router("/", network_router)
api.add_router("/", reporting_router)
api.add_router("/", recruitment_router)

api.add_router("/", appointments_router)
api.add_router("/programme/events", events_router)
api.add_router("/programme/trainings/", training_router)
