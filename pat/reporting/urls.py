from django.urls import path

from pat.reporting import views

app_name = "reporting"

urlpatterns = [
    path("results/", views.reach, name="reach"),
    path("results/export.<str:fmt>", views.reach_export, name="reach-export"),
    path("project/<str:code>/", views.project_reports, name="project"),
    path("project/<str:code>/results/", views.project_results, name="results"),
    path(
        "project/<str:code>/results/export.<str:fmt>",
        views.project_results_export,
        name="results-export",
    ),
    path("period/<int:pk>/start/", views.report_start, name="start"),
    path("<int:pk>/", views.report_page, name="report"),
    path("<int:pk>/template.xlsx", views.report_template, name="template"),
    path("<int:pk>/upload/", views.report_upload, name="upload"),
    path("review/<int:pk>/decide/", views.review_decide, name="decide"),
]
