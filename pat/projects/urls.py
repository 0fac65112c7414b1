from django.urls import path

from pat.projects import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_create, name="create"),
    path("changes/", views.change_feed, name="feed"),
    path("export.<str:fmt>", views.project_export, name="export"),
    path("exports/", views.export_start, name="export-start"),
    path("exports/<int:pk>/", views.export_status, name="export-status"),
    path("exports/<int:pk>/file", views.export_download, name="export-file"),
    path("<str:code>/", views.project_detail, name="detail"),
    path("<str:code>/edit/", views.project_edit, name="edit"),
    path("<str:code>/results/", views.project_results, name="results"),
    path("<str:code>/beneficiaries/", views.project_beneficiaries, name="beneficiaries"),
    path("<str:code>/documents/new/", views.document_upload, name="document-add"),
    path("<str:code>/documents/<int:document_id>/", views.document_download, name="document"),
]
