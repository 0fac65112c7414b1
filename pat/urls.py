from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from pat.api import api
from pat.projects.views import home

urlpatterns = [
    # The home page lists the user's projects, so the projects app serves it.
    path("", home, name="home"),
    path("", include("pat.core.urls")),
    path("accounts/", include("pat.accounts.urls")),
    path("projects/", include("pat.projects.urls")),
    path("terminology/", include("pat.termbase.urls")),
    path("guide/", include("pat.guide.urls")),
    path("markers/", include("pat.markers.urls")),
    path("proposals/", include("pat.proposals.urls")),
    path("reviews/", include("pat.reviews.urls")),
    path("staffing/", include("pat.staffing.urls")),
    path("network/", include("pat.network.urls")),
    path("evaluations/", include("pat.evaluations.urls")),
    path("pilot-fund/", include("pat.pilotfund.urls")),
    path("reports/", include("pat.reporting.urls")),
    path("iati/", include("pat.iati.urls")),
    path("recruitment/", include("pat.recruitment.urls")),
    path("vacancies/", include("pat.recruitment.public_urls")),
    path("appointments/", include("pat.appointments.urls")),
    path("events/", include("pat.events.urls")),
    path("revisions/", include("pat.revisions.urls")),
    path("training/", include("pat.training.urls")),
    path("bulletin/", include("pat.bulletin.urls")),
    path("api/v1/", api.urls),
    # Choosing a language must work on the sign-in page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]
