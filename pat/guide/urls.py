from django.urls import path

from pat.guide import views

app_name = "guide"

urlpatterns = [
    path("", views.index, name="index"),
    path("search/", views.search_view, name="search"),
    path("new/", views.page_new, name="new"),
    path("kit/", views.kit_download, name="kit"),
    path("kit/guide.pdf", views.guide_pdf, name="pdf"),
    path("library/", views.library, name="library"),
    path("library/new/", views.document_new, name="document-new"),
    path("library/<int:pk>/", views.document_detail, name="document"),
    path("library/<int:pk>/download/", views.document_download, name="document-download"),
    path("library/<int:pk>/remove/", views.document_remove, name="document-remove"),
    path("<slug:key>/", views.page_detail, name="page"),
    path("<slug:key>/guidance/", views.guidance, name="guidance"),
    path("<slug:key>/edit/", views.page_edit, name="edit"),
    path("<slug:key>/history/", views.page_history, name="history"),
    path("<slug:key>/history/<str:lang>/<int:version>/", views.revision_detail, name="revision"),
    path(
        "<slug:key>/history/<str:lang>/<int:version>/restore/",
        views.revision_restore,
        name="restore",
    ),
]
