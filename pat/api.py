"""The JSON API under /api/v1/, assembled from each app's router (OpenAPI: /api/v1/openapi.json)."""

from ninja import NinjaAPI

from pat.core.api_auth import API_AUTH
from pat.guide.api import router as guide_router
from pat.markers.api import router as markers_router
from pat.network.api import router as network_router
from pat.projects.api import router as projects_router
from pat.proposals.api import router as proposals_router
from pat.reviews.api import router as reviews_router
from pat.termbase.api import router as termbase_router

api = NinjaAPI(
    title="PAT API",
    version="1",
    urls_namespace="api",
    auth=API_AUTH,
    description="The Project Assistance Toolkit. Authenticate with the browser session or "
    "`Authorization: Bearer <token>` (tokens are made with `pat token USERNAME`).",
)
api.add_router("/", projects_router)
api.add_router("/", termbase_router)
api.add_router("/", guide_router)
api.add_router("/", markers_router)
api.add_router("/", proposals_router)
api.add_router("/", reviews_router)
api.add_router("/", network_router)
