"""The JSON API under /api/v1/, assembled from each app's router (OpenAPI at /api/v1/openapi.json)."""

from ninja import NinjaAPI

from pat.core.api_auth import API_AUTH
from pat.projects.api import router as projects_router

api = NinjaAPI(
    title="PAT API",
    version="1",
    urls_namespace="api",
    auth=API_AUTH,
    description="The Project Assistance Toolkit. Authenticate with the browser session or "
    "`Authorization: Bearer <token>` (tokens are made with `pat token USERNAME`).",
)
api.add_router("/", projects_router)
