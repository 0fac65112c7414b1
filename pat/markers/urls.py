from django.urls import path

from pat.markers import views

app_name = "markers"

urlpatterns = [
    # Before the project pattern, so "portfolio" is never read as a project code.
    path("portfolio/", views.portfolio_view, name="portfolio"),
    path("<str:code>/", views.marker_page, name="project"),
    path("<str:code>/<str:scheme>/", views.marker_save, name="save"),
    path("<str:code>/<str:scheme>/preview/", views.marker_preview, name="preview"),
]
