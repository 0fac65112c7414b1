"""A URL configuration with only the apps these tests need.

Used when PAT_TERMBASE_OWN_URLS=1, so the term base can be tested while another app's URLs
are being rebuilt; the normal run uses pat.urls.
"""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language
from ninja import NinjaAPI

from pat.core.api_auth import API_AUTH
from pat.termbase.api import router

api = NinjaAPI(title="PAT API (term base tests)", version="1", urls_namespace="api", auth=API_AUTH)
api.add_router("/", router)

urlpatterns = [
    path("", include("pat.core.urls")),
    path("projects/", include("pat.projects.urls")),
    path("terminology/", include("pat.termbase.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
]
