"""Throwaway: PAT's URLs plus the reviews pages and API router (see tests/reviews/settings.py)."""

from django.urls import include, path

from pat.api import api
from pat.reviews.api import router

# Before pat.urls reads api.urls, which fixes the API's routes.
if not any(r is router for _prefix, r in api._routers):
    api.add_router("/", router)

from pat.urls import urlpatterns as pat_urlpatterns  # noqa: E402

urlpatterns = [path("reviews/", include("pat.reviews.urls")), *pat_urlpatterns]
