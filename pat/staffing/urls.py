from django.urls import path

from pat.staffing import views

app_name = "staffing"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("charts/<slug:kind>.<str:fmt>", views.chart, name="chart"),
    path("download.xlsx", views.download, name="download"),
    path("import/", views.roster_import, name="import"),
    path("import/<uuid:pk>/", views.job, name="job"),
]
